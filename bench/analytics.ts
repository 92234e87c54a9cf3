// Benchmark: GET /api/rooms/:roomId/analytics on a room of 200 members, 10,000 threads, 30,000 replies, reactions
// and one million reading-time samples, as JSON and as each CSV table, for an instructor (everyone) and a member
// (themselves), next to plain count(*) queries over the same rows in the same run. Appends to BENCHMARKS.md.
import pg from "pg";
import { analyticsTables } from "../shared/schemas/analytics.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { currentLoad, loadNote, median, ms, progress } from "./lib/measure.ts";
import { report } from "./lib/report.ts";
import { seedMembers } from "./lib/seed-members.ts";
import {
  call,
  openEssayRoom,
  registerUser,
  startScholia,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";

const members = 200;
const threadCount = Number(process.env.BENCH_THREADS ?? 10_000);
const repliesPerThread = 3;
const samples = Number(process.env.BENCH_SAMPLES ?? 1_000_000);
/** Presence's period: a reader's position is reported every 5 s, so one sample stands for 5 seconds. */
const sampleSeconds = 5;
const runs = 5;
const targetMs = 1_000;

interface Seeded {
  roomId: string;
  ownerCookie: string;
  memberCookie: string;
  paragraphs: number;
  days: number;
  readingRows: number;
  reactions: number;
}

/**
 * The owner, a member (both through the API, for their sessions), the essay and its room; then everything else
 * written straight into Postgres by set-based statements (generate_series), so seeding takes seconds.
 */
async function seed(server: ServerProcess, databaseUrl: string): Promise<Seeded> {
  const owner = await registerUser(server.base, "Bench Owner");
  const member = await registerUser(server.base, "Bench Member");
  const { group } = await call<{ group: { id: string } }>(server.base, "POST", "/api/groups", {
    cookie: owner.cookie,
    json: { name: "Bench seminar" },
  });
  const { invite } = await call<{ invite: { token: string } }>(
    server.base,
    "POST",
    `/api/groups/${group.id}/invites`,
    { cookie: owner.cookie, json: { role: "member" } },
  );
  await call(server.base, "POST", `/api/invites/${invite.token}/accept`, { cookie: member.cookie });
  const room = await openEssayRoom(server.base, owner, group.id);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = (text: string, values: unknown[] = []) => client.query(text, values);
    // The other members: 5 instructors, the rest members.
    await seedMembers(client, group.id, members - 2, 5);
    // Arrays of the members and paragraphs, to pick from by index.
    const picks = `
      people AS (SELECT array_agg("userId" ORDER BY "userId") AS ids FROM "Membership" WHERE "groupId" = $1::uuid),
      blocks AS (
        SELECT array_agg(b."anchorId" ORDER BY b.ordinal) AS ids
          FROM "Room" r JOIN "Block" b ON b."versionId" = r."versionId"
         WHERE r.id = $2::uuid AND b.kind = 'paragraph'
      )`;
    // Threads over two months; 1 in 20 instructor-only, 1 in 10 tagged question, 1 in 4 ending in a question
    // mark, 1 in 50 deleted, 1 in 97 hidden.
    await q(
      `WITH ${picks}
       INSERT INTO "Thread" (id, "roomId", visibility, "blockId", anchor, "authorId", body, tags, status,
                             "createdAt", "updatedAt", "deletedAt", "hiddenAt")
       SELECT gen_random_uuid(), $2::uuid, CASE WHEN i % 20 = 0 THEN 'instructors' ELSE 'group' END, block,
              jsonb_build_object('blockId', block), people.ids[1 + (i * 31) % cardinality(people.ids)],
              'Thread ' || i || ': a considered remark on this passage, with a few more words' ||
                CASE WHEN i % 4 = 0 THEN ' — why?' ELSE '.' END,
              CASE WHEN i % 10 = 0 THEN '{question}'::text[] ELSE '{}'::text[] END, 'open', at, at,
              CASE WHEN i % 50 = 0 THEN at END, CASE WHEN i % 97 = 0 THEN at END
         FROM people, blocks, generate_series(1, $3::int) i,
              LATERAL (SELECT blocks.ids[1 + (i * 7919) % cardinality(blocks.ids)] AS block,
                              timestamp '2026-09-01 08:00' + i * interval '9 minutes' AS at) x`,
      [group.id, room.roomId, threadCount],
    );
    await q(
      `WITH ${picks}
       INSERT INTO "Comment" (id, "threadId", "parentId", "authorId", body, "createdAt", "deletedAt")
       SELECT gen_random_uuid(), t.id, NULL, people.ids[1 + ((hashtext(t.id::text) & 2147483647) + r * 17) % cardinality(people.ids)],
              'Reply ' || r || ': I agree, mostly' || CASE WHEN r = 2 THEN '?' ELSE '.' END,
              t."createdAt" + r * interval '13 minutes', CASE WHEN r = 3 AND (hashtext(t.id::text) & 63) = 0 THEN t."createdAt" END
         FROM people, "Thread" t, generate_series(1, $3::int) r
        WHERE t."roomId" = $2::uuid`,
      [group.id, room.roomId, repliesPerThread],
    );
    // Two reactions on every thread and reply, by different people; one emoji in six is 😕.
    const reactions = await q(
      `WITH ${picks},
       targets AS (
         SELECT id, "createdAt" FROM "Thread" WHERE "roomId" = $2::uuid
         UNION ALL
         SELECT c.id, c."createdAt" FROM "Comment" c JOIN "Thread" t ON t.id = c."threadId" WHERE t."roomId" = $2::uuid
       )
       INSERT INTO "Reaction" ("targetId", "userId", emoji, "roomId", "createdAt")
       SELECT t.id, people.ids[1 + ((hashtext(t.id::text) & 2147483647) + k * 101) % cardinality(people.ids)],
              (ARRAY['👍','❤️','🤔','😕','❓','🎉'])[1 + ((hashtext(t.id::text) & 2147483647) + k) % 6], $2::uuid,
              t."createdAt" + interval '1 hour'
         FROM people, targets t, generate_series(1, 2) k
       ON CONFLICT DO NOTHING`,
      [group.id, room.roomId],
    );
    // Reading time: one row per (member, paragraph, day), each holding one 5-second sample, over as many days as
    // it takes to reach the sample count — the worst case for the table's size, where no two samples share a row
    // (real rows sum every sample of a reader on a paragraph in a day).
    const paragraphs = (
      await q(
        `SELECT count(*)::int AS n FROM "Room" r JOIN "Block" b ON b."versionId" = r."versionId"
          WHERE r.id = $1::uuid AND b.kind = 'paragraph'`,
        [room.roomId],
      )
    ).rows[0].n as number;
    const days = Math.ceil(samples / (members * paragraphs));
    const reading = await q(
      `WITH ${picks}
       INSERT INTO "ReadingTime" ("roomId", "userId", "blockId", day, seconds, "activeSeconds", "updatedAt")
       SELECT $2::uuid, u, b, date '2026-09-01' + d, $4::int, CASE WHEN (d + n) % 3 = 0 THEN 0 ELSE $4::int END,
              (date '2026-09-01' + d) + interval '20 hours'
         FROM people, blocks, unnest(people.ids) u, unnest(blocks.ids) WITH ORDINALITY AS bn(b, n),
              generate_series(0, $5::int - 1) d
        LIMIT $3::int`,
      [group.id, room.roomId, samples, sampleSeconds, days],
    );
    await q(`VACUUM ANALYZE "Thread", "Comment", "Reaction", "ReadingTime", "Membership", "User"`);
    return {
      roomId: room.roomId,
      ownerCookie: owner.cookie,
      memberCookie: member.cookie,
      paragraphs,
      days,
      readingRows: reading.rowCount ?? 0,
      reactions: reactions.rowCount ?? 0,
    };
  } finally {
    await client.end();
  }
}

