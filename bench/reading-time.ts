// Benchmark: what recording reading time costs. 500 readers in one room move their reading position every few
// seconds over the people channel, with the group's recordReadingTime on and off in alternating phases (ABBA) of the
// same server process; the server's CPU, the CPU of its Postgres backends and the rows written in each phase. The
// difference between on and off is the cost of recording. Appends to BENCHMARKS.md.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { hashToken } from "../server/data/tokens.ts";
import { ReadingTimeMeter } from "../server/realtime/people/reading-time-meter.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { currentLoad, loadNote, median, processCpuMs, progress, sleep } from "./lib/measure.ts";
import { ReaderPool } from "./lib/reader-pool.ts";
import { report } from "./lib/report.ts";
import { openOwnedRoom, startScholia, type ServerProcess } from "./lib/scholia-fixture.ts";
import { seedMembers } from "./lib/seed-members.ts";

const readers = Number(process.env.BENCH_READERS ?? 500);
/**
 * How often each reader's position changes. The client sends an update only when the paragraph at the reading line
 * changes (at most every 400 ms while scrolling, client/src/realtime/use-presence.ts); one every 5 s is a brisk reader.
 */
const periodMs = Number(process.env.BENCH_PRESENCE_PERIOD_MS ?? 5_000);
/** Each phase holds exactly one of the server's reading-time flushes (every 30 s) when it lasts 30 s. */
const phaseMs = Number(process.env.BENCH_PHASE_SECONDS ?? 30) * 1000;
const order = [true, false, false, true];
const readerProcesses = 2;
const targetPercent = 5;
const sessionSecret = randomBytes(32).toString("base64url");

interface Phase {
  recording: boolean;
  serverCpuMs: number;
  postgresCpuMs: number;
  ms: number;
  rowsWritten: number;
  secondsRecorded: number;
  updates: number;
}

/** 499 members with a session each, written straight into Postgres: the cookies of the owner and of them. */
async function seedReaders(client: pg.Client, groupId: string, count: number): Promise<string[]> {
  await seedMembers(client, groupId, count);
  const tokens = await client.query<{ id: string }>(
    `SELECT "userId" AS id FROM "Membership" WHERE "groupId" = $1::uuid AND role = 'member' ORDER BY "userId"`,
    [groupId],
  );
  const sessions = tokens.rows.map((row) => ({
    userId: row.id,
    token: randomBytes(32).toString("base64url"),
  }));
  await client.query(
    `INSERT INTO "Session" (id, "tokenHash", "userId", "createdAt", "expiresAt")
     SELECT gen_random_uuid(), t.hash, t.user_id, now() AT TIME ZONE 'UTC', (now() + interval '1 day') AT TIME ZONE 'UTC'
       FROM unnest($1::text[], $2::uuid[]) AS t(hash, user_id)`,
    [sessions.map((s) => hashToken(s.token, sessionSecret)), sessions.map((s) => s.userId)],
  );
  return sessions.map((s) => `scholia_session=${s.token}`);
}

/** CPU used so far by each Postgres backend serving `database` (the server's pool), in ms by process id. */
async function postgresCpu(client: pg.Client, database: string): Promise<Map<number, number>> {
  const backends = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  const used = new Map<number, number>();
  for (const { pid } of backends.rows) {
    try {
      used.set(pid, processCpuMs(pid));
    } catch {
      // A backend that ended meanwhile.
    }
  }
  return used;
}

/** CPU the backends used between two readings (a backend that ended in between is missed). */
function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, used] of after) total += used - (before.get(pid) ?? 0);
  return total;
}

/** Postgres's clock now, as ReadingTime's updatedAt is written (UTC, without a zone). */
async function databaseNow(client: pg.Client): Promise<string> {
  const result = await client.query<{ now: string }>(`SELECT (now() AT TIME ZONE 'UTC')::text AS now`);
  return result.rows[0]!.now;
}

/**
 * The ReadingTime rows a flush wrote (inserted or added to) since `since`, and the seconds it added: every flush
 * stamps the rows it writes, and a phase holds one flush.
 */
