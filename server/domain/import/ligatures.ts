// Broken ligatures learned from the document: which stray glyph stands for which letters, then repaired.
import { isDictionaryWord } from "./dictionary.ts";
import type { Dictionary } from "./dictionary.ts";

/** Glyph → lowercase letters it stands for, plus what was observed while learning it. */
export interface GlyphTable {
  /** The letters each glyph stands for most often. */
  rules: Map<string, string>;
  /**
   * Further ligatures a glyph stands for when the document uses one glyph for several (U+FFFD for fi, fl, ff, ffi,
   * ft…), most frequent first: each word then takes the one ligature that makes it a dictionary word.
   */
  alternatives?: Map<string, string[]>;
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

/** Whether a glyph stands between two letters other than itself somewhere in part. */
function hasInnerOccurrence(part: string, isGlyph: (char: string) => boolean): boolean {
  const chars = [...part];
  const letter = (char: string | undefined) => char !== undefined && !isGlyph(char) && isLetter(char);
  return chars.some((char, index) => isGlyph(char) && letter(chars[index - 1]) && letter(chars[index + 1]));
}

/** Whether a glyph stands after the part's last other letter (where a closing mark would). */
function endsWithGlyph(part: string, isGlyph: (char: string) => boolean): boolean {
  const chars = [...part];
  const last = chars.findLastIndex((char) => !isGlyph(char) && isLetter(char));
  return chars.slice(last + 1).some(isGlyph);
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

/**
 * Characters that may be glyphs: anything but an ASCII letter, a digit, a combining mark, a space, a soft hyphen or
 * word punctuation. Letters of other alphabets are candidates too (a Latin-1 "Þ" or "ß" for "Th" or "fi"); the
 * dictionary decides whether they are glyphs or real letters.
 */
const notGlyph = `[^A-Za-z\\p{N}\\p{M}\\s\\u00AD${wordPunctuationChars.replace(/[-\\/]/gu, "\\$&")}]`;
const glyphsNextToLetters = new RegExp(`(?<=\\p{L})${notGlyph}|${notGlyph}(?=\\p{L})`, "gu");
/** A token of ASCII letters, digits and word punctuation only: no glyph can be in it (most tokens of a text). */
const plainToken = new RegExp(
  `^[A-Za-z0-9\\u00AD${wordPunctuationChars.replace(/[-\\/]/gu, "\\$&")}]*$`,
  "u",
);

function collectEvidence(tokens: Iterable<string>, dictionary: Dictionary): Map<string, GlyphEvidence> {
  const evidence = new Map<string, GlyphEvidence>();
  for (const token of tokens) {
    if (plainToken.test(token)) continue;
    for (const glyph of new Set(token.match(glyphsNextToLetters))) {
      const isGlyph = (char: string) => char === glyph;
      const core = trimToCore(token, (char) => isGlyph(char) || isLetter(char));
      for (const part of splitAtHyphens(core)) {
        if (!part.includes(glyph) || ![...part].some((char) => !isGlyph(char) && isLetter(char))) continue;
        let entry = evidence.get(glyph);
        if (!entry) evidence.set(glyph, (entry = { parts: new Map(), edgeWords: new Map() }));
        const bucket = couldBePunctuation(part, isGlyph, dictionary) ? entry.edgeWords : entry.parts;
        bucket.set(part, (bucket.get(part) ?? 0) + 1);
      }
    }
  }
  return evidence;
}

/** Whether replacing glyph by letters in part makes a dictionary word that the part as found is not. */
function makesWord(part: string, glyph: string, letters: string, dictionary: Dictionary): boolean {
  return isDictionaryWord(dictionary, part.split(glyph).join(letters)) && !isDictionaryWord(dictionary, part);
}

const sumCounts = (counts: Iterable<number>) => {
  let sum = 0;
  for (const count of counts) sum += count;
  return sum;
};

/** What a glyph was learned as: its usual letters and, for a glyph standing for several ligatures, the others. */
interface Learned {
  replacements: string[];
  /** Word parts (with their counts) that some learned replacement makes into a dictionary word. */
  supported: number;
}

/**
 * Ligatures for a glyph by greedy set cover over its word parts (Johnson 1974): the ligature that makes the most
 * parts words, then the one that makes the most of the rest, while each new one makes two more parts words, or one
 * that no other ligature does.
 */
function coverWithLigatures(
  glyph: string,
  parts: ReadonlyMap<string, number>,
  dictionary: Dictionary,
): Learned | undefined {
  const fits = new Map<string, string[]>();
  for (const part of parts.keys()) {
    const fitting = ligatureCandidates.filter((letters) => makesWord(part, glyph, letters, dictionary));
    if (fitting.length > 0) fits.set(part, fitting);
  }
  const replacements: string[] = [];
  let supported = 0;
  const open = new Map(fits);
  while (open.size > 0) {
    let best = "";
    let bestScore = 0;
    for (const letters of ligatureCandidates) {
      let score = 0;
      for (const [part, fitting] of open) if (fitting.includes(letters)) score += parts.get(part) ?? 0;
      if (score > bestScore) [best, bestScore] = [letters, score];
    }
    // A later ligature needs two more words, or one that no other ligature makes a word: one tie proves nothing.
    const unique = [...open].some(([, fitting]) => fitting.length === 1 && fitting[0] === best);
    if (replacements.length > 0 && !unique && bestScore < 2) break;
    replacements.push(best);
    supported += bestScore;
    for (const [part, fitting] of open) if (fitting.includes(best)) open.delete(part);
  }
  return replacements.length > 0 ? { replacements, supported } : undefined;
}

function chooseReplacements(
  glyph: string,
  { parts, edgeWords }: GlyphEvidence,
  dictionary: Dictionary,
): string[] | undefined {
  // A letter needs three different words (below): most letters of real words have fewer and are passed over cheaply.
  if (isLetter(glyph) && parts.size < 3) return undefined;
  const total = sumCounts(parts.values());
  const innerSupport = [...parts.keys()].some((part) => hasInnerOccurrence(part, (char) => char === glyph));
  const cover = coverWithLigatures(glyph, parts, dictionary);
  if (isLetter(glyph)) {
    // A letter is a glyph only on overwhelming evidence, never a single letter: "é" in café is a letter.
    const distinct = [...parts.keys()].filter((part) =>
      cover?.replacements.some((letters) => makesWord(part, glyph, letters, dictionary)),
    ).length;
    return cover && cover.supported >= total * 0.75 && distinct >= 3 ? cover.replacements : undefined;
  }
  if (edgeWords.size > 0 && cover && !overwhelming(glyph, cover, total, edgeWords, dictionary))
    return undefined;
  if (cover && cover.supported >= total / 2 && (cover.supported >= 2 || innerSupport))
    return cover.replacements;
  // Single letters only when no ligature fits, and only on clear, unambiguous evidence.
  const ranked = letterCandidates
    .map((letters) => ({
      letters,
      score: sumCounts(
        [...parts].filter(([part]) => makesWord(part, glyph, letters, dictionary)).map(([, n]) => n),
      ),
    }))
    .sort((a, b) => b.score - a.score);
  const [first, second] = ranked as [{ letters: string; score: number }, { score: number }];
  if (first.score >= 2 && first.score >= total * 0.8 && first.score > second.score) return [first.letters];
  return undefined;
}

/**
 * Whether a glyph also seen where punctuation stands (a closing quote after a word) is still a ligature: three in
 * four of all its occurrences become words with it, and at most one in ten stands after a word that is complete
 * without it.
 */
function overwhelming(
  glyph: string,
  cover: Learned,
  total: number,
  edgeWords: ReadonlyMap<string, number>,
  dictionary: Dictionary,
): boolean {
  const isGlyph = (char: string) => char === glyph;
  const all = total + sumCounts(edgeWords.values());
  let supported = cover.supported;
  let afterWords = 0;
  for (const [part, count] of edgeWords) {
    if (cover.replacements.some((letters) => makesWord(part, glyph, letters, dictionary))) supported += count;
    if (endsWithGlyph(part, isGlyph)) afterWords += count;
  }
  return supported >= all * 0.75 && afterWords <= all / 10;
}

/**
 * Learns which stray glyphs stand for which letters from the document's own tokens. Every character next to a
 * letter that is not an ASCII letter, digit or word punctuation is a candidate, whatever its code point. A glyph
 * is learned as the ligatures (fi, fl, ff, ffi, ffl, th, ft) that turn at least half of its word parts into
 * dictionary words — several when one glyph stands for several ligatures — or, if none fits, a single letter.
 * A letter of another alphabet is learned only when three in four of its words and at least three different ones
 * become words (so é, ü and ß in real French or German words stay); a glyph also seen as punctuation at a word's
 * edge only on the overwhelming evidence `overwhelming` asks for.
 */
export function learnGlyphTable(tokens: Iterable<string>, dictionary: Dictionary): GlyphTable {
  const alternatives = new Map<string, string[]>();
  const table: GlyphTable = { rules: new Map(), alternatives, punctuationGlyphs: new Set() };
  for (const [glyph, evidence] of collectEvidence(tokens, dictionary)) {
    const replacements = chooseReplacements(glyph, evidence, dictionary);
    if (replacements === undefined) continue;
    const [replacement, ...others] = replacements as [string, ...string[]];
    table.rules.set(glyph, replacement);
    if (others.length > 0) alternatives.set(glyph, others);
    if (isPunctuationToo(glyph, replacements, evidence.edgeWords, dictionary))
      table.punctuationGlyphs.add(glyph);
  }
  return table;
}

/**
 * Whether a learned glyph is also real punctuation: after a word that is complete without it (a closing quote,
 * even where the word with the ligature is a word too: "how”", not "howff"), or before a word that no ligature
 * of the glyph makes a word (an opening mark; "¿at" is "That" when ¿ stands for Th).
 */
function isPunctuationToo(
  glyph: string,
  replacements: readonly string[],
  edgeWords: ReadonlyMap<string, number>,
  dictionary: Dictionary,
): boolean {
  const isGlyph = (char: string) => char === glyph;
  for (const part of edgeWords.keys()) {
    // An edge word's glyph after its letters is always a closing mark (couldBePunctuation).
    if (endsWithGlyph(part, isGlyph)) return true;
    if (!replacements.some((letters) => makesWord(part, glyph, letters, dictionary))) return true;
  }
  return false;
}

/** A word with every learned glyph replaced (lowercase letters), for dictionary look-ups only. */
export function replaceGlyphsForLookup(word: string, table: GlyphTable): string {
  if (!holdsGlyph(word, table)) return word;
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

function substitute(part: string, rules: ReadonlyMap<string, string>, sentenceStart: boolean): Substitution {
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
): Substitution | undefined {
  const glyphs = [...new Set([...part].filter((char) => table.rules.has(char)))];
  if (glyphs.length !== 1) return undefined;
  const glyph = glyphs[0] as string;
  // The learned letters themselves did not make a word (that was tried first), so every fit is another's.
  const fits = [...new Set(table.rules.values())]
    .map((replacement) => substitute(part, new Map([[glyph, replacement]]), sentenceStart))
    .filter((candidate) => isDictionaryWord(dictionary, candidate.text));
  return fits.length === 1 ? fits[0] : undefined;
}

interface Substitution {
  text: string;
  used: [string, string][];
}

/**
 * A part whose glyph stands for several ligatures, resolved against the dictionary: the one ligature that makes it a
 * word, or the part as found (and a doubt logged) when none or several do. Undefined when no such glyph is in it.
 */
function resolveSeveral(
  part: string,
  table: GlyphTable,
  dictionary: Dictionary,
  sentenceStart: boolean,
  log: GlyphRepairLog,
): Substitution | string | undefined {
  const glyphs = [...new Set([...part].filter((char) => table.alternatives?.has(char)))];
  if (glyphs.length !== 1 || [...part].some((char) => table.rules.has(char) && char !== glyphs[0]))
    return undefined;
  const glyph = glyphs[0] as string;
  const choices = [table.rules.get(glyph) as string, ...(table.alternatives?.get(glyph) ?? [])];
  const fits = choices
    .map((letters) => substitute(part, new Map([[glyph, letters]]), sentenceStart))
    .filter((candidate) => isDictionaryWord(dictionary, candidate.text));
  if (fits.length === 1) return fits[0];
  log.unresolved.push({
    token: part,
    reason:
      fits.length === 0
        ? `no ligature (${choices.join(", ")}) makes a dictionary word; kept as found`
        : `either ${fits.map((fit) => `“${fit.text}”`).join(" or ")}; kept as found`,
  });
  return part;
}

function repairPart(
  part: string,
  table: GlyphTable,
  dictionary: Dictionary,
  sentenceStart: boolean,
  log: GlyphRepairLog,
): string {
  const isGlyph = (char: string) => table.rules.has(char);
  const chars = [...part];
  if (!chars.some(isGlyph) || !chars.some((char) => !isGlyph(char) && isLetter(char))) return part;
  const accept = (repair: Substitution) => {
    for (const [glyph, replacement] of repair.used) countRepair(log, glyph, replacement);
    return repair.text;
  };
  const direct = substitute(part, table.rules, sentenceStart);
  const punctuationRole = [...part].some((char) => table.punctuationGlyphs.has(char));
  const maybePunctuation = couldBePunctuation(part, isGlyph, dictionary);
  if (maybePunctuation) {
    if (!isDictionaryWord(dictionary, direct.text)) return part;
    if (!punctuationRole) return accept(direct);
    log.unresolved.push({ token: part, reason: `either “${direct.text}” or punctuation; kept as found` });
    return part;
  }
  const several = resolveSeveral(part, table, dictionary, sentenceStart, log);
  if (typeof several === "string") return several;
  if (several) return accept(several);
  if (isDictionaryWord(dictionary, direct.text)) return accept(direct);
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

/** Whether any character of text is a glyph the table has learned. */
function holdsGlyph(text: string, table: GlyphTable): boolean {
  for (const char of text) if (table.rules.has(char)) return true;
  return false;
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
  if (!holdsGlyph(text, table)) return text;
  let previous: string | undefined;
  return text
    .split(/(\s)/u)
    .map((token) => {
      // A token without a learned glyph comes back as it is from every part: only its sentence end is read.
      if (!holdsGlyph(token, table)) {
        previous = lastSignificant(token, previous);
        return token;
      }
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
