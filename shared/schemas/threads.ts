// Request schemas for thread, comment, reaction and moderation mutations.
import { z } from "zod";
import { limits } from "../limits.ts";
import { versionFieldSchema } from "./document-api.ts";
import { text } from "./text.ts";

/** Text quoted from a block: it may hold whatever the imported text holds (never U+0000). */
const quote = text({ controls: "any" });

/**
 * Where a thread sits: a block, and optionally a passage in it as a W3C TextPositionSelector (`start`, `end`) and
 * TextQuoteSelector (`exact`, `prefix`, `suffix`). Offsets count UTF-16 code units of the block's text, as
 * JavaScript strings index (an emoji outside the BMP counts 2), and must fall on character boundaries. Quotes
 * are NFC-normalized and compared with the block's text in NFC; prefix and suffix are the up-to-32 units before
 * and after the passage, cut on character boundaries (shared/anchoring/quote-context.ts).
 */
export const anchorSchema = z
  .strictObject({
    blockId: text().min(1, "must name a block").max(64, "is not a block id"),
    start: z.number().int("must be a whole number").nonnegative("must not be negative").optional(),
    end: z.number().int("must be a whole number").nonnegative("must not be negative").optional(),
    exact: quote.max(limits.quoteMax, `must be at most ${limits.quoteMax} characters`).optional(),
    prefix: quote.max(64, "must be at most 64 characters").optional(),
    suffix: quote.max(64, "must be at most 64 characters").optional(),
  })
  .refine((anchor) => (anchor.start === undefined) === (anchor.end === undefined), {
    message: "start and end must be given together",
    path: ["end"],
  })
  .refine((anchor) => anchor.start === undefined || anchor.end! > anchor.start, {
    message: "must be greater than start",
    path: ["end"],
  });

const body = text({ controls: "whitespace" })
  .trim()
  .min(1, "must not be empty")
  .max(limits.bodyMax, `must be at most ${limits.bodyMax} characters`);

/**
 * One tag: lower-cased, a letter or digit first, then also combining marks (the vowel signs of Hindi or Thai, Hebrew
 * points, the dot of a lower-cased Turkish İ: part of the letters they sit on), spaces, - and _.
 */
export const tagSchema = text()
  .trim()
  .toLowerCase()
  .min(1, "must not be empty")
  .max(limits.tagMax, `must be at most ${limits.tagMax} characters`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} _-]*$/u, "may contain letters, digits, spaces, - and _");

const tags = z
  .array(tagSchema)
  .max(limits.tagsPerThread, `must have at most ${limits.tagsPerThread} tags`)
  .transform((list) => [...new Set(list)]);

export const createThreadSchema = z.strictObject({
  anchor: anchorSchema,
  body,
  tags: tags.default([]),
  visibility: z.enum(["group", "instructors"], { error: "must be group or instructors" }).default("group"),
  /** An owner's or instructor's thread that notifies every member of the room who can see it. */
  announcement: z.boolean({ error: "must be true or false" }).optional(),
  /**
   * The number of the text version the anchor was made on (the room's when absent). When the room has moved to
   * another version since (a creation queued offline), the server carries the anchor onto the room's version, or
   * refuses with anchor_detached when that version no longer holds the passage.
   */
  version: versionFieldSchema.optional(),
});
export type CreateThreadInput = z.infer<typeof createThreadSchema>;

export const editThreadSchema = z
  .strictObject({ body: body.optional(), tags: tags.optional() })
  .refine((edit) => edit.body !== undefined || edit.tags !== undefined, {
    message: "send body or tags",
    path: ["body"],
  });
export type EditThreadInput = z.infer<typeof editThreadSchema>;

export const createCommentSchema = z.strictObject({
  parentId: z.uuid({ error: "must be a comment id" }).nullable().default(null),
  body,
});
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

export const editCommentSchema = z.strictObject({ body });
export type EditCommentInput = z.infer<typeof editCommentSchema>;

export const reactionSchema = z.strictObject({
  emoji: z.enum(limits.reactions, { error: `must be one of ${limits.reactions.join(" ")}` }),
});
export type ReactionInput = z.infer<typeof reactionSchema>;

export const hideSchema = z.strictObject({
  reason: text({ controls: "whitespace" })
    .trim()
    .min(1, "must not be empty")
    .max(500, "must be at most 500 characters"),
});
export type HideInput = z.infer<typeof hideSchema>;

export const threadFiltersSchema = z.object({
  blockId: text().max(64, "is not a block id").optional(),
  authorId: z.uuid({ error: "must be a user id" }).optional(),
  tag: text().max(limits.tagMax, `must be at most ${limits.tagMax} characters`).optional(),
  status: z.enum(["open", "resolved"], { error: "must be open or resolved" }).optional(),
  q: text().trim().max(200, "must be at most 200 characters").optional(),
  visibility: z.enum(["group", "instructors"], { error: "must be group or instructors" }).optional(),
  /** Threads started by the members of this discussion section (owners and instructors, who read every section). */
  section: z.uuid({ error: "must be a section id" }).optional(),
});
export type ThreadFilters = z.infer<typeof threadFiltersSchema>;

/** The header every mutation carries: a client-generated UUID; a retry with the same key returns the first result. */
export const idempotencyHeader = "idempotency-key";
export const idempotencyKeySchema = z.uuid({
  error: "must be a UUID generated by the client for this mutation",
});
