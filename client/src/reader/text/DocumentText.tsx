// The canonical text: every block as a row, selections reported as passages, and passages shown on hover.
import { memo, useCallback, useContext, useEffect, useLayoutEffect, useRef } from "react";
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { useSelectionAnchor } from "../hooks/use-selection-anchor.ts";
import { HighlightBusContext } from "../state/highlight-bus.ts";
import type { SelectionBubble } from "../state/reader-state.ts";
import type { BlockIndex } from "../state/thread-view.ts";
import type { HighlightRange } from "./anchoring.ts";
import { BlockRow, type BlockRowProps } from "./BlockRow.tsx";
import { passageRect } from "./passage-rect.ts";

export interface DocumentTextProps extends Pick<
  BlockRowProps,
  "activeId" | "attaching" | "onHighlightClick" | "onComment" | "onNote" | "onOpenThreads"
> {
  blocks: readonly Block[];
  index: BlockIndex;
  highlights: ReadonlyMap<string, HighlightRange[]>;
  /** How many threads each block has (blocks without any may be missing). */
  threadCounts: ReadonlyMap<string, readonly unknown[]>;
  /** Blocks with a private note. */
  notes: ReadonlyMap<string, string>;
  /** The other readers at each block (blocks without any are missing). */
  readers: ReadonlyMap<string, readonly PresencePerson[]>;
  canWrite: boolean;
  onSelect: (selection: SelectionBubble | null) => void;
}

const noHighlights: HighlightRange[] = [];
const noReaders: readonly PresencePerson[] = [];

/** The text column. */
export const DocumentText = memo(function DocumentText(props: DocumentTextProps) {
  const { index } = props;
  const ref = useRef<HTMLElement>(null);
  const textOfBlock = useCallback((blockId: string) => index.byId.get(blockId)?.text, [index]);
  const readSelection = useSelectionAnchor(ref, textOfBlock, props.canWrite, props.onSelect);
  const bus = useContext(HighlightBusContext);
  // Done on the DOM directly: a hover is momentary, and re-rendering every paragraph for it would cost more than
  // it shows.
  useEffect(
    () =>
      bus.onHover((threadId, on) => {
        const marks = ref.current?.querySelectorAll(`mark[data-threads~="${CSS.escape(threadId)}"]`) ?? [];
        for (const mark of marks) mark.classList.toggle("hover", on);
      }),
    [bus],
  );
  // Before the margin lays itself out (its layout effect runs after this one), it can ask where passages are.
  useLayoutEffect(
    () =>
      bus.provideLocator((anchor) => (ref.current ? passageRect(ref.current, anchor, textOfBlock) : null)),
    [bus, textOfBlock],
  );
  return (
    <article
      ref={ref}
      className="document"
      onMouseUp={readSelection}
      onKeyUp={readSelection}
      onTouchEnd={() => setTimeout(readSelection, 0)}
    >
      {props.blocks.map((block) => (
        <BlockRow
          key={block.anchorId}
          block={block}
          number={index.paragraphNumber.get(block.anchorId) ?? null}
          highlights={props.highlights.get(block.anchorId) ?? noHighlights}
          threadCount={props.threadCounts.get(block.anchorId)?.length ?? 0}
          hasNote={props.notes.has(block.anchorId)}
          readers={props.readers.get(block.anchorId) ?? noReaders}
          activeId={props.activeId}
          attaching={props.attaching ?? false}
          onHighlightClick={props.onHighlightClick}
          onComment={props.onComment}
          onNote={props.onNote}
          onOpenThreads={props.onOpenThreads}
        />
      ))}
    </article>
  );
});
