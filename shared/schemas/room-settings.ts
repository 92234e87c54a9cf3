// The settings of one room (PATCH /api/rooms/:roomId): each setting is its own optional field, applied by its own step.
import { z } from "zod";
import { assignmentInputSchema } from "./assignments.ts";
import { someOf } from "./some-of.ts";

/**
 * One entry per setting. A new setting (an assignment, archiving) is a new entry here and a new apply step in
 * server/services/rooms/room-settings/; nothing else changes.
 */
export const roomSettingFields = {
  /** Members and observers see no one else's threads until they have started one of their own. */
  hideUntilPosted: z.boolean({ error: "must be true or false" }).optional(),
  /** While hideUntilPosted holds: whether instructors' and owners' threads stay visible to those who have not posted. */
  instructorThreadsVisible: z.boolean({ error: "must be true or false" }).optional(),
  /** The room's assignment (dates as local date-times in the group's time zone); null removes it and its extensions. */
  assignment: assignmentInputSchema.nullable().optional(),
  /** true archives the room: read-only for everyone, still readable and exportable; false reopens it. */
  archived: z.boolean({ error: "must be true or false" }).optional(),
};

/** A change of some of a room's settings: unknown fields are refused by name, and at least one must be given. */
export const updateRoomSettingsSchema = someOf(roomSettingFields)
  // An archived room's assignment is not changed; archiving comes after, in a request of its own.
  .refine((input) => !(input.archived === true && input.assignment !== undefined), {
    message: "cannot be changed in the request that archives the room: change it first, then archive",
    path: ["assignment"],
  });
export type UpdateRoomSettingsInput = z.infer<typeof updateRoomSettingsSchema>;

/** The settings as a room DTO shows them. */
export const roomSettingsSchema = z.object({
  hideUntilPosted: z.boolean(),
  instructorThreadsVisible: z.boolean(),
  /** Read-only for everyone (GET /api/rooms/{roomId}/assignment tells when, and the assignment). */
  archived: z.boolean(),
});
export type RoomSettingsDto = z.infer<typeof roomSettingsSchema>;
