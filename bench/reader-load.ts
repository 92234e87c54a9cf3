// Benchmark: the reader in chromium with the essay and 1,000 threads (BENCH_THREADS to change) — time to text, time to all highlights, the
// longest task while scrolling, and the gzipped JavaScript of a first load; appends to BENCHMARKS.md.
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { pino } from "pino";
import { build } from "vite";
import { parseEnv } from "../server/config/env.ts";
import { startServer } from "../server/server.ts";
import { report } from "./lib/report.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const threadCount = Number(process.env.BENCH_THREADS ?? 1_000);
const passageShare = 0.7;
const loads = 3;

interface BenchState {
  textAt: number | null;
  highlightsAt: number | null;
  tasks: { start: number; duration: number }[];
}

/** Deterministic pseudo-random numbers, so every run creates the same threads. */
function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/**
 * Runs in the page before the app: records when the first paragraph and all passage highlights are on screen,
 * and every long task. A string, because tsx would wrap a function's inner names in a helper the page lacks.
 */
function measureScript(expected: number): string {
  return `
    const state = { textAt: null, highlightsAt: null, tasks: [] };
    window.__bench = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
    const tick = () => {
      if (state.textAt === null && document.querySelector(".text.paragraph")) state.textAt = performance.now();
      const ids = new Set();
      for (const mark of document.querySelectorAll("mark.hl")) {
        for (const id of (mark.dataset.threads || "").split(" ")) ids.add(id);
      }
      if (ids.size >= ${expected}) state.highlightsAt = performance.now();
      else requestAnimationFrame(tick);
    };
    // A frame requested before the document exists never comes; start polling once it does.
    document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(tick));
  `;
}

async function gzippedScripts(dist: string): Promise<{ files: number; bytes: number; gzipped: number }> {
  const html = await readFile(path.join(dist, "index.html"), "utf8");
  const sources = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  let bytes = 0;
  let gzipped = 0;
  for (const source of new Set(sources)) {
    const content = await readFile(path.join(dist, source));
    bytes += content.length;
    gzipped += gzipSync(content, { level: 9 }).length;
  }
  return { files: new Set(sources).size, bytes, gzipped };
}

