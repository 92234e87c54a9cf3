// An annotation read from an imported file, whatever its format: what the import needs to anchor and re-create it.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { withArticle } from "../../../shared/text/article.ts";

/** A passage as the file describes it; every field may be missing but `exact`. */
export interface SourceQuote {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** Where the file says the passage is in the whole text (a hint: other tools count differently). */
  position?: { start: number; end: number };
  /** The block the file names (Scholia's own exports) and the offsets inside it, if given. */
  block?: { id: string; start?: number; end?: number };
}

export interface SourceAnnotation {
  /** Stable across imports of the same file: the annotation's id, else a digest of its content. */
  key: string;
  /** How the report names it: its place in the file, its opening words and its id ("annotation 3 (“the state…”; id …)"). */
  label: string;
  /** The key of the annotation this one replies to; null for a thread. */
  parentKey: string | null;
  /** Markdown (or plain) text; "" for none. */
  body: string;
  tags: string[];
  /** The passage; null for a reply, or an annotation on a whole page with no selector Scholia understands. */
  quote: SourceQuote | null;
  author: { name: string; email: string | null };
  /** Dates as the file writes them (checked against the import's clock later: import-dates.ts); null for none. */
  created: string | null;
  modified: string | null;
  status: "open" | "resolved";
  visibility: "group" | "instructors";
  /** The document the file says it annotates (a thread's target source, a Hypothesis row's uri and title). */
  document?: { uri?: string; title?: string };
  /** Why it will not be created whatever the room's text ("deleted in the source"…); undefined otherwise. */
  unsupported?: string;
}

/** What a reader makes of a file: the annotations it understood, and what it could not read, with why. */
export interface SourceReading {
  annotations: SourceAnnotation[];
  skipped: { source: string; reason: string }[];
}

/** A key for an annotation without an id: the same content gives the same key. */
export function contentKey(prefix: string, content: unknown): string {
  return `${prefix}sha256:${createHash("sha256").update(JSON.stringify(content)).digest("hex")}`;
}

/** Opening words shown in a label: enough to recognise the passage or the comment. */
const snippetMax = 40;

/**
 * How the report names the annotation at `position` (1-based, in the file's order): its place, its opening words
 * (the quote for a thread, else the comment) and its id, if it has one: `annotation 3 (“the state…”; id urn:x:2)`.
 */
export function labelOf(position: number, words: string, id?: string): string {
  const flat = words.replace(/\s+/gu, " ").trim();
  const snippet = flat.length > snippetMax ? `${[...flat].slice(0, snippetMax).join("").trimEnd()}…` : flat;
  const parts = [...(snippet ? [`“${snippet}”`] : []), ...(id ? [`id ${id.slice(0, 200)}`] : [])];
  return `annotation ${position}${parts.length > 0 ? ` (${parts.join("; ")})` : ""}`;
}

/** The id a file gave, from an annotation's key (Hypothesis ids are keyed under a prefix of their own). */
export const idOfKey = (key: string) => key.replace(/^hypothesis:/u, "");

/** What a JSON value is, for someone who wrote it: "a number", "a list", "nothing (null)". */
export function kindOf(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "a string";
  if (typeof value === "object") return "an object";
  return withArticle(typeof value);
}

/** The first problem zod found in an item, naming the item and the field ("items[3].target.selector: …"). */
export function describeIssue(label: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("");
  return `${label}${path}: ${issue.message}`;
}
