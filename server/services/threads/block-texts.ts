// The text of each block of a document version, cached: versions are immutable, so the cache never goes stale.
import type { Db } from "../../data/db.ts";
import { loadBlockTexts } from "../../data/documents.ts";

const cache = new Map<string, Promise<Map<string, string>>>();
const maxVersions = 64;

export function blockTexts(db: Db, versionId: string): Promise<Map<string, string>> {
  let texts = cache.get(versionId);
  if (!texts) {
    texts = loadBlockTexts(db, versionId);
    texts.catch(() => cache.delete(versionId));
    if (cache.size >= maxVersions) cache.delete(cache.keys().next().value!);
    cache.set(versionId, texts);
  }
  return texts;
}
