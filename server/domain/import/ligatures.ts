// Broken ligatures learned from the document: which stray glyph stands for which letters, then repaired.
import { isDictionaryWord } from "./dictionary.ts";
import type { Dictionary } from "./dictionary.ts";

/** Glyph → lowercase letters it stands for, plus what was observed while learning it. */
export interface GlyphTable {
  rules: Map<string, string>;
  /** Glyphs also used as real punctuation at a word edge somewhere in the document. */
  punctuationGlyphs: Set<string>;
}

/** Counts and doubts gathered while repairing. */
export interface GlyphRepairLog {
  counts: Map<string, number>;
  unresolved: { token: string; reason: string }[];
}

const ligatureCandidates = ["fi", "fl", "ff", "ffi", "ffl", "th", "ft"];
const letterCandidates = [..."abcdefghijklmnopqrstuvwxyz"];
/** Punctuation that legitimately sits inside or against words, never taken for a broken glyph. */
const wordPunctuationChars = "-‐‑–—'’‘.,;:/…";
const presentationForms: Record<string, string> = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
};

/** Marks that ordinarily open or close a word in prose: at such an edge a glyph may be real punctuation. */
const openingMarks = new Set([...`([{"“‘'¡¿*_<«`]);
const closingMarks = new Set([...`)]}"”’'!?*_>»†‡°`]);

const isLetter = (char: string | undefined): boolean => char !== undefined && /\p{L}/u.test(char);

/** Expands Unicode ligature characters (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ, ﬆ) and counts each expansion in log. */
export function expandPresentationForms(text: string, log: GlyphRepairLog): string {
  return text.replace(/[\uFB00-\uFB06]/gu, (glyph) => {
    const replacement = presentationForms[glyph] ?? glyph;
    countRepair(log, glyph, replacement);
    return replacement;
  });
}

function countRepair(log: GlyphRepairLog, glyph: string, replacement: string): void {
  const key = `${glyph}\u0000${replacement}`;
  log.counts.set(key, (log.counts.get(key) ?? 0) + 1);
}

/** The stretch of a token that can be a word for glyph: edges that are neither letters nor glyph trimmed. */
function trimToCore(token: string, keep: (char: string) => boolean): string {
  const chars = [...token];
  return chars.slice(chars.findIndex(keep), chars.findLastIndex(keep) + 1).join("");
}

/** Splits a word core at hyphens and dashes, keeping the separators so the core can be rebuilt. */
function splitAtHyphens(core: string): string[] {
  return core.split(/([-‐‑–—])/u);
}

function hasInnerOccurrence(part: string, isGlyph: (char: string) => boolean): boolean {
  const chars = [...part];
  return chars.some(
    (char, index) => isGlyph(char) && isLetter(chars[index - 1]) && isLetter(chars[index + 1]),
  );
}

/**
 * Whether the glyphs in a word part could be ordinary punctuation: none between letters, each at an edge
 * where such a mark usually stands, and the part is a word without them.
 */
function couldBePunctuation(
  part: string,
  isGlyph: (char: string) => boolean,
  dictionary: Dictionary,
): boolean {
  const chars = [...part];
  const firstLetter = chars.findIndex(isLetter);
  const lastLetter = chars.findLastIndex(isLetter);
  const ordinary = chars.every((char, index) => {
    if (!isGlyph(char)) return true;
    if (index < firstLetter) return openingMarks.has(char);
    if (index > lastLetter) return closingMarks.has(char);
    return false;
  });
  return ordinary && isDictionaryWord(dictionary, chars.filter((char) => !isGlyph(char)).join(""));
}

interface GlyphEvidence {
  /** Word parts where the glyph must stand for letters (between letters, or no word without it). */
  parts: Map<string, number>;
  /** Word parts where the glyph may be ordinary punctuation at the edge of a word. */
  edgeWords: Map<string, number>;
}

/** Characters that are no letter, digit, space or word punctuation (glyph candidates), next to a letter. */
const notGlyph = `[^\\p{L}\\p{N}\\p{M}\\s${wordPunctuationChars.replace(/[-\\/]/gu, "\\$&")}]`;
const glyphsNextToLetters = new RegExp(`(?<=\\p{L})${notGlyph}|${notGlyph}(?=\\p{L})`, "gu");

