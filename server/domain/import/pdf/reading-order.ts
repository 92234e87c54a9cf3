// A page's lines in reading order: columns found by the gutters between them (a recursive XY cut), each read top to
// bottom before the next; lines across a gutter (a title, a one-column section) keep their place above or below.

/** Where a line sits on its page, in points from the top-left corner. */
export interface LineBox {
  left: number;
  right: number;
  /** Baseline. */
  y: number;
  size: number;
}

/** A line in reading order, with the column it was read in: 0 outside any column, 1, 2, … in reading order. */
export interface OrderedLine<T> {
  line: T;
  column: number;
}

/** The narrowest gutter between two columns, in multiples of the text size (LaTeX's default is about 1 em). */
const minGutter = 0.8;

/**
 * The lines of a page in reading order. The page is cut, recursively: first where a horizontal gap across the whole
 * region is clearly wider than the page's usual gap between lines (a section of one column above or below a section
 * of two; bands on both sides of a gap set in columns on the same gutter stay together); then at a gutter, a vertical strip at least 0.8 of the text size wide with column text on both sides
 * (each side two or more lines side by side with the other's, at least a fifth of the region wide, most of its lines
 * reaching its right edge: a column, not a list's labels or a table's figures). Lines crossing the gutter cut the
 * region into bands read one after another; without them, the left side is read before the right, each a new
 * column. A region that cannot be cut is read top to bottom, left to right on a baseline.
 * @param lines one page's lines, in any order
 */
export function readingOrder<T extends LineBox>(lines: readonly T[]): OrderedLine<T>[] {
  const unit = median(lines.map((line) => line.size)) ?? 10;
  const typicalGap = median(gapsBetween(lines)) ?? 0;
  const wideGap = Math.max(2 * typicalGap, typicalGap + 0.5 * unit);
  let columns = 0;
  const read = (region: readonly T[], column: number): OrderedLine<T>[] => {
    if (region.length < 2) return region.map((line) => ({ line, column }));
    const bands = joinColumnBands(splitAtGaps(region, wideGap), unit);
    if (bands.length > 1) return bands.flatMap((band) => read(band, column));
    const gutter = findGutter(region, unit);
    if (!gutter) return [...region].sort(byBaseline).map((line) => ({ line, column }));
    if (gutter.across.length === 0) {
      const left = read(gutter.left, ++columns);
      return [...left, ...read(gutter.right, ++columns)];
    }
    return splitAcross(region, new Set(gutter.across)).flatMap((band) =>
      band.across ? [{ line: band.lines[0]!, column }] : read(band.lines, column),
    );
  };
  return read(lines, 0);
}

const byBaseline = (a: LineBox, b: LineBox) => a.y - b.y || a.left - b.left;
const top = (line: LineBox) => line.y - 0.75 * line.size;
const bottom = (line: LineBox) => line.y + 0.25 * line.size;

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The vertical gaps between the lines' boxes where no line covers the page from side to side. */
function gapsBetween(lines: readonly LineBox[]): number[] {
  const sorted = [...lines].sort((a, b) => top(a) - top(b));
  const gaps: number[] = [];
  let reach = -Infinity;
  for (const line of sorted) {
    if (reach > -Infinity && top(line) > reach) gaps.push(top(line) - reach);
    reach = Math.max(reach, bottom(line));
  }
  return gaps;
}

/** The lines cut into bands at every horizontal gap wider than `wide`, top to bottom. */
function splitAtGaps<T extends LineBox>(lines: readonly T[], wide: number): T[][] {
  const sorted = [...lines].sort((a, b) => top(a) - top(b));
  const bands: T[][] = [];
  let reach = -Infinity;
  for (const line of sorted) {
    if (bands.length === 0 || top(line) - reach > wide) bands.push([line]);
    else bands.at(-1)!.push(line);
    reach = Math.max(reach, bottom(line));
  }
  return bands;
}

/** The lines top to bottom, cut at each line of `across`: runs of other lines, and each line of `across` alone. */
function splitAcross<T extends LineBox>(
  lines: readonly T[],
  across: ReadonlySet<T>,
): { lines: T[]; across: boolean }[] {
  const bands: { lines: T[]; across: boolean }[] = [];
  for (const line of [...lines].sort(byBaseline)) {
    if (across.has(line)) bands.push({ lines: [line], across: true });
    else if (bands.at(-1)?.across === false) bands.at(-1)!.lines.push(line);
    else bands.push({ lines: [line], across: false });
  }
  return bands;
}

