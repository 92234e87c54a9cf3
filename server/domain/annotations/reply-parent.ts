// Where an imported reply goes when the annotation it answers is not created (deleted or hidden in the source, no
// words…): under its nearest ancestor that is, the thread at worst, so that visible words are not lost.
import type { SourceAnnotation } from "./source-annotation.ts";

/** What the import knows of each key so far. */
export interface ImportProgress {
  /** Every annotation of the file by key (the first of duplicates), created or not. */
  inFile: ReadonlyMap<string, SourceAnnotation>;
  /** Created in the room (now or by an earlier import). */
  isPlaced: (key: string) => boolean;
  /** Settled as not created (skipped, detached, unsupported). */
  isDropped: (key: string) => boolean;
}

/**
 * The outcome for a reply: `parentKey`, its nearest created ancestor (`passed` the ancestors in between, not
 * created, nearest first); `wait` while an ancestor is yet to be tried; `missing` when the chain names a key the
 * file does not hold; `threadLost` when no ancestor, not even the thread, was created.
 */
export type ParentLookup =
  | { parentKey: string; passed: SourceAnnotation[] }
  | { wait: true }
  | { missing: string; passed: SourceAnnotation[] }
  | { threadLost: SourceAnnotation; passed: SourceAnnotation[] };

/** Walks up from `reply.parentKey` (a reply, so not null); a cycle in the file counts as missing. */
export function nearestKept(reply: SourceAnnotation, progress: ImportProgress): ParentLookup {
  const passed: SourceAnnotation[] = [];
  const seen = new Set<string>([reply.key]);
  for (let key = reply.parentKey!; ;) {
    if (progress.isPlaced(key)) return { parentKey: key, passed };
    const ancestor = progress.inFile.get(key);
    if (!ancestor || seen.has(key)) return { missing: key, passed };
    if (!progress.isDropped(key)) return { wait: true };
    seen.add(key);
    passed.push(ancestor);
    if (ancestor.parentKey === null) return { threadLost: ancestor, passed: passed.slice(0, -1) };
    key = ancestor.parentKey;
  }
}
