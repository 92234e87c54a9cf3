// A PDF's lines, page by page, to blocks: running heads and page numbers removed, footnotes taken from the page foot,
// paragraphs from gaps, indents and short last lines, headings from size and weight, title and author from page one.
import type { BlockKind } from "../../../../shared/schemas/documents.ts";
import type { LineMarker, PageLine } from "./page-lines.ts";

/** A block's lines before they are joined (hyphenation and glyph repair come after). */
export interface LaidOutBlock {
  kind: BlockKind;
  lines: LaidOutLine[];
}

/** A line of a block: its text, its markers, and whether a page break comes before it within the block. */
export interface LaidOutLine {
  text: string;
  markers: LineMarker[];
  pageBreakBefore: boolean;
}

/** A footnote's text as found at a page's foot, by its marker. */
export interface PageNote {
  marker: string;
  /** 0-based page the note was set on. */
  page: number;
  lines: LaidOutLine[];
}

export interface Layout {
  blocks: LaidOutBlock[];
  notes: PageNote[];
  /** Running heads, running feet and page numbers removed. */
  artefactsRemoved: number;
  /** Paragraphs that go on across a page break, joined. */
  joinedAcrossPages: number;
}

/** A bare page number: 17, xii, "17 / 40", "Page 17", "- 17 -". */
const pageNumber = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*(?:(?:\/|of)\s*\d{1,4})?\s*[-–—]?$/iu;

/** A note's first line: its marker followed by text ("3 See…", "* Read…", "12. Cf."). */
const noteStart = /^(\d{1,3}|[*†‡§¶]{1,3})[.)]?\s+(?=\S)/u;

/**
 * Lays out a document's pages (each page's lines in reading order: pageLines) into blocks and footnotes.
 * Running heads and feet are lines at a page's top or bottom whose text, digits aside, recurs at the same end of
 * other pages, or which are a bare page number; footnotes are the lines at a page's foot set smaller than the body,
 * starting with a marker; a paragraph ends at a vertical gap larger than the line spacing, before a line indented
 * from its column's edge, or after a line ending well short of the column's measure; headings are lines set larger
 * than the body, or wholly bold and short; the first heading on page one set larger than any other is the title, and a
 * short line right under it is the author.
 */
export function layOutPages(pages: readonly PageLine[][]): Layout {
  const bodySize = mostCommonSize(pages.flat());
  const { kept, removed } = removeRunningLines(pages, bodySize);
  const notes: PageNote[] = [];
  // Each column has its own foot (LaTeX sets a two-column page's notes under each column).
  const bodies = kept.map((lines, page) =>
    runsOfColumns(lines).flatMap((run) => {
      const split = takeFootnotes(run, bodySize, page, notes.at(-1));
      notes.push(...split.notes);
      return split.body;
    }),
  );
  const { blocks, joinedAcrossPages } = segment(bodies, bodySize);
  return {
    blocks: nameTitleAndAuthor(blocks, bodies[0] ?? [], bodySize),
    notes,
    artefactsRemoved: removed,
    joinedAcrossPages,
  };
}

/** The page's lines cut where the column changes. */
function runsOfColumns(lines: readonly PageLine[]): PageLine[][] {
  const runs: PageLine[][] = [];
  lines.forEach((line, index) => {
    if (index === 0 || line.column !== lines[index - 1]!.column) runs.push([line]);
    else runs.at(-1)!.push(line);
  });
  return runs;
}

/** The font size set in the most characters: the body text's. */
function mostCommonSize(lines: readonly PageLine[]): number {
  const counts = new Map<number, number>();
  for (const line of lines) counts.set(line.size, (counts.get(line.size) ?? 0) + line.text.length);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

const runningKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/\d+|[ivxlc]+\b/gu, "#")
    .replace(/\s+/gu, " ");

