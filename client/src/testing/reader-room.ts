// A room as the reader tests open it: its ids, a short text of three blocks, and the REST routes the reader loads
// that text from.
import { vi } from "vitest";
import type { Block } from "../../../shared/schemas/documents.ts";
import type { RoomDoc, ThreadRecord } from "../../../shared/room-doc.ts";
import { adaId, buildThread } from "../reader/test-factories.ts";
import { serveApi, type FakeRoute } from "./fake-api.ts";

export const groupId = "11111111-1111-4111-8111-111111111111";
export const roomId = "33333333-3333-4333-8333-333333333333";
export const documentId = "44444444-4444-4444-8444-444444444444";
export const bobId = "55555555-5555-4555-8555-555555555555";
export const ada = { id: adaId, email: "ada@example.org", displayName: "Ada" };

/** Block `b<ordinal>` of kind `kind`. */
export const block = (ordinal: number, kind: Block["kind"], text: string): Block => ({
  kind,
  text,
  anchorId: `b${ordinal}`,
  ordinal,
  footnotes: [],
});

/** Version 1 of the room's text. */
export const blocks = [
  block(0, "title", "On Reading Slowly"),
  block(1, "paragraph", "The first paragraph speaks of patience."),
  block(2, "paragraph", "The second paragraph speaks of attention and of time."),
];

/** The REST routes the reader loads its text from (version 1, read by a reader of `role`), plus `extra`. */
export function textRoutes(role: string, extra: Record<string, FakeRoute> = {}) {
  return serveApi({
    [`GET /api/groups/${groupId}/rooms`]: [
      200,
      {
        rooms: [
          {
            id: roomId,
            groupId,
            document: { id: documentId, title: "On Reading Slowly", author: null },
            version: 1,
            createdAt: "2026-11-01T00:00:00.000Z",
          },
        ],
      },
    ],
    "GET /api/groups": [200, { groups: [{ id: groupId, name: "Readers", role }] }],
    [`GET /api/documents/${documentId}/versions/1`]: [200, { version: { documentId, number: 1, blocks } }],
    ...extra,
  });
}

/** Whether the window is as narrow as a phone's (the one-column reader); happy-dom's default window is. */
export const windowIsNarrow = (narrow: boolean) =>
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: narrow,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));

/** Puts a thread (buildThread with `overrides`) in the server's copy of `room`, as the server would; returns it. */
export function putThread(room: RoomDoc, overrides: Partial<ThreadRecord>): ThreadRecord {
  const { pending: _pending, ...record } = buildThread(overrides);
  room.putThread(record);
  return record;
}
