// Markdown input: headings, paragraphs, list items and quotes as blocks; emphasis, strong and code as marks;
// footnote definitions attached to their references.
import type { FootnoteNote, FootnoteRef, Mark } from "../../../shared/schemas/documents.ts";
import type { DraftBlock } from "./import-text.ts";

/** Plain text of an inline Markdown span with its marks and footnote references. */
export interface InlineText {
  text: string;
  marks: Mark[];
  footnotes: FootnoteRef[];
}

const atxHeading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/u;
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/u;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/u;
const listItem = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+/u;
const fence = /^ {0,3}(`{3,}|~{3,})/u;
const footnoteDefinition = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*/u;

/**
 * Whether a text is Markdown, judged conservatively: it needs an ATX heading ("# Title") and at least one
 * more Markdown construct, or several constructs of other kinds (links, strong emphasis, fences, lists).
 */
export function detectMarkdown(text: string): boolean {
  const lines = text.split("\n");
  const headings = lines.filter((line) => atxHeading.test(line)).length;
  const fences = lines.filter((line) => fence.test(line)).length;
  const lists = lines.filter((line) => /^ {0,3}[-*+][ \t]+\S/u.test(line)).length;
  const links = (text.match(/\[[^\]\n]+\]\([^)\s]+\)/gu) ?? []).length;
  const strong = (text.match(/\*\*\S[^*\n]*\*\*|__\S[^_\n]*__/gu) ?? []).length;
  const others = Math.min(fences, 2) + Math.min(lists, 2) + Math.min(links, 2) + Math.min(strong, 2);
  return (headings >= 1 && headings + others >= 2) || others >= 4;
}

interface InlineRule {
  pattern: RegExp;
  apply: (match: RegExpExecArray, output: InlineText) => void;
}

function appendInline(output: InlineText, inner: InlineText, mark?: Mark["type"]): void {
  const offset = output.text.length;
  output.text += inner.text;
  for (const each of inner.marks)
    output.marks.push({ ...each, start: each.start + offset, end: each.end + offset });
  for (const each of inner.footnotes) output.footnotes.push({ ...each, offset: each.offset + offset });
  if (mark && inner.text.length > 0)
    output.marks.push({ type: mark, start: offset, end: output.text.length });
}

const inlineRules: InlineRule[] = [
  { pattern: /\\([!-/:-@[-`{-~])/y, apply: (match, output) => void (output.text += match[1]) },
  {
    pattern: /(`+)([\s\S]*?[^`])\1(?!`)/y,
    apply: (match, output) => appendInline(output, plain((match[2] ?? "").trim()), "code"),
  },
  {
    pattern: /!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/y,
    apply: (match, output) => appendInline(output, parseInline(match[1] ?? "")),
  },
  {
    pattern: /\[\^([^\]\s]+)\]/y,
    apply: (match, output) =>
      void output.footnotes.push({ marker: match[1] ?? "", offset: output.text.length }),
  },
  {
    pattern: /\[([^\]]+)\]\((?:[^()]|\([^()]*\))*\)/y,
    apply: (match, output) => appendInline(output, parseInline(match[1] ?? "")),
  },
  { pattern: /<(https?:\/\/[^>\s]+)>/y, apply: (match, output) => void (output.text += match[1]) },
  {
    pattern: /(\*\*|__)(?=\S)([\s\S]*?\S)\1(?![*_])/y,
    apply: (match, output) => appendInline(output, parseInline(match[2] ?? ""), "strong"),
  },
  {
    pattern: /\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)|(?<![\p{L}\p{N}])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}])/uy,
    apply: (match, output) => appendInline(output, parseInline(match[1] ?? match[2] ?? ""), "em"),
  },
];

function plain(text: string): InlineText {
  return { text, marks: [], footnotes: [] };
}

/** Parses inline Markdown into plain text with em/strong/code marks; links keep their text, images their alt. */
export function parseInline(source: string): InlineText {
  const output = plain("");
  let position = 0;
  outer: while (position < source.length) {
    for (const rule of inlineRules) {
      rule.pattern.lastIndex = position;
      const match = rule.pattern.exec(source);
      if (match) {
        // Read the end before apply: nested parses reuse (and move) the same sticky patterns.
        position = match.index + match[0].length;
        rule.apply(match, output);
        continue outer;
      }
    }
    output.text += source[position];
    position++;
  }
  return output;
}

const collapse = (source: string) => source.replace(/\s+/gu, " ").trim();

function toBlock(kind: DraftBlock["kind"], source: string): DraftBlock {
  const inline = parseInline(collapse(source));
  return {
    kind,
    text: inline.text,
    footnotes: inline.footnotes,
    ...(inline.marks.length > 0 ? { marks: inline.marks } : {}),
  };
}

/** A footnote definition (`[^label]: …`) as found: its paragraphs' source, and how many blocks came before it. */
interface NoteDefinition {
  label: string;
  paragraphs: string[];
  at: number;
}

/** Whether a line ends a footnote definition's paragraph (it starts a construct of its own). */
const interruptsNote = (line: string) =>
  line.trim().length === 0 ||
  [atxHeading, fence, footnoteDefinition, thematicBreak, listItem].some((pattern) => pattern.test(line));

/**
 * Reads the footnote definition opening at `lines[start]`: its first paragraph (with lazy continuation lines)
 * and any further paragraphs indented under it after blank lines. Returns it and the index of its last line.
 */
function readDefinition(
  lines: readonly string[],
  start: number,
  opening: RegExpExecArray,
  at: number,
): { definition: NoteDefinition; last: number } {
  const paragraphs: string[] = [];
  let current = [(lines[start] as string).slice(opening[0].length)];
  let index = start + 1;
  for (;;) {
    while (index < lines.length && !interruptsNote(lines[index] as string)) {
      current.push((lines[index] as string).replace(/^ {0,3}>[ \t]?/u, ""));
      index++;
    }
    paragraphs.push(current.join(" "));
    let next = index;
    while (next < lines.length && (lines[next] as string).trim().length === 0) next++;
    if (next === index || next >= lines.length || !/^(?: {4}|\t)/u.test(lines[next] as string)) break;
    current = [(lines[next] as string).trim()];
    index = next + 1;
  }
  return { definition: { label: opening[1] as string, paragraphs, at }, last: index - 1 };
}

/** A definition's text as a note: its paragraphs' plain text joined by "\n", with their marks. */
function toNote(definition: NoteDefinition): FootnoteNote {
  const note: FootnoteNote & { marks: Mark[] } = { text: "", marks: [] };
  definition.paragraphs.forEach((source, index) => {
    const inline = parseInline(collapse(source));
    const offset = note.text.length + (index > 0 ? 1 : 0);
    note.text += (index > 0 ? "\n" : "") + inline.text;
    for (const mark of inline.marks)
      note.marks.push({ ...mark, start: mark.start + offset, end: mark.end + offset });
  });
  return note.marks.length > 0 ? note : { text: note.text };
}

/**
 * Puts each definition's text on the references whose marker is its label (the first definition of a label wins,
 * as in GitHub's Markdown), and puts the definitions no reference takes back where they stood, as the numbered
 * paragraphs ("1. The note.") earlier versions made of every definition: no text is lost, and theirs keep their ids.
 */
function placeNotes(blocks: DraftBlock[], definitions: readonly NoteDefinition[]): DraftBlock[] {
  const firstOf = new Map<string, { definition: NoteDefinition; note: FootnoteNote }>();
  for (const definition of definitions) {
    const note = toNote(definition);
    // An empty definition says nothing to show; it stays in the text as it always did.
    if (!firstOf.has(definition.label) && note.text.length > 0)
      firstOf.set(definition.label, { definition, note });
  }
  const taken = new Set<NoteDefinition>();
  for (const block of blocks) {
    block.footnotes = block.footnotes.map((ref) => {
      const found = firstOf.get(ref.marker);
      if (!found) return ref;
      taken.add(found.definition);
      return { ...ref, note: found.note };
    });
  }
  const placed = [...blocks];
  for (const definition of [...definitions].reverse()) {
    if (taken.has(definition)) continue;
    const [opening = "", ...rest] = definition.paragraphs;
    const paragraphs = [`${definition.label}. ${opening}`, ...rest].map((source) =>
      toBlock("paragraph", source),
    );
    placed.splice(definition.at, 0, ...paragraphs.filter((block) => block.text.length > 0));
  }
  return placed;
}

/**
 * Reads Markdown into draft blocks: a level-1 heading opening the text is the title and a "by …" line right
 * after it the author; other headings are headings; paragraphs, list items and quotes are paragraphs; fenced code
 * is a paragraph marked as code; thematic breaks are dropped. A footnote definition's text goes on the references
 * to it, not into the flow of the text; a definition nothing refers to stays a paragraph.
 */
export function parseMarkdown(text: string): DraftBlock[] {
  let blocks: DraftBlock[] = [];
  const definitions: NoteDefinition[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(toBlock("paragraph", paragraph.join(" ")));
    paragraph = [];
  };
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const fenceOpen = fence.exec(line);
    if (fenceOpen) {
      flush();
      const body: string[] = [];
      for (
        index++;
        index < lines.length && !(lines[index] as string).trimStart().startsWith(fenceOpen[1] as string);
        index++
      ) {
        body.push(lines[index] as string);
      }
      const code = body.join("\n");
      blocks.push({
        kind: "paragraph",
        text: code,
        footnotes: [],
        marks: [{ type: "code", start: 0, end: code.length }],
      });
      continue;
    }
    const heading = atxHeading.exec(line);
    if (heading) {
      flush();
      const level = (heading[1] as string).length;
      blocks.push(toBlock(level === 1 && blocks.length === 0 ? "title" : "heading", heading[2] ?? ""));
      continue;
    }
    const underline = setextUnderline.exec(line);
    if (underline && paragraph.length === 1) {
      const level1 = (underline[1] as string).startsWith("=");
      const content = paragraph[0] as string;
      paragraph = [];
      blocks.push(toBlock(level1 && blocks.length === 0 ? "title" : "heading", content));
      continue;
    }
    if (line.trim().length === 0 || thematicBreak.test(line)) {
      flush();
      continue;
    }
    const opening = footnoteDefinition.exec(line);
    if (opening) {
      flush();
      const { definition, last } = readDefinition(lines, index, opening, blocks.length);
      definitions.push(definition);
      index = last;
      continue;
    }
    if (listItem.test(line)) {
      flush();
      paragraph.push(line.replace(listItem, ""));
      continue;
    }
    paragraph.push(line.replace(/^ {0,3}>[ \t]?/u, ""));
  }
  flush();
  blocks = placeNotes(blocks, definitions);
  const second = blocks[1];
  if (blocks[0]?.kind === "title" && second?.kind === "paragraph" && /^by\s+\S/iu.test(second.text)) {
    const text = second.text.replace(/^by\s+/iu, "");
    blocks[1] = { kind: "author", text, footnotes: [] };
  }
  return blocks;
}
