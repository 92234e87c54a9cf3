// Factories for client tests: threads as the room document and the optimistic overlay hold them, failed mutations,
// and thread actions as spies.
import { queueItemVersion, type MutationFailure } from "../../../shared/room-client/mutation-queue.ts";
import type { MutationDraft } from "../../../shared/room-client/mutations.ts";
import type { FailedMutation } from "../../../shared/room-client/room-client.ts";
import { vi } from "vitest";
import {
  noActivity,
  type MemberAnalytics,
  type ParagraphAnalytics,
  type RoomAnalytics,
} from "../../../shared/schemas/analytics.ts";
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

/** A confirmed top-level reply by Ada to thread `threadId`, with `overrides`. */
export function buildComment(threadId: string, overrides: Partial<ViewComment> = {}): ViewComment {
  return {
    id: crypto.randomUUID(),
    threadId,
    parentId: null,
    authorId: adaId,
    authorName: "Ada",
    body: "A reply",
    createdAt: "2026-11-26T10:05:00.000Z",
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

/**
 * A room's analytics as the server answers them (scope "everyone"): Ada and Bob, reading and discussion on "b1" and
 * "b2" (the title "b0" untouched), three posts on Monday at 9 and one on Wednesday at 20 (UTC), with `overrides`.
 */
export function buildAnalytics(overrides: Partial<RoomAnalytics> = {}): RoomAnalytics {
  const member = (
    userId: string,
    displayName: string,
    figures: Partial<MemberAnalytics>,
  ): MemberAnalytics => ({
    userId,
    displayName,
    role: "member",
    ...noActivity,
    ...figures,
  });
  const paragraph = (ordinal: number, figures: Partial<ParagraphAnalytics>): ParagraphAnalytics => ({
    blockId: `b${ordinal}`,
    ordinal,
    threads: 0,
    replies: 0,
    questions: 0,
    readers: 0,
    readingSeconds: 0,
    activeSeconds: 0,
    ...figures,
  });
  const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  counts[0]![9] = 3;
  counts[2]![20] = 1;
  return {
    scope: "everyone",
    from: null,
    to: null,
    recordsReadingTime: true,
    members: [
      member(adaId, "Ada", {
        threads: 2,
        replies: 1,
        words: 41,
        questions: 1,
        readingSeconds: 754,
        paragraphsRead: 2,
      }),
      member("55555555-5555-4555-8555-555555555555", "Bob", { replies: 1, words: 7, readingSeconds: 30 }),
    ],
    paragraphs: [
      paragraph(0, {}),
      paragraph(1, { threads: 2, replies: 2, questions: 1, readers: 2, readingSeconds: 600 }),
      paragraph(2, { replies: 0, readers: 1, readingSeconds: 184 }),
    ],
    timeline: { timeZone: "UTC", counts },
    confusion: [
      {
        blockId: "b1",
        ordinal: 1,
        excerpt: "The first paragraph speaks of patience.",
        questionThreads: 1,
        questionReplies: 0,
        confusedReactions: 2,
        total: 3,
      },
    ],
    ...overrides,
  };
}
