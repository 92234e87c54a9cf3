// Factories for client tests: threads as the room document and the optimistic overlay hold them.
import type { ViewThread } from "./state/thread-view.ts";

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
