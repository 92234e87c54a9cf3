// An annotation read from an imported file, whatever its format: what the import needs to anchor and re-create it.
import { createHash } from "node:crypto";
import type { z } from "zod";

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
  /** How the report names it: its id in the file, else its place ("items[3]"). */
  label: string;
  /** The key of the annotation this one replies to; null for a thread. */
  parentKey: string | null;
  /** Markdown (or plain) text; "" for none. */
  body: string;
  tags: string[];
  /** The passage; null for a reply, or an annotation on a whole page with no selector Scholia understands. */
  quote: SourceQuote | null;
  author: { name: string; email: string | null };
  created: Date | null;
  modified: Date | null;
  status: "open" | "resolved";
  visibility: "group" | "instructors";
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

/** A date the file gives, or null when it gives none or none that parses. */
export function dateOf(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The first problem zod found in an item, naming the item and the field ("items[3].target.selector: …"). */
export function describeIssue(label: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("");
  return `${label}${path}: ${issue.message}`;
}
