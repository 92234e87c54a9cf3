// Reads the corpus's source texts (a small line-based markup) into a document model every typesetter renders from.
import { readFileSync } from "node:fs";

/** A run of inline text: plain, emphasised, or a footnote (its note text; the marker is numbered by the renderer). */
export type Inline =
  { type: "text"; text: string } | { type: "em"; text: string } | { type: "note"; text: string };

/** One block of a source text; `quote` and `item` appear only in the docx, EPUB and web page texts. */
export type SourceBlock =
  | { kind: "heading" | "paragraph" | "quote"; inlines: Inline[] }
  | { kind: "item"; ordered: boolean; inlines: Inline[] }
  | { kind: "columns"; count: 1 | 2 };

/** A source text: its header fields and blocks. */
export interface SourceText {
  title: string;
  /** The author's name, as the expected author block holds it. */
  author: string;
  /** The byline as printed under the title ("Written by …", "by …", or the bare name). */
  byline: string;
  running: string;
  licence: string;
  blocks: SourceBlock[];
}

/** Splits `*em*` and `^[note]` out of a paragraph's text. */
export function parseInlines(text: string): Inline[] {
  const inlines: Inline[] = [];
  const pattern = /\*([^*]+)\*|\^\[([^\]]+)\]/gu;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) inlines.push({ type: "text", text: text.slice(last, match.index) });
    if (match[1] !== undefined) inlines.push({ type: "em", text: match[1] });
    else inlines.push({ type: "note", text: match[2] ?? "" });
    last = match.index + match[0].length;
  }
  if (last < text.length) inlines.push({ type: "text", text: text.slice(last) });
  return inlines;
}

function parseBlock(chunk: string): SourceBlock {
  if (chunk === "::twocolumn") return { kind: "columns", count: 2 };
  if (chunk === "::onecolumn") return { kind: "columns", count: 1 };
  if (chunk.startsWith("== ")) return { kind: "heading", inlines: parseInlines(chunk.slice(3)) };
  if (chunk.startsWith("> ")) return { kind: "quote", inlines: parseInlines(chunk.slice(2)) };
  if (chunk.startsWith("- ")) return { kind: "item", ordered: false, inlines: parseInlines(chunk.slice(2)) };
  const ordered = /^\d+\. /u.exec(chunk);
  if (ordered) return { kind: "item", ordered: true, inlines: parseInlines(chunk.slice(ordered[0].length)) };
  return { kind: "paragraph", inlines: parseInlines(chunk) };
}

/** Parses a source text: `% key: value` header lines, then blocks separated by blank lines (one line each). */
export function parseSourceText(source: string): SourceText {
  const fields = new Map<string, string>();
  const blocks: SourceBlock[] = [];
  for (const line of source.split("\n")) {
    const field = /^% (\w+): (.*)$/u.exec(line);
    if (field) fields.set(field[1] ?? "", field[2] ?? "");
    else if (line.trim() !== "") blocks.push(parseBlock(line.trim()));
  }
  const field = (key: string) => {
    const value = fields.get(key);
    if (value === undefined)
      throw new Error(`The source text has no "% ${key}:" line; add one to its header.`);
    return value;
  };
  return {
    title: field("title"),
    author: field("author"),
    byline: field("byline"),
    running: field("running"),
    licence: field("licence"),
    blocks,
  };
}

/** Reads and parses scripts/corpus/texts/<name>.txt. */
export function readSourceText(name: string): SourceText {
  return parseSourceText(readFileSync(new URL(`texts/${name}.txt`, import.meta.url), "utf8"));
}
