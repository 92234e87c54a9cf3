// Authenticated GET /api/me throughput and latency, against real Postgres and the embedded database.
// Reference in the same run: GET /healthz on the same server (no database, no session lookup).
import autocannon from "autocannon";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnScript, waitFor } from "../test/helpers/processes.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { report } from "./lib/report.ts";

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const targetRate = 1_500;

async function load(
  url: string,
  headers: Record<string, string>,
  label: string,
  overallRate?: number,
): Promise<Measured> {
  process.stderr.write(`  ${label}: ${durationSeconds}s with ${connections} connections…\n`);
  const result = await autocannon({
    url,
    headers,
    connections,
    duration: durationSeconds,
    ...(overallRate ? { overallRate } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function measure(mode: string, env: Record<string, string>) {
  process.stderr.write(`${mode}: starting server…\n`);
  const server = spawnScript("server/index.ts", { PORT: "0", LOG_LEVEL: "info", DEMO: "off", ...env });
  try {
    const base = await waitFor(
      () => /Scholia is listening on (http:\/\/[\d.:]+)/.exec(server.output())?.[1],
      60_000,
      "server",
    );
    const res = await fetch(`${base}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `bench-${Date.now()}@example.org`,
        password: "benchmark password",
        displayName: "Bench",
      }),
    });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    // Warm up JIT and pools before measuring.
    await autocannon({ url: `${base}/api/me`, headers: { cookie }, connections, duration: 2 });
    const me = await load(`${base}/api/me`, { cookie }, "GET /api/me, as fast as possible");
    const paced = await load(`${base}/api/me`, { cookie }, `GET /api/me at ${targetRate} req/s`, targetRate);
    const health = await load(`${base}/healthz`, {}, "GET /healthz (reference)");
    return { me, paced, health };
  } finally {
    server.child.kill("SIGTERM");
    await server.finished;
  }
}

const rows: Record<string, string | number>[] = [];
const addRows = (mode: string, results: Record<"me" | "paced" | "health", Measured>) => {
  const labels = {
    me: "GET /api/me, saturated",
    paced: `GET /api/me, offered ${targetRate} req/s`,
    health: "GET /healthz, saturated (reference)",
  };
  for (const key of ["me", "paced", "health"] as const) {
    const measured = results[key];
    rows.push({
      mode,
      load: labels[key],
      "req/s": measured.requestsPerSecond,
      "p50 ms": measured.p50,
      "p99 ms": measured.p99,
      errors: measured.errors,
      "req/s vs reference": (measured.requestsPerSecond / results.health.requestsPerSecond).toFixed(2),
    });
  }
};

const database = await createScratchDatabase("scholia_bench");
try {
  addRows("postgres", await measure("postgres", { DATABASE_URL: database.url }));
} finally {
  await dropDatabase(database.name);
}
const dataDir = await mkdtemp(path.join(tmpdir(), "scholia-bench-"));
try {
  addRows("embedded", await measure("embedded (PGlite)", { DATA_DIR: dataDir }));
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

await report("GET /api/me throughput", rows, [
  `autocannon, ${connections} connections, ${durationSeconds} s per row, load generator and server on the same 2-core machine; server logs at info level to a pipe.`,
  `Target against real Postgres: ≥ ${targetRate} req/s and p99 ≤ 20 ms (the "offered ${targetRate} req/s" row; saturated rows show the ceiling).`,
]);
