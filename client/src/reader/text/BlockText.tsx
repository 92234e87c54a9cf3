// One block of the canonical text, rendered from its pieces: marks, passage highlights and footnote markers.
import { memo, type ReactNode } from "react";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { blockAttr, segmentBlock, type HighlightRange, type Piece } from "./anchoring.ts";
import { draftHighlightId } from "./draft-highlight.ts";
import { FootnoteMarker } from "./FootnoteMarker.tsx";
import { withMarks } from "./marks.tsx";
import { groupIntoRuns, runBoundaries } from "./runs.ts";

export interface BlockTextProps {
  block: Block;
  highlights: HighlightRange[];
  activeThreadId: string | null;
  onHighlightClick: (threadId: string) => void;
}

function renderPiece(
  piece: Piece,
  index: number,
  props: BlockTextProps,
  hiddenIds: ReadonlySet<string>,
): ReactNode {
  if (piece.kind === "footnote") {
    // Keyed by place, not index: a highlight added before it must not close an open note.
    return (
      <FootnoteMarker key={`fn-${piece.offset}-${piece.marker}`} marker={piece.marker} note={piece.note} />
    );
  }
  const node = withMarks(piece.text, piece.marks);
  if (piece.highlights.length === 0) return <span key={index}>{node}</span>;
  const threads = piece.highlights.filter((id) => id !== draftHighlightId);
  const draft = threads.length < piece.highlights.length;
  const active = props.activeThreadId !== null && threads.includes(props.activeThreadId);
  // Hidden threads' passages stay findable (a moderator may open them) but dimmed; only the others count for depth.
  const shown = threads.filter((id) => !hiddenIds.has(id)).length;
  const dimmed = shown === 0 && threads.length > 0 && !draft;
  const depth = Math.min(shown, 3);
  const last = threads.at(-1);
  return (
    <mark
      key={index}
      className={`hl hl-${depth}${dimmed ? " hl-hidden" : ""}${active ? " active" : ""}${draft ? " draft" : ""}`}
      data-threads={threads.join(" ")}
      onClick={last ? () => props.onHighlightClick(last) : undefined}
    >
      {node}
    </mark>
  );
}

/** The text of a block with data-block-id, so selections inside it map back to offsets. */
export const BlockText = memo(function BlockText(props: BlockTextProps) {
  const { block } = props;
  const pieces = segmentBlock(block.text, block.marks ?? [], block.footnotes, props.highlights);
  const hiddenIds = new Set(props.highlights.filter((range) => range.hidden).map((range) => range.id));
  const bounds = runBoundaries(block.text);
  const content =
    bounds.length === 0
      ? pieces.map((piece, index) => renderPiece(piece, index, props, hiddenIds))
      : groupIntoRuns(pieces, bounds).map((run, runIndex) => (
          <span key={`run-${runIndex}`} className="run">
            {run.map((piece, index) => renderPiece(piece, index, props, hiddenIds))}
          </span>
        ));
  const attrs = { [blockAttr]: block.anchorId, className: `text ${block.kind}` };
  switch (block.kind) {
    case "title":
      return <h1 {...attrs}>{content}</h1>;
    case "heading":
      return (
        <h2 {...attrs} id={`h-${block.anchorId}`}>
          {content}
        </h2>
      );
    case "quote":
      return <blockquote {...attrs}>{content}</blockquote>;
    case "author":
      return <p {...attrs}>{content}</p>;
    default:
      return <p {...attrs}>{content}</p>;
  }
});