async function main() {
  await build({ configFile: path.join(root, "client/vite.config.ts"), logLevel: "warn" });
  const size = await gzippedScripts(path.join(root, "client/dist"));

  const dataDir = await mkdtemp(path.join(tmpdir(), "scholia-bench-reader-"));
  const config = parseEnv({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DEMO: "on",
    LOG_LEVEL: "silent",
  });
  let running = await startServer(config, pino({ level: "silent" }));
  // PUBLIC_URL must be the address the browser uses; restart on the port we got, now that it is known.
  const port = new URL(running.url).port;
  await running.stop(1_000);
  running = await startServer(
    parseEnv({
      PORT: port,
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      PUBLIC_URL: running.url,
      MUTATIONS_PER_MINUTE: "0",
    }),
    pino({ level: "silent" }),
  );
  const base = running.url;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const credentials = await readFile(path.join(dataDir, "demo-account.txt"), "utf8");
    const email = /email: (.+)/.exec(credentials)![1]!;
    const password = /password: (.+)/.exec(credentials)![1]!;
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const get = async <T>(url: string) =>
      (await (await fetch(`${base}${url}`, { headers: { cookie } })).json()) as T;
    const { groups } = await get<{ groups: { id: string }[] }>("/api/groups");
    const groupId = groups[0]!.id;
    const { rooms } = await get<{ rooms: { id: string; version: number; document: { id: string } }[] }>(
      `/api/groups/${groupId}/rooms`,
    );
    const room = rooms[0]!;
    const { version } = await get<{
      version: { blocks: { kind: string; text: string; anchorId: string }[] };
    }>(`/api/documents/${room.document.id}/versions/${room.version}`);
    const paragraphs = version.blocks.filter((block) => block.kind === "paragraph");

    // The threads spread over the paragraphs: most on a passage, the rest on the whole paragraph.
    const next = random(42);
    let passages = 0;
    const bodies = Array.from({ length: threadCount }, (_, index) => {
      const block = paragraphs[Math.floor(next() * paragraphs.length)]!;
      const anchor: Record<string, unknown> = { blockId: block.anchorId };
      if (next() < passageShare && block.text.length > 40) {
        const start = Math.floor(next() * (block.text.length - 30));
        const end = Math.min(block.text.length, start + 10 + Math.floor(next() * 60));
        Object.assign(anchor, { start, end, exact: block.text.slice(start, end) });
        passages += 1;
      }
      return {
        anchor,
        body: `Thread ${index + 1}: a *considered* remark about this passage.`,
        tags: ["bench"],
      };
    });
    const started = Date.now();
    for (let i = 0; i < bodies.length; i += 8) {
      await Promise.all(
        bodies.slice(i, i + 8).map(async (body) => {
          const response = await fetch(`${base}/api/rooms/${room.id}/threads`, {
            method: "POST",
            headers: { cookie, "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
            body: JSON.stringify(body),
          });
          if (!response.ok) throw new Error(`create thread: ${response.status} ${await response.text()}`);
        }),
      );
    }
    console.error(`created ${threadCount} threads in ${Date.now() - started} ms`);

    const results: { text: number; highlights: number; scrollTask: number; loadTask: number }[] = [];
    for (let run = 0; run < loads; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const [name, value] = cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: base }]);
      const page = await context.newPage();
      await page.addInitScript({ content: measureScript(passages) });
      await page.goto(`${base}/groups/${groupId}/rooms/${room.id}`);
      await page
        .waitForFunction(
          () => (window as unknown as { __bench: BenchState }).__bench.highlightsAt !== null,
          undefined,
          {
            timeout: 30_000,
          },
        )
        .catch(async (error: unknown) => {
          const seen = await page.evaluate(() => ({
            paragraphs: document.querySelectorAll(".text.paragraph").length,
            marks: document.querySelectorAll("mark.hl").length,
            ids: new Set(
              [...document.querySelectorAll<HTMLElement>("mark.hl")].flatMap((mark) =>
                (mark.dataset.threads ?? "").split(" "),
              ),
            ).size,
            state: JSON.stringify((window as unknown as { __bench: BenchState }).__bench).slice(0, 300),
          }));
          throw new Error(`highlights not drawn: ${JSON.stringify(seen)}; expected ${passages}`, {
            cause: error,
          });
        });
      const scrollFrom = await page.evaluate(() => performance.now());
      await page.mouse.move(700, 450);
      for (let step = 0; step < 60; step += 1) {
        await page.mouse.wheel(0, 500);
        await page.waitForTimeout(30);
      }
      await page.waitForTimeout(300);
      const state = await page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench);
      const longest = (tasks: { duration: number }[]) => Math.max(0, ...tasks.map((task) => task.duration));
      results.push({
        text: state.textAt!,
        highlights: state.highlightsAt!,
        scrollTask: longest(state.tasks.filter((task) => task.start >= scrollFrom)),
        loadTask: longest(state.tasks.filter((task) => task.start < scrollFrom)),
      });
      await context.close();
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const worst = (values: number[]) => Math.max(...values);
    const ms = (value: number) => (value === 0 ? "< 50 (none reported)" : `${Math.round(value)}`);
    const pick = (key: keyof (typeof results)[number]) => results.map((result) => result[key]);
    await report(
      `Reader load: essay with ${threadCount.toLocaleString("en")} threads in chromium`,
      [
        {
          measure: "text visible (ms)",
          median: ms(median(pick("text"))),
          worst: ms(worst(pick("text"))),
          target: "≤ 1000",
        },
        {
          measure: `all ${passages} passage highlights drawn (ms)`,
          median: ms(median(pick("highlights"))),
          worst: ms(worst(pick("highlights"))),
          target: "≤ 2000",
        },
        {
          measure: "longest task while scrolling (ms)",
          median: ms(median(pick("scrollTask"))),
          worst: ms(worst(pick("scrollTask"))),
          target: "≤ 200",
        },
        {
          measure: "longest task while loading (ms)",
          median: ms(median(pick("loadTask"))),
          worst: ms(worst(pick("loadTask"))),
          target: "—",
        },
        {
          measure: `JavaScript on first load (${size.files} file, KB gzipped)`,
          median: (size.gzipped / 1024).toFixed(1),
          worst: `${(size.bytes / 1024).toFixed(0)} KB raw`,
          target: "≤ 250",
        },
      ],
      [
        `${loads} cold loads (new browser context each, so no cached replica), 1440×900, headless Debian chromium on loopback; ` +
          `times from navigation start; long tasks from the Long Tasks API (it reports tasks over 50 ms). ` +
          `${threadCount} threads (${passages} on passages) over ${paragraphs.length} paragraphs, created through the REST API.`,
      ],
    );
  } finally {
    await browser.close();
    await running.stop(1_000);
    await rm(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
