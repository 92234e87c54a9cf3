// A room's analytics (GET /api/rooms/:roomId/analytics): who read and wrote what, per member, per paragraph, by
// day and hour, and where the class asked questions — the request's filters and the response's shape.
import { z } from "zod";
import { instantSchema } from "./exports.ts";
import { roleSchema } from "./groups.ts";

/** The tables a CSV download may carry, one per request. */
export const analyticsTables = ["members", "paragraphs", "timeline", "confusion"] as const;
export type AnalyticsTable = (typeof analyticsTables)[number];

/**
 * Reactions that say "I am lost here": counted in the confusion report. 😕 is the confused face; ❓ marks a question
 * without writing one.
 */
export const confusedReactions = ["😕", "❓"] as const;

/** The tag that marks a thread as a question (tags are stored lower case). */
export const questionTag = "question";

export const analyticsQuerySchema = z
  .strictObject({
    /** Only activity from this instant (a date means its first instant, UTC). */
    from: instantSchema.optional(),
    /** Only activity up to this instant (a date means its last instant, UTC). */
    to: instantSchema.optional(),
    format: z.enum(["json", "csv"], { error: "must be json or csv" }).default("json"),
    /** Which table a CSV holds (required with format=csv). */
    table: z.enum(analyticsTables, { error: `must be one of ${analyticsTables.join(", ")}` }).optional(),
  })
  .refine((query) => query.format !== "csv" || query.table !== undefined, {
    path: ["table"],
    error: `is required with format=csv: one of ${analyticsTables.join(", ")}`,
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

const count = z.number().int().min(0);

/** One member's participation. Deleted words count for nobody; words hidden by a moderator still count (`hidden`). */
export const memberAnalyticsSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: roleSchema,
  threads: count,
  replies: count,
  /** Words in the member's threads and replies (runs of non-space characters). */
  words: count,
  /** Reactions the member gave to threads and replies in the room. */
  reactionsGiven: count,
  /** Reactions others gave to the member's threads and replies (their own are not counted). */
  reactionsReceived: count,
  /** Threads tagged `question` and threads or replies whose words end in a question mark. */
  questions: count,
  /** Threads and replies of the member's that a moderator hid (included in threads and replies). */
  hidden: count,
  /** Seconds with a paragraph of the room in view, as presence recorded them (Group.recordReadingTime). */
  readingSeconds: count,
  /** The part of readingSeconds with recent input (not idle). */
  activeSeconds: count,
  /** Paragraphs the member had in view at all. */
  paragraphsRead: count,
  /** The member's latest activity in the room: writing, reacting or reading (null: none). */
  lastSeen: z.iso.datetime().nullable(),
  /**
   * Threads and replies written after the room's assignment was due (or the member's extension). Null while the
   * room has no assignment to be late for.
   */
  lateWork: count.nullable(),
});
export type MemberAnalytics = z.infer<typeof memberAnalyticsSchema>;

/** The figures of a member who has not read, written or reacted yet (no assignment to be late for). */
export const noActivity: Omit<MemberAnalytics, "userId" | "displayName" | "role"> = {
  threads: 0,
  replies: 0,
  words: 0,
  reactionsGiven: 0,
  reactionsReceived: 0,
  questions: 0,
  hidden: 0,
  readingSeconds: 0,
  activeSeconds: 0,
  paragraphsRead: 0,
  lastSeen: null,
  lateWork: null,
};

/** One block of the text: the discussion on it and the reading of it. */
export const paragraphAnalyticsSchema = z.object({
  blockId: z.string(),
  /** Its place in the room's version (null: a block threads still name that the version no longer has). */
  ordinal: z.number().int().nullable(),
  threads: count,
  replies: count,
  /** Questions asked on it (as for members). */
  questions: count,
  /** People who had it in view. */
  readers: count,
  readingSeconds: count,
  activeSeconds: count,
});
export type ParagraphAnalytics = z.infer<typeof paragraphAnalyticsSchema>;

/** Threads and replies written per day of the week and hour. */
export const timelineSchema = z.object({
  /** The zone of the days and hours: UTC until groups have their own. */
  timeZone: z.string(),
  /** Seven rows, Monday first (ISO 8601), of 24 counts, hour 0 first. */
  counts: z.array(z.array(count).length(24)).length(7),
});
export type Timeline = z.infer<typeof timelineSchema>;

/** A paragraph where the class asked questions, with what made it count. */
export const confusionEntrySchema = z.object({
  blockId: z.string(),
  ordinal: z.number().int().nullable(),
  /** The paragraph's opening words, to recognise it in a spreadsheet. */
  excerpt: z.string(),
  /** Threads tagged `question` or whose words end in a question mark. */
  questionThreads: count,
  /** Replies whose words end in a question mark. */
  questionReplies: count,
  /** confusedReactions given to threads and replies on it. */
  confusedReactions: count,
  /** The sum of the three: the report's order, highest first. */
  total: count,
});
export type ConfusionEntry = z.infer<typeof confusionEntrySchema>;

export const roomAnalyticsSchema = z.object({
  /** "everyone" for instructors and owners; "self" for members and observers, who see their own numbers only. */
  scope: z.enum(["everyone", "self"]),
  from: z.iso.datetime().nullable(),
  to: z.iso.datetime().nullable(),
  /** Whether the group records reading time now (earlier rows stay counted). */
  recordsReadingTime: z.boolean(),
  members: z.array(memberAnalyticsSchema),
  /** Every block of the room's version in reading order, then blocks only threads still name. */
  paragraphs: z.array(paragraphAnalyticsSchema),
  timeline: timelineSchema,
  /** Paragraphs with at least one question, most first. */
  confusion: z.array(confusionEntrySchema),
});
export type RoomAnalytics = z.infer<typeof roomAnalyticsSchema>;
export const roomAnalyticsResponse = z.object({ analytics: roomAnalyticsSchema });
