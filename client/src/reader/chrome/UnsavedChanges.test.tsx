// The bar's count of changes not saved and its list: each change with where it belongs and why, Show for those in
// view, the same choices as on the card, and focus that comes back to the button.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as mutations from "../../../../shared/room-client/mutations.ts";
import type { FailedMutation } from "../../../../shared/room-client/room-client.ts";
import { UnsavedChangesContext, type UnsavedChanges as Unsaved } from "../state/unsaved-changes.ts";
import { buildFailure, buildThread } from "../test-factories.ts";
import { UnsavedChanges } from "./UnsavedChanges.tsx";

afterEach(cleanup);

const me = "11111111-1111-4111-8111-111111111111";
const adaThread = buildThread({ id: "t-ada", authorName: "Ada" });

function renderBar(failures: FailedMutation[], threadOf: Record<string, string> = {}) {
  const unsaved: Unsaved = {
    failures,
    retry: vi.fn(),
    discard: vi.fn(),
    discardGroup: (key) => failures.filter((item) => item.key === key),
    threadOf: (item) => threadOf[item.key],
  };
  const onShow = vi.fn();
  const view = render(
    <UnsavedChangesContext.Provider value={unsaved}>
      <UnsavedChanges threads={[adaThread]} userId={me} onShow={onShow} />
    </UnsavedChangesContext.Provider>,
  );
  return { unsaved, onShow, ...view };
}

describe("UnsavedChanges", () => {
  it("shows nothing but an empty status when every change was saved", () => {
    renderBar([]);
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("counts the changes, lists each with where it belongs and why, and shows the one in view", () => {
    const reply = buildFailure(mutations.reply(adaThread.id, "My answer", null));
    const orphan = buildFailure(mutations.reply("t-gone", "Too late", null), {
      status: 404,
      code: "not_found",
      reason: "Thread not found.",
    });
    const { onShow, unsaved } = renderBar([reply, orphan], {
      [reply.key]: adaThread.id,
      [orphan.key]: "t-gone",
    });
    expect(screen.getByRole("status").textContent).toBe("2 changes not saved");
    const button = screen.getByRole("button", { name: "2 not saved: review these changes" });
    expect(button.textContent).toContain("2 not saved");
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const panel = screen.getByRole("region", { name: "2 changes not saved" });
    expect(document.activeElement).toBe(within(panel).getByRole("heading"));
    const [first, second] = within(panel).getAllByRole("listitem");
    expect(first!.textContent).toContain("Your reply · on Ada’s thread");
    expect(first!.textContent).toContain("My answer");
    expect(first!.textContent).toContain("Something went wrong on the server");
    expect(second!.textContent).toContain("Your reply · on a thread no longer in this room");
    expect(second!.textContent).toContain("Thread not found.");
    expect(within(second!).queryByRole("button", { name: /Show/ })).toBeNull(); // nowhere to show it
    fireEvent.click(within(panel).getByRole("button", { name: "Retry all" }));
    expect(unsaved.retry).toHaveBeenCalledTimes(2);
    fireEvent.click(within(first!).getByRole("button", { name: "Show your reply" }));
    expect(onShow).toHaveBeenCalledWith(adaThread.id);
    expect(screen.queryByRole("region")).toBeNull();
  });

  it("closes on Escape and gives focus back to its button", () => {
    renderBar([buildFailure(mutations.setResolved(adaThread.id, true))], {});
    const button = screen.getByRole("button", { name: "1 not saved: review this change" });
    fireEvent.click(button);
    const panel = screen.getByRole("region", { name: "1 change not saved" });
    expect(within(panel).queryByRole("button", { name: "Retry all" })).toBeNull();
    fireEvent.keyDown(within(panel).getByRole("button", { name: "Retry resolving the thread" }), {
      key: "Escape",
    });
    expect(screen.queryByRole("region")).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
