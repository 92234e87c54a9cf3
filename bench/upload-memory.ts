// Server memory of one document upload: the server process's peak RSS (all threads, the import worker included)
// above its idle RSS while a ~5 MB text is uploaded and imported, against a 5 KB upload measured in the same run,
// and a 5 MB upload refused for lack of permission (which the server must not read).
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { waitFor } from "../test/helpers/processes.ts";
import { Inspector, inspectorUrlPattern } from "./lib/inspector.ts";
import { buildLargeText, readEssay } from "./lib/large-text.ts";
import { currentLoad, loadNote, progress } from "./lib/measure.ts";
import { idleKiB, peakKiB, resetPeak } from "./lib/peak-memory.ts";
import { report } from "./lib/report.ts";
import { call, registerUser, startScholia, type ServerProcess } from "./lib/scholia-fixture.ts";

/** Target: one 5 MB import keeps the server under this much above idle. */
const targetMiB = 150;
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Upload {
  name: string;
  text: string;
  groupId: string;
  cookie: string;
  expect: number;
  /** Sends this many copies at once (each slightly different, so each is imported). */
  copies?: number;
}

async function upload(server: ServerProcess, each: Upload): Promise<number> {
  if (each.copies) {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: each.copies }, (_, i) =>
        upload(server, { ...each, text: `${each.text}\n\ncopy ${i}`, copies: 0 }),
      ),
    );
    return performance.now() - started;
  }
  const started = performance.now();
  const res = await fetch(`${server.base}/api/documents?groupId=${each.groupId}`, {
    method: "POST",
    headers: { "content-type": "text/plain; charset=utf-8", cookie: each.cookie },
    body: each.text,
  });
  await res.arrayBuffer();
  if (res.status !== each.expect) throw new Error(`${each.name}: ${res.status}, expected ${each.expect}`);
  return performance.now() - started;
}

const mib = (kib: number) => (kib / 1024).toFixed(1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A server process over `databaseUrl` with an inspector attached (to force GCs), and an owner with a group. */
async function startMeasuredServer(databaseUrl: string) {
  const server = await startScholia(databaseUrl, {
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--inspect=127.0.0.1:0"].filter(Boolean).join(" "),
  });
  const inspector = await Inspector.connect(
    await waitFor(() => inspectorUrlPattern.exec(server.output())?.[1], 10_000, "inspector"),
  );
  const owner = await registerUser(server.base, "Owner");
  const outsider = await registerUser(server.base, "Outsider");
  const { group } = await call<{ group: { id: string } }>(server.base, "POST", "/api/groups", {
    cookie: owner.cookie,
    json: { name: "Bench group" },
  });
  return { server, inspector, owner, outsider, groupId: group.id };
}

const essay = readEssay();
const small = essay.slice(0, 5_000);
const large = buildLargeText(essay);
const results = new Map<string, { above: number[]; idle: number[]; ms: number[]; bytes: number }>();
/** Idle RSS after the last upload minus idle RSS before the first, per run. */
const idleAfter: number[] = [];

/** Measures `each` on `server`: idle RSS first, then the peak RSS during the upload. */
async function measure(running: Awaited<ReturnType<typeof startMeasuredServer>>, each: Upload) {
  const idle = await idleKiB(running.server.pid, running.inspector);
  resetPeak(running.server.pid);
  const ms = await upload(running.server, each);
  const above = peakKiB(running.server.pid) - idle;
  progress(`  ${each.name}: ${mib(above)} MiB above idle (${mib(idle)} MiB), ${ms.toFixed(0)} ms`);
  const entry = results.get(each.name) ?? {
    above: [],
    idle: [],
    ms: [],
    bytes: Buffer.byteLength(each.text),
  };
  entry.above.push(above);
  entry.idle.push(idle);
  entry.ms.push(ms);
  results.set(each.name, entry);
}

const loadAtStart = currentLoad();
const database = await createScratchDatabase("scholia_bench");
try {
  for (let run = 0; run < runs; run += 1) {
    const tag = `\n\nrun ${run}`;
    // A fresh server whose first upload is the 5 KB reference; then, with the import worker started, the rest.
    const first = await startMeasuredServer(database.url);
    try {
      const owner = { groupId: first.groupId, cookie: first.owner.cookie, expect: 201 };
      await measure(first, {
        name: "5 KB import, first of a fresh server (reference)",
        text: small + tag,
        ...owner,
      });
      await measure(first, { name: "5 MB import, after others", text: large + tag, ...owner });
      await measure(first, {
        name: "5 KB import, after others (reference)",
        text: `${small}${tag}b`,
        ...owner,
      });
      await measure(first, {
        name: "three 5 MB imports at once",
        text: `${large}${tag}d`,
        ...owner,
        copies: 3,
      });
      await measure(first, {
        name: "5 MB upload refused (outsider)",
        text: large,
        groupId: first.groupId,
        cookie: first.outsider.cookie,
        expect: 404,
      });
    } finally {
      // What the uploads left behind: idle now against idle before the first.
      const before = results.get("5 KB import, first of a fresh server (reference)")!.idle.at(-1)!;
      const after = await idleKiB(first.server.pid, first.inspector);
      idleAfter.push(after - before);
      progress(`  idle after the uploads: ${mib(after - before)} MiB above the first idle`);
      first.inspector.close();
      await first.server.stop();
    }
    // A fresh server whose first upload is the 5 MB text: the import worker starts during the measurement.
    const second = await startMeasuredServer(database.url);
    try {
      await measure(second, {
        name: "5 MB import, first of a fresh server",
        text: `${large}${tag}c`,
        groupId: second.groupId,
        cookie: second.owner.cookie,
        expect: 201,
      });
    } finally {
      second.inspector.close();
      await second.server.stop();
    }
  }
  const rows = [...results].map(([name, entry]) => {
    const worst = Math.max(...entry.above);
    return {
      case: name,
      size: `${(entry.bytes / 1024 / 1024).toFixed(2)} MiB`,
      "idle RSS (MiB)": mib(median(entry.idle)),
      "peak above idle, median / worst (MiB)": `${mib(median(entry.above))} / ${mib(worst)}`,
      "time, median (ms)": median(entry.ms).toFixed(0),
      target: /^5 MB import/.test(name)
        ? `≤ ${targetMiB} MiB: ${worst / 1024 <= targetMiB ? "met" : "MISSED"}`
        : "–",
    };
  });
  await report("Upload memory: one document upload, server RSS above idle", rows, [
    `${runs} runs. Each run starts a server process (Postgres) and uploads the cases in the order listed; a second fresh server's first upload is the 5 MB text. The server starts its import worker with itself (so idle includes the thread at rest, ~45 MB) and replaces it with a fresh one after each import of 1 MB or more. Before each upload, forced GCs until RSS settles (idle); then the peak RSS of the whole process during the upload (VmHWM after resetting it: main thread, import worker, buffers). The 5 MB text is the essay repeated with rotated paragraphs (bench/lib/large-text.ts); the refused upload is an outsider's (404 before the body is read). Before these changes (same machine, same day), a 5 MB import after a warm-up peaked 232 and 176 MiB above idle (two runs), a refused 5 MB upload cost 10 MiB (it was read in full first), and one 5 MB import left the server's idle RSS ~130 MiB higher for good.`,
    `Idle RSS after all the uploads minus idle RSS before the first, per run: ${idleAfter.map((kib) => `${mib(kib)} MiB`).join(", ")}.`,
    loadNote(loadAtStart),
  ]);
} finally {
  await dropDatabase(database.name);
}