function collectEvidence(tokens: Iterable<string>, dictionary: Dictionary): Map<string, GlyphEvidence> {
  const evidence = new Map<string, GlyphEvidence>();
  for (const token of tokens) {
    for (const glyph of new Set(token.match(glyphsNextToLetters))) {
      const isGlyph = (char: string) => char === glyph;
      const core = trimToCore(token, (char) => isGlyph(char) || isLetter(char));
      for (const part of splitAtHyphens(core)) {
        if (!part.includes(glyph) || !/\p{L}/u.test(part)) continue;
        let entry = evidence.get(glyph);
        if (!entry) evidence.set(glyph, (entry = { parts: new Map(), edgeWords: new Map() }));
        const bucket = couldBePunctuation(part, isGlyph, dictionary) ? entry.edgeWords : entry.parts;
        bucket.set(part, (bucket.get(part) ?? 0) + 1);
      }
    }
  }
  return evidence;
}

function scoreReplacement(
  parts: ReadonlyMap<string, number>,
  glyph: string,
  replacement: string,
  dictionary: Dictionary,
): number {
  let score = 0;
  for (const [part, count] of parts) {
    if (isDictionaryWord(dictionary, part.split(glyph).join(replacement))) score += count;
  }
  return score;
}

interface Ranked {
  replacement: string;
  score: number;
}

function chooseReplacement(
  glyph: string,
  parts: ReadonlyMap<string, number>,
  dictionary: Dictionary,
): string | undefined {
  const total = [...parts.values()].reduce((sum, count) => sum + count, 0);
  const rank = (candidates: string[]): Ranked[] =>
    candidates
      .map((replacement) => ({ replacement, score: scoreReplacement(parts, glyph, replacement, dictionary) }))
      .sort((a, b) => b.score - a.score);

  // Both candidate lists are non-empty constants, so the ranked lists have a first and a second entry.
  const [best] = rank(ligatureCandidates) as [Ranked];
  if (best.score >= total / 2) {
    const innerSupport = [...parts.keys()].some((part) => hasInnerOccurrence(part, (char) => char === glyph));
    if (best.score >= 2 || innerSupport) return best.replacement;
  }
  // Single letters only when no ligature fits, and only on clear, unambiguous evidence.
  const [first, second] = rank(letterCandidates) as [Ranked, Ranked];
  if (first.score >= 2 && first.score >= total * 0.8 && first.score > second.score) {
    return first.replacement;
  }
  return undefined;
}

/**
 * Learns which stray glyphs stand for which letters from the document's own tokens: for each character
 * that sits where letters belong, the candidate (fi, fl, ff, ffi, ffl, th, ft, or a single letter if none
 * fits) that turns most of its tokens into dictionary words, if it turns at least half of them.
 */
export function learnGlyphTable(tokens: Iterable<string>, dictionary: Dictionary): GlyphTable {
  const table: GlyphTable = { rules: new Map(), punctuationGlyphs: new Set() };
  for (const [glyph, { parts, edgeWords }] of collectEvidence(tokens, dictionary)) {
    const replacement = chooseReplacement(glyph, parts, dictionary);
    if (replacement === undefined) continue;
    table.rules.set(glyph, replacement);
    for (const part of edgeWords.keys()) {
      if (!isDictionaryWord(dictionary, part.split(glyph).join(replacement)))
        table.punctuationGlyphs.add(glyph);
    }
  }
  return table;
}

/** A word with every learned glyph replaced (lowercase letters), for dictionary look-ups only. */
export function replaceGlyphsForLookup(word: string, table: GlyphTable): string {
  let result = "";
  for (const char of word) result += table.rules.get(char) ?? char;
  return result;
}

