// Footnote reference markers fused to words ("characteristics.25") separated into block footnote refs.
import type { FootnoteRef } from "../../../shared/schemas/documents.ts";
import { isDictionaryWord } from "./dictionary.ts";
import type { Dictionary } from "./dictionary.ts";

/** A block's text before markers are separated, and whether it is a heading (where a spaced marker may end it). */
export interface FootnoteInput {
  text: string;
  heading: boolean;
}

/** Block texts without their markers, the refs found in each, and the numbers left in place as doubtful. */
export interface FootnoteSeparation {
  blocks: { text: string; footnotes: FootnoteRef[] }[];
  separated: number;
  unresolved: { token: string; reason: string; blockOrdinal: number }[];
}

interface Candidate {
  block: number;
  start: number;
  end: number;
  marker: string;
  value: number;
  /** Fused after punctuation or a superscript: certain enough on its own. */
  strong: boolean;
  context: string;
}

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const fusedAfterPunctuation = /(?<=\p{L}{2}[.,;:!?’”")\]]{1,2})\d{1,3}(?=[\s.,;:!?)\]’”]|$)/gu;
const fusedAfterWord = /(?<=(?:^|[\s‘“(])(\p{Ll}{3,}))\d{1,3}(?=[\s.,;:!?)\]’”]|$)/gu;
const superscriptRun = /(?<=\S)[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}/gu;
const headingTrailing = /(?<=\p{L}[’”)]?)\s+(\d{1,3})$/u;

function toValue(marker: string): number {
  return Number(
    [...marker].map((char) => (superscripts.includes(char) ? superscripts.indexOf(char) : char)).join(""),
  );
}

function findCandidates(blocks: readonly FootnoteInput[], dictionary: Dictionary): Candidate[] {
  const candidates: Candidate[] = [];
  blocks.forEach(({ text, heading }, block) => {
    if (!/[\d⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(text)) return;
    const found: Candidate[] = [];
    const add = (start: number, end: number, strong: boolean) => {
      const marker = text.slice(start, end).trim();
      const context = text.slice(Math.max(0, start - 20), end);
      found.push({ block, start, end, marker, value: toValue(marker), strong, context });
    };
    for (const match of text.matchAll(fusedAfterPunctuation))
      add(match.index, match.index + match[0].length, true);
    for (const match of text.matchAll(superscriptRun)) add(match.index, match.index + match[0].length, true);
    for (const match of text.matchAll(fusedAfterWord)) {
      if (isDictionaryWord(dictionary, match[1] ?? ""))
        add(match.index, match.index + match[0].length, false);
    }
    const trailing = heading ? headingTrailing.exec(text) : null;
    if (trailing) add(trailing.index, text.length, false);
    candidates.push(...found.sort((a, b) => a.start - b.start));
  });
  return candidates;
}

/** Indexes of the longest strictly increasing run of values (footnotes are numbered in reading order). */
function findIncreasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((values[tails[middle] as number] as number) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1] as number;
    tails[low] = index;
  });
  const run = new Set<number>();
  for (let index = tails[tails.length - 1] ?? -1; index >= 0; index = previous[index] as number)
    run.add(index);
  return run;
}

/**
 * Separates footnote markers: digits fused after a word's closing punctuation ("crisis.27"), superscript
 * digits, digits fused to a dictionary word ("material28"), and a number ending a heading ("theory 26").
 * Markers are numbered in reading order, so only candidates on the longest increasing sequence are taken,
 * and weak ones (fused to a bare word, ending a heading) only when strong ones exist. Years, "1970s",
 * "50km" and spaced numbers in sentences never match. The rest stay in the text and are reported.
 */
export function separateFootnotes(
  blocks: readonly FootnoteInput[],
  dictionary: Dictionary,
): FootnoteSeparation {
  const candidates = findCandidates(blocks, dictionary);
  const run = findIncreasingRun(candidates.map((candidate) => candidate.value));
  const strongCount = candidates.filter((candidate, index) => candidate.strong && run.has(index)).length;
  const accepted = candidates.filter(
    (candidate, index) => run.has(index) && (candidate.strong || strongCount >= 2),
  );
  const result: FootnoteSeparation = {
    blocks: blocks.map(({ text }) => ({ text, footnotes: [] })),
    separated: accepted.length,
    unresolved: candidates
      .filter((candidate) => !accepted.includes(candidate))
      .map((candidate) => ({
        token: candidate.context,
        reason: `“${candidate.marker}” may be a footnote marker; kept in the text`,
        blockOrdinal: candidate.block,
      })),
  };
  const removed = new Map<number, number>();
  for (const candidate of accepted) {
    const block = result.blocks[candidate.block];
    if (!block) continue;
    const shift = removed.get(candidate.block) ?? 0;
    const start = candidate.start - shift;
    block.text = block.text.slice(0, start) + block.text.slice(candidate.end - shift);
    block.footnotes.push({ marker: String(candidate.value), offset: start });
    removed.set(candidate.block, shift + candidate.end - candidate.start);
  }
  return result;
}
