// Importing annotations into a room: the shapes of the files read (W3C Web Annotations after JSON-LD compaction,
// Hypothesis exports) and of the report the import answers with.
import { z } from "zod";

/** Largest number of annotations (threads and replies together) in one imported file. */
export const importItemsMax = 2_000;
/** Deepest nesting of objects and arrays an imported file may have (Scholia's own exports nest ~40 deep). */
export const importDepthMax = 100;
/** Longest id, quote, name or date string taken from a file; bodies are bounded by limits.bodyMax later. */
const short = z.string().max(2_000, "must be at most 2000 characters");
const long = z.string().max(200_000, "must be at most 200000 characters");

/** One value or a list of them, read as a list (JSON-LD compaction writes a single value without brackets). */
const some = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.infer<T>[]);

/** A non-negative integer, as a number or (what compaction keeps of a typed literal) a string of digits. */
const offset = z.union([
  z.number().int("must be a whole number").nonnegative("must not be negative"),
  z
    .string()
    .regex(/^\d{1,9}$/u, "must be a whole number")
    .transform(Number),
]);

export interface W3cSelector {
  type?: string[];
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
  value?: string;
  refinedBy?: W3cSelector[];
}

const w3cSelectorSchema: z.ZodType<W3cSelector> = z.lazy(() =>
  z.looseObject({
    type: some(short).optional(),
    exact: long.optional(),
    prefix: short.optional(),
    suffix: short.optional(),
    start: offset.optional(),
    end: offset.optional(),
    value: short.optional(),
    refinedBy: some(w3cSelectorSchema).optional(),
  }),
);

const w3cBodySchema = z.union([
  short, // a body that is another resource, named by its IRI: nothing Scholia can show
  z.looseObject({
    type: some(short).optional(),
    value: long.optional(),
    purpose: some(short).optional(),
    format: some(short).optional(),
  }),
]);

const w3cCreatorSchema = z.union([
  short,
  z.looseObject({
    id: short.optional(),
    name: some(short).optional(),
    nickname: some(short).optional(),
    email: some(short).optional(),
  }),
]);

/** An Annotation compacted against the annotation context plus the `scholia:` prefix. */
export const w3cAnnotationSchema = z.looseObject({
  id: short.optional(),
  type: some(short),
  motivation: some(short).optional(),
  body: some(w3cBodySchema).optional(),
  bodyValue: long.optional(),
  target: some(
    z.union([
      short,
      z.looseObject({
        id: short.optional(),
        source: short.optional(),
        selector: some(w3cSelectorSchema).optional(),
      }),
    ]),
  ),
  creator: some(w3cCreatorSchema).optional(),
  created: short.optional(),
  modified: short.optional(),
  "scholia:status": z.enum(["open", "resolved"], { error: "must be open or resolved" }).optional(),
  "scholia:visibility": z
    .enum(["group", "instructors", "private"], { error: "must be group, instructors or private" })
    .optional(),
  "scholia:state": z
    .enum(["visible", "hidden", "deleted"], { error: "must be visible, hidden or deleted" })
    .optional(),
});
export type W3cAnnotation = z.infer<typeof w3cAnnotationSchema>;

const hypothesisSelectorSchema = z.looseObject({
  type: short,
  exact: long.optional(),
  prefix: short.optional(),
  suffix: short.optional(),
  start: offset.optional(),
  end: offset.optional(),
});

/** One row of a Hypothesis export (the API's annotation JSON). */
export const hypothesisRowSchema = z.looseObject({
  id: short.optional(),
  text: long.default(""),
  tags: z.array(short).max(100, "must have at most 100 tags").default([]),
  user: short.optional(),
  uri: short.optional(),
  document: z
    .looseObject({ title: z.array(short).max(10, "must have at most 10 titles").optional() })
    .nullable()
    .optional(),
  user_info: z.looseObject({ display_name: short.nullable().optional() }).nullable().optional(),
  created: short.optional(),
  updated: short.optional(),
  references: z.array(short).max(1_000, "must have at most 1000 ids").optional(),
  target: z
    .array(
      z.looseObject({ source: short.optional(), selector: z.array(hypothesisSelectorSchema).optional() }),
    )
    .optional(),
});
export type HypothesisRow = z.infer<typeof hypothesisRowSchema>;

/**
 * What the import did with each annotation of the file; `source` names it by its place in the file, its opening
 * words and its id (`annotation 3 (“the state…”; id urn:x:2)`).
 */
export const importReportSchema = z.object({
  format: z.enum(["w3c", "hypothesis"]),
  created: z.object({ threads: z.number().int(), replies: z.number().int() }),
  /** Threads whose quote was not found in the room's text, closely enough: not created, so not guessed. */
  detached: z.array(z.object({ source: z.string(), quote: z.string(), reason: z.string() })),
  skipped: z.array(z.object({ source: z.string(), reason: z.string() })),
  /** Annotations created with something changed or left out (a close match, a tag Scholia cannot hold…). */
  warnings: z.array(z.object({ source: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** The content types an import takes as the raw body, besides a multipart form with a `file`. */
export const importContentTypes = ["application/json", "application/ld+json"] as const;
