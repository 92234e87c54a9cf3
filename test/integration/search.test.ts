// Thread search finds words in scripts without spaces and text typed in another Unicode form, on Postgres and on
// the embedded database alike, and keeps English full text (stemming).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabaseClients } from "../../server/data/database.ts";
import { startEmbeddedPostgres } from "../../server/data/embedded-postgres.ts";
import { applyMigrations, migrationsDir } from "../../server/data/migrations.ts";
import type { Sql } from "../../server/data/sql.ts";
import { encodeUpdateMessage } from "../../server/realtime/sync-messages.ts";
import { RoomRegistry } from "../../server/services/room-store/room-registry.ts";
import { roomText } from "../helpers/room-fixture.ts";
import { buildTestApp, signUp, testDatabase } from "../helpers/test-app.ts";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The app on the run's Postgres. */
function onPostgres() {
  return { ...buildTestApp(), sql: testDatabase().sql };
}

/** The app on an in-memory PGlite, migrated as the server migrates it (a pool of one connection). */
async function onEmbedded() {
  const embedded = await startEmbeddedPostgres(undefined);
  await applyMigrations({ connectionString: embedded.connectionString, lock: false });
  const { db, prisma, sql } = createDatabaseClients(embedded.connectionString, 1, true);
  const rooms = new RoomRegistry(db, pino({ level: "silent" }), encodeUpdateMessage);
  cleanups.push(async () => {
    await rooms.close(0);
    await prisma.$disconnect();
    await embedded.stop();
  });
  return { ...buildTestApp({ ctx: { db, rooms } }), sql };
}

const nfd = (text: string) => text.normalize("NFD");

describe.each([
  ["Postgres", onPostgres],
  ["the embedded database (PGlite)", onEmbedded],
])("search on %s", (_name, open) => {
  let search: (q: string) => Promise<string[]>;
  let sql: Sql;
  const ids: Record<string, string> = {};

  it("finds words inside Chinese and Japanese text, NFD text by NFC queries, and keeps English stemming", async () => {
    const world = await open();
    sql = world.sql;
    const owner = await signUp(world.app);
    const groupId = (await owner.agent.post("/api/groups").send({ name: "Lecteurs" }).expect(201)).body.group
      .id;
    const documentId = (
      await owner.agent
        .post(`/api/documents?groupId=${groupId}`)
        .set("Content-Type", "text/plain")
        .send(roomText)
        .expect(201)
    ).body.document.id;
    const roomId = (await owner.agent.post(`/api/groups/${groupId}/rooms`).send({ documentId }).expect(201))
      .body.room.id as string;
    const blockId = (await owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200)).body
      .version.blocks[1].anchorId as string;
    const post = async (name: string, body: string) => {
      const res = await owner.agent
        .post(`/api/rooms/${roomId}/threads`)
        .set("Idempotency-Key", crypto.randomUUID())
        .send({ anchor: { blockId }, body })
        .expect(201);
      ids[name] = res.body.thread.id;
      return ids[name]!;
    };
    await post("chinese", "我们今天讨论这个测试问题");
    await post("french", nfd("Le café était plein, l'été dernier"));
    const english = await post("english", "The members were reading slowly");
    await post("percent", "I am 100% sure");
    await owner.agent
      .post(`/api/rooms/${roomId}/threads/${english}/comments`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ body: "日本語のテキストです" })
      .expect(201);
    search = async (q: string) => {
      const res = await owner.agent.get(`/api/rooms/${roomId}/threads`).query({ q }).expect(200);
      return (res.body.threads as { id: string }[]).map((thread) => thread.id).sort();
    };

    expect(await search("测试")).toEqual([ids.chinese]);
    expect(await search("テキスト")).toEqual([ids.english]);
    expect(await search("café")).toEqual([ids.french]);
    expect(await search(nfd("ÉTÉ"))).toEqual([ids.french]);
    expect(await search("reads")).toEqual([ids.english]); // full text: "reads" and "reading" stem alike
    expect(await search("members slow")).toEqual([ids.english]); // every word, as substrings
    expect(await search("100%")).toEqual([ids.percent]); // LIKE's wildcards are taken literally
    expect(await search("%")).toEqual([ids.percent]);
    expect(await search("_")).toEqual([]);
  });

  it("brings text stored before the fix to NFC with the data migration", async () => {
    const migration = await readFile(
      path.join(migrationsDir, "20261130002743_text_nfc", "migration.sql"),
      "utf8",
    );
    const old = nfd("Naïve résumé, stored before the schemas normalized");
    await sql.query(`UPDATE "Thread" SET body = $1, tags = $2 WHERE id = $3`, [old, [nfd("é")], ids.english]);
    await sql.query(migration);
    const { rows } = await sql.query<{ body: string; tags: string[] }>(
      `SELECT body, tags FROM "Thread" WHERE id = $1`,
      [ids.english],
    );
    expect(rows[0]).toEqual({ body: old.normalize("NFC"), tags: ["é"] });
    expect(await search("résumé")).toEqual([ids.english]);
  });
});