async function writtenSince(
  client: pg.Client,
  since: string,
  secondsBefore: number,
): Promise<{ rows: number; seconds: number }> {
  const result = await client.query<{ rows: number; seconds: string | null }>(
    `SELECT count(*) FILTER (WHERE "updatedAt" >= $1::timestamp)::int AS rows, sum(seconds) AS seconds
       FROM "ReadingTime"`,
    [since],
  );
  return { rows: result.rows[0]!.rows, seconds: Number(result.rows[0]!.seconds ?? 0) - secondsBefore };
}

/** The seconds ReadingTime holds in all. */
async function secondsHeld(client: pg.Client): Promise<number> {
  const result = await client.query<{ s: string | null }>(`SELECT sum(seconds) AS s FROM "ReadingTime"`);
  return Number(result.rows[0]!.s ?? 0);
}

/**
 * The in-memory half of recording, which the server does whether or not the group records (so on − off leaves it
 * out): the meter fed one phase's presence updates and flushed once, timed in this process; the median of 5, as a
 * share of the phase.
 */
function meterPercent(anchorIds: string[]): number {
  const updates = Math.round((readers * phaseMs) / periodMs);
  const runs = Array.from({ length: 5 }, () => {
    const meter = new ReadingTimeMeter();
    let now = Date.now();
    const started = process.cpuUsage();
    for (let i = 0; i < updates; i += 1) {
      now += phaseMs / updates;
      const blockId = anchorIds[Math.floor(Math.random() * anchorIds.length)]!;
      meter.observe("room", `reader ${i % readers}`, { blockId, idle: false }, now);
    }
    meter.take(now);
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  });
  return (100 * median(runs)) / phaseMs;
}

