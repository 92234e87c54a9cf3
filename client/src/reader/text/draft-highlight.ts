// The passage a new thread is being written on, shown in the text like a highlight of its own.
import type { Anchor } from "../../../../shared/room-doc.ts";
import { locateAnchor, type HighlightRange } from "./anchoring.ts";

/** The highlight id of the draft's passage (thread ids are UUIDs, so it cannot be one). */
export const draftHighlightId = "draft";

/**
 * `highlights` with the draft's passage added to its block when the draft is on a passage still in `text`; the
 * same map when there is nothing to add.
 */
export function withDraftHighlight(
  highlights: ReadonlyMap<string, HighlightRange[]>,
  draft: Anchor | null,
  text: string | undefined,
): ReadonlyMap<string, HighlightRange[]> {
  const range = draft && text !== undefined ? locateAnchor(draft, text) : null;
  if (!draft || !range) return highlights;
  const next = new Map(highlights);
  next.set(draft.blockId, [...(highlights.get(draft.blockId) ?? []), { id: draftHighlightId, ...range }]);
  return next;
}
