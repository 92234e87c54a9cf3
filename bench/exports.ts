// Benchmark: a room of 10,000 threads and 30,000 replies exported in every format — time to first byte, total time,
// the server's peak memory above idle and /healthz p99 while it runs — next to reading the same rows through the
// thread list in the same run. Appends to BENCHMARKS.md.
import pg from "pg";
import { exportFormats } from "../shared/schemas/exports.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { currentLoad, loadNote, ms, percentile, progress, residentKiB, sleep } from "./lib/measure.ts";
import { report } from "./lib/report.ts";
import { Inspector, inspectorUrlPattern } from "./lib/inspector.ts";
import { probeHealth } from "./lib/health-probe.ts";
import {
  call,
  openEssayRoom,
  registerUser,
  startScholia,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";
import { waitFor } from "../test/helpers/processes.ts";

const threadCount = Number(process.env.BENCH_THREADS ?? 10_000);
const repliesPerThread = 3;
/** The issue's targets on this machine, per format (PDF is built whole, so its memory is not held to one). */
const targets: Record<string, { seconds: number; mb: number | null }> = {
  csv: { seconds: 2, mb: 100 },
  jsonld: { seconds: 2, mb: 100 },
  md: { seconds: 2, mb: 100 },
  html: { seconds: 3, mb: 100 },
  pdf: { seconds: 30, mb: null },
};
const reference = { seconds: Number.NaN, mb: null };

/** Deterministic pseudo-random numbers, so every run creates the same discussion. */
function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

interface Seeded {
  roomId: string;
  cookie: string;
  blockIds: string[];
}

/** A group with five members reading the essay, and the discussion written straight into its tables. */
async function seedRoom(server: ServerProcess, databaseUrl: string): Promise<Seeded> {
  const owner = await registerUser(server.base, "Bench Owner");
  const { group } = await call<{ group: { id: string } }>(server.base, "POST", "/api/groups", {
    cookie: owner.cookie,
    json: { name: "Bench seminar" },
  });
  const { invite } = await call<{ invite: { token: string } }>(
    server.base,
    "POST",
    `/api/groups/${group.id}/invites`,
    { cookie: owner.cookie, json: { role: "member", maxUses: 4 } },
  );
  const people = [owner];
  for (let i = 0; i < 4; i += 1) {
    const reader = await registerUser(server.base, `Reader ${i + 1} — Zoë Ł.`);
    await call(server.base, "POST", `/api/invites/${invite.token}/accept`, { cookie: reader.cookie });
    people.push(reader);
  }
  const room = await openEssayRoom(server.base, owner, group.id);
  const { version } = await call<{ version: { blocks: { kind: string; text: string; anchorId: string }[] } }>(
    server.base,
    "GET",
    `/api/documents/${room.documentId}/versions/1`,
    { cookie: owner.cookie },
  );
  const paragraphs = version.blocks.filter((block) => block.kind === "paragraph");

  const next = random(7);
  const started = Date.parse("2026-09-01T09:00:00Z");
  const threads: unknown[][] = [];
  const comments: unknown[][] = [];
  for (let i = 0; i < threadCount; i += 1) {
    const block = paragraphs[Math.floor(next() * paragraphs.length)]!;
    const anchor: Record<string, unknown> = { blockId: block.anchorId };
    if (next() < 0.7 && block.text.length > 40) {
      const start = Math.floor(next() * (block.text.length - 30));
      const end = Math.min(block.text.length, start + 10 + Math.floor(next() * 60));
      Object.assign(anchor, { start, end, exact: block.text.slice(start, end) });
    }
    const id = crypto.randomUUID();
    const at = new Date(started + i * 60_000).toISOString();
    const body = `Thread ${i + 1}: a *considered* remark, with "quotes", commas, and a line\nbreak — über λόγος.`;
    threads.push([
      id,
      room.roomId,
      i % 20 === 0 ? "instructors" : "group",
      block.anchorId,
      JSON.stringify(anchor),
    ]);
    threads.at(-1)!.push(people[i % people.length]!.id, body, i % 3 === 0 ? "{question}" : "{}", at);
    let parent: string | null = null;
    for (let r = 0; r < repliesPerThread; r += 1) {
      const replyId = crypto.randomUUID();
      const replyAt = new Date(started + i * 60_000 + (r + 1) * 1000).toISOString();
      comments.push([
        replyId,
        id,
        parent,
        people[(i + r + 1) % people.length]!.id,
        `Reply ${r + 1}: I agree, mostly.`,
        replyAt,
      ]);
      parent = r === 0 ? replyId : parent;
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = (rows: unknown[][], index: number) => rows.map((row) => row[index]);
    for (let i = 0; i < threads.length; i += 2_000) {
      const batch = threads.slice(i, i + 2_000);
      await client.query(
        `INSERT INTO "Thread" (id, "roomId", visibility, "blockId", anchor, "authorId", body, tags, status, "createdAt", "updatedAt")
         SELECT id, room, vis, block, anchor::jsonb, author, body, tags::text[], 'open', at, at
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::timestamp[])
             AS t(id, room, vis, block, anchor, author, body, tags, at)`,
        Array.from({ length: 9 }, (_, c) => columns(batch, c)),
      );
    }
    for (let i = 0; i < comments.length; i += 5_000) {
      const batch = comments.slice(i, i + 5_000);
      await client.query(
        `INSERT INTO "Comment" (id, "threadId", "parentId", "authorId", body, "createdAt")
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamp[])`,
        Array.from({ length: 6 }, (_, c) => columns(batch, c)),
      );
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  return {
    roomId: room.roomId,
    cookie: owner.cookie,
    blockIds: version.blocks.map((block) => block.anchorId),
  };
}

interface Run {
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  peakAboveIdleMb: number;
  /** Resident memory after the run and a full garbage collection, minus idle: what the export left behind. */
  keptAfterMb: number;
  healthP99Ms: number;
  healthChecks: number;
}

/** Resident memory once everything collectable is collected (forced full GCs, then a pause for the allocator). */
async function collectedKiB(server: ServerProcess, inspector: Inspector): Promise<number> {
  await inspector.collectGarbage();
  await inspector.collectGarbage();
  await sleep(300);
  return residentKiB(server.pid);
}

/**
 * Runs `work` (which reports its first byte by calling `firstByte`) while sampling the server's resident memory
 * every 20 ms and asking /healthz every 20 ms.
 */
async function measure(
  server: ServerProcess,
  inspector: Inspector,
  work: (firstByte: () => void) => Promise<number>,
): Promise<Run> {
  const idle = await collectedKiB(server, inspector);
  let peak = idle;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, residentKiB(server.pid));
      await sleep(20);
    }
  })();
  const prober = probeHealth(server.base);
  const started = performance.now();
  let firstByteAt = Number.NaN;
  const bytes = await work(() => {
    if (Number.isNaN(firstByteAt)) firstByteAt = performance.now();
  });
  const totalMs = performance.now() - started;
  running = false;
  const [latencies] = await Promise.all([prober.stop(), sampler]);
  const kept = await collectedKiB(server, inspector);
  return {
    keptAfterMb: (kept - idle) / 1024,
    firstByteMs: firstByteAt - started,
    totalMs,
    bytes,
    peakAboveIdleMb: (peak - idle) / 1024,
    healthP99Ms: percentile(latencies, 99),
    healthChecks: latencies.length,
  };
}

