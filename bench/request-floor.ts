// Server CPU per REST request on one Scholia server: the fixed cost of the HTTP stack (liveness, a 404 under /api,
// GET /api/me) against a thread-creating POST. With BENCH_CPU_PROF_DIR set, the server is profiled and each kind's
// self time is printed by package and file instead of appending to BENCHMARKS.md (the profiler adds its own CPU).
import { readdirSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { currentLoad, loadNote, processCpuSplitMs, progress, sleep } from "./lib/measure.ts";
import { selfTimeByPlace } from "./lib/profile-summary.ts";
import { renderTable, report } from "./lib/report.ts";
import { call, openOwnedRoom, postThread, startScholia, type ServerProcess } from "./lib/scholia-fixture.ts";

const getCount = Number(process.env.BENCH_REQUESTS ?? 4000);
const postCount = Number(process.env.BENCH_POSTS ?? 600);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);
const idleSeconds = 3;
const settleSeconds = 2;
const profileDir = process.env.BENCH_CPU_PROF_DIR;

interface Kind {
  name: string;
  count: number;
  /** Sends request `i` and resolves with its status. */
  send(i: number): Promise<number>;
  expected: number;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return res.status;
}

/** Runs `count` requests of `kind` over `connections` concurrent loops; wall time and unexpected answers. */
async function drive(kind: Kind, count: number): Promise<{ wallMs: number; unexpected: number }> {
  let next = 0;
  let unexpected = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const i = next++;
        if ((await kind.send(i)) !== kind.expected) unexpected += 1;
      }
    }),
  );
  return { wallMs: performance.now() - started, unexpected };
}

/** The server's CPU per millisecond of wall time with nothing sent (timers, room checks). */
async function idleRate(server: ServerProcess): Promise<number> {
  const before = processCpuSplitMs(server.pid);
  const started = performance.now();
  await sleep(idleSeconds * 1000);
  const after = processCpuSplitMs(server.pid);
  return (after.user + after.system - before.user - before.system) / (performance.now() - started);
}

const loadAtStart = currentLoad();
const database = await createScratchDatabase("scholia_bench");
const server = await startScholia(database.url, {
  // One bench user posts far more than a person would: the per-user mutation limit is turned off.
  MUTATIONS_PER_MINUTE: "0",
  // As in the cluster benches: the rate limits' counts and the room bus go through Redis.
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_PREFIX: `bench-floor-${Date.now().toString(36)}`,
});
const rows: Record<string, string | number>[] = [];
const windows: { name: string; from: bigint; to: bigint }[] = [];
try {
  progress(`server ${server.pid} at ${server.base}; building a room…`);
  const { owner, roomId, documentId } = await openOwnedRoom(server.base, "Bench request floor");
  const { version } = await call<{ version: { blocks: { kind: string; anchorId: string }[] } }>(
    server.base,
    "GET",
    `/api/documents/${documentId}/versions/1`,
    { cookie: owner.cookie },
  );
  const anchors = version.blocks.filter((b) => b.kind === "paragraph").map((b) => b.anchorId);
  const kinds: Kind[] = [
    {
      name: "GET /healthz",
      count: getCount,
      expected: 200,
      send: () => get(`${server.base}/healthz`),
    },
    {
      name: "GET /api/no-such-route (404)",
      count: getCount,
      expected: 404,
      send: () => get(`${server.base}/api/no-such-route`),
    },
    {
      name: "GET /api/me (session)",
      count: getCount,
      expected: 200,
      send: () => get(`${server.base}/api/me`, { cookie: owner.cookie }),
    },
    {
      name: "POST /api/rooms/:roomId/threads",
      count: postCount,
      expected: 201,
      send: async (i) =>
        (await postThread(server.base, owner.cookie, roomId, anchors[i % anchors.length]!)).status,
    },
  ];
  for (const kind of kinds) {
    progress(`${kind.name}: warming up…`);
    await drive(kind, Math.ceil(kind.count / 5));
    // Just before the kind's own requests: background work the previous ones started (a room's compaction after
    // threads) would otherwise be charged to them.
    await sleep(settleSeconds * 1000);
    const idle = await idleRate(server);
    progress(
      `${kind.name}: idle ${idle.toFixed(3)} ms CPU per ms; ${kind.count} requests over ${connections} connections…`,
    );
    const before = processCpuSplitMs(server.pid);
    const from = process.hrtime.bigint();
    const { wallMs, unexpected } = await drive(kind, kind.count);
    const to = process.hrtime.bigint();
    const after = processCpuSplitMs(server.pid);
    windows.push({ name: kind.name, from, to });
    const user = after.user - before.user;
    const system = after.system - before.system;
    const perRequest = (user + system - idle * wallMs) / kind.count;
    rows.push({
      request: kind.name,
      requests: kind.count,
      "server CPU ms/request": perRequest.toFixed(2),
      "of which kernel ms": (system / kind.count).toFixed(2),
      "requests/s": Math.round((kind.count * 1000) / wallMs),
      "idle CPU subtracted ms/s": (idle * 1000).toFixed(0),
      "unexpected status": unexpected,
    });
    progress(`  ${perRequest.toFixed(2)} ms CPU/request, ${Math.round((kind.count * 1000) / wallMs)}/s`);
  }
} finally {
  await server.stop();
  await dropDatabase(database.name);
}

const title = "Request floor: server CPU per REST request, one server";
if (profileDir) {
  const profile = readdirSync(profileDir)
    // The main thread's profile (thread 0); worker threads write their own.
    .filter((name) => name.endsWith(".cpuprofile") && name.includes(`.${server.pid}.0.`))
    .map((name) => path.join(profileDir, name))[0];
  if (!profile) throw new Error(`no CPU profile of process ${server.pid} in ${profileDir}`);
  console.log(`\n${title} (profiled: ${profile})\n\n${renderTable(rows)}`);
  for (const window of windows) {
    const places = selfTimeByPlace(profile, window.from, window.to);
    const total = places.reduce((sum, p) => sum + p.ms, 0);
    const count = rows.find((row) => row.request === window.name)!.requests as number;
    console.log(`\n${window.name}: self time by place (µs/request, share of the busy samples)\n`);
    console.log(
      renderTable(
        places.slice(0, 18).map((p) => ({
          place: p.place,
          "µs/request": Math.round((p.ms * 1000) / count),
          share: `${((p.ms / total) * 100).toFixed(1)} %`,
        })),
      ),
    );
  }
} else {
  await report(title, rows, [
    `One Scholia server (Postgres, Redis for rate limits and the room bus, LOG_LEVEL=info, stdout to a pipe read by the bench) on a room of the essay; each kind warmed up with a fifth of its count, then (after the idle reading) sent by ${connections} concurrent keep-alive connections (fetch) as fast as they are answered. Server CPU: user + system time from /proc/<pid>/stat over the kind's requests, less the server's idle CPU (measured over ${idleSeconds} s with nothing sent, ${settleSeconds} s after the kind's warm-up, just before its requests; in the table) for the same wall time, divided by the requests; Postgres's and Redis's processes are not counted. /proc counts in 10 ms ticks, hence the thousands of requests. The POST creates a thread with an idempotency key (bench/lib/scholia-fixture.ts postThread), MUTATIONS_PER_MINUTE=0.`,
    loadNote(loadAtStart),
  ]);
}