/** The strip between two columns (from the left column's right edge to the right column's left edge), and the lines. */
interface Gutter<T> extends Strip {
  left: T[];
  right: T[];
  across: T[];
}

/**
 * Bands cut at wide gaps, with neighbours set in columns on one gutter joined again: two columns whose gaps (before
 * a heading in each, say) happen to fall at the same height are still read column by column. A band with lines on
 * both sides of a neighbour's gutter and none across it (the two headings) belongs to those columns too.
 */
function joinColumnBands<T extends LineBox>(bands: T[][], unit: number): T[][] {
  if (bands.length < 2) return bands;
  const strips = bands.map((band): Strip | undefined => {
    const gutter = findGutter(band, unit);
    return gutter?.across.length === 0 ? gutter : undefined;
  });
  const straddles = (band: readonly T[], strip: Strip | undefined) =>
    strip !== undefined &&
    band.every((line) => line.right <= strip.from + 0.25 || line.left >= strip.to) &&
    band.some((line) => line.right <= strip.from + 0.25) &&
    band.some((line) => line.left >= strip.to);
  bands.forEach((band, index) => {
    if (strips[index]) return;
    const beside = [strips[index - 1], strips[index + 1]].find((strip) => straddles(band, strip));
    if (beside) strips[index] = beside;
  });
  const joined: { lines: T[]; strip: Strip | undefined }[] = [];
  bands.forEach((band, index) => {
    const strip = strips[index];
    const last = joined.at(-1);
    if (last?.strip && strip && strip.from < last.strip.to && last.strip.from < strip.to) {
      last.lines.push(...band);
      last.strip = { from: Math.max(strip.from, last.strip.from), to: Math.min(strip.to, last.strip.to) };
    } else joined.push({ lines: [...band], strip });
  });
  return joined.map((band) => band.lines);
}

/** A vertical strip of the page, in points from its left edge. */
interface Strip {
  from: number;
  to: number;
}

/**
 * The gutter with the most column lines on its thinner side: between a line's right edge and the nearest left edge
 * beyond it, no narrower than minGutter, with columns on both sides (sideBySide, isColumn).
 */
function findGutter<T extends LineBox>(lines: readonly T[], unit: number): Gutter<T> | undefined {
  const width = Math.max(...lines.map((line) => line.right)) - Math.min(...lines.map((line) => line.left));
  const edges = [...new Set(lines.map((line) => Math.round(line.right * 2) / 2))].sort((a, b) => a - b);
  let best: (Gutter<T> & { score: number }) | undefined;
  for (const edge of edges) {
    const beyond = lines.filter((line) => line.left >= edge).map((line) => line.left);
    if (beyond.length === 0) continue;
    const far = Math.min(...beyond);
    if (far - edge < minGutter * unit) continue;
    const left = lines.filter((line) => line.right <= edge + 0.25);
    const right = lines.filter((line) => line.left >= far);
    if (!isColumn(left, width) || !isColumn(right, width) || !sideBySide(left, right)) continue;
    const across = lines.filter((line) => line.right > edge + 0.25 && line.left < far);
    const score = Math.min(left.length, right.length) - across.length;
    if (!best || score > best.score) best = { from: edge, to: far, left, right, across, score };
  }
  return best;
}

/**
 * Whether lines read as columns of text: two or more, a fifth of the region wide, most of them nearly as wide (four
 * fifths or more) as the widest line starting where they start: a column's lines fill its measure, a list's labels or
 * a glossary's terms do not. Lines of several columns side by side pass too, each column measured by itself.
 */
function isColumn(lines: readonly LineBox[], regionWidth: number): boolean {
  if (lines.length < 2) return false;
  const width = Math.max(...lines.map((line) => line.right)) - Math.min(...lines.map((line) => line.left));
  const widest = new Map<number, number>();
  const start = (line: LineBox) => Math.round(line.left);
  for (const line of lines)
    widest.set(start(line), Math.max(widest.get(start(line)) ?? 0, line.right - line.left));
  const full = lines.filter((line) => line.right - line.left >= 0.8 * widest.get(start(line))!).length;
  return width >= 0.2 * regionWidth && full >= lines.length / 2;
}

/** Whether two groups of lines stand side by side: each has lines within the other's height. */
function sideBySide(left: readonly LineBox[], right: readonly LineBox[]): boolean {
  const within = (lines: readonly LineBox[], others: readonly LineBox[]) => {
    const from = Math.min(...others.map(top));
    const to = Math.max(...others.map(bottom));
    return lines.filter((line) => line.y >= from && line.y <= to).length >= Math.min(2, lines.length);
  };
  return within(left, right) && within(right, left);
}
