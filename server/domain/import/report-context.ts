// Puts the import report's repairs and doubts in context: a few before/after sentences per kind of repair, found by
// comparing the normalized source with the final blocks, and each unresolved token's sentence.
import type { Block, ImportReport, RepairExample } from "../../../shared/schemas/documents.ts";

/** Examples kept per kind of repair. */
const examplesPerKind = 3;
/** Candidates looked at per kind before giving up (a source can have thousands of kept compounds). */
const candidatesPerKind = 12;
/** Characters of context kept on each side of a token when its sentence is long. */
const reach = 100;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const escapeInClass = (text: string) => text.replace(/[\\\]^-]/gu, "\\$&");

/**
 * The sentence of `text` around [start, end): back to the previous sentence end and on to the next, at most `reach`
 * characters each way (cut with "…"), whitespace (line breaks included) collapsed to single spaces.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  const head = text.slice(Math.max(0, start - reach), start);
  const boundary = Math.max(
    ...[...head.matchAll(/[.!?…][’”"')\]]*\s/gu)].map((m) => m.index + m[0].length),
    -1,
  );
  const from = boundary === -1 ? Math.max(0, start - reach) : start - head.length + boundary;
  const tail = text.slice(end, end + reach);
  const stop = /[.!?…][’”"')\]]*(?=\s|$)/u.exec(tail);
  const to = stop ? end + stop.index + stop[0].length : Math.min(text.length, end + reach);
  const cutBefore = boundary === -1 && from > 0 && !/\n\s*\n/u.test(head);
  const cutAfter = !stop && to < text.length;
  const body = text.slice(from, to).replace(/\s+/gu, " ").trim();
  return `${cutBefore ? "…" : ""}${body}${cutAfter ? "…" : ""}`;
}

/** Occurrences of a whole word looked at in the blocks before giving up on placing it. */
const occurrencesPerWord = 200;

/**
 * The sentence of the blocks where `word` stands as a whole word followed by `next` (the source's following word,
 * a few characters of spaces or punctuation away): a common word ("The") is placed by its neighbour, not by its
 * first occurrence.
 */
function findInBlocks(
  blocks: readonly Block[],
  word: string,
  next: string | undefined,
  /** Where in the text the source match is, from 0 to 1: only blocks near there are searched. */
  at: number,
): string | undefined {
  const reachBlocks = Math.max(8, Math.ceil(blocks.length * 0.03));
  const centre = Math.round(at * blocks.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, "gu");
  let looked = 0;
  for (const block of blocks.slice(Math.max(0, centre - reachBlocks), centre + reachBlocks)) {
    for (const match of block.text.matchAll(pattern)) {
      if (looked++ >= occurrencesPerWord) return undefined;
      const end = match.index + word.length;
      const gap = next === undefined ? -1 : block.text.indexOf(next, end) - end;
      if (
        next === undefined ||
        (gap >= 0 && gap <= 12 && !/\p{L}{4,}/u.test(block.text.slice(end, end + gap)))
      ) {
        return sentenceAround(block.text, match.index, end);
      }
    }
  }
  return undefined;
}

/** The first word of at least four letters within a short reach after `end` of `source`. */
const nextWord = (source: string, end: number) => /\p{L}{4,}/u.exec(source.slice(end, end + 60))?.[0];

/** `word` capitalized when its source match opens a sentence or a line (a glyph standing for "Th" reads "th"). */
const capitalizedAtStart = (source: string, match: RegExpExecArray, word: string) =>
  /(?:^|[.!?]\s+|\n\s*)$/u.test(source.slice(Math.max(0, match.index - 4), match.index))
    ? word.charAt(0).toUpperCase() + word.slice(1)
    : word;

/** Up to `limit` examples from source matches whose repaired word is found in the blocks. */
function collect(
  source: string,
  pattern: RegExp,
  repaired: (match: RegExpExecArray) => string | undefined,
  blocks: readonly Block[],
  repair: RepairExample["repair"],
  limit = examplesPerKind,
): RepairExample[] {
  const found: RepairExample[] = [];
  let looked = 0;
  for (const match of source.matchAll(pattern)) {
    if (found.length >= limit || looked++ >= candidatesPerKind) break;
    const word = repaired(match);
    // A short word ("the") is too common to be placed in the blocks with confidence.
    if (!word || word.length < 5) continue;
    const after = findInBlocks(
      blocks,
      word,
      nextWord(source, match.index + match[0].length),
      match.index / source.length,
    );
    if (after)
      found.push({
        repair,
        before: sentenceAround(source, match.index, match.index + match[0].length),
        after,
      });
  }
  return found;
}

/**
 * Adds `examples` (a few before/after sentences for glyph repairs, rejoined words and separated footnote markers)
 * and each unresolved token's `sentence` to `report`, in place. `source` is the normalized source text, `blocks` the
 * final blocks. Examples are found, not recorded by the repairs: a repair whose result the blocks do not show as a
 * whole word gives no example.
 */
export function addRepairContext(report: ImportReport, source: string, blocks: readonly Block[]): void {
  const examples: RepairExample[] = [];
  for (const { glyph, replacement } of report.ligatures.slice(0, examplesPerKind)) {
    if (!glyph) continue;
    const letter = `[\\p{L}${escapeInClass(glyph)}]`;
    // Matches start only where a word starts: tried inside every word, the pattern would scan the rest of the word
    // for the glyph from each of its letters (the same matches, many times slower on a long text).
    const word = new RegExp(`(?<!${letter})${letter}*${escape(glyph)}${letter}*`, "gu");
    examples.push(
      ...collect(
        source,
        word,
        (m) => capitalizedAtStart(source, m, m[0].replaceAll(glyph, replacement)),
        blocks,
        "ligature",
        1,
      ),
    );
  }
  if (report.dehyphenated.lineBreak + report.dehyphenated.pageBreak > 0) {
    const broken = /(\p{L}+)[-\u00AD]\s*\n\s*(\p{L}+)/gu;
    examples.push(...collect(source, broken, (m) => `${m[1]}${m[2]}`, blocks, "dehyphenation"));
  }
  if (report.footnoteMarkersSeparated > 0) {
    for (const block of blocks) {
      for (const ref of block.footnotes) {
        if (examples.filter((e) => e.repair === "footnoteMarker").length >= examplesPerKind) break;
        const fused = `${block.text.slice(0, ref.offset)}${ref.marker}${block.text.slice(ref.offset)}`;
        const marked = `${block.text.slice(0, ref.offset)}[${ref.marker}]${block.text.slice(ref.offset)}`;
        examples.push({
          repair: "footnoteMarker",
          before: sentenceAround(fused, ref.offset, ref.offset + ref.marker.length),
          after: sentenceAround(marked, ref.offset, ref.offset + ref.marker.length + 2),
        });
      }
    }
  }
  if (examples.length > 0) report.examples = examples;
  report.unresolved = report.unresolved.map((entry) => {
    const text = entry.blockOrdinal === undefined ? undefined : blocks[entry.blockOrdinal]?.text;
    const at = text?.indexOf(entry.token) ?? -1;
    return text && at !== -1
      ? { ...entry, sentence: sentenceAround(text, at, at + entry.token.length) }
      : entry;
  });
}
