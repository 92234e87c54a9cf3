// Sustained durable mutations: thread creations per second through the REST path, into one room and spread over
// several rooms. Reference in the same run: the same transaction shape written straight to Postgres with `pg`.
import autocannon from "autocannon";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { currentLoad, loadNote, percentile, processCpuMs, progress } from "./lib/measure.ts";
import { report } from "./lib/report.ts";
import {
  benchThreadBody,
  buildGroup,
  startScholia,
  type BenchRoom,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const roomCounts = [1, Number(process.env.BENCH_ROOMS ?? 4)];
const target = 500;

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  ok: number;
  serverCpuPercent?: number;
}

/** autocannon POSTing thread creations round-robin over `rooms`, each with a fresh Idempotency-Key. */
async function postThreads(
  server: ServerProcess,
  cookie: string,
  rooms: BenchRoom[],
  seconds: number,
): Promise<Measured> {
  let next = 0;
  const cpuBefore = processCpuMs(server.pid);
  const result = await autocannon({
    url: server.base,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const room = rooms[next++ % rooms.length]!;
          return {
            ...request,
            path: `/api/rooms/${room.roomId}/threads`,
            headers: { cookie, "content-type": "application/json", "idempotency-key": randomUUID() },
            body: JSON.stringify({
              anchor: { blockId: room.anchorIds[next % room.anchorIds.length] },
              body: benchThreadBody,
            }),
          };
        },
      },
    ],
  });
  const cpu = processCpuMs(server.pid) - cpuBefore;
  return {
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    ok: result["2xx"],
    serverCpuPercent: Math.round(cpu / (seconds * 10)),
  };
}

/**
 * The database floor: one mutation's statements (idempotency lookup, then an update row, a thread row and a
 * mutation row in a transaction), issued by `clients` concurrent connections for `seconds`, into scratch tables
 * of the same database.
 */
async function rawTransactions(databaseUrl: string, clients: number, seconds: number): Promise<Measured> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  try {
    await pool.query(`CREATE TABLE IF NOT EXISTS bench_update (id bigserial PRIMARY KEY, room uuid, body bytea);
      CREATE TABLE IF NOT EXISTS bench_thread (id uuid PRIMARY KEY, room uuid, body text, created timestamptz);
      CREATE TABLE IF NOT EXISTS bench_mutation (room uuid, key uuid, response jsonb, PRIMARY KEY (room, key))`);
    const update = Buffer.alloc(360, 7);
    const room = randomUUID();
    const latencies: number[] = [];
    let errors = 0;
    const deadline = performance.now() + seconds * 1000;
    const worker = async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const started = performance.now();
          const key = randomUUID();
          try {
            await client.query("BEGIN");
            await client.query("SELECT 1 FROM bench_mutation WHERE room = $1 AND key = $2", [room, key]);
            await client.query("INSERT INTO bench_update (room, body) VALUES ($1, $2)", [room, update]);
            await client.query("INSERT INTO bench_thread VALUES ($1, $2, $3, now())", [
              key,
              room,
              benchThreadBody,
            ]);
            await client.query("INSERT INTO bench_mutation VALUES ($1, $2, $3)", [room, key, { id: key }]);
            await client.query("COMMIT");
            latencies.push(performance.now() - started);
          } catch {
            errors += 1;
            await client.query("ROLLBACK").catch(() => undefined);
          }
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: clients }, worker));
    return {
      perSecond: Math.round(latencies.length / seconds),
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      errors,
      ok: latencies.length,
    };
  } finally {
    await pool.end();
  }
}

/** Threads stored in `rooms`, and room-update rows ever appended (one per commit; compaction deletes rows, not ids). */
async function counters(
  databaseUrl: string,
  rooms: BenchRoom[],
): Promise<{ threads: number; commits: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const threads = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Thread" WHERE "roomId" = ANY($1::uuid[])`,
      [rooms.map((room) => room.roomId)],
    );
    const commits = await client.query<{ n: string }>(`SELECT last_value AS n FROM "RoomUpdate_id_seq"`);
    return { threads: Number(threads.rows[0]!.n), commits: Number(commits.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

const loadAtStart = currentLoad();
const rows: Record<string, string | number>[] = [];
const database = await createScratchDatabase("scholia_bench");
let server: ServerProcess | undefined;
try {
  progress("starting Scholia (Postgres)…");
  // One bench user writes far more than a person would: the per-user mutation limit is turned off.
  server = await startScholia(database.url, { MUTATIONS_PER_MINUTE: "0" });
  const group = await buildGroup(server.base, { rooms: Math.max(...roomCounts), readerConnections: 0 });
  const cookie = group.owner.cookie;
  progress("warm-up: 3 s over every room…");
  await postThreads(server, cookie, group.rooms, 3);
  for (const count of roomCounts) {
    const rooms = group.rooms.slice(0, count);
    progress(
      `POST /api/rooms/:roomId/threads into ${count} room(s): ${durationSeconds} s, ${connections} connections…`,
    );
    const before = await counters(database.url, rooms);
    const measured = await postThreads(server, cookie, rooms, durationSeconds);
    const after = await counters(database.url, rooms);
    const stored = after.threads - before.threads;
    rows.push({
      load: `POST thread, ${count} room${count === 1 ? "" : "s"}`,
      "mutations/s": measured.perSecond,
      "p50 ms": measured.p50,
      "p99 ms": measured.p99,
      errors: measured.errors,
      "201s / rows stored": `${measured.ok} / ${stored}`,
      "mutations per commit": (stored / (after.commits - before.commits)).toFixed(1),
      "server CPU %": measured.serverCpuPercent ?? "–",
    });
  }
  for (const clients of [1, connections]) {
    progress(`reference: the same transaction with pg, ${clients} client(s), ${durationSeconds} s…`);
    const measured = await rawTransactions(database.url, clients, durationSeconds);
    rows.push({
      load: `reference: raw pg transaction, ${clients} client${clients === 1 ? "" : "s"}`,
      "mutations/s": measured.perSecond,
      "p50 ms": measured.p50,
      "p99 ms": measured.p99,
      errors: measured.errors,
      "201s / rows stored": `${measured.ok} / ${measured.ok}`,
      "mutations per commit": 1,
      "server CPU %": "–",
    });
  }
  await report("Durable mutations per second", rows, [
    `autocannon, ${connections} connections, ${durationSeconds} s per row after a 3 s warm-up; every request is a thread creation with its own Idempotency-Key, round-robin over the rooms. One user sends everything, so the per-user limit (MUTATIONS_PER_MINUTE, default 600/min) is off. Server logs at info level to a pipe; load generator, server and Postgres (synchronous_commit on) share the same 2 cores. "server CPU %" is the server process's CPU time over the run (200 % = both cores).`,
    `A room commits one transaction at a time; mutations that arrive meanwhile wait in its queue and share the next transaction (group commit: the update row, each mutation's Thread row, the Mutation rows; a fresh batch makes no idempotency query, since a reused key fails the Mutation insert and the batch is retried after one lookup). "mutations per commit" = Thread rows stored ÷ RoomUpdate ids used. "201s / rows stored": rows can exceed 201s by the requests still in flight when autocannon stopped. The reference rows issue one mutation's statements (idempotency lookup, then update, thread and mutation rows in a transaction) straight through pg: 1 client is a serial floor, ${connections} clients the database's parallel floor.`,
    `Target: ≥ ${target} durable mutations/s.`,
    loadNote(loadAtStart),
  ]);
} finally {
  await server?.stop();
  await dropDatabase(database.name);
}
