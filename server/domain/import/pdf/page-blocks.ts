// A PDF's lines, page by page, to blocks: running heads and page numbers removed, notes taken (notes.ts), paragraphs
// from gaps, indents and short last lines, headings from size and weight, title and author from page one.
import type { BlockKind } from "../../../../shared/schemas/documents.ts";
import { authorOfLine, isNameLine } from "../byline.ts";
import { takeEndnotes, takeFootnotes, withoutBacklinks, type PageNote } from "./notes.ts";
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

export type { PageNote } from "./notes.ts";

export interface Layout {
  blocks: LaidOutBlock[];
  notes: PageNote[];
  /** Running heads, running feet, page numbers and the heading over notes ("Notes") removed. */
  artefactsRemoved: number;
  /** Paragraphs that go on across a page break, joined. */
  joinedAcrossPages: number;
}

/** A bare page number: 17, xii, "17 / 40", "Page 17", "- 17 -". */
const pageNumber = /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*(?:(?:\/|of)\s*\d{1,4})?\s*[-–—]?$/iu;

/**
 * Lays out a document's pages (each page's lines in reading order: pageLines) into blocks and notes.
 * Running heads and feet are lines at a page's top or bottom whose text, digits aside, and size recur at the same end
 * of other pages, or which are a bare page number, or which stand where such lines stand on other pages; footnotes
 * are the lines at a page's foot set smaller than the body, starting with a marker; endnotes are the run of lines
 * after the text opening exactly the notes its markers still lack (takeEndnotes); a heading right above notes goes;
 * a paragraph ends at a vertical gap larger than the line spacing, before a line indented from its column's edge, or
 * after a line whose column had room for the next line's first word; headings are lines set larger than the body, or
 * wholly bold and short; the first heading on page one set larger than any other is the title, and the block right
 * under it the author when it names one.
 */
export function layOutPages(pages: readonly PageLine[][]): Layout {
  const bodySize = mostCommonSize(pages.flat());
  const { kept, removed } = removeRunningLines(pages, bodySize);
  const notes: PageNote[] = [];
  let notesHeadings = 0;
  const headingOf = (lines: readonly PageLine[]) => {
    const edges = columnEdges(lines, bodySize);
    return (line: PageLine) => isHeading(line, bodySize, edges);
  };
  // Each column has its own foot (LaTeX sets a two-column page's notes under each column).
  const bodies = kept.map((lines, page) => {
    const heading = headingOf(lines);
    return runsOfColumns(lines).flatMap((run) => {
      const split = takeFootnotes(run, bodySize, page, notes.at(-1));
      notes.push(...split.notes);
      const last = split.body.at(-1);
      // A heading right above the notes ("Notes") heads nothing once they ride on their markers.
      if (split.notes.length === 0 || !last || !heading(last)) return split.body;
      notesHeadings++;
      return split.body.slice(0, -1);
    });
  });
  const headings = bodies.map(headingOf);
  const endnotes = takeEndnotes(bodies, notes, (line, page) => headings[page]!(line));
  notes.push(...endnotes.notes);
  if (endnotes.headingTaken) notesHeadings++;
  notesHeadings += dropTrailingNotesHeading(bodies, notes, bodySize);
  const { blocks, joinedAcrossPages } = segment(bodies, bodySize);
  return {
    blocks: nameTitleAndAuthor(blocks, bodies[0] ?? [], bodySize),
    notes: notes.map(withoutBacklinks),
    artefactsRemoved: removed + notesHeadings,
    joinedAcrossPages,
  };
}

/**
 * Takes off the heading that ends the body text when only notes come after it (endnotes under "Notes" on pages of
 * their own): once the notes ride on their markers it heads nothing. Returns how many it took (0 or 1).
 */