async function main() {
  const loadAtStart = currentLoad();
  const database = await createScratchDatabase("scholia_bench_reading");
  const pool = ReaderPool.start(readerProcesses);
  const client = new pg.Client({ connectionString: database.url });
  let server: ServerProcess | undefined;
  try {
    server = await startScholia(database.url, { SESSION_SECRET: sessionSecret });
    await client.connect();
    const { owner, groupId, roomId } = await openOwnedRoom(server.base, "Bench readers");
    const blocks = await client.query<{ anchorId: string }>(
      `SELECT b."anchorId" FROM "Room" r JOIN "Block" b ON b."versionId" = r."versionId"
        WHERE r.id = $1::uuid AND b.kind = 'paragraph'`,
      [roomId],
    );
    const anchorIds = blocks.rows.map((row) => row.anchorId);
    const cookies = [owner.cookie, ...(await seedReaders(client, groupId, readers - 1))];
    progress(`opening ${readers} people-channel tabs…`);
    await pool.openPeople(server.base, roomId, cookies);
    await pool.startPresence(roomId, anchorIds, periodMs);
    await sleep(periodMs); // every tab in its cycle

    const phases: Phase[] = [];
    for (const recording of order) {
      progress(`${phaseMs / 1000} s with recording ${recording ? "on" : "off"}…`);
      // Straight in the table, so that no re-check of 500 sessions lands in the phase; the flush reads it each time.
      await client.query(`UPDATE "Group" SET "recordReadingTime" = $2 WHERE id = $1::uuid`, [
        groupId,
        recording,
      ]);
      const updatesAt = (await pool.peopleStats()).updates;
      const since = await databaseNow(client);
      const secondsAt = await secondsHeld(client);
      const postgresAt = await postgresCpu(client, database.name);
      const cpuAt = processCpuMs(server.pid);
      const started = performance.now();
      await sleep(phaseMs);
      const serverCpuMs = processCpuMs(server.pid) - cpuAt;
      const elapsed = performance.now() - started;
      const postgresMs = postgresCpuBetween(postgresAt, await postgresCpu(client, database.name));
      const written = await writtenSince(client, since, secondsAt);
      phases.push({
        recording,
        serverCpuMs,
        postgresCpuMs: postgresMs,
        ms: elapsed,
        rowsWritten: written.rows,
        secondsRecorded: written.seconds,
        updates: (await pool.peopleStats()).updates - updatesAt,
      });
    }
    await pool.stopPresence();
    const stats = await pool.peopleStats();

    /** One row of figures over `over` (CPU as a share of the phases' wall time). */
    const figures = (condition: string, over: Phase[]) => {
      const total = (pick: (phase: Phase) => number) => over.reduce((sum, phase) => sum + pick(phase), 0);
      const wall = total((phase) => phase.ms);
      return {
        condition,
        "server CPU, % of a core": (100 * total((phase) => phase.serverCpuMs)) / wall,
        "Postgres CPU, % of a core": (100 * total((phase) => phase.postgresCpuMs)) / wall,
        "presence updates / s": (1000 * total((phase) => phase.updates)) / wall,
        "ReadingTime rows written": total((phase) => phase.rowsWritten),
        "seconds recorded": total((phase) => phase.secondsRecorded),
      };
    };
    const on = figures(
      "recording on, phases 1 and 4",
      phases.filter((phase) => phase.recording),
    );
    const off = figures(
      "reference: recording off, phases 2 and 3",
      phases.filter((phase) => !phase.recording),
    );
    const cost = {
      server: on["server CPU, % of a core"] - off["server CPU, % of a core"],
      postgres: on["Postgres CPU, % of a core"] - off["Postgres CPU, % of a core"],
      meter: meterPercent(anchorIds),
    };
    const shown = (row: ReturnType<typeof figures>, target = "—") => ({
      ...row,
      "server CPU, % of a core": row["server CPU, % of a core"].toFixed(2),
      "Postgres CPU, % of a core": row["Postgres CPU, % of a core"].toFixed(2),
      "presence updates / s": row["presence updates / s"].toFixed(0),
      "ReadingTime rows written": row["ReadingTime rows written"].toLocaleString("en"),
      "seconds recorded": row["seconds recorded"].toLocaleString("en"),
      target,
    });
    await report(
      `Recording reading time for ${readers} readers`,
      [
        ...phases.map((phase, i) =>
          shown(figures(`phase ${i + 1}: recording ${phase.recording ? "on" : "off"}`, [phase])),
        ),
        shown(off, "reference"),
        shown(on),
        {
          condition: "the meter alone (in memory, the same updates, timed in the bench process)",
          "server CPU, % of a core": cost.meter.toFixed(3),
          "Postgres CPU, % of a core": "",
          "presence updates / s": "",
          "ReadingTime rows written": "",
          "seconds recorded": "",
          target: "—",
        },
        {
          condition: "cost of recording: on − off, and the meter",
          "server CPU, % of a core": (cost.server + cost.meter).toFixed(2),
          "Postgres CPU, % of a core": cost.postgres.toFixed(2),
          "presence updates / s": "",
          "ReadingTime rows written": "",
          "seconds recorded": "",
          target: `≤ ${targetPercent} (server + Postgres + meter: ${(cost.server + cost.postgres + cost.meter).toFixed(2)})`,
        },
      ],
      [
        `${readers} readers (one socket.io tab each, in ${readerProcesses} processes of their own) in one room of the essay (${anchorIds.length} paragraphs), each moving to a random paragraph every ${periodMs / 1000} s, phases spread at random — a brisk reader: the client sends only when the paragraph at the reading line changes. One server process; four phases of ${phaseMs / 1000} s in the order on, off, off, on (Group.recordReadingTime set in the table between phases), each holding one of the server's reading-time flushes (every 30 s). CPU from /proc (10 ms ticks): the server process, and the Postgres backends of its pool (all of its queries, not only the flush; a backend that ended within a phase is missed). Rows written: the ReadingTime rows a flush stamped (updatedAt) within the phase. With recording off the server still meters presence in memory and sends the flush's one statement, which then writes nothing; so on − off is the writing of the rows, and the meter's share is timed apart and added. ${stats.disconnects} tabs disconnected, refusals: ${JSON.stringify(stats.refusals)}.`,
        loadNote(loadAtStart),
      ],
    );
  } catch (error) {
    if (server) console.error(`The server's output:\n${server.output().slice(-3000)}`);
    throw error;
  } finally {
    await pool.closePeople().catch(() => undefined);
    pool.stop();
    await client.end().catch(() => undefined);
    await server?.stop();
    await dropDatabase(database.name);
  }
}

await main();
