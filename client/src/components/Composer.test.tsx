// The composer: Markdown preview that runs nothing, tags, visibility, Ctrl+Enter and Escape.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Composer, parseTags } from "./Composer.tsx";

afterEach(cleanup);

describe("Composer", () => {
  it("with a keepKey, gives its words back when built again, until they are sent or thrown away", () => {
    const onSubmit = vi.fn();
    const box = () => screen.getByRole("textbox", { name: "Reply" });
    const mount = () =>
      render(
        <Composer
          label="Reply"
          submitLabel="Reply"
          keepKey="thread:t1:reply"
          onSubmit={onSubmit}
          onCancel={() => {}}
        />,
      );
    let view = mount();
    fireEvent.change(box(), { target: { value: "Half a thought" } });
    // The card is rebuilt elsewhere (its thread moved to another paragraph): the words are still there.
    view.unmount();
    view = mount();
    expect((box() as HTMLTextAreaElement).value).toBe("Half a thought");
    fireEvent.keyDown(box(), { key: "Enter", ctrlKey: true });
    expect(onSubmit).toHaveBeenCalledWith("Half a thought", [], {
      instructorsOnly: false,
      announcement: false,
    });
    view.unmount();
    mount();
    expect((box() as HTMLTextAreaElement).value).toBe("");
  });

  it("previews Markdown safely and submits body and tags", () => {
    const onSubmit = vi.fn();
    render(<Composer label="Comment" submitLabel="Send" withTags onSubmit={onSubmit} />);
    const box = screen.getByRole("textbox", { name: "Comment" });
    fireEvent.change(box, { target: { value: "**bold** <img src=x onerror=alert(1)>" } });
    fireEvent.click(screen.getByRole("tab", { name: "Preview" }));
    const preview = screen.getByRole("tabpanel");
    expect(preview.querySelector("strong")?.textContent).toBe("bold");
    expect(preview.querySelector("img")).toBeNull();
    expect(preview.textContent).toContain("<img src=x onerror=alert(1)>");
    fireEvent.click(screen.getByRole("tab", { name: "Write" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Tags" }), {
      target: { value: "Question, #key passage" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).toHaveBeenCalledWith(
      "**bold** <img src=x onerror=alert(1)>",
      ["question", "key passage"],
      { instructorsOnly: false, announcement: false },
    );
  });

  it("refuses an empty body, sends with Ctrl+Enter and cancels with Escape", () => {
    const onSubmit = vi.fn();
    const onCancel = vi.fn();
    render(<Composer label="Reply" submitLabel="Reply" onSubmit={onSubmit} onCancel={onCancel} />);
    expect(screen.getByRole("button", { name: "Reply" })).toHaveProperty("disabled", true);
    const box = screen.getByRole("textbox", { name: "Reply" });
    fireEvent.change(box, { target: { value: "Agreed." } });
    // Keys that end an input method's composition are the input method's: nothing sent, nothing cancelled.
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true, isComposing: true });
    fireEvent.keyDown(box, { key: "Escape", isComposing: true });
    expect([onSubmit.mock.calls.length, onCancel.mock.calls.length]).toEqual([0, 0]);
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    expect(onSubmit).toHaveBeenCalledWith("Agreed.", [], { instructorsOnly: false, announcement: false });
    fireEvent.keyDown(box, { key: "Escape" });
    expect(onCancel).toHaveBeenCalled();
  });

  it("gives focus back to what opened it when it is sent or cancelled, not to the page", async () => {
    function Card() {
      const [open, setOpen] = useState(false);
      return (
        <div>
          <button type="button" onClick={() => setOpen(true)}>
            Open reply
          </button>
          {open && (
            <Composer
              label="Reply"
              submitLabel="Send"
              autoFocus
              onSubmit={() => setOpen(false)}
              onCancel={() => setOpen(false)}
            />
          )}
        </div>
      );
    }
    render(<Card />);
    const opener = screen.getByRole("button", { name: "Open reply" });
    for (const close of ["send", "cancel"] as const) {
      opener.focus();
      fireEvent.click(opener);
      const box = screen.getByRole("textbox", { name: "Reply" });
      expect(document.activeElement).toBe(box);
      if (close === "send") {
        fireEvent.change(box, { target: { value: "Agreed." } });
        fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
      } else fireEvent.keyDown(box, { key: "Escape" });
      expect(screen.queryByRole("textbox", { name: "Reply" })).toBeNull();
      await waitFor(() => expect(document.activeElement).toBe(opener));
    }
  });

  it("in a modal opened from the page behind it, gives focus to the modal, not to the opener it keeps out of reach", async () => {
    // A phone: a paragraph's + in the text opens the discussion sheet (modal) with a new thread's composer; cancelled,
    // the composer goes and the sheet stays.
    function Page() {
      const [open, setOpen] = useState(false);
      return (
        <div>
          <button type="button" onClick={() => setOpen(true)}>
            Comment on paragraph 4
          </button>
          <div role="dialog" aria-modal="true" aria-label="Discussion of paragraph 4" tabIndex={-1}>
            {open && (
              <Composer
                label="Comment on this paragraph"
                submitLabel="Comment"
                autoFocus
                onSubmit={() => setOpen(false)}
                onCancel={() => setOpen(false)}
              />
            )}
          </div>
        </div>
      );
    }
    render(<Page />);
    const opener = screen.getByRole("button", { name: "Comment on paragraph 4" });
    opener.focus();
    fireEvent.click(opener);
    const box = screen.getByRole("textbox", { name: "Comment on this paragraph" });
    expect(document.activeElement).toBe(box);
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("textbox", { name: "Comment on this paragraph" })).toBeNull();
    const sheet = screen.getByRole("dialog", { name: "Discussion of paragraph 4" });
    await waitFor(() => expect(document.activeElement).toBe(sheet));
  });

  it("asks before Escape throws away writing: a second Escape discards, typing or Keep writing keeps it", () => {
    const onCancel = vi.fn();
    render(<Composer label="Reply" submitLabel="Reply" onSubmit={vi.fn()} onCancel={onCancel} />);
    const box = screen.getByRole("textbox", { name: "Reply" });
    fireEvent.change(box, { target: { value: "A thought I do not want to lose" } });
    fireEvent.keyDown(box, { key: "Escape" });
    expect(onCancel).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toContain("Discard what you wrote?");
    // Writing on withdraws the question.
    fireEvent.change(box, { target: { value: "A thought I do not want to lose, and more" } });
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.keyDown(box, { key: "Escape" });
    fireEvent.click(screen.getByRole("button", { name: "Keep writing" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect((box as HTMLTextAreaElement).value).toBe("A thought I do not want to lose, and more");
    fireEvent.keyDown(box, { key: "Escape" });
    fireEvent.keyDown(box, { key: "Escape" });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("cancels an edit left unchanged at the first Escape", () => {
    const onCancel = vi.fn();
    render(
      <Composer
        label="Edit"
        submitLabel="Save"
        initialBody="As it was"
        onSubmit={vi.fn()}
        onCancel={onCancel}
      />,
    );
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Edit" }), { key: "Escape" });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("offers instructors-only visibility when asked to", () => {
    const onSubmit = vi.fn();
    render(<Composer label="Comment" submitLabel="Send" withVisibility onSubmit={onSubmit} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Comment" }), { target: { value: "For staff" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Only instructors and owners see this" }));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).toHaveBeenCalledWith("For staff", [], { instructorsOnly: true, announcement: false });
  });

  it("offers Announcement only when asked to, and says so on submit", () => {
    const onSubmit = vi.fn();
    render(<Composer label="Comment" submitLabel="Send" onSubmit={onSubmit} />);
    expect(screen.queryByRole("checkbox", { name: /Announcement/ })).toBeNull();
    cleanup();
    render(<Composer label="Comment" submitLabel="Send" withAnnouncement onSubmit={onSubmit} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Comment" }), {
      target: { value: "Read to p. 40" },
    });
    fireEvent.click(screen.getByRole("checkbox", { name: /^Announcement/ }));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).toHaveBeenCalledWith("Read to p. 40", [], {
      instructorsOnly: false,
      announcement: true,
    });
  });

  it("normalises tags", () => {
    expect(parseTags(" A, a ,, #b ")).toEqual(["a", "b"]);
  });
});