/** Lines at the top or bottom of their page that repeat across pages, or are page numbers. */
function removeRunningLines(pages: readonly PageLine[][], bodySize: number) {
  const ends = ["top", "bottom"] as const;
  const edge = (lines: readonly PageLine[], end: (typeof ends)[number], depth: number) =>
    end === "top" ? lines[depth] : lines[lines.length - 1 - depth];
  const counts = new Map<string, number>();
  for (const lines of pages) {
    for (const end of ends) {
      for (const depth of [0, 1]) {
        const line = edge(lines, end, depth);
        if (line)
          counts.set(
            `${end}:${depth}:${runningKey(line.text)}`,
            (counts.get(`${end}:${depth}:${runningKey(line.text)}`) ?? 0) + 1,
          );
      }
    }
  }
  const repeats = Math.max(2, Math.ceil(pages.length * 0.3));
  let removed = 0;
  const kept = pages.map((lines) => {
    const drop = new Set<PageLine>();
    for (const end of ends) {
      for (const depth of [0, 1]) {
        const line = edge(lines, end, depth);
        if (!line || (depth === 1 && !drop.has(edge(lines, end, 0)!))) continue;
        const recurring =
          pages.length >= 2 && (counts.get(`${end}:${depth}:${runningKey(line.text)}`) ?? 0) >= repeats;
        const number =
          pageNumber.test(line.text) &&
          line.size <= bodySize * 1.05 &&
          !line.bold &&
          (pages.length >= 2 || isolated(lines, line));
        if (recurring || number) drop.add(line);
      }
    }
    removed += drop.size;
    return lines.filter((line) => !drop.has(line));
  });
  return { kept, removed };
}

/** Whether a line stands apart from its neighbours by more than two of its own line heights. */
function isolated(lines: readonly PageLine[], line: PageLine): boolean {
  const index = lines.indexOf(line);
  const gaps = [lines[index - 1], lines[index + 1]]
    .filter((other): other is PageLine => other !== undefined)
    .map((other) => Math.abs(other.y - line.y));
  return gaps.every((gap) => gap > 2.4 * line.size);
}

/**
 * The page's footnotes: the run of lines at its foot set smaller than the body, the first of them starting with a
 * marker (or, continuing a note from the page before, `carried`). Anything else stays body text.
 */
function takeFootnotes(
  lines: readonly PageLine[],
  bodySize: number,
  page: number,
  carried: PageNote | undefined,
) {
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.size < bodySize * 0.92 && !lines[start - 1]!.bold) start--;
  // A note zone ends the page; a paragraph in small type above body text (a caption, a quote) is not one.
  const zone = lines.slice(start);
  const opens = (line: PageLine) =>
    line.markers[0]?.offset === 0 ? line.markers[0].marker : noteStart.exec(line.text)?.[1];
  while (zone.length > 0 && !opens(zone[0]!) && !(carried && carried.page === page - 1)) {
    zone.shift();
    start++;
  }
  const notes: PageNote[] = [];
  let current = zone.length > 0 && !opens(zone[0]!) ? carried : undefined;
  for (const line of zone) {
    const marker = opens(line);
    const leadingMarker = line.markers[0]?.offset === 0;
    const laid: LaidOutLine = {
      text: marker && !leadingMarker ? line.text.replace(noteStart, "") : line.text,
      markers: leadingMarker ? line.markers.slice(1) : line.markers,
      pageBreakBefore:
        current !== undefined && current.page !== page && current.lines.length > 0 && notes.length === 0,
    };
    if (marker) {
      current = { marker, page, lines: [laid] };
      notes.push(current);
    } else current?.lines.push(laid);
  }
  return { body: lines.slice(0, start), notes };
}

type Style = "heading" | "body";

/** The paragraphs and headings of the pages' body lines, in order. */
function segment(pages: readonly PageLine[][], bodySize: number) {
  const spacing = lineSpacing(pages, bodySize);
  const blocks: LaidOutBlock[] = [];
  let joinedAcrossPages = 0;
  let previous: { line: PageLine; style: Style; page: number } | undefined;
  pages.forEach((lines, page) => {
    const edges = columnEdges(lines, bodySize);
    lines.forEach((line) => {
      const style: Style = isHeading(line, bodySize, edges) ? "heading" : "body";
      const pageBreak = previous !== undefined && previous.page !== page;
      const continues =
        previous !== undefined &&
        previous.style === style &&
        !startsBlock(previous.line, line, style, pageBreak, edges, spacing, bodySize);
      const laid = { text: line.text, markers: line.markers, pageBreakBefore: pageBreak };
      if (continues) {
        blocks.at(-1)!.lines.push(laid);
        if (pageBreak) joinedAcrossPages++;
      } else blocks.push({ kind: style === "heading" ? "heading" : "paragraph", lines: [laid] });
      previous = { line, style, page };
    });
  });
  return { blocks, joinedAcrossPages };
}

