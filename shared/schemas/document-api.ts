// Request and response shapes of the documents and rooms API.
import { z } from "zod";
import { limits } from "../limits.ts";
import { decimalInteger } from "./decimal.ts";
import { someOf } from "./some-of.ts";
import { text } from "./text.ts";
import { blockSchema, importCorrectionsSchema, importFormatSchema, importReportSchema } from "./documents.ts";
import { roomSettingsSchema } from "./room-settings.ts";

const optionalText = (max: number) =>
  text()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((value) => value || undefined);

/** A JSON list of corrections, as a form field or query value. */
const correctionsField = z
  .string()
  .max(limits.importCorrectionsBytes, `must be at most ${limits.importCorrectionsBytes} bytes of JSON`)
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a JSON list of corrections" });
      return z.NEVER;
    }
  })
  .pipe(importCorrectionsSchema);

/** Form fields (multipart) or query parameters sent with an uploaded text. */
export const uploadFieldsSchema = z.object({
  title: optionalText(limits.documentTitleMax),
  author: optionalText(limits.documentAuthorMax),
  format: importFormatSchema.optional(),
  /** "true": import and answer the blocks and report, store nothing. */
  preview: z
    .enum(["true", "false"], { error: 'must be "true" or "false"' })
    .optional()
    .transform((value) => value === "true"),
  corrections: correctionsField.optional(),
  /** An id the uploader chose, to follow the import's progress at GET /api/import-progress/{id} while it runs. */
  progress: z.uuid({ error: "must be a UUID of your choosing" }).optional(),
});

export const newDocumentFieldsSchema = uploadFieldsSchema.extend({
  groupId: z.uuid({ error: "must be the UUID of a group you own or teach" }),
});

/** A text's new title and author (an empty author clears it); at least one. */
export const updateDocumentSchema = someOf({
  title: text()
    .trim()
    .min(1, "must not be empty")
    .max(limits.documentTitleMax, `must be at most ${limits.documentTitleMax} characters`)
    .optional(),
  author: text()
    .trim()
    .max(limits.documentAuthorMax, `must be at most ${limits.documentAuthorMax} characters`)
    .optional(),
});
export type UpdateDocumentInput = z.infer<typeof updateDocumentSchema>;

/** `GET /api/groups/:groupId/rooms?removed=true`: the rooms of removed texts instead (owners, instructors). */
export const roomListQuerySchema = z.strictObject({
  removed: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional(),
});

export const documentSummarySchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  title: z.string(),
  author: z.string().nullable(),
  latestVersion: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type DocumentSummaryDto = z.infer<typeof documentSummarySchema>;

export const versionSummarySchema = z.object({
  number: z.number().int(),
  format: z.string(),
  sha256: z.string(),
  blockCount: z.number().int(),
  createdAt: z.iso.datetime(),
  /** Who uploaded it; null for the command line, the seed, or a deleted account. */
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  report: importReportSchema,
});
export type VersionSummaryDto = z.infer<typeof versionSummarySchema>;

export const documentDetailSchema = documentSummarySchema.extend({ versions: z.array(versionSummarySchema) });

export const versionDetailSchema = z.object({
  documentId: z.uuid(),
  number: z.number().int(),
  format: z.string(),
  sha256: z.string(),
  createdAt: z.iso.datetime(),
  report: importReportSchema,
  mapping: z.unknown().nullable(),
  blocks: z.array(blockSchema),
});

export const uploadResultSchema = z.object({
  created: z.boolean(),
  message: z.string(),
  document: z.object({ id: z.uuid(), title: z.string(), author: z.string().nullable() }),
  version: z.object({ number: z.number().int(), blockCount: z.number().int().optional() }),
  report: importReportSchema.optional(),
});

const comparedBlockKind = blockSchema.shape.kind;

/**
 * One step of a comparison in the reading order of the newer text: a run of unchanged blocks (anchor ids only; their
 * text is the newer version's), a changed block (both texts, word-bigram similarity 0..1), a removed block (where it
 * stood: after the blocks before it) or an added one.
 */
export const comparisonEntrySchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("unchanged"), anchorIds: z.array(z.string()) }),
  z.object({
    status: z.literal("changed"),
    oldAnchorId: z.string(),
    newAnchorId: z.string(),
    kind: comparedBlockKind,
    similarity: z.number().min(0).max(1),
    oldText: z.string(),
    newText: z.string(),
  }),
  z.object({
    status: z.literal("removed"),
    oldAnchorId: z.string(),
    kind: comparedBlockKind,
    text: z.string(),
  }),
  z.object({
    status: z.literal("added"),
    newAnchorId: z.string(),
    kind: comparedBlockKind,
    text: z.string(),
  }),
]);
export type ComparisonEntry = z.infer<typeof comparisonEntrySchema>;

/**
 * How version `to` (null: an upload not yet stored) differs from version `from`, block by block: counts of each
 * fate, the similarity threshold below which a rewritten block counts as removed plus added, and the entries.
 */
export const versionComparisonSchema = z.object({
  from: z.number().int(),
  to: z.number().int().nullable(),
  counts: z.object({
    unchanged: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    added: z.number().int(),
  }),
  threshold: z.number(),
  entries: z.array(comparisonEntrySchema),
});
export type VersionComparisonDto = z.infer<typeof versionComparisonSchema>;

/**
 * What a preview answers: the import as it would be stored (corrections applied), with nothing stored. A new
 * version's preview also answers its comparison with the document's latest version (`mapping`), and `identicalTo`
 * when the upload is an existing version (publishing it would store nothing).
 */
export const uploadPreviewSchema = z.object({
  preview: z.literal(true),
  document: z.object({ title: z.string(), author: z.string().nullable() }),
  blocks: z.array(blockSchema),
  report: importReportSchema,
  mapping: versionComparisonSchema.optional(),
  identicalTo: z.number().int().optional(),
});
export type UploadPreviewDto = z.infer<typeof uploadPreviewSchema>;

/**
 * How far an import has got: its stage (queued, then the pipeline's: lines, pages, glyphs, blocks, footnotes,
 * anchors) and, while a PDF's pages are read, the page read last of how many.
 */
export const importProgressSchema = z.object({
  stage: z.string(),
  page: z.number().int().min(1).optional(),
  pages: z.number().int().min(1).optional(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** The largest version number a Postgres integer column holds; larger ones name no version (400, not a 500). */
const versionMax = 2_147_483_647;

/** A document version number in a path (`/versions/3`). */
export const versionNumberSchema = decimalInteger(
  "must be a version number",
  z.number().positive("must be positive").max(versionMax, "is not a version number"),
);

/** A document version number in a JSON body. */
export const versionFieldSchema = z
  .number({ error: "must be a version number" })
  .int("must be a whole number")
  .positive("must be positive")
  .max(versionMax, "is not a version number");

/** `GET /api/documents/:documentId/compare?from=&to=`: the two version numbers (older or newer, either way). */
export const compareQuerySchema = z.strictObject({ from: versionNumberSchema, to: versionNumberSchema });

export const createRoomSchema = z.strictObject({
  documentId: z.uuid({ error: "must be a document UUID" }),
  version: versionFieldSchema.optional(),
});
export type CreateRoomInput = z.infer<typeof createRoomSchema>;

export const roomSchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  document: z.object({ id: z.uuid(), title: z.string(), author: z.string().nullable() }),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  settings: roomSettingsSchema,
});
export type RoomDto = z.infer<typeof roomSchema>;
