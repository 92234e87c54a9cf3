// One block of the text with its paragraph number and its tools: the thread count, comment (+) and private note (✎).
import { memo, useContext } from "react";
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import { isBodyText, type Block } from "../../../../shared/schemas/documents.ts";
import { blockRowId } from "../dom-ids.ts";
import { HeatBar } from "../analytics/HeatBar.tsx";
import { ReaderMarks } from "../people/ReaderMarks.tsx";
import { PermissionsContext } from "../permissions.ts";
import type { HighlightRange } from "./anchoring.ts";
import { BlockText } from "./BlockText.tsx";

export interface BlockRowProps {
  block: Block;
  /** The paragraph's number, null for other kinds of block. */
  number: number | null;
  highlights: HighlightRange[];
  threadCount: number;
  hasNote: boolean;
  /** The other readers whose reading line is at this block. */
  readers: readonly PresencePerson[];
  activeId: string | null;
  /** A detached thread is being attached: the comment button attaches it to the whole block instead. */
  attaching?: boolean;
  onHighlightClick: (threadId: string) => void;
  /** Start a thread on the whole block. */
  onComment: (blockId: string) => void;
  /** Open the block's private note; `from` gets focus back when a sheet opened for it closes. */
  onNote: (blockId: string, from: HTMLElement) => void;
  /** Go to the block's threads. */
  onOpenThreads: (blockId: string, from: HTMLElement) => void;
}

/** Longest heading text in a label, in characters. */
const headingShown = 40;

/**
 * How the block's tools name it: "paragraph 4", a heading by its words ('heading “The River”', cut short), or its
 * kind.
 */
export function blockLabel(block: Pick<Block, "kind" | "text">, number: number | null): string {
  if (number !== null) return `paragraph ${number}`;
  if (block.kind !== "heading") return block.kind;
  const words = Array.from(block.text.replace(/\s+/gu, " ").trim());
  const shown =
    words.length > headingShown
      ? `${words
          .slice(0, headingShown - 1)
          .join("")
          .trimEnd()}…`
      : words.join("");
  return shown ? `heading “${shown}”` : "heading";
}

/** What a block's tools call it in a sentence ("this paragraph", "this heading"): numbered blocks are paragraphs. */
export const blockNoun = (kind: Block["kind"], number: number | null): string =>
  number !== null ? "paragraph" : kind;

/** One block with its number and tools; `id="p-<anchor id>"` is what links and the margin point at. */
export const BlockRow = memo(function BlockRow(props: BlockRowProps) {
  const { block } = props;
  const label = blockLabel(block, props.number);
  const noun = blockNoun(block.kind, props.number);
  const { write } = useContext(PermissionsContext);
  const discussable = isBodyText(block.kind) || block.kind === "heading";
  return (
    <div
      className={`row row-${block.kind}${props.threadCount > 0 ? " has-threads" : ""}`}
      id={blockRowId(block.anchorId)}
    >
      <div className="block-cell">
        {props.number !== null && (
          <span className="pnum" aria-hidden="true">
            {props.number}
          </span>
        )}
        {props.readers.length > 0 && <ReaderMarks people={props.readers} />}
        {/* Numbered paragraphs only: a title or byline has no margin of its own to carry a bar. */}
        {props.number !== null && <HeatBar blockId={block.anchorId} label={label} />}
        <BlockText
          block={block}
          highlights={props.highlights}
          activeThreadId={props.activeId}
          onHighlightClick={props.onHighlightClick}
        />
        {discussable && (
          <div className="para-tools">
            {props.threadCount > 0 && (
              <button
                type="button"
                className="para-marker"
                aria-label={`${props.threadCount} ${props.threadCount === 1 ? "thread" : "threads"} on ${label}`}
                onClick={(event) => props.onOpenThreads(block.anchorId, event.currentTarget)}
              >
                {props.threadCount}
              </button>
            )}
            {write && (
              <button
                type="button"
                className="tool"
                aria-label={props.attaching ? `Attach the thread to ${label}` : `Comment on ${label}`}
                title={props.attaching ? `Attach the thread to this ${noun}` : `Comment on this ${noun}`}
                onClick={() => props.onComment(block.anchorId)}
              >
                +
              </button>
            )}
            <button
              type="button"
              className={`tool note-tool${props.hasNote ? " has-note" : ""}`}
              aria-label={`${props.hasNote ? "Edit" : "Add"} a private note on ${label}`}
              title="Private note (only you)"
              onClick={(event) => props.onNote(block.anchorId, event.currentTarget)}
            >
              ✎
            </button>
          </div>
        )}
      </div>
    </div>
  );
});
