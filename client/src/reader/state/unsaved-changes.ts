// Changes the server did not save, for people: what each was, what it waits on, what discarding it takes with it,
// and which thread it belongs to; and the context through which cards and the top bar retry or discard them.
import { createContext } from "react";
import { replyThreadId } from "../../../../shared/room-client/mutation-order.ts";
import type { PendingMutation } from "../../../../shared/room-client/mutation-queue.ts";
import type { FailedMutation } from "../../../../shared/room-client/room-client.ts";

/** What the reader can do about changes that were not saved, across the room's documents. */
export interface UnsavedChanges {
  /** Every failed mutation, oldest first. */
  failures: readonly FailedMutation[];
  /** Sends `key` again, with what failed with it. */
  retry(key: string): void;
  /** Drops `key` and what depends on it. */
  discard(key: string): void;
  /** What discard(`key`) would drop, `key` first; empty once it is no longer failed. */
  discardGroup(key: string): readonly Readonly<PendingMutation>[];
  /** The thread a change concerns, if it can be found. */
  threadOf(item: Readonly<PendingMutation>): string | undefined;
}

export const noUnsavedChanges: UnsavedChanges = {
  failures: [],
  retry: () => undefined,
  discard: () => undefined,
  discardGroup: () => [],
  threadOf: () => undefined,
};

export const UnsavedChangesContext = createContext<UnsavedChanges>(noUnsavedChanges);

const creations = new Set<PendingMutation["kind"]>(["thread.create", "comment.create"]);

/** True when `item` creates the record `recordId` (a new thread or reply) rather than changing it. */
export const createsRecord = (item: Readonly<PendingMutation>, recordId: string) =>
  creations.has(item.kind) && item.targetId === recordId;

/** Whether a record of the overlay exists only in this browser because its creation failed. */
export const notSaved = (record: { id: string; failures?: readonly FailedMutation[] }) =>
  record.failures?.some((item) => createsRecord(item, record.id)) ?? false;

const bodyOf = (item: Readonly<PendingMutation>) => (item.body ?? {}) as Record<string, unknown>;

/** What a change does, as the end of a sentence: "your reply", "resolving the thread", "your reaction 👍". */
export function describeChange(item: Readonly<PendingMutation>): string {
  const body = bodyOf(item);
  switch (item.kind) {
    case "thread.create":
      return "your new thread";
    case "comment.create":
      return "your reply";
    case "thread.edit":
      return body.body === undefined ? "your change of tags" : "your edit of the thread";
    case "comment.edit":
      return "your edit of the reply";
    case "thread.delete":
      return "deleting the thread";
    case "comment.delete":
      return "deleting the reply";
    case "thread.resolve":
      return "resolving the thread";
    case "thread.reopen":
      return "reopening the thread";
    case "thread.pin":
      return "pinning the thread";
    case "thread.unpin":
      return "unpinning the thread";
    case "thread.hide":
    case "comment.hide":
      return `${body.reason === undefined ? "unhiding" : "hiding"} the ${item.kind === "thread.hide" ? "thread" : "reply"}`;
    case "reaction":
      return item.method === "DELETE"
        ? `removing your reaction ${String(body.emoji)}`
        : `your reaction ${String(body.emoji)}`;
  }
}

/** `text` with its first letter in capitals. */
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The words the user typed that discarding `item` would lose: a new thread's or reply's body, or an edit. */
export function typedText(item: Readonly<PendingMutation>): string | null {
  if (item.kind !== "thread.create" && item.kind !== "comment.create" && !item.kind.endsWith(".edit"))
    return null;
  const text = bodyOf(item).body;
  return typeof text === "string" && text.trim() !== "" ? text : null;
}

const nouns: Partial<Record<PendingMutation["kind"], [string, string]>> = {
  "thread.create": ["new thread", "new threads"],
  "comment.create": ["reply", "replies"],
  reaction: ["reaction", "reactions"],
  "thread.edit": ["edit", "edits"],
  "comment.edit": ["edit", "edits"],
};