/** Milliseconds of each of `runs` requests (after one warm-up), and the bytes of the last. */
async function timeRequests(url: string, cookie: string): Promise<{ times: number[]; bytes: number }> {
  let bytes = 0;
  const once = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} → ${res.status}: ${Buffer.from(body).toString()}`);
    bytes = body.byteLength;
    return performance.now() - started;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await once());
  return { times, bytes };
}

/** The same, for plain SQL on one connection. */
async function timeQuery(client: pg.Client, text: string, values: unknown[]): Promise<number[]> {
  await client.query(text, values);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await client.query(text, values);
    times.push(performance.now() - started);
  }
  return times;
}

async function main() {
  const loadAtStart = currentLoad();
  const database = await createScratchDatabase("scholia_bench_analytics");
  let server: ServerProcess | undefined;
  try {
    server = await startScholia(database.url);
    progress(
      `seeding ${members} members, ${threadCount} threads, ${threadCount * repliesPerThread} replies, ${samples} reading samples…`,
    );
    const seedStarted = performance.now();
    const seeded = await seed(server, database.url);
    const seedMs = performance.now() - seedStarted;
    const base = `${server.base}/api/rooms/${seeded.roomId}/analytics`;
    const rows: Record<string, string | number>[] = [];
    const row = (what: string, times: number[], bytes: number | null, target: string) => ({
      request: what,
      "median ms": ms(median(times)),
      "max ms": ms(Math.max(...times)),
      KB: bytes === null ? "–" : (bytes / 1024).toFixed(1),
      target,
    });

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      progress("reference: count(*) over the same rows…");
      const counts = await timeQuery(
        client,
        `SELECT (SELECT count(*) FROM "ReadingTime" WHERE "roomId" = $1::uuid),
                (SELECT count(*) FROM "Thread" WHERE "roomId" = $1::uuid),
                (SELECT count(*) FROM "Comment" c JOIN "Thread" t ON t.id = c."threadId" WHERE t."roomId" = $1::uuid),
                (SELECT count(*) FROM "Reaction" WHERE "roomId" = $1::uuid)`,
        [seeded.roomId],
      );
      rows.push(
        row(
          "reference: count(*) of reading rows, threads, replies, reactions (SQL)",
          counts,
          null,
          "reference",
        ),
      );
      const readingSum = await timeQuery(
        client,
        `SELECT "userId", sum(seconds) FROM "ReadingTime" WHERE "roomId" = $1::uuid GROUP BY "userId"`,
        [seeded.roomId],
      );
      rows.push(
        row("reference: reading seconds per member, one GROUP BY (SQL)", readingSum, null, "reference"),
      );
    } finally {
      await client.end();
    }

    progress("analytics as the owner…");
    const everyone = await timeRequests(base, seeded.ownerCookie);
    rows.push(row("analytics JSON, owner (everyone)", everyone.times, everyone.bytes, `≤ ${targetMs} ms`));
    const self = await timeRequests(base, seeded.memberCookie);
    rows.push(row("analytics JSON, member (own numbers)", self.times, self.bytes, `≤ ${targetMs} ms`));
    const period = await timeRequests(`${base}?from=2026-09-15&to=2026-09-30`, seeded.ownerCookie);
    rows.push(
      row("analytics JSON, owner, a two-week period", period.times, period.bytes, `≤ ${targetMs} ms`),
    );
    for (const table of analyticsTables) {
      const csv = await timeRequests(`${base}?format=csv&table=${table}`, seeded.ownerCookie);
      rows.push(row(`analytics CSV ${table}, owner`, csv.times, csv.bytes, `≤ ${targetMs} ms`));
    }
    await report(
      `Analytics of ${members} members, ${threadCount.toLocaleString("en")} threads, ${(threadCount * repliesPerThread).toLocaleString("en")} replies and ${seeded.readingRows.toLocaleString("en")} reading samples`,
      rows,
      [
        `One room of the essay (${seeded.paragraphs} paragraphs), seeded straight into Postgres by set-based statements (generate_series) in ${(seedMs / 1000).toFixed(0)} s: ${members} members (5 instructors), ${threadCount.toLocaleString("en")} threads over two months (1 in 20 instructor-only, 1 in 10 tagged question, 1 in 4 ending in a question mark, 1 in 50 deleted, 1 in 97 hidden), ${repliesPerThread} replies each, ${seeded.reactions.toLocaleString("en")} reactions (two per thread and reply).`,
        `Reading time: ReadingTime holds one row per reader × paragraph × UTC day, summing every 5-second presence sample of that reader on that paragraph that day. Here each row holds exactly one sample (${sampleSeconds} s) — ${members} members × ${seeded.paragraphs} paragraphs × ${seeded.days} days, cut at ${samples.toLocaleString("en")} rows — the worst case for the table's size: real samples share rows, so a million real samples make far fewer rows.`,
        `Each row: one warm-up request, then ${runs} sequential requests by fetch to a real server process (median and max), the whole response read. The references run on one pg connection from the bench process in the same run: a count(*) of every row the analytics read, and one GROUP BY over the reading rows.`,
        loadNote(loadAtStart),
      ],
    );
  } catch (error) {
    if (server) console.error(`The server's output:\n${server.output().slice(-3000)}`);
    throw error;
  } finally {
    await server?.stop();
    await dropDatabase(database.name);
  }
}

await main();
