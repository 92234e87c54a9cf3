// The re-anchorer between two versions of a text, prepared once and shared: a version move, and every stale thread
// creation replayed after it, re-anchor from the same pair of versions.
import type { Anchor } from "../../../shared/room-doc.ts";
import { loadBlocks } from "../../data/documents.ts";
import type { Db } from "../../data/db.ts";
import { prepareReanchor, type Reanchorer } from "../../domain/anchoring/reanchor.ts";

const cache = new Map<string, Promise<Reanchorer>>();
/** Pairs kept; each holds two versions' blocks (a few MB for a long text), so only the recent few. */
const maxPairs = 8;

/** Re-anchors nothing: an anchor on a version stays as it is on that same version. */
const identity: Reanchorer = { reanchor: (anchor: Anchor) => ({ status: "unchanged", anchor }) };

/**
 * The Reanchorer from version `fromVersionId` to `toVersionId` (ids of DocumentVersion rows of one document). The
 * block mapping is computed by prepareReanchor rather than read from the stored import mapping, which only links
 * a version to the one before it, while a room may move between any two.
 */
export function reanchorerBetween(db: Db, fromVersionId: string, toVersionId: string): Promise<Reanchorer> {
  if (fromVersionId === toVersionId) return Promise.resolve(identity);
  const key = `${fromVersionId}>${toVersionId}`;
  let pending = cache.get(key);
  if (pending) {
    // Most recently used last, so that the oldest pair is the one dropped.
    cache.delete(key);
    cache.set(key, pending);
    return pending;
  }
  pending = Promise.all([loadBlocks(db, fromVersionId), loadBlocks(db, toVersionId)]).then(
    ([oldBlocks, newBlocks]) => prepareReanchor(oldBlocks, newBlocks),
  );
  pending.catch(() => cache.delete(key));
  if (cache.size >= maxPairs) cache.delete(cache.keys().next().value!);
  cache.set(key, pending);
  return pending;
}
