// Search over a room's threads and their visible replies: Postgres full text, or every word as a substring.
import { sqlOf } from "./clients.ts";
import type { Db } from "./db.ts";

/** The query as ILIKE patterns, one per whitespace-separated word, with LIKE's wildcards taken literally. */
export function substringPatterns(q: string): string[] {
  return q
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => `%${word.replace(/[\\%_]/gu, (char) => `\\${char}`)}%`);
}

/**
 * Ids of the room's visible threads whose body, or one of whose visible replies, matches `q` (NFC, as the
 * request schema leaves it). A text matches when English full text does (stemmed words: "reading" finds "read")
 * or when every word of `q` occurs in it, ignoring case — the reader's own filter rule, and the one that finds
 * words in scripts written without spaces (测试 in 我们今天讨论这个测试问题). No ranking: the matches come back as
 * a filter of the room's list, in its order, since the reader shows them in place beside their passages.
 *
 * Search is always within one room, so the (roomId, blockId) index finds the candidate rows and both tests run on
 * them. A trigram index (pg_trgm) was measured and left out: the planner cannot use it beside the unindexed full
 * text condition, and most Chinese and Japanese words are one or two characters, shorter than a trigram.
 */
export async function searchThreadIds(
  db: Db,
  roomId: string,
  q: string,
  /** Only threads and replies by these people count (a reader's veil). */
  authorIds?: string[],
): Promise<string[]> {
  const patterns = substringPatterns(q);
  if (!patterns.length) return [];
  const { rows } = await sqlOf(db).query<{ id: string }>(
    `SELECT t.id FROM "Thread" t
      WHERE t."roomId" = $1 AND t."deletedAt" IS NULL AND t."hiddenAt" IS NULL
        AND ($4::uuid[] IS NULL OR t."authorId" = ANY($4))
        AND ((to_tsvector('english', t.body) @@ plainto_tsquery('english', $2)
              OR t.body ILIKE ALL ($3::text[]))
             OR EXISTS (SELECT 1 FROM "Comment" c
                         WHERE c."threadId" = t.id AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL
                           AND ($4::uuid[] IS NULL OR c."authorId" = ANY($4))
                           AND (to_tsvector('english', c.body) @@ plainto_tsquery('english', $2)
                                OR c.body ILIKE ALL ($3::text[]))))`,
    [roomId, q, patterns, authorIds ?? null],
  );
  return rows.map((row) => row.id);
}
