// The export request: which format and layout, and which part of the discussion (the thread list's filters and more).
import { z } from "zod";
import { threadFiltersSchema } from "./threads.ts";

export const exportFormats = ["md", "html", "pdf", "csv", "jsonld"] as const;
/**
 * md: Markdown to read or publish; html: one self-contained page to read or print; pdf: to print or archive (built
 * whole, as a job); csv: one row per thread and reply, for a spreadsheet or a notebook; jsonld: W3C Web
 * Annotations, for other annotation tools and re-import.
 */
export const exportFormatSchema = z.enum(exportFormats, {
  error: `must be one of ${exportFormats.join(", ")}`,
});
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportLayouts = ["discussion", "annotated"] as const;
/** discussion: the threads under section and paragraph; annotated: the whole text, each paragraph's threads after it. */
export const exportLayoutSchema = z.enum(exportLayouts, {
  error: `must be one of ${exportLayouts.join(", ")}`,
});
export type ExportLayout = z.infer<typeof exportLayoutSchema>;

const flag = z
  .enum(["true", "false"], { error: "must be true or false" })
  .transform((value) => value === "true");

/** A date (2026-11-30) or a date and time with its zone (2026-11-30T14:00:00Z). */
export const instantSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: "must be a date (YYYY-MM-DD) or a date and time with a zone (ISO 8601)",
  })
  // Year 0 is valid ISO 8601 but not a Postgres date.
  .refine((value) => Number(value.slice(0, 4)) >= 1, { error: "must be a date in the year 1 or later" });

export const exportQuerySchema = threadFiltersSchema
  .extend({
    format: exportFormatSchema,
    layout: exportLayoutSchema.default("discussion"),
    /**
     * The reader's words filter: only threads whose opening comment, quote, author's name or tags hold every word
     * (shared/search-words.ts). `q` is the thread list's search instead (threads and replies, English stemming).
     */
    match: threadFiltersSchema.shape.q,
    /** Resolved threads are included unless this is false (status=open says the same). */
    includeResolved: flag.default(true),
    /** Only threads on this section: the heading's block id, up to the next heading. */
    section: threadFiltersSchema.shape.blockId,
    /** Only threads on blocks from this one to `toBlock` (block ids, both included, in reading order). */
    fromBlock: threadFiltersSchema.shape.blockId,
    toBlock: threadFiltersSchema.shape.blockId,
    /** Only threads started from this instant (a date means its start, UTC). */
    since: instantSchema.optional(),
    /** Only threads started up to this instant (a date means its end, UTC). */
    until: instantSchema.optional(),
    /** CSV for Excel: a UTF-8 byte order mark first. */
    bom: flag.default(false),
    /** Only this thread (a thread id): one thread to copy or print. */
    threadId: z.uuid({ error: "must be a thread id" }).optional(),
    /** The requester's own private notes too, each with the block it is on (never anyone else's). */
    includeNotes: flag.default(false),
  })
  .strict();
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export const exportJobStates = ["queued", "running", "done", "failed"] as const;

/** A PDF export being built (`POST /api/rooms/:roomId/export-jobs`); only the user who started it sees it. */
export const exportJobSchema = z.object({
  id: z.uuid(),
  state: z.enum(exportJobStates),
  /** Blocks of the text drawn so far, of all the export covers. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  fileName: z.string(),
  /** Why it failed, in words for people (state "failed"). */
  error: z.string().optional(),
  /** Where to download the file (state "done"). */
  fileUrl: z.string().optional(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;
export const exportJobResponse = z.object({ job: exportJobSchema });
