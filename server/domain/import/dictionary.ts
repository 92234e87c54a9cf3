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

/**
 * A Dictionary over a newline-separated word list kept as one string and searched by bisection. For the 274,000
 * English words this holds about 4 MB, where a Set of the same words costs a worker thread about 90 MB (the strings,
 * the table, and the heap grown while building them, which V8 keeps).
 */
export function createWordListDictionary(list: string): Dictionary {
  const text = /\p{Lu}/u.test(list) ? list.toLowerCase() : list;
  const newline = 10;
  /** The code unit at `offset` of the word at `start`, or -1 past its end. */
  const unitAt = (start: number, offset: number) => {
    const position = start + offset;
    const unit = position < text.length ? text.charCodeAt(position) : newline;
    return unit === newline ? -1 : unit;
  };
  const compareWith = (word: string, start: number) => {
    for (let offset = 0; ; offset++) {
      const mine = offset < word.length ? word.charCodeAt(offset) : -1;
      const difference = mine - unitAt(start, offset);
      if (difference !== 0 || mine === -1) return difference;
    }
  };
  const compareWords = (a: number, b: number) => {
    for (let offset = 0; ; offset++) {
      const difference = unitAt(a, offset) - unitAt(b, offset);
      if (difference !== 0 || unitAt(a, offset) === -1) return difference;
    }
  };
  // Words in code-unit order are bisected in place; the few out of order (word-list 4.1 has two) go in a Set.
  let lines = 0;
  for (let start = 0; start < text.length; start = nextLine(text, start)) lines++;
  const sorted = new Int32Array(lines);
  let count = 0;
  const outOfOrder = new Set<string>();
  for (let start = 0; start < text.length; start = nextLine(text, start)) {
    if (text.charCodeAt(start) === newline) continue;
    if (count === 0 || compareWords(sorted[count - 1]!, start) < 0) sorted[count++] = start;
    else outOfOrder.add(text.slice(start, nextLine(text, start)).trimEnd());
  }
  const last = count - 1;
  return {
    has(word: string): boolean {
      let low = 0;
      let high = last;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const order = compareWith(word, sorted[middle]!);
        if (order === 0) return true;
        if (order < 0) high = middle - 1;
        else low = middle + 1;
      }
      return outOfOrder.has(word);
    },
  };
}

/** The index just after the end of the line that contains `index`. */
function nextLine(text: string, index: number): number {
  const end = text.indexOf("\n", index);
  return end === -1 ? text.length : end + 1;
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
