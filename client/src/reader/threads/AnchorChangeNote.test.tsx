// A thread's note about the room's last version move: the moved marker that shows the old quote on demand, a
// split paragraph, and a detached thread's version of origin in the "No longer in the text" panel.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DetachedThreads } from "../margin/DetachedThreads.tsx";
import { buildActions, buildThread } from "../test-factories.ts";
import { ThreadList } from "./ThreadList.tsx";

afterEach(cleanup);

const previous = { blockId: "b2", start: 0, end: 23, exact: "The recieved manuscript" };
const moved = buildThread({
  anchor: { blockId: "b2", start: 0, end: 22, exact: "The received manuscript" },
  anchorStatus: "moved",
  anchorChange: { fromVersion: 1, toVersion: 2, previous, score: 0.93 },
});

const list = (threads = [moved]) =>
  render(
    <ThreadList
      threads={threads}
      userId="me"
      activeId={null}
      revision={0}
      actions={buildActions()}
      onActivate={vi.fn()}
    />,
  );

describe("the moved marker", () => {
  it("says in which version the passage changed, and shows the old quote only when asked, by keyboard too", () => {
    list();
    const marker = screen.getByRole("button", { name: "Passage changed in version 2" });
    expect(marker.getAttribute("aria-expanded")).toBe("false");
    const details = document.getElementById(marker.getAttribute("aria-controls")!)!;
    expect(details.hidden).toBe(true);
    expect(screen.getByText("The received manuscript")).toBeTruthy();
    marker.focus();
    fireEvent.click(marker); // a button: Enter and Space press it
    expect(marker.getAttribute("aria-expanded")).toBe("true");
    expect(details.hidden).toBe(false);
    expect(within(details).getByText("The recieved manuscript")).toBeTruthy();
    expect(within(details).getByText("Before, in version 1:")).toBeTruthy();
    fireEvent.click(marker);
    expect(details.hidden).toBe(true);
  });

  it("says when the paragraph was split, and marks nothing on threads the move left alone", () => {
    const split = buildThread({
      anchor: { blockId: "b2a" },
      anchorStatus: "moved",
      anchorChange: { fromVersion: 1, toVersion: 3, previous: { blockId: "b2" }, split: true },
    });
    const unchanged = buildThread({ body: "Untouched", anchorStatus: "unchanged" });
    list([split, unchanged]);
    const markers = screen.getAllByRole("button", { name: /Passage changed/ });
    expect(markers).toHaveLength(1);
    fireEvent.click(markers[0]!);
    expect(screen.getByText(/The paragraph was split in two/)).toBeTruthy();
    expect(screen.getByText("It was on the whole paragraph in version 1.")).toBeTruthy();
  });
});

describe("the detached panel", () => {
  const detached = buildThread({
    body: "On the lost sentence",
    anchor: previous,
    anchorStatus: "detached",
    anchorChange: { fromVersion: 1, toVersion: 2, previous },
  });

  it("is titled 'No longer in the text' and shows each thread's old quote and version, attach offered when allowed", () => {
    const onAttach = vi.fn();
    const props = {
      threads: [detached],
      userId: "me",
      activeId: null,
      revision: 0,
      actions: buildActions(),
      onActivate: vi.fn(),
    };
    const { rerender } = render(<DetachedThreads {...props} />);
    const panel = screen.getByRole("region", { name: "No longer in the text" });
    expect(within(panel).getByText("The recieved manuscript")).toBeTruthy();
    expect(within(panel).getByText("From version 1; not found in version 2.")).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: /Passage changed/ })).toBeNull();
    expect(within(panel).queryByRole("button", { name: "Attach to a passage" })).toBeNull();
    rerender(<DetachedThreads {...props} onAttach={onAttach} />);
    fireEvent.click(within(panel).getByRole("button", { name: "Attach to a passage" }));
    expect(onAttach).toHaveBeenCalledWith(detached.id);
  });
});
