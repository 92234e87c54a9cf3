// "X is replying…": the board forgets a writer after the expiry unless renewed, the card says who, and the reply box
// tells the room while something is being written and when it stops.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { typingExpiresMs, typingRenewMs } from "../../../shared/people-protocol.ts";
import { ReplyComposer } from "../reader/threads/ReplyComposer.tsx";
import { TypingNote } from "../reader/threads/TypingNote.tsx";
import { createTypingBoard, typingText } from "./typing-board.ts";
import { TypingContext } from "./use-typing.ts";

const roomId = "11111111-1111-4111-8111-111111111111";
const signal = (userId: string, name: string, typing = true) => ({
  roomId,
  threadId: "t1",
  userId,
  name,
  typing,
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("typingText", () => {
  it("names one, two, or two and the number of others", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["Ana"])).toBe("Ana is replying…");
    expect(typingText(["Ana", "Bo"])).toBe("Ana and Bo are replying…");
    expect(typingText(["Ana", "Bo", "Cy"])).toBe("Ana, Bo and 1 other are replying…");
    expect(typingText(["Ana", "Bo", "Cy", "Di"])).toBe("Ana, Bo and 2 others are replying…");
  });
});

describe("the typing board in a thread card", () => {
  const renderNote = () => {
    const board = createTypingBoard("u-me");
    render(
      <TypingContext.Provider value={{ board, signal: vi.fn() }}>
        <TypingNote threadId="t1" />
      </TypingContext.Provider>,
    );
    return { board, note: screen.getByRole("status") };
  };

  it("shows who is replying, in the order they started, and forgets each after the expiry unless renewed", () => {
    const { board, note } = renderNote();
    act(() => board.receive(signal("u-ana", "Ana")));
    act(() => vi.advanceTimersByTime(typingExpiresMs - 1_000));
    act(() => board.receive(signal("u-bo", "Bo")));
    act(() => board.receive(signal("u-ana", "Ana")));
    expect(note.textContent).toBe("Ana and Bo are replying…");
    act(() => vi.advanceTimersByTime(typingExpiresMs - 1));
    expect(note.textContent).toBe("Ana and Bo are replying…");
    act(() => vi.advanceTimersByTime(1));
    expect(note.textContent).toBe("");
  });

  it("drops a writer at once when they stop, and ignores this reader's own tabs and other threads", () => {
    const { board, note } = renderNote();
    act(() => board.receive(signal("u-me", "Me")));
    act(() => board.receive({ ...signal("u-ana", "Ana"), threadId: "t2" }));
    expect(note.textContent).toBe("");
    act(() => board.receive(signal("u-ana", "Ana")));
    expect(note.textContent).toBe("Ana is replying…");
    act(() => board.receive(signal("u-ana", "Ana", false)));
    expect(note.textContent).toBe("");
  });
});

describe("the reply box's signal", () => {
  const renderBox = () => {
    const send = vi.fn();
    const onSubmit = vi.fn();
    const view = render(
      <TypingContext.Provider value={{ board: createTypingBoard("u-me"), signal: send }}>
        <ReplyComposer threadId="t1" authorName="Ana" onSubmit={onSubmit} onCancel={vi.fn()} />
      </TypingContext.Provider>,
    );
    return { send, onSubmit, view, box: screen.getByRole("textbox", { name: "Reply to Ana" }) };
  };

  it("says typing on the first keystroke, renews it no more often than agreed, and stops when cleared", () => {
    const { send, box } = renderBox();
    fireEvent.change(box, { target: { value: "I" } });
    expect(send.mock.calls).toEqual([["t1", true]]);
    fireEvent.change(box, { target: { value: "I think" } });
    expect(send).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(typingRenewMs));
    fireEvent.change(box, { target: { value: "I think so" } });
    expect(send.mock.calls).toEqual([
      ["t1", true],
      ["t1", true],
    ]);
    fireEvent.change(box, { target: { value: "" } });
    expect(send).toHaveBeenLastCalledWith("t1", false);
  });

  it("stops when the reply is sent, and when the box closes", () => {
    const { send, onSubmit, box, view } = renderBox();
    fireEvent.change(box, { target: { value: "Agreed." } });
    fireEvent.click(screen.getByRole("button", { name: "Reply" }));
    expect(onSubmit).toHaveBeenCalledWith("Agreed.");
    expect(send).toHaveBeenLastCalledWith("t1", false);
    fireEvent.change(box, { target: { value: "And more" } });
    expect(send).toHaveBeenLastCalledWith("t1", true);
    view.unmount();
    expect(send).toHaveBeenLastCalledWith("t1", false);
  });
});
