// Reads a Hypothesis export (the API's annotation rows, bare or under `annotations`) into the import's source
// annotations: replies by their `references` chain, passages by the first target's selectors.
import { hypothesisRowSchema, type HypothesisRow } from "../../../shared/schemas/annotation-import.ts";
import {
  contentKey,
  describeIssue,
  kindOf,
  labelOf,
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

function read(row: HypothesisRow, raw: unknown, position: number): SourceAnnotation {
  const parent = row.references?.at(-1);
  const quote = parent ? null : quoteOf(row);
  return {
    key: row.id ? keyOf(row.id) : contentKey("hypothesis:", raw),
    label: labelOf(position, quote?.exact ?? row.text, row.id),
    parentKey: parent ? keyOf(parent) : null,
    body: row.text,
    tags: row.tags,
    quote,
    // Hypothesis accounts are not e-mail addresses: nobody is matched to a member by them.
    author: { name: nameOf(row), email: null },
    created: row.created ?? null,
    modified: row.updated ?? null,
    status: "open",
    visibility: "group",
    document: { uri: row.uri ?? row.target?.[0]?.source, title: row.document?.title?.[0] },
  };
}

/** The rows of a Hypothesis export; each that does not fit the schema is skipped with why. */
export function readHypothesis(rows: readonly unknown[]): SourceReading {
  const reading: SourceReading = { annotations: [], skipped: [] };
  rows.forEach((raw, index) => {
    const position = index + 1;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      const label = labelOf(position, "");
      reading.skipped.push({ source: label, reason: `${label} is ${kindOf(raw)}, not an annotation object` });
      return;
    }
    const { id, text } = raw as { id?: unknown; text?: unknown };
    const label = labelOf(
      position,
      typeof text === "string" ? text : "",
      typeof id === "string" ? id : undefined,
    );
    const parsed = hypothesisRowSchema.safeParse(raw);
    if (!parsed.success)
      reading.skipped.push({ source: label, reason: describeIssue(`annotations[${index}]`, parsed.error) });
    else reading.annotations.push(read(parsed.data, raw, position));
  });
  return reading;
}