/** A count of changes by what they are, in the order first met: "2 replies and 1 reaction". */
export function summarizeChanges(items: readonly Readonly<PendingMutation>[]): string {
  const counts = new Map<string, { one: string; many: string; n: number }>();
  for (const item of items) {
    const [one, many] = nouns[item.kind] ?? ["other change", "other changes"];
    const entry = counts.get(one) ?? { one, many, n: 0 };
    entry.n += 1;
    counts.set(one, entry);
  }
  const parts = [...counts.values()].map(({ one, many, n }) => `${n} ${n === 1 ? one : many}`);
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
}

/** The question to ask before discarding `group` (what discardGroup gives), or null when nothing needs asking. */
export function discardQuestion(group: readonly Readonly<PendingMutation>[]): string | null {
  const [root, ...others] = group;
  if (!root) return null;
  const lost = group.some((item) => typedText(item) !== null);
  if (others.length === 0 && !lost) return null;
  const along = others.length > 0 ? `, with ${summarizeChanges(others)} written on it` : "";
  return `Discard ${describeChange(root)}${along}?${lost ? " What you wrote will be lost." : ""}`;
}

/** The failed mutation a dependent waits on: the first of its chain, which the user can act on. */
export function rootFailure(
  item: FailedMutation,
  failures: readonly FailedMutation[],
): FailedMutation | undefined {
  const byKey = new Map(failures.map((failure) => [failure.key, failure]));
  let root: FailedMutation | undefined;
  let next = byKey.get(item.failure.dependsOn ?? "");
  // At most one step per failure: a chain never loops, and a stored queue edited by hand must not hang the page.
  for (let steps = 0; next && steps < failures.length; steps += 1) {
    root = next;
    next = byKey.get(next.failure.dependsOn ?? "");
  }
  return root;
}

/** The server's code for a new thread whose passage is not in the text the room moved to (409). */
const anchorDetachedCode = "anchor_detached";

/** Whether sending `item` again cannot help: its passage is not in the text the room now reads. */
export const retryCannotHelp = (item: FailedMutation): boolean => item.failure.code === anchorDetachedCode;

/**
 * Why `item` was not saved: the server's reason, or for a dependent, the change it waits on. A thread written on a
 * passage the room's new text no longer has cannot succeed by retrying: the reader is told where its words are.
 */
export function failureExplanation(item: FailedMutation, failures: readonly FailedMutation[]): string {
  const root = item.failure.dependsOn ? rootFailure(item, failures) : undefined;
  if (root) return `It waits on ${describeChange(root)}, which was not saved.`;
  if (item.failure.code === anchorDetachedCode)
    return `${item.failure.reason} Your words are kept here: copy them into a thread on a passage of the new text, then discard this one.`;
  return item.failure.reason;
}

/**
 * The thread a change concerns: its target for thread changes; for replies, the thread they were posted to (from
 * `commentThread`, or from the queued creation of a reply that was never saved); for reactions, either.
 */
export function threadOfChange(
  item: Readonly<PendingMutation>,
  lookup: {
    /** The thread of a reply the replica holds. */
    commentThread(commentId: string): string | undefined;
    isThread(id: string): boolean;
    /** Queued mutations, to find replies that exist only in this browser. */
    queued: readonly Readonly<PendingMutation>[];
  },
): string | undefined {
  if (item.kind.startsWith("thread.")) return item.targetId;
  if (item.kind === "comment.create") return replyThreadId(item as PendingMutation);
  if (item.kind === "reaction" && lookup.isThread(item.targetId)) return item.targetId;
  const created = lookup.queued.find((queued) => createsRecord(queued, item.targetId));
  if (item.kind === "reaction" && created?.kind === "thread.create") return created.targetId;
  return lookup.commentThread(item.targetId) ?? (created && replyThreadId(created as PendingMutation));
}
