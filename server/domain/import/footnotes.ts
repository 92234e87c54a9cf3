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
  /** Note bodies whose marker was not found in the text. */
  unpairedNotes: FootnoteBody[];
}

/** A footnote body found in the text, to ride on the first marker with its number after the previous note's. */
export interface FootnoteBody {
  marker: string;
  text: string;
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
  /** Found only by a pattern that would eat real numbers ("1830.2", "xyzzy3"): taken only with a note body. */
  needsNote: boolean;
}

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const fusedAfterPunctuation = /(?<=\p{L}{2}[.,;:!?’”")\]]{1,2})\d{1,3}(?=[\s.,;:!?)\]’”]|$)/gu;
const fusedAfterWord = /(?<=(?:^|[\s‘“(])(\p{Ll}{3,}))\d{1,3}(?=[\s.,;:!?)\]’”]|$)/gu;
/** Digits fused after any letter or closing punctuation ("1830.2", "outsider3", "a.4"): a marker only beside its note. */
const fusedAnywhere = /(?<=[\p{L}.,;:!?’”")\]])\d{1,3}(?=[\s.,;:!?)\]’”]|$)/gu;
const superscriptRun = /(?<=\S)[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}/gu;
const headingTrailing = /(?<=\p{L}[’”)]?)\s+(\d{1,3})$/u;

function toValue(marker: string): number {
  return Number(
    [...marker].map((char) => (superscripts.includes(char) ? superscripts.indexOf(char) : char)).join(""),
  );
}

function findCandidates(
  blocks: readonly FootnoteInput[],
  dictionary: Dictionary,
  withNotes: boolean,
): Candidate[] {
  const candidates: Candidate[] = [];
  blocks.forEach(({ text, heading }, block) => {
    if (!/[\d⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(text)) return;
    const found: Candidate[] = [];
    const add = (start: number, end: number, strong: boolean, needsNote = false) => {
      if (found.some((each) => each.start === start)) return;
      const marker = text.slice(start, end).trim();
      const context = text.slice(Math.max(0, start - 20), end);
      found.push({ block, start, end, marker, value: toValue(marker), strong, context, needsNote });
    };
    for (const match of text.matchAll(fusedAfterPunctuation))
      add(match.index, match.index + match[0].length, true);
    for (const match of text.matchAll(superscriptRun)) add(match.index, match.index + match[0].length, true);
    for (const match of text.matchAll(fusedAfterWord)) {
      if (isDictionaryWord(dictionary, match[1] ?? ""))
        add(match.index, match.index + match[0].length, false);
    }
    if (withNotes) {
      for (const match of text.matchAll(fusedAnywhere))
        add(match.index, match.index + match[0].length, true, true);
    }
    const trailing = heading ? headingTrailing.exec(text) : null;
    if (trailing) add(trailing.index, text.length, false);
    for (const candidate of found.sort((a, b) => a.start - b.start)) candidates.push(candidate); // a line may hold 100,000
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
 * Pairs each note body with the first candidate carrying its number after the previous pairing (notes come in
 * reading order); returns candidate index → note text, and the notes nothing carried.
 */
function pairNotes(
  candidates: readonly Candidate[],
  notes: readonly FootnoteBody[],
): { paired: Map<number, string>; unpaired: FootnoteBody[] } {
  const paired = new Map<number, string>();
  const unpaired: FootnoteBody[] = [];
  let from = 0;
  for (const note of notes) {
    const at = candidates.findIndex(
      (candidate, index) => index >= from && String(candidate.value) === note.marker,
    );
    if (at < 0) {
      unpaired.push(note);
      continue;
    }
    paired.set(at, note.text);
    from = at + 1;
  }
  return { paired, unpaired };
}

/**
 * Separates footnote markers: digits fused after a word's closing punctuation ("crisis.27"), superscript
 * digits, digits fused to a dictionary word ("material28"), and a number ending a heading ("theory 26").
 * Markers are numbered in reading order, so only candidates on the longest increasing sequence are taken,
 * and weak ones (fused to a bare word, ending a heading) only when strong ones exist. Years, "1970s",
 * "50km" and spaced numbers in sentences never match. The rest stay in the text and are reported.
 * With note bodies from the page feet (`notes`, in reading order), a marker that has its note is taken whatever
 * the sequence says, also after a number ("1820–1830.2") or any word ("outsider3"), and carries the note's text
 * (FootnoteRef.note); notes no marker carried are returned in `unpairedNotes` so no text is lost.
 */
export function separateFootnotes(
  blocks: readonly FootnoteInput[],
  dictionary: Dictionary,
  notes: readonly FootnoteBody[] = [],
): FootnoteSeparation {
  const all = findCandidates(blocks, dictionary, notes.length > 0);
  const { paired: pairedAll, unpaired } = pairNotes(all, notes);
  const candidates = all.filter((candidate, index) => !candidate.needsNote || pairedAll.has(index));
  const paired = new Map(
    [...pairedAll].map(([index, text]) => [candidates.indexOf(all[index] as Candidate), text]),
  );
  const run = findIncreasingRun(candidates.map((candidate) => candidate.value));
  const strongCount = candidates.filter((candidate, index) => candidate.strong && run.has(index)).length;
  const accepted = candidates.filter(
    (candidate, index) => paired.has(index) || (run.has(index) && (candidate.strong || strongCount >= 2)),
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
    unpairedNotes: unpaired,
  };
  const removed = new Map<number, number>();
  for (const candidate of accepted) {
    const block = result.blocks[candidate.block];
    if (!block) continue;
    const shift = removed.get(candidate.block) ?? 0;
    const start = candidate.start - shift;
    block.text = block.text.slice(0, start) + block.text.slice(candidate.end - shift);
    const note = paired.get(candidates.indexOf(candidate));
    block.footnotes.push({
      marker: String(candidate.value),
      offset: start,
      ...(note === undefined ? {} : { note: { text: note } }),
    });
    removed.set(candidate.block, shift + candidate.end - candidate.start);
  }
  return result;
}
