// Stores a room built in the bench process: its Yjs state as the group snapshot, and the matching Thread and Comment
// rows, as the server would have written them.
import pg from "pg";
import { packSnapshot } from "../../server/data/snapshot-codec.ts";
import type { CommentRecord, ThreadRecord } from "../../shared/room-doc.ts";

/** Rows per INSERT … SELECT FROM unnest(…) statement. */
const insertBatch = 2_000;

/** A room document as the bench built it: the encoded state and the records in it. */
export interface BuiltRoom {
  state: Uint8Array;
  threads: ThreadRecord[];
  comments: CommentRecord[];
}

/**
 * Writes the snapshot row (packed as compaction packs it) and the matching Thread and Comment rows; the packed
 * state's size in bytes.
 */
export async function storeRoom(databaseUrl: string, roomId: string, built: BuiltRoom): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const packed = await packSnapshot(built.state);
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "RoomSnapshot" ("roomId", scope, state, compression, "updatedAt")
       VALUES ($1, 'group', $2, $3, now())`,
      [roomId, Buffer.from(packed.state), packed.compression],
    );
    for (let i = 0; i < built.threads.length; i += insertBatch) {
      const batch = built.threads.slice(i, i + insertBatch);
      await client.query(
        `INSERT INTO "Thread" (id, "roomId", visibility, "blockId", anchor, "authorId", body, tags, status, "createdAt", "updatedAt")
         SELECT t.id, $1::uuid, 'group', t.block, t.anchor, t.author, t.body, '{}'::text[], t.status, t.at, t.at
           FROM unnest($2::uuid[], $3::text[], $4::jsonb[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[])
             AS t(id, block, anchor, author, body, status, at)`,
        [
          roomId,
          batch.map((t) => t.id),
          batch.map((t) => t.anchor.blockId),
          batch.map((t) => JSON.stringify(t.anchor)),
          batch.map((t) => t.authorId),
          batch.map((t) => t.body),
          batch.map((t) => t.status),
          batch.map((t) => t.createdAt),
        ],
      );
    }
    for (let i = 0; i < built.comments.length; i += insertBatch) {
      const batch = built.comments.slice(i, i + insertBatch);
      await client.query(
        `INSERT INTO "Comment" (id, "threadId", "authorId", body, "createdAt")
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])`,
        [
          batch.map((c) => c.id),
          batch.map((c) => c.threadId),
          batch.map((c) => c.authorId),
          batch.map((c) => c.body),
          batch.map((c) => c.createdAt),
        ],
      );
    }
    await client.query("COMMIT");
    await client.query(`ANALYZE "Thread"; ANALYZE "Comment"`);
  } finally {
    await client.end();
  }
  return packed.state.byteLength;
}