/** Downloads `url` whole, counting bytes; throws on an error status. */
async function download(url: string, cookie: string, firstByte: () => void): Promise<number> {
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`${url} → ${res.status}: ${await res.text()}`);
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    firstByte();
    bytes += next.value.byteLength;
  }
  return bytes;
}

async function main() {
  const loadAtStart = currentLoad();
  const database = await createScratchDatabase("scholia_bench_export");
  let server: ServerProcess | undefined;
  let inspector: Inspector | undefined;
  try {
    server = await startScholia(database.url, {
      MUTATIONS_PER_MINUTE: "0",
      // An inspector to force garbage collections: idle and left-behind memory are read once garbage is gone.
      NODE_OPTIONS: [process.env.NODE_OPTIONS, "--inspect=127.0.0.1:0"].filter(Boolean).join(" "),
    });
    const live = server;
    inspector = await Inspector.connect(
      await waitFor(() => inspectorUrlPattern.exec(live.output())?.[1], 10_000, "inspector"),
    );
    progress(`seeding ${threadCount} threads and ${threadCount * repliesPerThread} replies…`);
    const seeded = await seedRoom(server, database.url);
    const base = `${server.base}/api/rooms/${seeded.roomId}`;
    const rows: Record<string, string | number>[] = [];
    const row = (what: string, run: Run, target: { seconds: number; mb: number | null }) => ({
      read: what,
      "first byte ms": ms(run.firstByteMs),
      "total ms": ms(run.totalMs),
      MB: (run.bytes / 1024 / 1024).toFixed(1),
      "peak MB above idle": run.peakAboveIdleMb.toFixed(1),
      "MB left after GC": run.keptAfterMb.toFixed(1),
      "/healthz p99 ms": ms(run.healthP99Ms),
      "/healthz checks": run.healthChecks,
      target: Number.isNaN(target.seconds)
        ? "reference"
        : `≤ ${target.seconds} s${target.mb === null ? "" : `, ≤ ${target.mb} MB`}`,
    });

    progress("reference: the same rows through the thread list, block by block, with replies…");
    const listed = await measure(server, inspector, async (firstByte) => {
      let bytes = 0;
      for (const blockId of seeded.blockIds)
        bytes += await download(
          `${base}/threads?blockId=${encodeURIComponent(blockId)}&include=comments`,
          seeded.cookie,
          firstByte,
        );
      return bytes;
    });
    rows.push(row("reference: thread list (every block, include=comments)", listed, reference));

    const only = process.env.BENCH_FORMATS?.split(",");
    for (const format of exportFormats.filter((name) => !only || only.includes(name))) {
      progress(`export ${format}…`);
      await download(
        `${base}/export?format=${format}&blockId=${seeded.blockIds[1]}`,
        seeded.cookie,
        () => {},
      ); // warm
      const run = await measure(server, inspector, (firstByte) =>
        download(`${base}/export?format=${format}`, seeded.cookie, firstByte),
      );
      rows.push(row(`export ${format}`, run, targets[format] ?? reference));
    }
    await report(
      `Exports of ${threadCount.toLocaleString("en")} threads and ${(threadCount * repliesPerThread).toLocaleString("en")} replies`,
      rows,
      [
        `One room of the essay, the discussion written straight into Postgres (${repliesPerThread} replies per thread, one of them nested; 1 in 20 threads instructor-only; the owner exports, so everything is read). Each row is one download by fetch from a real server process after a warm-up export of one block; "first byte" is when the first chunk of the body arrived. "peak MB above idle" is the server process's resident memory sampled every 20 ms, minus its size just before the download after forced full garbage collections; "MB left after GC" is the same after the download and forced collections (what the export kept). /healthz is asked every 20 ms during each download.`,
        `The reference reads the same threads and replies through GET /api/rooms/:roomId/threads, one request per block (it returns at most 2,000 threads per request), in the same run.`,
        loadNote(loadAtStart),
      ],
    );
  } catch (error) {
    if (server) console.error(`The server's output:\n${server.output().slice(-3000)}`);
    throw error;
  } finally {
    inspector?.close();
    await server?.stop();
    await dropDatabase(database.name);
  }
}

await main();
