// The hand-checkable expected block list of a source text: what a careful reader wants the importer to produce.
import type { SourceText } from "./text-format.ts";
import type { CorpusBlock } from "../../test/fixtures/corpus/corpus-block.ts";

/**
 * Expected blocks in reading order: title, author (the name, without "by"/"Written by"), then every heading,
 * paragraph, quote and list item with its whole text; footnote markers are numbered 1, 2, … through the document and
 * carry their note, at the offset in the block text they follow. Running headers, footers and page numbers, and the
 * "Notes" heading of endnotes, have no block. Emphasis is an `em` mark over [start, end) of the block text.
 */
export function expectedBlocks(text: SourceText): CorpusBlock[] {
  const blocks: CorpusBlock[] = [
    { kind: "title", text: text.title },
    { kind: "author", text: text.author },
  ];
  let marker = 0;
  for (const block of text.blocks) {
    if (block.kind === "columns") continue;
    let body = "";
    const footnotes: NonNullable<CorpusBlock["footnotes"]> = [];
    const marks: NonNullable<CorpusBlock["marks"]> = [];
    for (const inline of block.inlines) {
      if (inline.type === "note") {
        marker++;
        footnotes.push({ marker: String(marker), offset: body.length, note: inline.text });
        continue;
      }
      if (inline.type === "em")
        marks.push({ type: "em", start: body.length, end: body.length + inline.text.length });
      body += inline.text;
    }
    blocks.push({
      kind: block.kind,
      text: body,
      ...(footnotes.length > 0 ? { footnotes } : {}),
      ...(marks.length > 0 ? { marks } : {}),
    });
  }
  return blocks;
}
