// The one place the import pipeline reads a file: the word-list package's English words, loaded once.
import { readFileSync } from "node:fs";
import wordListPath from "word-list";
import { createWordListDictionary } from "./dictionary.ts";
import type { Dictionary } from "./dictionary.ts";

let cached: Dictionary | undefined;

/** The English dictionary from the word-list package (MIT), read lazily on first use and cached. */
export function loadEnglishDictionary(): Dictionary {
  cached ??= createWordListDictionary(readFileSync(wordListPath, "utf8"));
  return cached;
}
