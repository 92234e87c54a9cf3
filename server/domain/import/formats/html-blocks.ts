// HTML to draft blocks: headings, paragraphs, quotes and list items as blocks, emphasis as marks, notes on markers.
import type { BlockKind, FootnoteNote, FootnoteRef, Mark } from "../../../../shared/schemas/documents.ts";
import type { DraftBlock } from "../import-text.ts";
import { closest, isElement, textNode } from "./dom.ts";
import type { DomElement, DomNode } from "./dom.ts";

/** What the walk needs to know about notes: which links are note references, and which elements are note bodies. */
export interface NoteContext {
  /** The note a link refers to, when it is a note reference (its text rides on the marker). */
  noteOf(anchor: DomElement): FootnoteNote | undefined;
  /** Whether an element is the body of a note some marker carries, so it is left out of the flow. */
  isNoteBody(element: DomElement): boolean;
  /** Whether a link inside a note body leads back to its reference ("↩", "^", the number itself). */
  isBacklink(anchor: DomElement): boolean;
}

/** How headings are read: the first h1 as the title (web pages, books), or only an h1 of class "title" (Word). */
export type TitleRule = "first-h1" | "title-class";

const noNotes: NoteContext = {
  noteOf: () => undefined,
  isNoteBody: () => false,
  isBacklink: () => false,
};

/** Elements whose content is never text to read: code, styling, controls, navigation, embedded media. */
const dropped = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "form",
  "button",
  "input",
  "select",
  "textarea",
  "nav",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "audio",
  "video",
  "img",
  "picture",
  "head",
  "title",
  "link",
  "meta",
]);

const blockElements = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "tfoot",
  "thead",
  "tr",
  "ul",
]);

const markOf: Record<string, Mark["type"]> = {
  em: "em",
  i: "em",
  cite: "em",
  dfn: "em",
  var: "em",
  strong: "strong",
  b: "strong",
  code: "code",
  kbd: "code",
  samp: "code",
  tt: "code",
};

const headings = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const superscripts = new Set(["sup"]);

/** The text being gathered for the next block. */
interface Inline {
  text: string;
  marks: Mark[];
  footnotes: FootnoteRef[];
}

interface Walk {
  kind: "paragraph" | "quote" | "item";
  pre: boolean;
}

/** A marker as the page shows it, without the brackets web pages put around it ("[1]" is marker "1"). */
const markerText = (anchor: DomElement) =>
  (anchor.textContent ?? "").replace(/\s+/gu, "").replace(/^[[(]+|[\])]+$/gu, "");

/** Walks one document's elements into blocks; `notes` pairs markers with their notes and hides the note bodies. */
class BlockWriter {
  readonly blocks: DraftBlock[] = [];
  private inline: Inline = { text: "", marks: [], footnotes: [] };
  private sawTitle = false;
  /** How many blocks there were when a note body was last left out. */
  private hiddenAt = -1;

  constructor(
    private readonly notes: NoteContext,
    private readonly titleRule: TitleRule,
    private readonly insideNote: boolean,
  ) {}

  write(node: DomNode, walk: Walk): void {
    if (node.nodeType === textNode) return this.appendText(node.textContent ?? "", walk.pre);
    if (!isElement(node)) return;
    const name = node.localName.toLowerCase();
    if (dropped.has(name) || node.getAttribute("hidden") !== null) return;
    if (this.insideNote ? name === "a" && this.notes.isBacklink(node) : this.notes.isNoteBody(node)) {
      if (!this.insideNote) this.hiddenAt = this.blocks.length;
      return;
    }
    if (!this.insideNote && this.writeMarkers(node, name)) return;
    if (name === "br") return this.appendBreak();
    if (name === "td" || name === "th") this.appendText(" ", false);
    if (blockElements.has(name)) return this.writeBlock(node, name, walk);
    const mark = markOf[name];
    const start = this.inline.text.length;
    this.writeChildren(node, walk);
    if (mark) this.inline.marks.push({ type: mark, start, end: this.inline.text.length });
  }

