// Bylines: whether a line under a title names the text's author ("By …", "Written by …", a name alone), and the name.

/** "by" and the words that may come before it in a byline ("Written by", "Words by", "Posted by"). */
const bylineLead = /^(?:(?:written|words|text|story|article|essay|posted|reported)\s+)?by\s+/iu;

/** What a byline may add after the name: a date, a reading time, a place, set off by a dot, bar or dash. */
const afterName = /(?<!\s)\s+[·•|—–]\s*|(?<!\s)\s+-\s+/u; // (?<!\s): a run of spaces is tried once

/** Between two names of one byline: a comma, "and", "&". */
const betweenNames = /(?<!\s)\s*,\s*(?:and\s+|&\s+)?|(?<!\s)\s+(?:and|&)\s+/iu;

/** A word of a name: capitalized (hyphens, apostrophes, inner capitals and initials' dots allowed). */
const nameWord = /^\p{Lu}[\p{L}\p{M}’'.-]*$/u;

/** Lower-case words that stand inside names ("Ludwig van Beethoven", "Simone de Beauvoir"). */
const particles = new Set([
  ...["de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "ter"],
  ...["y", "bin", "ibn", "al", "el", "dos", "das", "do"],
]);

/**
 * Words that start a title-cased phrase but never stand in a name ("A Short History", "Notes on Bees", "The End"):
 * a capitalized line holding one is a subtitle or a heading, not a person.
 */
const phraseWords = new Set([
  "a",
  "an",
  "the",
  "of",
  "on",
  "in",
  "at",
  "to",
  "for",
  "from",
  "with",
  "and",
  "or",
  "is",
  "my",
  "our",
  "your",
  "how",
  "why",
  "what",
  "when",
  "part",
  "chapter",
  "book",
  "volume",
  "contents",
  "introduction",
  "preface",
  "notes",
  "by",
  "staff",
  "writer",
  "editor",
  "reporter",
  "correspondent",
  "contributor",
  "columnist",
]);

/**
 * Whether `text` is one person's name: `min` to `max` words, each capitalized (particles and initials without a dot
 * inside allowed), none a word of title-cased phrases.
 */
function isOneName(text: string, min: number, max: number): boolean {
  const words = text.split(/\s+/u);
  if (words.length < min || words.length > max) return false;
  return words.every((word, index) => {
    if (index > 0 && /^\p{Lu}$/u.test(word)) return true;
    if (phraseWords.has(word.toLowerCase())) return false;
    if (index > 0 && index < words.length - 1 && particles.has(word)) return true;
    return nameWord.test(word) && /\p{L}/u.test(word);
  });
}

/** The names of a list ("Ann Lee, Bo Park and Cy Dunn") while they read as names, and how much of `text` they take. */
function leadingNames(text: string, min: number, max: number): string | undefined {
  const separators = [...text.matchAll(new RegExp(betweenNames, "giu"))];
  let end = 0;
  let from = 0;
  for (const separator of [...separators, undefined]) {
    const to = separator?.index ?? text.length;
    if (!isOneName(text.slice(from, to), from === 0 ? min : 1, max)) break;
    end = to;
    if (!separator) break;
    from = to + separator[0].length;
  }
  return end === 0 ? undefined : text.slice(0, end);
}

/**
 * The author a byline names: "By Ann Lee", "Written by Ann Lee", "by J. R. Hartley", "By Ann Lee and Bo Park",
 * "By Ann Lee · 14 March 2026 · 4 min read" (what follows a dot, bar or dash after the name is dropped) all give
 * the names only. Undefined when the line does not start with "by" (or "Written by" …) followed by capitalized names
 * ("By the middle of the century" is a sentence, not a byline) or is longer than 160 characters.
 */
export function bylineName(line: string): string | undefined {
  const text = line.trim().replace(/\s+/gu, " ");
  const lead = bylineLead.exec(text);
  if (!lead || text.length > 160) return undefined;
  const names = text.slice(lead[0].length).split(afterName)[0] ?? "";
  return leadingNames(names.replace(/[.,;:]$/u, ""), 1, 6);
}

/**
 * Whether a line holds nothing but a person's name, or a list of them: two to five capitalized words each
 * ("Mara Quill", "J. R. Hartley", "Ludwig van Beethoven", "Ann Lee and Bo Park"), none of the words that make a
 * title-cased phrase ("A Short History", "Notes on Bees"), at most 100 characters.
 */
export function isNameLine(line: string): boolean {
  const text = line.trim().replace(/\s+/gu, " ");
  return text.length <= 100 && leadingNames(text, 2, 5) === text;
}

/**
 * The author a line under a title names: a byline's names (bylineName), or the line itself when it is a name alone
 * (isNameLine); undefined otherwise.
 */
export function authorOfLine(line: string): string | undefined {
  const text = line.trim().replace(/\s+/gu, " ");
  return bylineName(text) ?? (isNameLine(text) ? text : undefined);
}
