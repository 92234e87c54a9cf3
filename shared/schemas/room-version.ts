// Moving a room to another version of its text (POST /api/rooms/:roomId/version), and re-attaching a thread the
// move detached (POST /api/rooms/:roomId/threads/:threadId/anchor).
import { z } from "zod";
import { roomSchema, versionFieldSchema } from "./document-api.ts";
import { anchorSchema } from "./threads.ts";

export const moveRoomVersionSchema = z.strictObject({
  /** The number of the version of the room's document to read from now on. */
  version: versionFieldSchema,
});
export type MoveRoomVersionInput = z.infer<typeof moveRoomVersionSchema>;

/** The room on its new version, and how many of its threads kept, moved or lost their passage. */
export const moveRoomVersionResponseSchema = z.object({
  room: roomSchema,
  threads: z.object({
    unchanged: z.number().int(),
    moved: z.number().int(),
    detached: z.number().int(),
  }),
});

export const reattachThreadSchema = z.strictObject({
  /** A passage or block of the room's current version. */
  anchor: anchorSchema,
});
export type ReattachThreadInput = z.infer<typeof reattachThreadSchema>;
