// Markdown input: headings, paragraphs, list items and quotes as blocks; emphasis, strong and code as marks.
import type { FootnoteRef, Mark } from "../../../shared/schemas/documents.ts";
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
    pattern: /!\[([^\]]*)\]\([^)]*\)/y,
    apply: (match, output) => appendInline(output, parseInline(match[1] ?? "")),
  },
  {
    pattern: /\[\^([^\]\s]+)\]/y,
    apply: (match, output) =>
      void output.footnotes.push({ marker: match[1] ?? "", offset: output.text.length }),
  },
  {
    pattern: /\[([^\]]+)\]\([^)]*\)/y,
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

function toBlock(kind: DraftBlock["kind"], source: string): DraftBlock {
  const inline = parseInline(source.replace(/\s+/gu, " ").trim());
  return {
    kind,
    text: inline.text,
    footnotes: inline.footnotes,
    ...(inline.marks.length > 0 ? { marks: inline.marks } : {}),
  };
}

/**
 * Reads Markdown into draft blocks: a level-1 heading opening the text is the title and a "by …" line right
 * after it the author; other headings are headings; paragraphs, list items, quotes and footnote bodies are
 * paragraphs; fenced code is a paragraph marked as code; thematic breaks are dropped.
 */
export function parseMarkdown(text: string): DraftBlock[] {
  const blocks: DraftBlock[] = [];
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
    const definition = footnoteDefinition.exec(line);
    if (definition) {
      flush();
      paragraph.push(`${definition[1]}. ${line.slice(definition[0].length)}`);
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
  const second = blocks[1];
  if (blocks[0]?.kind === "title" && second?.kind === "paragraph" && /^by\s+\S/iu.test(second.text)) {
    const text = second.text.replace(/^by\s+/iu, "");
    blocks[1] = { kind: "author", text, footnotes: [] };
  }
  return blocks;
}
