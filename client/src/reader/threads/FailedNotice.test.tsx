// Thread cards with changes not saved: marked in place with the server's reason, Retry and Discard (asking first
// when words or dependents would go), dependents saying what they wait on, and pending ones looking different.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as mutations from "../../../../shared/room-client/mutations.ts";
import type { ConnectionState, FailedMutation } from "../../../../shared/room-client/room-client.ts";
import { ConnectionContext } from "../state/status-context.tsx";
import type { ViewComment, ViewThread } from "../state/thread-view.ts";
import { UnsavedChangesContext, type UnsavedChanges } from "../state/unsaved-changes.ts";
import { buildActions, buildFailure, buildThread } from "../test-factories.ts";
import { ThreadList } from "./ThreadList.tsx";

afterEach(cleanup);

const me = "11111111-1111-4111-8111-111111111111";

/** Retry and discard as spies; `groups` says what discarding each key takes along. */
function buildUnsaved(
  failures: FailedMutation[],
  groups: Record<string, FailedMutation[]> = {},
): UnsavedChanges {
  return {
    failures,
    retry: vi.fn(),
    discard: vi.fn(),
    discardGroup: (key) => groups[key] ?? failures.filter((item) => item.key === key),
    threadOf: () => undefined,
  };
}

const live: ConnectionState = { status: "live", pending: 0, network: true, signedOut: false };

function renderThread(
  thread: ViewThread,
  unsaved: UnsavedChanges,
  comments: ViewComment[] = [],
  active = true,
  connection = live,
) {
  return render(
    <ConnectionContext.Provider value={connection}>
      <UnsavedChangesContext.Provider value={unsaved}>
        <ThreadList
          threads={[thread]}
          userId={me}
          activeId={active ? thread.id : null}
          revision={0}
          actions={buildActions(comments)}
          onActivate={vi.fn()}
        />
      </UnsavedChangesContext.Provider>
    </ConnectionContext.Provider>,
  );
}

/** A thread of mine whose creation failed, as the overlay lists it. */
function failedThread(reason = "Something went wrong on the server. It has been logged; try again.") {
  const creation = buildFailure(
    mutations.createThread({ anchor: { blockId: "b1" }, body: "Lost words", tags: [], visibility: "group" }),
    { reason },
  );
  const thread = buildThread({
    id: creation.key,
    authorId: me,
    authorName: "Me",
    body: "Lost words",
    failures: [creation],
  });
  return { creation, thread };
}

/** A reply of mine whose creation failed because its thread's did. */
function dependentReply(
  thread: ViewThread,
  creation: FailedMutation,
): { reply: ViewComment; item: FailedMutation } {
  const item = buildFailure(mutations.reply(thread.id, "A reply written meanwhile", null), {
    status: 0,
    code: "dependency_failed",
    reason: `Depends on a new thread, not saved: ${creation.failure.reason}`,
    dependsOn: creation.key,
  });
  const reply: ViewComment = {
    id: item.key,
    threadId: thread.id,
    parentId: null,
    authorId: me,
    authorName: "Me",
    body: "A reply written meanwhile",
    createdAt: item.createdAt,
    editedAt: null,
    deleted: false,
    hidden: null,
    pending: false,
    failures: [item],
  };
  return { reply, item };
}

