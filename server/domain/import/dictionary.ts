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
  const text = list.toLowerCase();
  const newline = 10;
  let count = 0;
  for (let index = 0; index < text.length; index = nextLine(text, index))
    if (text.charCodeAt(index) !== newline) count++;
  const starts = new Int32Array(count);
  let filled = 0;
  for (let index = 0; index < text.length; index = nextLine(text, index)) {
    if (text.charCodeAt(index) !== newline) starts[filled++] = index;
  }
  /** The code unit at `offset` of the word at `start`, or -1 past its end. */
  const unitAt = (start: number, offset: number) => {
    const position = start + offset;
    const unit = position < text.length ? text.charCodeAt(position) : newline;
    return unit === newline ? -1 : unit;
  };
  const compareWords = (a: number, b: number) => {
    for (let offset = 0; ; offset++) {
      const difference = unitAt(a, offset) - unitAt(b, offset);
      if (difference !== 0 || unitAt(a, offset) === -1) return difference;
    }
  };
  // The list may be slightly out of code-unit order (word-list 4.1 has two pairs); sort the offsets, not copies.
  starts.sort(compareWords);
  const compareWith = (word: string, start: number) => {
    for (let offset = 0; ; offset++) {
      const mine = offset < word.length ? word.charCodeAt(offset) : -1;
      const difference = mine - unitAt(start, offset);
      if (difference !== 0 || mine === -1) return difference;
    }
  };
  return {
    has(word: string): boolean {
      let low = 0;
      let high = starts.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const order = compareWith(word, starts[middle]!);
        if (order === 0) return true;
        if (order < 0) high = middle - 1;
        else low = middle + 1;
      }
      return false;
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
