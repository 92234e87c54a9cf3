// Renders a source text as HTML: a print page for chromium (endnotes, first-line indents) or an article body.
import type { Inline, SourceBlock, SourceText } from "./text-format.ts";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/gu,
    (character) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[character]};`,
  );
}

/** Inline HTML with footnote markers as superscript links to #fn-n; `notes` collects the note texts in order. */
export function renderInlinesHtml(inlines: Inline[], notes: string[]): string {
  return inlines
    .map((inline) => {
      if (inline.type === "em") return `<em>${escapeHtml(inline.text)}</em>`;
      if (inline.type === "text") return escapeHtml(inline.text);
      notes.push(inline.text);
      const n = notes.length;
      return `<sup id="fnref-${n}"><a href="#fn-${n}" class="footnote-ref">${n}</a></sup>`;
    })
    .join("");
}

/** The body blocks (headings as h2, paragraphs, block quotes, lists grouped into ul/ol) as HTML lines. */
export function renderBlocksHtml(blocks: SourceBlock[], notes: string[]): string[] {
  const lines: string[] = [];
  let list: "ul" | "ol" | undefined;
  const closeList = () => {
    if (list) lines.push(`</${list}>`);
    list = undefined;
  };
  for (const block of blocks) {
    if (block.kind === "columns") continue;
    const html = renderInlinesHtml(block.inlines, notes);
    if (block.kind === "item") {
      const wanted = block.ordered ? "ol" : "ul";
      if (list !== wanted) {
        closeList();
        lines.push(`<${wanted}>`);
        list = wanted;
      }
      lines.push(`  <li>${html}</li>`);
      continue;
    }
    closeList();
    if (block.kind === "heading") lines.push(`<h2>${html}</h2>`);
    else if (block.kind === "quote") lines.push(`<blockquote><p>${html}</p></blockquote>`);
    else lines.push(`<p>${html}</p>`);
  }
  closeList();
  return lines;
}

/** Endnotes as an ordered list with back links. */
export function renderNotesHtml(notes: string[]): string[] {
  return [
    `<section class="footnotes">`,
    `<h2>Notes</h2>`,
    `<ol>`,
    ...notes.map(
      (note, index) =>
        `  <li id="fn-${index + 1}">${escapeHtml(note)} <a href="#fnref-${index + 1}">↩</a></li>`,
    ),
    `</ol>`,
    `</section>`,
  ];
}

const printStyle = `@page { size: 148mm 210mm; margin: 18mm 20mm 20mm 20mm; }
body { font-family: "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.4; margin: 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; font-weight: normal; }
.byline { text-align: center; font-style: italic; margin: 0 0 18pt; }
h2 { font-size: 12pt; margin: 14pt 0 4pt; }
p { margin: 0; text-indent: 1.5em; text-align: justify; hyphens: auto; }
h2 + p { text-indent: 0; }
.footnotes { font-size: 9pt; margin-top: 16pt; }
.footnotes h2 { font-size: 10pt; }`;

/** A standalone HTML page for chromium's print to PDF. */
export function renderPrintHtml(text: SourceText): string {
  const notes: string[] = [];
  const body = renderBlocksHtml(text.blocks, notes);
  return [
    "<!DOCTYPE html>",
    `<html lang="en-GB">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<title>${escapeHtml(text.running)}</title>`,
    `<style>\n${printStyle}\n</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(text.title)}</h1>`,
    `<p class="byline">${escapeHtml(text.byline)}</p>`,
    ...body,
    ...renderNotesHtml(notes),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
