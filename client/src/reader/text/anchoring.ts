// Pure anchoring: a block's text split into render segments (marks, highlights, footnote markers), and a DOM
// selection mapped back to a block id and UTF-16 offsets into the block's plain text.
import { matchQuote } from "../../../../shared/anchoring/match-quote.ts";
import { quoteSelection } from "../../../../shared/anchoring/quote-context.ts";
import type { Anchor } from "../../../../shared/room-doc.ts";
import type { FootnoteNote } from "../../../../shared/schemas/documents.ts";
import { snapToWords } from "./word-snap.ts";

/** Attribute on the element that renders one block; its value is the block's anchor id. */
export const blockAttr = "data-block-id";
/** Attribute on rendered elements whose text is not part of the block's text (footnote markers, numbers). */
export const noOffsetAttr = "data-no-offset";

export type MarkType = "em" | "strong" | "code";

export interface TextMark {
  type: MarkType;
  start: number;
  end: number;
}

export interface FootnoteMarker {
  marker: string;
  offset: number;
  /** The note's text, when the text has it. */
  note?: FootnoteNote;
}

/** A highlighted range of a block, tagged with the thread it belongs to. */
export interface HighlightRange {
  id: string;
  start: number;
  end: number;
  /** The thread was hidden by a moderator: its passage is shown dimmed, not highlighted. */
  hidden?: boolean;
}

/** One piece of a rendered block: a run of text with uniform formatting, or a footnote marker. */
export type Piece =
  | { kind: "text"; start: number; end: number; text: string; marks: MarkType[]; highlights: string[] }
  | { kind: "footnote"; marker: string; offset: number; note?: FootnoteNote };

const markOrder: MarkType[] = ["strong", "em", "code"];

/** Splits a block's text at every mark, highlight and footnote boundary, so each piece renders with flat nesting. */
export function segmentBlock(
  text: string,
  marks: readonly TextMark[] = [],
  footnotes: readonly FootnoteMarker[] = [],
  highlights: readonly HighlightRange[] = [],
): Piece[] {
  const length = text.length;
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const cuts = new Set<number>([0, length]);
  for (const range of [...marks, ...highlights]) {
    cuts.add(clamp(range.start));
    cuts.add(clamp(range.end));
  }
  for (const ref of footnotes) cuts.add(clamp(ref.offset));
  const points = [...cuts].sort((a, b) => a - b);
  const notesAt = new Map<number, FootnoteMarker[]>();
  for (const ref of footnotes) {
    const at = clamp(ref.offset);
    notesAt.set(at, [...(notesAt.get(at) ?? []), ref]);
  }
  const pieces: Piece[] = [];
  const pushNotes = (at: number) => {
    for (const ref of notesAt.get(at) ?? [])
      pieces.push({
        kind: "footnote",
        marker: ref.marker,
        offset: at,
        ...(ref.note ? { note: ref.note } : {}),
      });
  };
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i]!;
    const end = points[i + 1]!;
    // A footnote marker follows the text before its offset, so it renders before the piece starting there.
    pushNotes(start);
    if (end <= start) continue;
    const covering = <T extends { start: number; end: number }>(list: readonly T[]) =>
      list.filter((range) => range.start <= start && range.end >= end && range.end > range.start);
    const markSet = new Set(covering(marks).map((mark) => mark.type));
    pieces.push({
      kind: "text",
      start,
      end,
      text: text.slice(start, end),
      marks: markOrder.filter((type) => markSet.has(type)),
      highlights: covering(highlights).map((range) => range.id),
    });
  }
  if (length > 0) pushNotes(length);
  else pushNotes(0);
  return pieces;
}

/** The nearest ancestor (or self) that renders a block. */
export function closestBlock(node: Node | null): Element | null {
  let current: Node | null = node;
  while (current) {
    if (current.nodeType === 1 && (current as Element).hasAttribute(blockAttr)) return current as Element;
    current = current.parentNode;
  }
  return null;
}

const isIgnored = (node: Node) => node.nodeType === 1 && (node as Element).hasAttribute(noOffsetAttr);

/** Text length a node contributes to its block's offsets (ignored subtrees contribute nothing). */
function countedLength(node: Node): number {
  if (node.nodeType === 3) return (node as Text).data.length;
  if (isIgnored(node)) return 0;
  let total = 0;
  for (const child of Array.from(node.childNodes)) total += countedLength(child);
  return total;
}

/**
 * The offset into the block's plain text of a DOM boundary point (container, offset) inside `root`, skipping text
 * in ignored elements; a point inside an ignored element maps to where that element sits. Null when outside root.
 */
export function textOffsetWithin(root: Node, container: Node, offset: number): number | null {
  let count = 0;
  const visit = (node: Node, ignored: boolean): number | null => {
    const skip = ignored || isIgnored(node);
    if (node === container) {
      if (node.nodeType === 3) return skip ? count : count + Math.min(offset, (node as Text).data.length);
      if (skip) return count;
      const children = Array.from(node.childNodes);
      for (let i = 0; i < Math.min(offset, children.length); i += 1) count += countedLength(children[i]!);
      return count;
    }
    if (node.nodeType === 3) {
      if (!skip) count += (node as Text).data.length;
      return null;
    }
    for (const child of Array.from(node.childNodes)) {
      const found = visit(child, skip);
      if (found !== null) return found;
    }
    return null;
  };
  return visit(root, false);
}

/** The boundary points of a selection, as a DOM Range gives them. */
export interface SelectionPoints {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

/**
 * A passage anchor for a selection: the block where it starts, offsets trimmed of surrounding whitespace and grown
 * to whole words, and the quote selectors. A selection running into later blocks is cut at the end of its first block. Null when empty.
 */
export function anchorFromSelection(
  points: SelectionPoints,
  textOfBlock: (blockId: string) => string | undefined,
): Anchor | null {
  const startBlock = closestBlock(points.startContainer);
  if (!startBlock) return null;
  const blockId = startBlock.getAttribute(blockAttr)!;
  const text = textOfBlock(blockId);
  if (text === undefined) return null;
  let start = textOffsetWithin(startBlock, points.startContainer, points.startOffset);
  const endBlock = closestBlock(points.endContainer);
  let end =
    endBlock === startBlock
      ? textOffsetWithin(startBlock, points.endContainer, points.endOffset)
      : text.length;
  if (start === null || end === null) return null;
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  if (end <= start) return null;
  ({ start, end } = snapToWords(text, start, end));
  return { blockId, ...quoteSelection(text, start, end) };
}

/**
 * Where a passage anchor lies in the block text today: its offsets when the quote still matches there, else where
 * the shared matcher (the one the server re-anchors with) finds its quote, prefix and suffix, the old start as
 * the position hint; null when the passage is gone or two places fit alike (the thread stays on the paragraph).
 */
export function locateAnchor(anchor: Anchor, text: string): { start: number; end: number } | null {
  if (anchor.start === undefined || anchor.end === undefined) return null;
  const { start, end, exact } = anchor;
  if (exact === undefined) return end <= text.length ? { start, end } : null;
  if (text.slice(start, end) === exact) return { start, end };
  const found = matchQuote(text, { exact, prefix: anchor.prefix, suffix: anchor.suffix }, { hint: start });
  return found && { start: found.start, end: found.end };
}
