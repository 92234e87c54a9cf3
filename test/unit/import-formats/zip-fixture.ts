// Zips a committed fixture directory in memory (a .docx or EPUB is a zip of the XML files kept readable in the repo).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { zipSync } from "fflate";
import type { Zippable } from "fflate";

const fixtures = new URL("../../fixtures/formats/", import.meta.url).pathname;

const walk = (directory: string): string[] =>
  readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });

/** The fixture directory `name` as a zip; `first` is stored first and uncompressed (an EPUB's mimetype). */
export function zipFixture(name: string, first?: string): Uint8Array {
  const directory = join(fixtures, name);
  const entries: Zippable = {};
  const paths = walk(directory).map((path) => relative(directory, path));
  if (first) entries[first] = [readFileSync(join(directory, first)), { level: 0 }];
  for (const path of paths) if (path !== first) entries[path] = readFileSync(join(directory, path));
  return zipSync(entries);
}

/** Reads a fixture file as text. */
export const fixtureText = (name: string) => readFileSync(join(fixtures, name), "utf8");

/** Rewrites the uncompressed size of every entry (local header and central directory) to `size`: a lying archive. */
export function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return bytes;
}
