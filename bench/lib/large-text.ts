// A large, realistic plain text for import benchmarks: copies of the essay, each with its paragraphs rotated.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const essayPath = fileURLToPath(
  new URL("../../test/fixtures/communization-in-the-present-tense.txt", import.meta.url),
);

/**
 * Builds a text of about `targetBytes` from `essay`: copies with their paragraphs rotated, so no two copies read in
 * the same order (every paragraph still occurs once in each copy).
 */
export function buildLargeText(essay: string, targetBytes = 5_000_000): string {
  const paragraphs = essay.split(/\n\n/u);
  const parts: string[] = [];
  let bytes = 0;
  for (let copy = 0; bytes < targetBytes - essay.length; copy++) {
    const shift = copy % paragraphs.length;
    const rotated = [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)].join("\n\n");
    const text = `${copy === 0 ? "" : "\n\n"}${rotated}`;
    parts.push(text);
    bytes += Buffer.byteLength(text);
  }
  return parts.join("");
}

/** The essay as it is. */
export const readEssay = (): string => readFileSync(essayPath, "utf8");
