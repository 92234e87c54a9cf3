// Validates a thread's anchor against the text of the block it names (pure).
import type { Anchor } from "../../shared/room-doc.ts";
import { AppError } from "./app-error.ts";

const invalid = (field: string, message: string) =>
  new AppError("validation_failed", `Invalid anchor: ${field} ${message}.`, [
    { field: `anchor.${field}`, message },
  ]);

/**
 * Checks that the offsets lie inside the block and that the quote matches the text there. A quote without offsets
 * must occur in the block. Returns the anchor with the quote filled in from the text when only offsets were sent.
 */
export function validateAnchor(anchor: Anchor, blockText: string | undefined): Anchor {
  if (blockText === undefined) throw invalid("blockId", "does not name a block of this room's version");
  if (anchor.start !== undefined && anchor.end !== undefined) {
    if (anchor.end > blockText.length)
      throw invalid("end", `is past the end of the block (${blockText.length} characters)`);
    const text = blockText.slice(anchor.start, anchor.end);
    if (anchor.exact !== undefined && anchor.exact !== text)
      throw invalid("exact", "does not match the text at start–end");
    return {
      ...anchor,
      exact: text,
      prefix: anchor.prefix ?? blockText.slice(Math.max(0, anchor.start - 32), anchor.start),
      suffix: anchor.suffix ?? blockText.slice(anchor.end, anchor.end + 32),
    };
  }
  if (anchor.exact !== undefined && !blockText.includes(anchor.exact))
    throw invalid("exact", "does not occur in the block");
  return anchor;
}
