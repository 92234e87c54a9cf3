// The text of each block of a document version, cached: versions are immutable, so the cache never goes stale.
import type { Prisma } from "../../data/database.ts";

const cache = new Map<string, Promise<Map<string, string>>>();
const maxVersions = 64;

export function blockTexts(prisma: Prisma, versionId: string): Promise<Map<string, string>> {
  let texts = cache.get(versionId);
  if (!texts) {
    texts = prisma.block
      .findMany({ where: { versionId }, select: { anchorId: true, text: true } })
      .then((rows) => new Map(rows.map((row) => [row.anchorId, row.text])));
    texts.catch(() => cache.delete(versionId));
    if (cache.size >= maxVersions) cache.delete(cache.keys().next().value!);
    cache.set(versionId, texts);
  }
  return texts;
}