/** The usual distance between two baselines of body text (the median over consecutive body lines). */
function lineSpacing(pages: readonly PageLine[][], bodySize: number): number {
  const distances: number[] = [];
  for (const lines of pages) {
    for (let index = 1; index < lines.length; index++) {
      const [above, below] = [lines[index - 1]!, lines[index]!];
      if (
        above.size === bodySize &&
        below.size === bodySize &&
        above.column === below.column &&
        below.y > above.y
      )
        distances.push(below.y - above.y);
    }
  }
  distances.sort((a, b) => a - b);
  return distances[Math.floor(distances.length / 2)] ?? bodySize * 1.2;
}

interface ColumnEdges {
  left: Map<number, number>;
  right: Map<number, number>;
}

/** Each column's left edge (where most body lines start) and right edge (the measure's end). */
function columnEdges(lines: readonly PageLine[], bodySize: number): ColumnEdges {
  const edges: ColumnEdges = { left: new Map(), right: new Map() };
  for (const column of new Set(lines.map((line) => line.column))) {
    const body = lines.filter((line) => line.column === column && line.size === bodySize);
    if (body.length === 0) continue;
    edges.left.set(column, mode(body.map((line) => line.left)));
    edges.right.set(column, Math.max(...body.map((line) => line.right)));
  }
  return edges;
}

/** The value most lines share, to half a point. */
function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values)
    counts.set(Math.round(value * 2) / 2, (counts.get(Math.round(value * 2) / 2) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  return Math.min(...values.filter((value) => Math.abs(value - best) <= 0.5));
}

function isHeading(line: PageLine, bodySize: number, edges: ColumnEdges): boolean {
  if (line.size >= bodySize * 1.12) return true;
  const measure = (edges.right.get(line.column) ?? line.right) - (edges.left.get(line.column) ?? line.left);
  return line.bold && line.right - line.left < measure * 0.7 && !/[.,;:]$/u.test(line.text);
}

function startsBlock(
  above: PageLine,
  line: PageLine,
  style: Style,
  pageBreak: boolean,
  edges: ColumnEdges,
  spacing: number,
  bodySize: number,
): boolean {
  if (style === "heading")
    return (
      line.size !== above.size || (!pageBreak && line.y - above.y > spacing * 1.8 * (line.size / bodySize))
    );
  const left = edges.left.get(line.column) ?? line.left;
  const indented = line.left > left + 0.6 * line.size;
  const aboveRight = edges.right.get(above.column) ?? above.right;
  const short = above.right < aboveRight - 2 * above.size;
  if (pageBreak || line.column !== above.column) return indented || short;
  const gap = line.y - above.y > spacing * 1.4;
  return gap || indented || short || line.size !== above.size;
}

/** The first block on page one, set larger than everything else, is the title; a short line right under it the author. */
function nameTitleAndAuthor(
  blocks: LaidOutBlock[],
  firstPage: readonly PageLine[],
  bodySize: number,
): LaidOutBlock[] {
  const first = blocks[0];
  const largest = Math.max(...firstPage.map((line) => line.size));
  if (!first || first.kind !== "heading" || firstPage[0]?.size !== largest || largest < bodySize * 1.3)
    return blocks;
  const result = [{ ...first, kind: "title" as const }, ...blocks.slice(1)];
  const next = result[1];
  const text = next?.lines[0]?.text ?? "";
  if (
    next &&
    next.lines.length === 1 &&
    text.split(/\s+/u).length <= 8 &&
    !/[.,;:]$/u.test(text) &&
    result.length > 2
  ) {
    result[1] = { kind: "author", lines: [{ ...next.lines[0]!, text: text.replace(/^by\s+/iu, "") }] };
  }
  return result;
}
