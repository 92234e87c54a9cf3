// Words hyphenated at line and page ends: joined again, or kept as compounds, decided per word.
import { isDictionaryWord } from "./dictionary.ts";
import type { Dictionary } from "./dictionary.ts";
import { replaceGlyphsForLookup } from "./ligatures.ts";
import type { GlyphTable } from "./ligatures.ts";
import type { Line } from "./lines.ts";

/** Spellings seen elsewhere in the document, away from line ends (lowercase, glyphs replaced). */
export interface HyphenEvidence {
  /** Hyphenated pairs such as "self-organization" (one pair per hyphen of a longer compound). */
  compounds: Set<string>;
  /** Unhyphenated words. */
  words: Set<string>;
}

/** What joining a block's lines did with line-end hyphens. */
export interface HyphenCounts {
  lineBreak: number;
  pageBreak: number;
  keptCompound: number;
  unresolved: { token: string; reason: string }[];
}

/** How one line-end hyphen is resolved, and whether the choice is a guess. */
export interface HyphenDecision {
  join: boolean;
  uncertain: boolean;
}

/** Context the decisions need: the dictionary, the learned glyphs, and the document's own spellings. */
export interface HyphenContext {
  dictionary: Dictionary;
  glyphs: GlyphTable;
  evidence: HyphenEvidence;
}

const lineEndHyphen = /[\p{L}\p{Po}\p{S}][-‐]$/u;
const softHyphenEnd = /\u00AD$/u;

/** Whether a line ends with a hyphen that may split a word (not a dash, not a lone hyphen). */
export function endsWithHyphen(text: string): boolean {
  return lineEndHyphen.test(text) || softHyphenEnd.test(text);
}

const edgePatterns = new WeakMap<GlyphTable, RegExp>();

/** Whether the UTF-16 code unit at `index` of text is an ASCII letter. */
const asciiLetterAt = (text: string, index: number) => {
  const code = text.charCodeAt(index) | 0x20;
  return code >= 0x61 && code <= 0x7a;
};

/** A token without leading and trailing characters that are neither letters nor learned glyphs. */
function wordCore(token: string, table: GlyphTable): string {
  // Most tokens start and end with a letter: nothing to take off.
  if (asciiLetterAt(token, 0) && asciiLetterAt(token, token.length - 1)) return token;
  let pattern = edgePatterns.get(table);
  if (!pattern) {
    const glyphs = [...table.rules.keys()]
      .map((glyph) => `\\u{${glyph.codePointAt(0)?.toString(16)}}`)
      .join("");
    pattern = new RegExp(`^[^\\p{L}${glyphs}]+|[^\\p{L}${glyphs}]+$`, "gu");
    edgePatterns.set(table, pattern);
  }
  return token.replace(pattern, "");
}

/**
 * Collects the document's spellings from every token that is not cut by a line-end hyphen: hyphenated
 * pairs it prints mid-line, and plain words.
 */
export function collectHyphenEvidence(lines: readonly Line[], table: GlyphTable): HyphenEvidence {
  const evidence: HyphenEvidence = { compounds: new Set(), words: new Set() };
  lines.forEach((line, index) => {
    const tokens = line.text.split(/\s+/u);
    const cutAtStart = index > 0 && endsWithHyphen(lines[index - 1]?.text ?? "");
    const cutAtEnd = endsWithHyphen(line.text);
    tokens.forEach((token, position) => {
      if ((cutAtStart && position === 0) || (cutAtEnd && position === tokens.length - 1)) return;
      const core = replaceGlyphsForLookup(wordCore(token, table), table).toLowerCase();
      if (!core) return;
      const parts = core.split(/[-‐]/u);
      if (parts.length === 1) {
        evidence.words.add(core);
        return;
      }
      for (let part = 1; part < parts.length; part++)
        evidence.compounds.add(`${parts[part - 1]}-${parts[part]}`);
    });
  });
  return evidence;
}

/**
 * Decides a line-end hyphen between before ("uni", "demands") and after ("cation", "based"): keep it when the
 * document prints the compound elsewhere, join when it prints the word elsewhere or the joined word is in the
 * dictionary, keep it when both halves are words, join otherwise (a guess when exactly one half is a word).
 */
export function decideHyphen(before: string, after: string, context: HyphenContext): HyphenDecision {
  const { dictionary, glyphs, evidence } = context;
  const head = replaceGlyphsForLookup(before, glyphs).toLowerCase();
  const tail = replaceGlyphsForLookup(after, glyphs).toLowerCase();
  const joined = head + tail;
  if (evidence.compounds.has(`${head}-${tail}`)) return { join: false, uncertain: false };
  if (evidence.words.has(joined) || isDictionaryWord(dictionary, joined))
    return { join: true, uncertain: false };
  const headWord = isDictionaryWord(dictionary, head);
  const tailWord = isDictionaryWord(dictionary, tail);
  if (headWord && tailWord) return { join: false, uncertain: false };
  return { join: true, uncertain: headWord !== tailWord };
}

/**
 * Joins a block's lines into one string: a line-end hyphen is resolved with decideHyphen (counted as a line
 * or page break by the next line's pageBreakBefore), any other line end becomes one space.
 */
export function joinLines(lines: readonly Line[], context: HyphenContext, counts: HyphenCounts): string {
  let text = "";
  lines.forEach((line, index) => {
    if (index === 0) {
      text = line.text;
      return;
    }
    if (!endsWithHyphen(text)) {
      text += ` ${line.text}`;
      return;
    }
    const soft = softHyphenEnd.test(text);
    const before = wordCore(
      text
        .slice(text.lastIndexOf(" ") + 1)
        .split(/[-‐]/u)
        .slice(-2, -1)[0] ?? "",
      context.glyphs,
    );
    const after = wordCore(line.text.split(/[\s\-‐]/u)[0] ?? "", context.glyphs);
    const startsWord = /^[\p{L}]/u.test(line.text) || context.glyphs.rules.has([...line.text][0] ?? "");
    if (!startsWord || (!soft && !before)) {
      // An invisible soft hyphen before something that is no word's second half is only a line end.
      text = soft ? `${text.slice(0, -1)} ${line.text}` : text + line.text;
      return;
    }
    const decision = soft ? { join: true, uncertain: false } : decideHyphen(before, after, context);
    if (decision.join) {
      text = text.slice(0, -1) + line.text;
      if (line.pageBreakBefore) counts.pageBreak++;
      else counts.lineBreak++;
      if (decision.uncertain)
        counts.unresolved.push({
          token: `${before}-${after}`,
          reason: `joined as “${before}${after}”, which is not in the dictionary`,
        });
    } else {
      text += line.text;
      counts.keptCompound++;
    }
  });
  return text.replace(softHyphenEnd, "").replace(/ {2,}/gu, " ");
}
