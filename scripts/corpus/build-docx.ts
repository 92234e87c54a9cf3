// Writes the corpus's Word document with the docx package: title, author, headings, lists, a quote, emphasis, footnotes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
} from "docx";
import type { IParagraphOptions, ParagraphChild } from "docx";
import { entryDir, writeExpectations } from "./corpus-paths.ts";
import type { Inline } from "./text-format.ts";
import { readSourceText } from "./text-format.ts";

const text = readSourceText("group");
const footnotes: Record<number, { children: Paragraph[] }> = {};

function runs(inlines: Inline[]): ParagraphChild[] {
  return inlines.map((inline) => {
    if (inline.type === "em") return new TextRun({ text: inline.text, italics: true });
    if (inline.type === "text") return new TextRun(inline.text);
    const id = Object.keys(footnotes).length + 1;
    footnotes[id] = { children: [new Paragraph(inline.text)] };
    return new FootnoteReferenceRun(id);
  });
}

const paragraphs: Paragraph[] = [
  new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(text.title)] }),
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: text.byline, size: 26 })],
  }),
];
for (const block of text.blocks) {
  if (block.kind === "columns") continue;
  const options: IParagraphOptions = { children: runs(block.inlines) };
  if (block.kind === "heading")
    paragraphs.push(new Paragraph({ ...options, heading: HeadingLevel.HEADING_1 }));
  else if (block.kind === "quote") paragraphs.push(new Paragraph({ ...options, style: "Quote" }));
  else if (block.kind === "item" && block.ordered)
    paragraphs.push(new Paragraph({ ...options, numbering: { reference: "steps", level: 0 } }));
  else if (block.kind === "item") paragraphs.push(new Paragraph({ ...options, bullet: { level: 0 } }));
  else paragraphs.push(new Paragraph(options));
}

const document = new Document({
  creator: text.author,
  title: text.title,
  footnotes,
  styles: {
    paragraphStyles: [
      {
        id: "Quote",
        name: "Quote",
        basedOn: "Normal",
        next: "Normal",
        run: { italics: true },
        paragraph: { indent: { left: 720, right: 720 } },
      },
    ],
  },
  numbering: {
    config: [
      {
        reference: "steps",
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }],
      },
    ],
  },
  sections: [{ children: paragraphs }],
});

const dir = entryDir("docx-reading-group");
writeFileSync(join(dir, "source.docx"), await Packer.toBuffer(document));
writeExpectations(
  dir,
  text,
  "the docx npm package (scripts/corpus/build-docx.ts): Word styles Title, Heading 1, Quote, list numbering, footnotes",
);
