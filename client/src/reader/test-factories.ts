// Factories for client tests: threads as the room document and the optimistic overlay hold them, failed mutations,
// and thread actions as spies.
import { queueItemVersion, type MutationFailure } from "../../../shared/room-client/mutation-queue.ts";
import type { MutationDraft } from "../../../shared/room-client/mutations.ts";
import type { FailedMutation } from "../../../shared/room-client/room-client.ts";
import { vi } from "vitest";
import type { ViewComment, ViewThread } from "./state/thread-view.ts";
import type { ThreadActions } from "./state/use-thread-actions.ts";

/** A user id the factories use as the default author. */
export const adaId = "22222222-2222-4222-8222-222222222222";

/** An open, confirmed thread on block "b1" by Ada, with `overrides`. */
export function buildThread(overrides: Partial<ViewThread> = {}): ViewThread {
  return {
    id: crypto.randomUUID(),
    anchor: { blockId: "b1" },
    authorId: adaId,
    authorName: "Ada",
    createdAt: "2026-11-26T10:00:00.000Z",
    body: "A first thought",
    tags: [],
    status: "open",
    resolvedBy: null,
    visibility: "group",
    editedAt: null,
    deleted: false,
    hidden: null,
    pending: false,
    ...overrides,
  };
}

/** Mutation `draft` (from shared/room-client/mutations.ts) as failed, with `failure` overriding a 500. */
export function buildFailure(draft: MutationDraft, failure: Partial<MutationFailure> = {}): FailedMutation {
  return {
    ...draft,
    v: queueItemVersion,
    createdAt: "2026-11-26T10:10:00.000Z",
    failure: {
      status: 500,
      code: "internal",
      reason: "Something went wrong on the server. It has been logged; try again.",
      failedAt: "2026-11-26T10:10:01.000Z",
      ...failure,
    },
  };
}

/** Thread actions as spies, with `comments` as the replies they read. */
export function buildActions(comments: ViewComment[] = []): ThreadActions {
  return {
    reply: vi.fn(),
    editThread: vi.fn(),
    deleteThread: vi.fn(),
    setResolved: vi.fn(),
    setPinned: vi.fn(),
    editComment: vi.fn(),
    deleteComment: vi.fn(),
    react: vi.fn(),
    hide: vi.fn(),
    commentsOf: (threadId) => comments.filter((comment) => comment.threadId === threadId),
    reactionsOf: () => new Map(),
  };
}
