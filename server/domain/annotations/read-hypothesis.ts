// Reads a Hypothesis export (the API's annotation rows, bare or under `annotations`) into the import's source
// annotations: replies by their `references` chain, passages by the first target's selectors.
import { hypothesisRowSchema, type HypothesisRow } from "../../../shared/schemas/annotation-import.ts";
import {
  contentKey,
  dateOf,
  describeIssue,
  type SourceAnnotation,
  type SourceQuote,
  type SourceReading,
} from "./source-annotation.ts";

/** Hypothesis ids are short and only unique within Hypothesis: keyed under a prefix of their own. */
const keyOf = (id: string) => `hypothesis:${id}`;

function quoteOf(row: HypothesisRow): SourceQuote | null {
  const selectors = row.target?.[0]?.selector ?? [];
  const quote = selectors.find((selector) => selector.type === "TextQuoteSelector" && selector.exact);
  if (!quote) return null;
  const position = selectors.find(
    (selector) =>
      selector.type === "TextPositionSelector" && selector.start !== undefined && selector.end !== undefined,
  );
  return {
    exact: quote.exact!,
    prefix: quote.prefix,
    suffix: quote.suffix,
    position: position ? { start: position.start!, end: position.end! } : undefined,
  };
}

/** "acct:ann@hypothes.is" → "ann"; the display name when the export has one. */
function nameOf(row: HypothesisRow): string {
  const display = row.user_info?.display_name?.trim();
  if (display) return display;
  return /^acct:([^@]+)@/u.exec(row.user ?? "")?.[1] ?? "unknown";
}

function read(row: HypothesisRow, raw: unknown, label: string): SourceAnnotation {
  const parent = row.references?.at(-1);
  return {
    key: row.id ? keyOf(row.id) : contentKey("hypothesis:", raw),
    label,
    parentKey: parent ? keyOf(parent) : null,
    body: row.text,
    tags: row.tags,
    quote: parent ? null : quoteOf(row),
    // Hypothesis accounts are not e-mail addresses: nobody is matched to a member by them.
    author: { name: nameOf(row), email: null },
    created: dateOf(row.created),
    modified: dateOf(row.updated),
    status: "open",
    visibility: "group",
  };
}

/** The rows of a Hypothesis export; each that does not fit the schema is skipped with why. */
export function readHypothesis(rows: readonly unknown[]): SourceReading {
  const reading: SourceReading = { annotations: [], skipped: [] };
  rows.forEach((raw, index) => {
    const id = (raw as { id?: unknown } | null)?.id;
    const label = typeof id === "string" ? id.slice(0, 200) : `annotations[${index}]`;
    const parsed = hypothesisRowSchema.safeParse(raw);
    if (!parsed.success)
      reading.skipped.push({ source: label, reason: describeIssue(`annotations[${index}]`, parsed.error) });
    else reading.annotations.push(read(parsed.data, raw, label));
  });
  return reading;
}