function dropTrailingNotesHeading(
  bodies: PageLine[][],
  notes: readonly PageNote[],
  bodySize: number,
): number {
  let page = bodies.length - 1;
  while (page >= 0 && bodies[page]!.length === 0) page--;
  const lines = bodies[page];
  const last = lines?.at(-1);
  if (!lines || !last || !isHeading(last, bodySize, columnEdges(lines, bodySize))) return 0;
  if (!notes.some((note) => note.page > page)) return 0;
  lines.pop();
  return 1;
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

/** What a running line keeps from page to page: its words (numbers aside) and its size (a title is set larger). */
const runningKey = (line: PageLine) =>
  `${Math.round(line.size * 2) / 2}:${line.text
    .toLowerCase()
    .replace(/\d+|[ivxlc]+\b/gu, "#")
    .replace(/\s+/gu, " ")}`;

/**
 * Lines at the top or bottom of their page that repeat across pages (same words, numbers aside, and size), or are page
 * numbers; and a line standing apart at a page's top or bottom in the place (baseline and size) where such a line
 * stands on another page.
 */
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
            `${end}:${depth}:${runningKey(line)}`,
            (counts.get(`${end}:${depth}:${runningKey(line)}`) ?? 0) + 1,
          );
      }
    }
  }
  const repeats = Math.max(2, Math.ceil(pages.length * 0.3));
  const drops = pages.map((lines) => {
    const drop = new Set<PageLine>();
    for (const end of ends) {
      for (const depth of [0, 1]) {
        const line = edge(lines, end, depth);
        if (!line || (depth === 1 && !drop.has(edge(lines, end, 0)!))) continue;
        const recurring =
          pages.length >= 2 && (counts.get(`${end}:${depth}:${runningKey(line)}`) ?? 0) >= repeats;
        const number =
          pageNumber.test(line.text) &&
          line.size <= bodySize * 1.05 &&
          !line.bold &&
          (pages.length >= 2 || isolated(lines, line));
        if (recurring || number) drop.add(line);
      }
    }
    return drop;
  });
  // A running head whose words change (the current section's name) sits where the recurring ones do.
  const slots = drops.flatMap((drop, page) => [...drop].map((line) => ({ line, page })));
  pages.forEach((lines, page) => {
    for (const end of ends) {
      const line = edge(lines, end, 0);
      if (!line || drops[page]!.has(line) || !isolated(lines, line)) continue;
      const inSlot = slots.some(
        (slot) =>
          slot.page !== page &&
          slot.line === edge(pages[slot.page]!, end, 0) &&
          Math.abs(slot.line.y - line.y) <= 1 &&
          Math.abs(slot.line.size - line.size) <= 0.25,
      );
      if (inSlot) drops[page]!.add(line);
    }
  });
  let removed = 0;
  const kept = pages.map((lines, page) => {
    removed += drops[page]!.size;
    return lines.filter((line) => !drops[page]!.has(line));
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

type Style = "heading" | "body";

/** The paragraphs and headings of the pages' body lines, in order. */
function segment(pages: readonly PageLine[][], bodySize: number) {
  const spacing = lineSpacing(pages, bodySize);
  const blocks: LaidOutBlock[] = [];
  let joinedAcrossPages = 0;
  let previous: Placed | undefined;
  pages.forEach((lines, page) => {
    const edges = columnEdges(lines, bodySize);
    lines.forEach((line) => {
      const current: Placed = {
        line,
        edges,
        page,
        style: isHeading(line, bodySize, edges) ? "heading" : "body",
      };
      const pageBreak = previous !== undefined && previous.page !== page;
      const continues =
        previous !== undefined &&
        previous.style === current.style &&
        !startsBlock(previous, current, spacing, bodySize);
      const laid = { text: line.text, markers: line.markers, pageBreakBefore: pageBreak };
      if (continues) {
        blocks.at(-1)!.lines.push(laid);
        if (pageBreak) joinedAcrossPages++;
      } else blocks.push({ kind: current.style === "heading" ? "heading" : "paragraph", lines: [laid] });
      previous = current;
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
  /** The columns whose lines are justified to their right edge (not ragged). */
  justified: Set<number>;
}

/**
 * Each column's left edge (where most body lines start) and right edge: the measure most lines are justified to
 * (shared by a third of them or more; an overfull line sticks out past it), else the furthest a line reaches (ragged
 * right).
 */
function columnEdges(lines: readonly PageLine[], bodySize: number): ColumnEdges {
  const edges: ColumnEdges = { left: new Map(), right: new Map(), justified: new Set() };
  for (const column of new Set(lines.map((line) => line.column))) {
    const body = lines.filter((line) => line.column === column && line.size === bodySize);
    if (body.length === 0) continue;
    edges.left.set(column, Math.min(...mode(body.map((line) => line.left))));
    const justified = mode(body.map((line) => line.right));
    if (justified.length >= body.length / 3) edges.justified.add(column);
    edges.right.set(
      column,
      edges.justified.has(column) ? Math.max(...justified) : Math.max(...body.map((line) => line.right)),
    );
  }
  return edges;
}

/** The values most lines share, to half a point. */
function mode(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values)
    counts.set(Math.round(value * 2) / 2, (counts.get(Math.round(value * 2) / 2) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  return values.filter((value) => Math.abs(value - best) <= 0.5);
}

function isHeading(line: PageLine, bodySize: number, edges: ColumnEdges): boolean {
  if (line.size >= bodySize * 1.12) return true;
  const measure = (edges.right.get(line.column) ?? line.right) - (edges.left.get(line.column) ?? line.left);
  return line.bold && line.right - line.left < measure * 0.7 && !/[.,;:]$/u.test(line.text);
}

/** A line with what decides where blocks start: its page's column edges, its page and its style. */
interface Placed {
  line: PageLine;
  edges: ColumnEdges;
  page: number;
  style: Style;
}

/**
 * Whether `current` starts a new block after `above` (the line read before it, maybe on the page before, measured
 * against its own page's columns): a heading at a change of size or after a gap; body text after a gap, at an indent,
 * after a line ending short of its column's measure (endsShort), at a change of size. Across a page or column break,
 * only the indent and the short line count.
 */
function startsBlock(above: Placed, current: Placed, spacing: number, bodySize: number): boolean {
  const { line } = current;
  const pageBreak = above.page !== current.page;
  if (current.style === "heading")
    return (
      line.size !== above.line.size ||
      (!pageBreak && line.y - above.line.y > spacing * 1.8 * (line.size / bodySize))
    );
  const left = current.edges.left.get(line.column) ?? line.left;
  const indented = line.left > left + 0.6 * line.size;
  const short = endsShort(above, line);
  if (pageBreak || line.column !== above.line.column) return indented || short;
  const gap = line.y - above.line.y > spacing * 1.4;
  return gap || indented || short || line.size !== above.line.size;
}

/**
 * Whether `above` ends its paragraph by falling short of its column's measure: in a justified column, by more than
 * an em; in a ragged one, by more than the first word of `line` and an em would take, so that word would have fitted
 * had the paragraph gone on (ragged lines fall short by less than their next word). A hyphenated line end never
 * ends a paragraph.
 */
function endsShort(above: Placed, line: PageLine): boolean {
  const measure = above.edges.right.get(above.line.column) ?? above.line.right;
  const room = measure - above.line.right;
  if (/[-‐]$/u.test(above.line.text) || room < 0.5 * above.line.size) return false;
  if (above.edges.justified.has(above.line.column)) return room > above.line.size;
  const characterWidth = (line.right - line.left) / Math.max(1, line.text.length);
  const firstWord = line.text.split(" ")[0] ?? "";
  // An em to spare: a ragged line's measure is only known from the longest line, and a word's width is estimated.
  return room > firstWord.length * characterWidth + above.line.size;
}

/**
 * The first block on page one, set larger than everything else, is the title; the block right under it is the author
 * when it names one (authorLine), with the name only.
 */
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
  const author = result.length > 2 ? authorLine(result[1]!.lines) : undefined;
  if (author) result[1] = { kind: "author", lines: [author] };
  return result;
}

/**
 * The author a block under the title names: its one line when that names the author (authorOfLine), the name only,
 * with a marker after it kept on it (a note on the author); or, for two to four lines each a name alone (authors set
 * side by side or one under another), the names joined by ", ".
 */
function authorLine(lines: readonly LaidOutLine[]): LaidOutLine | undefined {
  const [line] = lines;
  if (lines.length === 1 && line) {
    const name = authorOfLine(line.text);
    if (name === undefined) return undefined;
    const from = line.text.indexOf(name);
    const markers = line.markers.map((marker) => ({
      ...marker,
      offset: Math.min(name.length, Math.max(0, marker.offset - from)),
    }));
    return { ...line, text: name, markers };
  }
  const names = lines.map((each) => (isNameLine(each.text) ? each.text : undefined));
  if (lines.length > 4 || names.some((name) => name === undefined)) return undefined;
  return { text: names.join(", "), markers: [], pageBreakBefore: false };
}
