// Request and response schemas for a room's assignment: instructions, opening and due dates, extensions, snapshots.
import { z } from "zod";
import { limits } from "../limits.ts";
import { localDateTimePattern } from "../time-zone.ts";
import { text } from "./text.ts";

/**
 * A date and time as the group's clocks show it ("2027-03-28T09:30"), in the group's time zone: instructors
 * think in their class's local time, and the server turns it into an instant with the zone's rules of that day.
 */
export const localDateTimeSchema = text().regex(
  localDateTimePattern,
  "must be a local date and time like 2027-03-28T09:30 (in the group's time zone)",
);

export const assignmentInputSchema = z
  .strictObject({
    /** Markdown, rendered sanitized. */
    instructions: text({ controls: "whitespace" })
      .trim()
      .max(limits.assignmentInstructionsMax, `must be at most ${limits.assignmentInstructionsMax} characters`)
      .default(""),
    opensAt: localDateTimeSchema.nullable().default(null),
    dueAt: localDateTimeSchema,
  })
  // Same zone, same format: the strings sort as the times they name.
  .refine((input) => input.opensAt === null || input.opensAt < input.dueAt, {
    message: "must be before dueAt",
    path: ["opensAt"],
  });
export type AssignmentInput = z.infer<typeof assignmentInputSchema>;

export const extensionInputSchema = z.strictObject({ dueAt: localDateTimeSchema });
export type ExtensionInput = z.infer<typeof extensionInputSchema>;

/** An instant, and the same as the group's clocks show it. */
export const zonedTimeSchema = z.object({
  at: z.iso.datetime(),
  /** "2027-03-28T09:30" in the group's time zone. */
  local: z.string(),
});
export type ZonedTime = z.infer<typeof zonedTimeSchema>;

export const extensionSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  dueAt: zonedTimeSchema,
});
export type ExtensionDto = z.infer<typeof extensionSchema>;

export const assignmentSchema = z.object({
  instructions: z.string(),
  opensAt: zonedTimeSchema.nullable(),
  dueAt: zonedTimeSchema,
  /** The group's IANA time zone, in which `local` times are given. */
  timeZone: z.string(),
  /** The reader's own later due date, if they were given one. */
  myExtension: zonedTimeSchema.nullable(),
  /** Everyone's extensions: for owners and instructors only. */
  extensions: z.array(extensionSchema).optional(),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;

/** What a reader of a room needs to know of its state: archived or not, and its assignment. */
export const roomStateSchema = z.object({
  archived: z.boolean(),
  archivedAt: z.iso.datetime().nullable(),
  /** The group's IANA time zone, in which assignment dates are entered and shown. */
  timeZone: z.string(),
  assignment: assignmentSchema.nullable(),
});
export type RoomStateDto = z.infer<typeof roomStateSchema>;

export const participationRowSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: z.string(),
  /** The due date that applied to them (their extension, else the assignment's); null without an assignment. */
  dueAt: z.iso.datetime().nullable(),
  threads: z.number().int(),
  replies: z.number().int(),
  lateThreads: z.number().int(),
  lateReplies: z.number().int(),
});
export type ParticipationRow = z.infer<typeof participationRowSchema>;

export const snapshotSchema = z.object({
  id: z.uuid(),
  takenAt: zonedTimeSchema,
  takenBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  dueAt: zonedTimeSchema.nullable(),
  rows: z.array(participationRowSchema),
});
export type SnapshotDto = z.infer<typeof snapshotSchema>;
