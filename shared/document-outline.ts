// Where a block sits in its text as readers cite it: paragraph numbers and the section (heading) it falls under.
import { isBodyText, type Block } from "./schemas/documents.ts";

/** A block's place in the outline; `paragraph` is null for blocks that are not paragraphs. */
export interface BlockPlace {
  block: Block;
  /** Paragraph number from 1, in reading order, counting body text (paragraphs, quotes, list items: what the reader numbers). */
  paragraph: number | null;
  /** The text of the nearest heading before the block (the block itself, for a heading), or null before any. */
  section: string | null;
  /** That heading's block id: two sections may share a title ("Notes"), never an id. */
  sectionId: string | null;
}

/** Each block of one version in reading order (by ordinal), with its paragraph number and section. */
export function outlineBlocks(blocks: readonly Block[]): BlockPlace[] {
  let paragraph = 0;
  let heading: Block | null = null;
  return [...blocks]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((block) => {
      if (block.kind === "heading") heading = block;
      return {
        block,
        paragraph: isBodyText(block.kind) ? (paragraph += 1) : null,
        section: heading?.text ?? null,
        sectionId: heading?.anchorId ?? null,
      };
    });
}