  /** A note reference (a link, or a superscript holding links) becomes markers; returns whether it did. */
  private writeMarkers(element: DomElement, name: string): boolean {
    const anchors =
      name === "a" ? [element] : superscripts.has(name) ? Array.from(element.getElementsByTagName("a")) : [];
    const refs = anchors.flatMap((anchor) => {
      const note = this.notes.noteOf(anchor);
      return note ? [{ marker: markerText(anchor), note }] : [];
    });
    if (refs.length === 0 || refs.length < anchors.length) return false;
    const offset = this.inline.text.trimEnd().length;
    refs.forEach((ref, index) =>
      this.inline.footnotes.push({
        marker: ref.marker || String(this.inline.footnotes.length + index + 1),
        offset,
        note: ref.note,
      }),
    );
    return true;
  }

  private writeBlock(element: DomElement, name: string, walk: Walk): void {
    this.flush(walk.kind);
    const inner: Walk = {
      kind: name === "blockquote" ? "quote" : name === "li" ? "item" : walk.kind,
      pre: walk.pre || name === "pre",
    };
    const start = this.inline.text.length;
    this.writeChildren(element, inner);
    if (name === "pre") this.inline.marks.push({ type: "code", start, end: this.inline.text.length });
    this.flush(headings.has(name) ? this.headingKind(element, name) : inner.kind);
  }

  private headingKind(element: DomElement, name: string): BlockKind {
    const title =
      name === "h1" &&
      !this.sawTitle &&
      (this.titleRule === "first-h1" || /(^|\s)title(\s|$)/u.test(element.getAttribute("class") ?? ""));
    if (title) this.sawTitle = true;
    return title ? "title" : "heading";
  }

  private writeChildren(element: DomNode, walk: Walk): void {
    for (const child of Array.from(element.childNodes)) this.write(child, walk);
  }

  /** Appends text, collapsing whitespace as a browser lays it out (kept as found inside <pre>). */
  private appendText(value: string, pre: boolean): void {
    let text = pre ? value : value.replace(/[ \t\n\r\f]+/gu, " ");
    if (!pre && text.startsWith(" ") && (this.inline.text === "" || /[ \n]$/u.test(this.inline.text)))
      text = text.slice(1);
    this.inline.text += text;
  }

  private appendBreak(): void {
    this.inline.text = this.inline.text.replace(/ $/u, "") + "\n";
  }