describe("a thread that was not saved", () => {
  it("says so in place with the server's reason, distinct from one still being sent, and retries", () => {
    const { creation, thread } = failedThread();
    const unsaved = buildUnsaved([creation]);
    renderThread(thread, unsaved, [], false); // even closed, the card says it
    const card = screen.getByRole("article");
    expect(within(card).getByText("Not saved", { selector: ".badge" })).toBeTruthy();
    expect(within(card).queryByText("Sending…")).toBeNull();
    const notice = within(card).getByRole("group", { name: "Not saved: your new thread" });
    expect(notice.textContent).toContain("Something went wrong on the server");
    fireEvent.click(within(notice).getByRole("button", { name: "Retry your new thread" }));
    expect(unsaved.retry).toHaveBeenCalledWith(creation.key);
    cleanup();

    renderThread(buildThread({ authorId: me, pending: true }), buildUnsaved([]));
    expect(screen.getByText("Sending…")).toBeTruthy();
    expect(screen.queryByText("Not saved", { selector: ".badge" })).toBeNull();
    expect(screen.queryByRole("group", { name: /Not saved/ })).toBeNull();
  });

  it("one still to be sent says what it waits for: the network, or signing in", () => {
    const pending = buildThread({ authorId: me, pending: true });
    renderThread(pending, buildUnsaved([]), [], false, { ...live, status: "offline", network: false });
    expect(screen.getByText("Waiting to send", { selector: ".pending-badge" })).toBeTruthy();
    cleanup();
    renderThread(pending, buildUnsaved([]), [], false, { ...live, status: "closed", signedOut: true });
    expect(screen.getByText("Waiting for sign-in", { selector: ".pending-badge" })).toBeTruthy();
  });

  it("Discard names what goes with it and asks, since words would be lost; Keep keeps it", () => {
    const { creation, thread } = failedThread();
    const { reply, item } = dependentReply(thread, creation);
    const unsaved = buildUnsaved([creation, item], { [creation.key]: [creation, item] });
    renderThread(thread, unsaved, [reply]);
    const card = screen.getByRole("article");
    const notice = within(card).getByRole("group", { name: "Not saved: your new thread" });
    fireEvent.click(within(notice).getByRole("button", { name: "Discard your new thread" }));
    const confirm = within(card).getByRole("group", { name: "Discard your new thread?" });
    expect(confirm.textContent).toContain(
      "Discard your new thread, with 1 reply written on it? What you wrote will be lost.",
    );
    expect(unsaved.discard).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(confirm).getByRole("button", { name: "Keep" }));
    fireEvent.click(within(confirm).getByRole("button", { name: "Keep" }));
    expect(within(card).queryByRole("group", { name: "Discard your new thread?" })).toBeNull();
    fireEvent.click(within(notice).getByRole("button", { name: "Discard your new thread" }));
    fireEvent.click(within(card).getByRole("button", { name: "Discard" }));
    expect(unsaved.discard).toHaveBeenCalledWith(creation.key);
  });

  it("a reply that depends on it says what it waits on; a closed card counts its replies not saved", () => {
    const { creation, thread } = failedThread("Refused for a reason.");
    const { reply, item } = dependentReply(thread, creation);
    const unsaved = buildUnsaved([creation, item]);
    renderThread(thread, unsaved, [reply]);
    const replyNotice = screen.getByRole("group", { name: "Not saved: your reply" });
    expect(replyNotice.textContent).toContain("It waits on your new thread, which was not saved.");
    expect(replyNotice.closest(".reply")?.querySelector(".failed-badge")).toBeTruthy();
    fireEvent.click(within(replyNotice).getByRole("button", { name: "Retry your reply" }));
    expect(unsaved.retry).toHaveBeenCalledWith(item.key);
    cleanup();

    renderThread(thread, unsaved, [reply], false);
    expect(screen.getByText(/1 reply\. Open the thread to retry or discard/)).toBeTruthy();
  });
});

describe("a change to a saved thread that was not saved", () => {
  it("shows on its target with the reason and the words of the edit; a lone reaction is discarded at once", () => {
    const edit = buildFailure(mutations.editThread("t", { body: "My better wording" }), {
      status: 409,
      code: "conflict",
      reason: "A moderator has hidden this thread; it cannot be edited until it is unhidden.",
    });
    const reaction = buildFailure(mutations.react("t", "🎉", true), {
      status: 404,
      reason: "Thread not found.",
    });
    const thread = buildThread({ id: "t", authorId: me, failures: [edit, reaction] });
    const unsaved = buildUnsaved([edit, reaction]);
    renderThread(thread, unsaved);
    const card = screen.getByRole("article");
    expect(within(card).queryByText("Not saved", { selector: ".badge" })).toBeNull(); // the thread itself is saved
    const editNotice = within(card).getByRole("group", { name: "Not saved: your edit of the thread" });
    expect(editNotice.textContent).toContain("Your edit of the thread was not saved. A moderator has hidden");
    expect(within(editNotice).getByText("My better wording")).toBeTruthy();
    const reactionNotice = within(card).getByRole("group", { name: "Not saved: your reaction 🎉" });
    expect(reactionNotice.textContent).toContain("Thread not found.");
    fireEvent.click(within(reactionNotice).getByRole("button", { name: "Discard your reaction 🎉" }));
    expect(unsaved.discard).toHaveBeenCalledWith(reaction.key);
  });
});
