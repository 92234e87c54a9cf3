// What every file converter returns: the text's blocks in reading order, and the metadata the file states.
import type { DraftBlock } from "../import-text.ts";

/** A converted file: blocks (with a title block when the text has a title line) and stated title and author. */
export interface ConvertedDocument {
  blocks: DraftBlock[];
  /** The title the file's metadata gives (Word's core properties, the EPUB package, the page's title). */
  title?: string;
  /** The author the file's metadata gives. */
  author?: string;
}
