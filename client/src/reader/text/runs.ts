// Very long blocks laid out as consecutive runs: Chrome stops wrapping one inline box after about 3 million pixels of
// lines (a 4 MB paragraph ran off to the right), so no run is longer than `maxRunLength`.
import type { Piece } from "./anchoring.ts";

/** The longest stretch of a block's text (UTF-16 units) laid out as one inline box. */
export const maxRunLength = 100_000;

/** How far back from a run's limit to look for whitespace to end it at, so no word is split. */
const lookBack = 2_000;

/** Whether offset `at` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, at: number) =>
  /[\uD800-\uDBFF]/.test(text[at - 1] ?? "") && /[\uDC00-\uDFFF]/.test(text[at] ?? "");

/**
 * The offsets where a new run starts (0 excluded), each just after whitespace when there is some within reach,
 * never inside a surrogate pair. Empty when the text fits in one run.
 */
export function runBoundaries(text: string, max = maxRunLength): number[] {
  const bounds: number[] = [];
  let start = 0;
  while (text.length - start > max) {
    let cut = start + max;
    const floor = Math.max(start + 1, cut - lookBack);
    let at = cut;
    while (at > floor && !/\s/.test(text[at - 1]!)) at -= 1;
    if (at > floor) cut = at;
    else if (splitsPair(text, cut)) cut -= 1;
    bounds.push(cut);
    start = cut;
  }
  return bounds;
}

/**
 * Groups a block's pieces into runs ending at `bounds`, splitting text pieces that cross one. A footnote marker
 * stays with the text it follows.
 */
export function groupIntoRuns(pieces: readonly Piece[], bounds: readonly number[]): Piece[][] {
  if (bounds.length === 0) return [[...pieces]];
  const runs: Piece[][] = bounds.map(() => []);
  runs.push([]);
  const runOf = (offset: number, after: boolean) => {
    let run = 0;
    while (run < bounds.length && (after ? offset > bounds[run]! : offset >= bounds[run]!)) run += 1;
    return run;
  };
  for (const piece of pieces) {
    if (piece.kind === "footnote") {
      runs[runOf(piece.offset, true)]!.push(piece);
      continue;
    }
    let { start } = piece;
    while (start < piece.end) {
      const run = runOf(start, false);
      const end = Math.min(piece.end, bounds[run] ?? piece.end);
      runs[run]!.push({
        ...piece,
        start,
        end,
        text: piece.text.slice(start - piece.start, end - piece.start),
      });
      start = end;
    }
  }
  return runs;
}
