// Document blocks and import reports: the shape of an imported canonical text, shared by server and client.
import { z } from "zod";
import { limits } from "../limits.ts";

export const blockKinds = ["title", "author", "heading", "paragraph", "quote", "item", "colophon"] as const;
/**
 * What a block is. A "quote" is a paragraph of a block quotation and an "item" one entry of a list (bulleted or
 * numbered; the reader shows it as a list entry, its number being its place among the items around it). A footnote's text is not a block when the importer can tell which marker it belongs to (Markdown
 * `[^1]: …` definitions): it rides on the reference (FootnoteRef.note). Note bodies it cannot pair with a marker
 * (plain text, a definition nothing refers to) stay paragraphs, so no text is lost.
 */
export const blockKindSchema = z.enum(blockKinds);
export type BlockKind = z.infer<typeof blockKindSchema>;

/**
 * Whether blocks of a kind are body text, numbered as paragraphs ("¶ 12") and open to discussion: paragraphs, and
 * the paragraphs of quotations and lists.
 */
export const isBodyText = (kind: BlockKind): boolean =>
  kind === "paragraph" || kind === "quote" || kind === "item";

export const markTypes = ["em", "strong", "code"] as const;
/** Inline formatting over [start, end) of the block's plain text (UTF-16 offsets, as JavaScript strings index). */
export const markSchema = z.object({
  type: z.enum(markTypes),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Mark = z.infer<typeof markSchema>;

/** The text of a footnote: plain text (paragraphs separated by "\n") with its inline marks. */
export const footnoteNoteSchema = z.object({
  text: z.string(),
  marks: z.array(markSchema).optional(),
});
export type FootnoteNote = z.infer<typeof footnoteNoteSchema>;

/**
 * A footnote reference inside a block: its marker ("25"), the offset in the block text it follows, and the note's
 * text when the source has it. Versions imported before notes were attached, and markers whose note is not in the
 * text, have no `note`.
 */
export const footnoteRefSchema = z.object({
  marker: z.string().min(1),
  offset: z.number().int().nonnegative(),
  note: footnoteNoteSchema.optional(),
});
export type FootnoteRef = z.infer<typeof footnoteRefSchema>;

/** One block of a document version; anchorId is stable while kind and text do not change. */
export const blockSchema = z.object({
  kind: blockKindSchema,
  text: z.string(),
  anchorId: z.string().min(1),
  ordinal: z.number().int().nonnegative(),
  footnotes: z.array(footnoteRefSchema),
  marks: z.array(markSchema).optional(),
});
export type Block = z.infer<typeof blockSchema>;

export const importFormats = ["text", "markdown", "auto"] as const;
/** How the source should be read; "auto" picks markdown only on clear evidence. */
export const importFormatSchema = z.enum(importFormats);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** A glyph learned from the document and the letters it stood for, with how often it was replaced. */
export const ligatureRepairSchema = z.object({
  glyph: z.string(),
  replacement: z.string(),
  count: z.number().int().nonnegative(),
});
export type LigatureRepair = z.infer<typeof ligatureRepairSchema>;

/** A token the importer could not repair confidently, kept as found (or repaired by a stated guess). */
export const unresolvedTokenSchema = z.object({
  token: z.string(),
  reason: z.string(),
  blockOrdinal: z.number().int().nonnegative().optional(),
  /** The sentence of the final text the token stands in, so a person can judge it without opening the text. */
  sentence: z.string().optional(),
});
export type UnresolvedToken = z.infer<typeof unresolvedTokenSchema>;

/**
 * What a version was read from: plain text and Markdown are read as text; the others are files converted to blocks
 * (PDF by its layout; Word, EPUB and HTML through their markup).
 */
export const sourceFormats = ["text", "markdown", "pdf", "docx", "epub", "html"] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/**
 * One correction the uploader made to the imported blocks before publishing, addressing blocks by their ordinal in
 * the list as it stands when the correction is applied (the preview's ordinals for the first one): replace a block's
 * text, merge a block with the next, split a block at a UTF-16 offset, or change a block's kind.
 */
export const importCorrectionSchema = z.discriminatedUnion("op", [
  z.strictObject({
    op: z.literal("edit"),
    block: z.number().int().nonnegative(),
    text: z
      .string()
      .max(limits.correctedBlockTextMax, `must be at most ${limits.correctedBlockTextMax} characters`),
  }),
  z.strictObject({ op: z.literal("merge"), block: z.number().int().nonnegative() }),
  z.strictObject({
    op: z.literal("split"),
    block: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
  }),
  z.strictObject({ op: z.literal("kind"), block: z.number().int().nonnegative(), kind: blockKindSchema }),
]);
export type ImportCorrection = z.infer<typeof importCorrectionSchema>;

export const importCorrectionsSchema = z
  .array(importCorrectionSchema)
  .max(limits.importCorrectionsMax, `must be at most ${limits.importCorrectionsMax} corrections`);

/** A block's kind and text before or after a correction. */
const correctedBlockSchema = z.object({
  ordinal: z.number().int().nonnegative(),
  kind: blockKindSchema,
  text: z.string(),
});

/** A correction as applied: the operation and the blocks it touched, before and after. */
export const appliedCorrectionSchema = z.object({
  operation: importCorrectionSchema,
  before: z.array(correctedBlockSchema),
  after: z.array(correctedBlockSchema),
});
export type AppliedCorrection = z.infer<typeof appliedCorrectionSchema>;

export const repairKinds = ["ligature", "dehyphenation", "footnoteMarker"] as const;
/** A repair as seen in its sentence: the source's words and the words the importer made of them. */
export const repairExampleSchema = z.object({
  repair: z.enum(repairKinds),
  before: z.string(),
  after: z.string(),
});
export type RepairExample = z.infer<typeof repairExampleSchema>;

/** What the importer repaired, and what it left for a person to check. */
export const importReportSchema = z.object({
  format: z.enum(sourceFormats),
  lines: z.number().int().nonnegative(),
  /** Blocks of each kind; reports stored before a kind existed lack its key. */
  blocks: z.partialRecord(blockKindSchema, z.number().int().nonnegative()),
  ligatures: z.array(ligatureRepairSchema),
  dehyphenated: z.object({
    lineBreak: z.number().int().nonnegative(),
    pageBreak: z.number().int().nonnegative(),
    keptCompound: z.number().int().nonnegative(),
  }),
  pageBreaks: z.number().int().nonnegative(),
  pageArtefactsRemoved: z.number().int().nonnegative(),
  paragraphsJoinedAcrossPages: z.number().int().nonnegative(),
  footnoteMarkersSeparated: z.number().int().nonnegative(),
  unresolved: z.array(unresolvedTokenSchema),
  /** A few repairs of each kind in context (imports since the report gained them). */
  examples: z.array(repairExampleSchema).optional(),
  /** The uploader's corrections, in the order applied, when the version was published with any. */
  corrections: z.array(appliedCorrectionSchema).optional(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** An imported document: metadata plus its ordered blocks. */
export const importedDocumentSchema = z.object({
  title: z.string(),
  author: z.string().nullable(),
  blocks: z.array(blockSchema),
});
export type ImportedDocument = z.infer<typeof importedDocumentSchema>;
