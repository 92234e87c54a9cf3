// An English word list as a lookup, with the few spelling allowances (case, possessives) the repairs need.

/** A set of known lowercase words; build it with createDictionary. */
export interface Dictionary {
  has(word: string): boolean;
}

/** Wraps a list of lowercase words as a Dictionary. */
export function createDictionary(words: Iterable<string>): Dictionary {
  const set = new Set<string>();
  for (const word of words) if (word) set.add(word.toLowerCase());
  return set;
}

const possessive = /['’]s$/u;
const apostrophes = /['’]/gu;

/**
 * Whether a word (any case, possibly possessive or with an apostrophe, e.g. "firm’s", "don’t") is English.
 * Words with digits or symbols are never words.
 */
export function isDictionaryWord(dictionary: Dictionary, word: string): boolean {
  if (word.length === 0) return false;
  const lower = word.toLowerCase();
  if (dictionary.has(lower)) return true;
  if (possessive.test(lower) && dictionary.has(lower.slice(0, -2))) return true;
  if (/^[\p{L}]+['’][\p{L}]+$/u.test(lower)) return dictionary.has(lower.replace(apostrophes, ""));
  return false;
}
