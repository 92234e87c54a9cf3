// The discussion as a PDF: the shared layouts (layouts.ts) drawn with pdfkit in embedded DejaVu fonts — quotes set
// in with a rule, replies indented by depth, page numbers on every page, and a quote kept on the page of its thread.
import { PassThrough, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import PDFDocument from "pdfkit";
import type { BlockPlace } from "../../../shared/document-outline.ts";
import type { ExportLayout } from "../../../shared/schemas/exports.ts";
import {
  flattenReplies,
  type BlockDiscussion,
  type ExportEntry,
  type ExportHead,
  type ExportThread,
} from "./discussion.ts";
import { noticeOf, reactionsLabel, roleLabel, threadFacts, timeLabel, wholeBlockLabel } from "./labels.ts";
import { writeLayout, type DiscussionWriter } from "./layouts.ts";
import { maxIndentDepth } from "./markdown.ts";
import { fallbackRuns, loadFonts, type Face, type FontSet } from "./pdf-fonts.ts";
import { markdownParagraphs, type StyledRun } from "./pdf-markdown.ts";

/** Points (1/72 inch): A4 with 2 cm margins, a little more at the bottom for the page number. */
const margin = 57;
const bottomMargin = 68;
const indentStep = 16;
const size = { title: 20, section: 15, heading: 12, text: 10.5, small: 8.5 };
const color = { text: "#1d1d1f", muted: "#555555", rule: "#c9a227", link: "#1f4e8c", note: "#6b5a14" };

/** A run as the writer draws it: plain text in one style, maybe a link. */
interface Piece {
  text: string;
  bold?: boolean;
  italic?: boolean;
  link?: string | null;
}

const faceOf = (piece: Piece): Face =>
  piece.bold ? (piece.italic ? "serifBoldItalic" : "serifBold") : piece.italic ? "serifItalic" : "serif";

/** Draws on one pdfkit document, keeping track of the font so a page number drawn mid-paragraph can restore it. */
class Canvas {
  private page = 0;
  private current: { face: Face; size: number; fill: string } = {
    face: "serif",
    size: size.text,
    fill: color.text,
  };

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly fonts: FontSet,
  ) {
    for (const face of Object.keys(fonts.data) as Face[]) doc.registerFont(face, fonts.data[face]);
    // Numbered as each page starts, so no page waits in memory for the total.
    doc.on("pageAdded", () => this.numberPage());
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private use(face: Face, fontSize: number, fill: string): void {
    this.current = { face, size: fontSize, fill };
    this.doc.font(face, fontSize).fillColor(fill);
  }

  private numberPage(): void {
    this.page += 1;
    const { doc } = this;
    const { x, y } = doc;
    const saved = this.current;
    const bottom = doc.page.margins.bottom;
    // Below the bottom margin pdfkit would start yet another page; the number belongs there all the same.
    doc.page.margins.bottom = 0;
    this.use("serif", size.small, color.muted);
    doc.text(String(this.page), this.left, doc.page.height - bottom / 2 - size.small / 2, {
      width: this.width,
      align: "center",
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
    this.use(saved.face, saved.size, saved.fill);
    doc.x = x;
    doc.y = y;
  }

  /** Headings held until what follows them is drawn (keep-with-next), with the height each takes. */
  private readonly held: { height: number; draw: () => void }[] = [];

  /** Holds a heading of `height` points; it is drawn by the next keep(), on the page of what follows it. */
  holdHeading(height: number, draw: () => void): void {
    this.held.push({ height, draw });
  }

  /**
   * Starts a new page unless the held headings and `height` more points fit on this one (a page already empty
   * stays: what is taller than a page starts there all the same), then draws the held headings.
   */
  keep(height: number): void {
    const held = this.held.splice(0);
    const needed = held.reduce((sum, heading) => sum + heading.height, height);
    const room = this.doc.page.height - this.doc.page.margins.bottom - this.doc.y;
    if (needed > room && this.doc.y > this.doc.page.margins.top) this.doc.addPage();
    for (const heading of held) heading.draw();
  }

  /** The height `text` takes at `fontSize` across `width` (an estimate in the regular face, for keep()). */
  heightOf(text: string, fontSize: number, width = this.width): number {
    this.doc.font("serif", fontSize);
    const height = this.doc.heightOfString(text || " ", { width });
    this.doc.font(this.current.face, this.current.size);
    return height;
  }

  /**
   * Draws one paragraph of pieces from `indent` points in, wrapping at the right margin; every character is drawn
   * in a face that has it (pdf-fonts.ts).
   */
  paragraph(
    pieces: readonly Piece[],
    options: { indent?: number; fontSize?: number; fill?: string; gap?: number; wordSpacing?: number },
  ): void {
    const indent = options.indent ?? 0;
    const fontSize = options.fontSize ?? size.text;
    const parts = pieces.flatMap((piece) =>
      fallbackRuns(piece.text, faceOf(piece), this.fonts).map((run) => ({
        ...run,
        link: piece.link ?? null,
      })),
    );
    const drawn = parts.filter((part) => part.text !== "");
    if (drawn.length === 0) return;
    this.doc.x = this.left + indent;
    drawn.forEach((part, i) => {
      this.use(part.face, fontSize, part.link ? color.link : (options.fill ?? color.text));
      const more = i < drawn.length - 1;
      const textOptions: PDFKit.Mixins.TextOptions = {
        continued: more,
        link: part.link,
        underline: false,
        wordSpacing: options.wordSpacing ?? 0,
      };
      if (i === 0)
        this.doc.text(part.text, this.left + indent, this.doc.y, {
          ...textOptions,
          width: this.width - indent,
        });
      else this.doc.text(part.text, textOptions);
    });
    this.doc.x = this.left;
    this.doc.y += options.gap ?? fontSize * 0.45;
  }

  /** Where the next drawing starts: a page and a height on it, for rule(). */
  mark(): { page: PDFKit.PDFPage; y: number } {
    return { page: this.doc.page, y: this.doc.y };
  }

  /**
   * A vertical rule in the left margin of what was drawn since `start` (a quote's border): from there on its page,
   * from the top of this page when the drawing went on to a new one.
   */
  rule(start: { page: PDFKit.PDFPage; y: number }): void {
    const top = start.page === this.doc.page ? start.y : this.doc.page.margins.top;
    const bottom = this.doc.y - size.text * 0.3;
    if (bottom <= top) return;
    const x = this.left + 5;
    this.doc.save().moveTo(x, top).lineTo(x, bottom).lineWidth(2).strokeColor(color.rule).stroke().restore();
  }
}

/** The byline of an entry: name (role) · time · edited …, then what the caller adds. */
function bylinePieces(entry: ExportEntry, extra: Piece[]): Piece[] {
  const edited = entry.editedAt ? ` · edited ${timeLabel(entry.editedAt)}` : "";
  return [
    { text: entry.author.name.replace(/\s+/gu, " "), bold: true },
    { text: ` (${roleLabel(entry)}) · ${timeLabel(entry.createdAt)}${edited}` },
    ...extra,
  ];
}

function drawEntry(canvas: Canvas, entry: ExportEntry, indent: number, extra: Piece[]): void {
  const firstLines = canvas.heightOf(entry.body.slice(0, 160), size.text, canvas.width - indent);
  canvas.keep(size.small * 2.5 + firstLines);
  canvas.paragraph(bylinePieces(entry, extra), { indent, fontSize: size.small, fill: color.muted, gap: 3 });
  for (const paragraph of markdownParagraphs(entry.body)) {
    const level = indent + paragraph.level * indentStep;
    const runs: (StyledRun | Piece)[] = paragraph.marker
      ? [{ text: `${paragraph.marker} ` }, ...paragraph.runs]
      : paragraph.runs;
    canvas.paragraph(runs, { indent: level, ...(paragraph.muted ? { fill: color.muted } : {}) });
  }
  const notice = noticeOf(entry);
  if (notice)
    canvas.paragraph([{ text: notice, italic: true }], { indent, fontSize: size.small, fill: color.muted });
  else if (!entry.body.trim())
    canvas.paragraph([{ text: "[no words]", italic: true }], {
      indent,
      fontSize: size.small,
      fill: color.muted,
    });
  const reactions = reactionsLabel(entry);
  if (reactions) canvas.paragraph([{ text: reactions }], { indent, fontSize: size.small, fill: color.muted });
  canvas.doc.y += 4;
}

function drawThread(canvas: Canvas, head: ExportHead, thread: ExportThread, place: BlockPlace): void {
  const { doc } = canvas;
  // The quote, the byline and the first lines of the opening comment go on one page.
  const quoteHeight = canvas.heightOf(
    thread.quote ?? wholeBlockLabel(place),
    size.text,
    canvas.width - indentStep,
  );
  const opening = canvas.heightOf(thread.body.slice(0, 160), size.text);
  canvas.keep(quoteHeight + size.small * 2.5 + opening + 12);
  if (thread.quote === null) {
    canvas.paragraph([{ text: wholeBlockLabel(place), italic: true }], { fill: color.muted });
  } else {
    const start = canvas.mark();
    canvas.paragraph([{ text: thread.quote.trim(), italic: true }], {
      indent: indentStep,
      fill: color.muted,
    });
    canvas.rule(start);
  }
  const facts = [
    ...threadFacts(thread),
    ...(thread.tags.length ? [thread.tags.map((tag) => `#${tag}`).join(", ")] : []),
  ];
  drawEntry(canvas, thread, 0, [
    { text: ` · ${facts.join(" · ")} · ` },
    { text: "open in Scholia", link: head.threadUrl(thread.id) },
  ]);
  const names = new Map([[thread.id, thread.author.name]]);
  for (const reply of flattenReplies(thread.replies)) {
    names.set(reply.id, reply.author.name);
    const answering =
      reply.depth > maxIndentDepth && reply.parentId
        ? [{ text: ` · ↳ to ${names.get(reply.parentId) ?? "a reply"}` }]
        : [];
    drawEntry(canvas, reply, Math.min(reply.depth, maxIndentDepth) * indentStep, answering);
  }
  doc.y += 8;
}

function pdfWriter(canvas: Canvas, head: ExportHead): DiscussionWriter {
  const { doc } = canvas;
  /** A heading goes on the page of what follows it (the next keep() draws it). */
  const heading = (text: string, fontSize: number, fill: string) => {
    const line = text.replace(/\s+/gu, " ");
    canvas.holdHeading(canvas.heightOf(line, fontSize) + fontSize * 0.8, () => {
      doc.y += fontSize * 0.4;
      // Extra word spacing: on a line this short, text extraction (pdftotext) cannot tell a plain space from the
      // letters' own spacing, and "¶ 1" would come back as "¶1".
      canvas.paragraph([{ text: line, bold: true }], {
        fontSize,
        fill,
        gap: fontSize * 0.4,
        wordSpacing: fontSize * 0.15,
      });
    });
    return "";
  };
  return {
    start(_head, layout) {
      const title = layout === "annotated" ? head.title : `Discussion of “${head.title}”`;
      canvas.paragraph([{ text: title.replace(/\s+/gu, " "), bold: true }], { fontSize: size.title, gap: 8 });
      const by = head.author ? ` by ${head.author}` : "";
      canvas.paragraph(
        [
          { text: head.title, italic: true },
          { text: `${by}, version ${head.versionNumber}, read by ${head.groupName}.\n` },
          { text: `Exported ${timeLabel(head.exportedAt)} by ${head.exportedBy}.` },
        ],
        { fill: color.muted, gap: 14 },
      );
      return "";
    },
    section: (title) => heading(title, size.section, color.text),
    text(place) {
      canvas.keep(canvas.heightOf(place.block.text.slice(0, 240), size.text));
      if (place.paragraph === null) {
        canvas.paragraph([{ text: place.block.text.trim(), italic: true }], {});
      } else {
        canvas.paragraph(
          [{ text: `¶ ${place.paragraph}  `, bold: true }, { text: place.block.text.trim() }],
          {},
        );
      }
      return "";
    },
    threadsHeading: (label, layout) =>
      heading(label, layout === "annotated" ? size.text : size.heading, color.muted),
    thread(thread, place) {
      drawThread(canvas, head, thread, place);
      return "";
    },
    note(text) {
      canvas.keep(canvas.heightOf(text.slice(0, 160), size.text) + 8);
      const start = canvas.mark();
      canvas.paragraph([{ text: "My private note: ", bold: true }, { text: text.trim() }], {
        indent: indentStep,
        fill: color.note,
      });
      canvas.rule(start);
      doc.y += 4;
      return "";
    },
    empty() {
      canvas.keep(size.text * 2);
      canvas.paragraph([{ text: "No threads match this export.", italic: true }], { fill: color.muted });
      return "";
    },
    end() {
      canvas.keep(0); // a heading with nothing after it (an annotated text's last section) is still drawn
      return "";
    },
  };
}

/**
 * Writes the PDF of `blocks` in `layout` to `output`, page by page (pdfkit writes each page out as the next one
 * starts), and resolves once `output` has finished.
 */
export async function writePdf(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  layout: ExportLayout,
  fonts: FontSet,
  output: Writable,
): Promise<void> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: margin, left: margin, right: margin, bottom: bottomMargin },
    autoFirstPage: false,
    info: {
      Title: layout === "annotated" ? head.title : `Discussion of “${head.title}”`,
      Creator: "Scholia",
    },
    lang: "en",
    displayTitle: true,
  });
  doc.pipe(output);
  const canvas = new Canvas(doc, fonts);
  doc.addPage();
  for await (const _ of writeLayout(pdfWriter(canvas, head), head, blocks, layout)) {
    // Every writer method draws as it is called; there is no text to collect.
  }
  doc.end();
  await finished(output, { readable: false });
}

/** The PDF as a stream of bytes, drawn on this thread (for the command line; the server uses a worker thread). */
export function formatPdf(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  layout: ExportLayout,
): AsyncIterable<Buffer> {
  const bytes = new PassThrough();
  writePdf(head, blocks, layout, loadFonts(), bytes).catch((error: Error) => bytes.destroy(error));
  return bytes;
}
