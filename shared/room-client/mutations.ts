// The mutations a room client makes, as queue items: REST method, path below /api/rooms/:roomId, body, what they do
// and to which record. The idempotency key is new for each; for a creation it is also the new record's id.
import type { CreateThreadInput } from "../schemas/threads.ts";
import type { PendingMutation } from "./mutation-queue.ts";

/** A mutation before it is queued (the queue stamps its version and time). */
export type MutationDraft = Omit<PendingMutation, "v" | "createdAt" | "failure">;

const newKey = (): string => globalThis.crypto.randomUUID();

/** `input` may carry `version`, the text version its anchor was taken on (see RoomClient.createThread). */
export function createThread(input: CreateThreadInput & { version?: number }): MutationDraft {
  const key = newKey();
  return { key, method: "POST", path: "/threads", body: input, kind: "thread.create", targetId: key };
}

export function reply(threadId: string, body: string, parentId: string | null): MutationDraft {
  const key = newKey();
  const path = `/threads/${threadId}/comments`;
  return { key, method: "POST", path, body: { body, parentId }, kind: "comment.create", targetId: key };
}

export function editThread(threadId: string, patch: { body?: string; tags?: string[] }): MutationDraft {
  const path = `/threads/${threadId}`;
  return { key: newKey(), method: "PATCH", path, body: patch, kind: "thread.edit", targetId: threadId };
}

export function deleteThread(threadId: string): MutationDraft {
  const path = `/threads/${threadId}`;
  return { key: newKey(), method: "DELETE", path, kind: "thread.delete", targetId: threadId };
}

export function setResolved(threadId: string, resolved: boolean): MutationDraft {
  const action = resolved ? "resolve" : "reopen";
  const path = `/threads/${threadId}/${action}`;
  return { key: newKey(), method: "POST", path, kind: `thread.${action}`, targetId: threadId };
}

/** Pins the thread ahead of the others (instructors and owners), or unpins it. */
export function setPinned(threadId: string, pinned: boolean): MutationDraft {
  const action = pinned ? "pin" : "unpin";
  const path = `/threads/${threadId}/${action}`;
  return { key: newKey(), method: "POST", path, kind: `thread.${action}`, targetId: threadId };
}

export function editComment(commentId: string, body: string): MutationDraft {
  const path = `/comments/${commentId}`;
  return { key: newKey(), method: "PATCH", path, body: { body }, kind: "comment.edit", targetId: commentId };
}

export function deleteComment(commentId: string): MutationDraft {
  const path = `/comments/${commentId}`;
  return { key: newKey(), method: "DELETE", path, kind: "comment.delete", targetId: commentId };
}

/** Adds (`on`) or removes the user's `emoji` on a thread or reply. */
export function react(targetId: string, emoji: string, on: boolean): MutationDraft {
  const method = on ? "PUT" : "DELETE";
  return {
    key: newKey(),
    method,
    path: `/reactions/${targetId}`,
    body: { emoji },
    kind: "reaction",
    targetId,
  };
}

/** Hides a thread or reply with a reason, or unhides it (`reason` null). */
export function hide(kind: "thread" | "comment", id: string, reason: string | null): MutationDraft {
  const path = `/${kind === "thread" ? "threads" : "comments"}/${id}/${reason === null ? "unhide" : "hide"}`;
  return {
    key: newKey(),
    method: "POST",
    path,
    ...(reason === null ? {} : { body: { reason } }),
    kind: `${kind}.hide`,
    targetId: id,
  };
}
