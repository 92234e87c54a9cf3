// What thread cards and the composer can do, routed to the room document that holds each thread.
import { useMemo } from "react";
import type { ComposerOptions } from "../../components/Composer.tsx";
import type { Anchor, ReactionRecord } from "../../../../shared/room-doc.ts";
import { MutationRejected, type RoomClient } from "../../../../shared/room-client/room-client.ts";
import type { ViewComment, ViewThread } from "./thread-view.ts";

/** What a thread card can do; the reader wires these to the RoomClient. */
export interface ThreadActions {
  reply(threadId: string, body: string, parentId: string | null): void;
  editThread(threadId: string, patch: { body?: string; tags?: string[] }): void;
  deleteThread(threadId: string): void;
  setResolved(threadId: string, resolved: boolean): void;
  /** Pin the thread ahead of the others, or unpin it (instructors and owners). */
  setPinned(threadId: string, pinned: boolean): void;
  editComment(commentId: string, body: string): void;
  deleteComment(commentId: string): void;
  react(targetId: string, emoji: string, on: boolean): void;
  /** Hide with a reason, or unhide with null (moderators). */
  hide(kind: "thread" | "comment", id: string, reason: string | null): void;
  commentsOf(threadId: string): ViewComment[];
  reactionsOf(targetId: string): ReadonlyMap<string, readonly Readonly<ReactionRecord>[]>;
}

/** Starts a thread; returns its id, or null when the document it belongs in is not open. */
export type CreateThread = (
  anchor: Anchor,
  body: string,
  tags: string[],
  options: ComposerOptions,
) => string | null;

/** What to tell the reader when the server refused a change (or it failed for another reason). */
const refusal = (what: string, error: unknown) =>
  `Could not ${what}: ${error instanceof MutationRejected ? error.message : "Something went wrong."}`;

/**
 * Thread actions for the group's document (`client`) and the instructors' (`staffClient`, null for members).
 * `announce` tells screen-reader users what happened, and why a change was refused. New threads carry `version`,
 * the number of the text version their anchor was taken on, so that the server re-anchors one that reaches it after
 * the room moved on (or refuses it, saying why).
 */
export function useThreadActions(
  client: RoomClient | null,
  staffClient: RoomClient | null,
  all: readonly ViewThread[],
  announce: (message: string) => void,
  version?: number,
): { actions: ThreadActions; createThread: CreateThread } {
  const staffThreadIds = useMemo(
    () => new Set(all.filter((thread) => thread.visibility === "instructors").map((thread) => thread.id)),
    [all],
  );
  const actions = useMemo<ThreadActions>(() => {
    const report = (what: string) => (error: unknown) => announce(refusal(what, error));
    // Each thread lives in one of the two documents; its replies and reactions go to the same one.
    const owner = (id: string): RoomClient | null =>
      staffClient && (staffThreadIds.has(id) || staffClient.room.comments.has(id)) ? staffClient : client;
    return {
      reply: (threadId, body, parentId) => {
        owner(threadId)?.reply(threadId, body, parentId).done.catch(report("send the reply"));
      },
      editThread: (threadId, patch) =>
        void owner(threadId)?.editThread(threadId, patch).catch(report("edit")),
      deleteThread: (threadId) => void owner(threadId)?.deleteThread(threadId).catch(report("delete")),
      setResolved: (threadId, resolved) => {
        owner(threadId)
          ?.setResolved(threadId, resolved)
          .catch(report(resolved ? "resolve" : "reopen"));
        announce(resolved ? "Thread resolved." : "Thread reopened.");
      },
      setPinned: (threadId, pinned) => {
        owner(threadId)
          ?.setPinned(threadId, pinned)
          .catch(report(pinned ? "pin" : "unpin"));
        announce(pinned ? "Thread pinned." : "Thread unpinned.");
      },
      editComment: (commentId, body) =>
        void owner(commentId)?.editComment(commentId, body).catch(report("edit")),
      deleteComment: (commentId) => void owner(commentId)?.deleteComment(commentId).catch(report("delete")),
      react: (targetId, emoji, on) => void owner(targetId)?.react(targetId, emoji, on).catch(report("react")),
      hide: (kind, id, reason) =>
        void owner(id)
          ?.hide(kind, id, reason)
          .catch(report(reason ? "hide" : "unhide")),
      commentsOf: (threadId) => owner(threadId)?.comments(threadId) ?? [],
      reactionsOf: (targetId) => owner(targetId)?.reactions(targetId) ?? new Map(),
    };
  }, [client, staffClient, staffThreadIds, announce]);

  const createThread = useMemo<CreateThread>(
    () =>
      (anchor, body, tags, { instructorsOnly, announcement }) => {
        const target = instructorsOnly ? staffClient : client;
        if (!target) return null;
        const { id, done } = target.createThread({
          anchor,
          body,
          tags,
          visibility: instructorsOnly ? "instructors" : "group",
          announcement,
          ...(version === undefined ? {} : { version }),
        });
        done.catch((error: unknown) => announce(refusal("start the thread", error)));
        return id;
      },
    [client, staffClient, announce, version],
  );
  return { actions, createThread };
}
