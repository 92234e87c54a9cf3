// Validates a thread's anchor against the text of the block it names (pure).
import { boundaryProblem, quotePrefix, quoteSuffix } from "../../shared/anchoring/quote-context.ts";
import type { Anchor } from "../../shared/room-doc.ts";
import { AppError } from "./app-error.ts";

const invalid = (field: string, message: string) =>
  new AppError("validation_failed", `Invalid anchor: ${field} ${message}.`, [
    { field: `anchor.${field}`, message },
  ]);

const nfc = (text: string) => text.normalize("NFC");

/**
 * How far beyond a sent prefix or suffix (≤ 64 units) the block text is normalized to compare them: enough that
 * the cut through the block never falls in what is compared.
 */
const contextSlack = 128;

/**
 * Checks that the offsets lie inside the block on character boundaries and that the quote, prefix and suffix match
 * the text there, compared in NFC (the schema normalized the anchor; the block is normalized here). A quote
 * without offsets must occur in the block, with its prefix before it and suffix after it when given. Returns a
 * passage anchor with its quote and context taken from the block text (context cut on character boundaries,
 * shared/anchoring/quote-context.ts); throws a 400 naming `anchor.<field>` otherwise.
 */
export function validateAnchor(anchor: Anchor, blockText: string | undefined): Anchor {
  if (blockText === undefined) throw invalid("blockId", "does not name a block of this room's version");
  const { start, end } = anchor;
  if (start === undefined || end === undefined) {
    const quote = `${anchor.prefix ?? ""}${anchor.exact ?? ""}${anchor.suffix ?? ""}`;
    if (quote && !nfc(blockText).includes(quote)) {
      throw anchor.exact === undefined
        ? invalid("prefix", "and suffix do not occur in the block")
        : invalid("exact", "does not occur in the block (with the prefix and suffix given)");
    }
    return anchor;
  }
  if (end > blockText.length)
    throw invalid("end", `is past the end of the block (${blockText.length} characters)`);
  for (const [field, offset] of [
    ["start", start],
    ["end", end],
  ] as const) {
    const problem = boundaryProblem(blockText, offset);
    if (problem) throw invalid(field, problem);
  }
  const text = blockText.slice(start, end);
  if (anchor.exact !== undefined && anchor.exact !== nfc(text)) {
    throw invalid("exact", "does not match the text at start–end");
  }
  const before = nfc(blockText.slice(Math.max(0, start - contextSlack), start));
  if (anchor.prefix !== undefined && !before.endsWith(anchor.prefix)) {
    throw invalid("prefix", "does not match the text before start");
  }
  const after = nfc(blockText.slice(end, end + contextSlack));
  if (anchor.suffix !== undefined && !after.startsWith(anchor.suffix)) {
    throw invalid("suffix", "does not match the text after end");
  }
  // Stored as the block says it, with the context cut by the one shared rule, whatever form the client sent.
  return {
    blockId: anchor.blockId,
    start,
    end,
    exact: text,
    prefix: quotePrefix(blockText, start),
    suffix: quoteSuffix(blockText, end),
  };
}