  /** Ends the block being gathered (if it has any text) as a block of `kind`. */
  private flush(kind: BlockKind): void {
    const { text: raw, marks, footnotes } = this.inline;
    this.inline = { text: "", marks: [], footnotes: [] };
    const lead = raw.length - raw.replace(/^\s+/u, "").length;
    const text = raw.trim();
    const clamp = (offset: number) => Math.min(Math.max(offset - lead, 0), text.length);
    const trimmed = marks
      .map((mark) => {
        let start = clamp(mark.start);
        let end = clamp(mark.end);
        while (start < end && /\s/u.test(text[start] as string)) start++;
        while (end > start && /\s/u.test(text[end - 1] as string)) end--;
        return { type: mark.type, start, end };
      })
      .filter((mark) => mark.end > mark.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const refs = footnotes.map((ref) => ({ ...ref, offset: clamp(ref.offset) }));
    if (text.length === 0) {
      // A marker alone (after a list, say) still belongs to the text before it.
      const previous = this.blocks.at(-1);
      if (previous) previous.footnotes.push(...refs.map((ref) => ({ ...ref, offset: previous.text.length })));
      return;
    }
    if (kind === "heading" || kind === "title") this.dropEmptyNotesHeading();
    this.blocks.push({ kind, text, footnotes: refs, ...(trimmed.length > 0 ? { marks: trimmed } : {}) });
  }

  /** A heading over nothing but notes that went to their markers ("Notes", "References") heads nothing now. */
  private dropEmptyNotesHeading(): void {
    if (this.hiddenAt === this.blocks.length && this.blocks.at(-1)?.kind === "heading") this.blocks.pop();
  }

  finish(): DraftBlock[] {
    this.flush("paragraph");
    this.dropEmptyNotesHeading();
    return this.blocks;
  }
}

/**
 * The blocks of an HTML (or XHTML) element, in document order: h1 (the first, under `titleRule` "first-h1") is the
 * title and other headings are headings; text inside a blockquote is a quote, inside a li an item, elsewhere a
 * paragraph; em/i/cite, strong/b and code/kbd/samp (and all of a pre) are marks over the block's plain text (UTF-16
 * offsets); whitespace collapses as a browser shows it and <br> is a line break; scripts, styles, forms,
 * navigation and media are left out. Markup never reaches the text: it is all read as text nodes.
 * Links `notes` knows as note references become FootnoteRefs carrying their note; the note bodies leave the flow.
 */
export function htmlToBlocks(
  root: DomNode,
  options: { notes?: NoteContext; titleRule?: TitleRule } = {},
): DraftBlock[] {
  const writer = new BlockWriter(options.notes ?? noNotes, options.titleRule ?? "first-h1", false);
  writer.write(root, { kind: "paragraph", pre: false });
  return writer.finish();
}

/**
 * A note body's text: its paragraphs' plain text joined by "\n", with their marks, without the links back to the
 * reference and without the marker it repeats at its start ("1. ", "[1] ").
 */
export function noteText(body: DomElement, notes: NoteContext, marker: string): FootnoteNote {
  const writer = new BlockWriter(notes, "first-h1", true);
  writer.write(body, { kind: "paragraph", pre: false });
  const note: FootnoteNote & { marks: Mark[] } = { text: "", marks: [] };
  for (const block of writer.finish()) {
    const offset = note.text.length + (note.text ? 1 : 0);
    note.text += (note.text ? "\n" : "") + block.text;
    for (const mark of block.marks ?? [])
      note.marks.push({ ...mark, start: mark.start + offset, end: mark.end + offset });
  }
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  const lead = new RegExp(`^(?:[\\^↑]\\s*)?(?:[\\[(]?${escaped}[\\])]?[.:)]?\\s+|[.:)]\\s*)?`, "u");
  const cut = marker ? (lead.exec(note.text)?.[0].length ?? 0) : 0;
  const text = note.text.slice(cut);
  const marks = note.marks
    .map((mark) => ({ ...mark, start: Math.max(mark.start - cut, 0), end: mark.end - cut }))
    .filter((mark) => mark.end > mark.start);
  return marks.length > 0 ? { text, marks } : { text };
}

/** Elements that can hold a whole note; a link's target inside one (a numbered anchor) stands for it. */
const noteBodies = new Set(["li", "aside", "div", "section", "p", "dd", "td", "footer", "blockquote"]);

/** The element holding the note a link target starts. */
export const noteBodyOf = (target: DomElement): DomElement | undefined => closest(target, noteBodies);

const noteTypes = /(^|\s)(doc-)?(footnote|endnote|rearnote|note)(\s|$)/u;

/** Whether a link is a note reference: marked as one (EPUB 3, ARIA), in or around a superscript, or to a note. */
export function looksLikeNoteRef(anchor: DomElement, target: DomElement): boolean {
  const says = `${anchor.getAttribute("epub:type") ?? ""} ${anchor.getAttribute("role") ?? ""}`;
  if (/noteref/u.test(says)) return true;
  const parent = anchor.parentNode && isElement(anchor.parentNode) ? anchor.parentNode : undefined;
  if (parent?.localName.toLowerCase() === "sup" || anchor.getElementsByTagName("sup").length > 0) return true;
  const kind = `${target.getAttribute("epub:type") ?? ""} ${target.getAttribute("role") ?? ""}`;
  return noteTypes.test(kind.trim());
}