/** Spaces, opening quotes and footnote numbers: what may stand between a sentence's end and the next word. */
const beforeSentence = /[\s‘“"'([\d]/u;

/** The last character of text that is not a space, opening quote or footnote number; `otherwise` if none is. */
function lastSignificant(text: string, otherwise: string | undefined): string | undefined {
  for (let index = text.length - 1; index >= 0; index--) {
    const char = text[index] as string;
    if (!beforeSentence.test(char)) return char;
  }
  return otherwise;
}

/** Whether a word after this character starts a sentence: the text's start (undefined) or . ! ? … */
const endsSentence = (char: string | undefined): boolean => char === undefined || /[.!?…]/u.test(char);

/** Whether a word part is written in capitals: two letters or more besides its glyphs, all capitals. */
function inCapitals(chars: readonly string[]): boolean {
  const letters = chars.filter(isLetter);
  return letters.length >= 2 && letters.every((char) => /\p{Lu}/u.test(char));
}

function substitute(
  part: string,
  rules: ReadonlyMap<string, string>,
  sentenceStart: boolean,
): { text: string; used: [string, string][] } {
  const chars = [...part];
  const used: [string, string][] = [];
  const capitals = inCapitals(chars);
  const text = chars
    .map((char, index) => {
      const replacement = rules.get(char);
      if (replacement === undefined) return char;
      used.push([char, replacement]);
      if (capitals) return replacement.toUpperCase();
      const atWordStart = !chars.slice(0, index).some(isLetter);
      return atWordStart && sentenceStart
        ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
        : replacement;
    })
    .join("");
  return { text, used };
}

/** Alternatives for a part the learned table does not fit: other letters this document's glyphs stood for. */
function tryAlternatives(
  part: string,
  table: GlyphTable,
  dictionary: Dictionary,
  sentenceStart: boolean,
): { text: string; used: [string, string][] } | undefined {
  const glyphs = [...new Set([...part].filter((char) => table.rules.has(char)))];
  if (glyphs.length !== 1) return undefined;
  const glyph = glyphs[0] as string;
  // The learned letters themselves did not make a word (that was tried first), so every fit is another's.
  const fits = [...new Set(table.rules.values())]
    .map((replacement) => substitute(part, new Map([[glyph, replacement]]), sentenceStart))
    .filter((candidate) => isDictionaryWord(dictionary, candidate.text));
  return fits.length === 1 ? fits[0] : undefined;
}

function repairPart(
  part: string,
  table: GlyphTable,
  dictionary: Dictionary,
  sentenceStart: boolean,
  log: GlyphRepairLog,
): string {
  const isGlyph = (char: string) => table.rules.has(char);
  if (![...part].some(isGlyph) || !/\p{L}/u.test(part)) return part;
  const accept = (repair: { text: string; used: [string, string][] }) => {
    for (const [glyph, replacement] of repair.used) countRepair(log, glyph, replacement);
    return repair.text;
  };
  const direct = substitute(part, table.rules, sentenceStart);
  const punctuationRole = [...part].some((char) => table.punctuationGlyphs.has(char));
  const maybePunctuation = couldBePunctuation(part, isGlyph, dictionary);
  if (isDictionaryWord(dictionary, direct.text)) {
    if (!(maybePunctuation && punctuationRole)) return accept(direct);
    log.unresolved.push({ token: part, reason: `either “${direct.text}” or punctuation; kept as found` });
    return part;
  }
  if (maybePunctuation) return part;
  if (punctuationRole && !hasInnerOccurrence(part, isGlyph)) {
    log.unresolved.push({ token: part, reason: "stray glyph: no replacement makes a dictionary word; kept" });
    return part;
  }
  const alternative = tryAlternatives(part, table, dictionary, sentenceStart);
  if (alternative) return accept(alternative);
  log.unresolved.push({
    token: part,
    reason: `repaired as “${direct.text}”, which is not in the dictionary`,
  });
  return accept(direct);
}

/**
 * Repairs learned glyphs in a block's text, token by token: a glyph is replaced where the result is a
 * dictionary word (or, between letters, where exactly one other learned replacement makes one), capitalized
 * at a sentence start; anything else is kept and logged as unresolved.
 */
export function repairGlyphs(
  text: string,
  table: GlyphTable,
  dictionary: Dictionary,
  log: GlyphRepairLog,
): string {
  const isGlyph = (char: string) => table.rules.has(char);
  // Every token goes through repairPart, which returns parts without a glyph as they are. Sentence starts are
  // read from the text as repaired so far, so a glyph just repaired into letters ("wi!" → "with") does not end
  // a sentence: `previous` is that text's last significant character.
  let previous: string | undefined;
  return text
    .split(/(\s)/u)
    .map((token) => {
      const core = trimToCore(token, (char) => isGlyph(char) || isLetter(char));
      const coreStart = token.indexOf(core);
      const sentenceStart = endsSentence(lastSignificant(token.slice(0, coreStart), previous));
      const repaired = splitAtHyphens(core)
        .map((part, index) => repairPart(part, table, dictionary, sentenceStart && index === 0, log))
        .join("");
      const result = token.slice(0, coreStart) + repaired + token.slice(coreStart + core.length);
      previous = lastSignificant(result, previous);
      return result;
    })
    .join("");
}
