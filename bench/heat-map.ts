// Benchmark: the reader's heat map in chromium over a long text (about 1,000 paragraphs) read by 200 members — the
// analytics panel opening (request included), the heat map drawn over every paragraph once switched on, and redrawn
// by discussion instead of reading time; next to a reference measured in the same page: the reader's first render of
// the text. Appends to BENCHMARKS.md.
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { chromium } from "playwright-core";
import { build } from "vite";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { buildLargeText, readEssay } from "./lib/large-text.ts";
import { currentLoad, loadNote, median, ms, progress } from "./lib/measure.ts";
import { report } from "./lib/report.ts";
import { openOwnedRoom, startScholia, type ServerProcess } from "./lib/scholia-fixture.ts";
import { seedMembers } from "./lib/seed-members.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const members = 200;
const days = 5;
const loads = 3;
const targetMs = 500;

interface Seeded {
  groupId: string;
  roomId: string;
  cookie: string;
  paragraphs: number;
  readingRows: number;
}

/** The owner and the long text through the API; 199 members, threads and reading time by set-based SQL. */
async function seed(server: ServerProcess, databaseUrl: string): Promise<Seeded> {
  const text = buildLargeText(readEssay(), 1_000_000);
  const { owner, groupId, ...room } = await openOwnedRoom(server.base, "Bench seminar", text);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = (sql: string, values: unknown[]) => client.query(sql, values);
    await seedMembers(client, groupId, members - 1);
    const blocks = `
      people AS (SELECT array_agg("userId" ORDER BY "userId") AS ids FROM "Membership" WHERE "groupId" = $1::uuid),
      blocks AS (
        SELECT b."anchorId", b.ordinal FROM "Room" r JOIN "Block" b ON b."versionId" = r."versionId"
         WHERE r.id = $2::uuid AND b.kind = 'paragraph'
      )`;
    // Up to 8 threads a paragraph, so that discussion varies as much as reading does.
    await q(
      `WITH ${blocks}
       INSERT INTO "Thread" (id, "roomId", visibility, "blockId", anchor, "authorId", body, tags, status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $2::uuid, 'group', b."anchorId", jsonb_build_object('blockId', b."anchorId"),
              people.ids[1 + (b.ordinal * 7 + k) % cardinality(people.ids)], 'A remark, or is it a question?', '{}',
              'open', timestamp '2026-09-01 10:00' + k * interval '1 hour', timestamp '2026-09-01 10:00'
         FROM people, blocks b, generate_series(1, 8) k
        WHERE k <= b.ordinal % 9`,
      [groupId, room.roomId],
    );
    // Every member on every paragraph on each of `days` days, for a time that varies with the paragraph.
    const reading = await q(
      `WITH ${blocks}
       INSERT INTO "ReadingTime" ("roomId", "userId", "blockId", day, seconds, "activeSeconds", "updatedAt")
       SELECT $2::uuid, u, b."anchorId", date '2026-09-01' + d, 5 + (b.ordinal * 37) % 120, 5,
              (date '2026-09-01' + d) + interval '20 hours'
         FROM people, blocks b, unnest(people.ids) u, generate_series(0, $3::int - 1) d`,
      [groupId, room.roomId, days],
    );
    const paragraphs = await q(
      `SELECT count(*)::int AS n FROM "Room" r JOIN "Block" b ON b."versionId" = r."versionId"
        WHERE r.id = $1::uuid AND b.kind = 'paragraph'`,
      [room.roomId],
    );
    await q(`VACUUM ANALYZE "Thread", "ReadingTime"`, []);
    return {
      groupId,
      roomId: room.roomId,
      cookie: owner.cookie,
      paragraphs: paragraphs.rows[0].n as number,
      readingRows: reading.rowCount ?? 0,
    };
  } finally {
    await client.end();
  }
}

/**
 * Clicks the element the expression `target` finds in the page and waits until `done` holds, then for the next
 * frame: the milliseconds from the click to that frame. Strings, because tsx would wrap a function's inner names in
 * a helper the page lacks.
 */
function timeClick(target: string, done: string): string {
  return `new Promise((resolve, reject) => {
    const element = ${target};
    if (!element) return reject(new Error(${JSON.stringify(`nothing found by ${target}`)}));
    const start = performance.now();
    element.click();
    const check = () => (${done}) ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check);
    requestAnimationFrame(check);
  })`;
}

async function main() {
  const loadAtStart = currentLoad();
  await build({ configFile: path.join(root, "client/vite.config.ts"), logLevel: "warn", mode: "production" });
  const database = await createScratchDatabase("scholia_bench_heat");
  let server: ServerProcess | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    server = await startScholia(database.url);
    progress(`seeding a long text read by ${members} members…`);
    const seeded = await seed(server, database.url);
    const bars = `document.querySelectorAll(".heat-bar").length >= ${seeded.paragraphs}`;
    const runs: { text: number; panel: number; heat: number; redraw: number }[] = [];
    for (let load = 0; load < loads; load += 1) {
      progress(`load ${load + 1} of ${loads}…`);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const [name, value] = seeded.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.base }]);
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`${server.base}/groups/${seeded.groupId}/rooms/${seeded.roomId}`);
      // A locator, not a function evaluated in the page: the reader's Content-Security-Policy forbids eval.
      await page
        .locator(".text.paragraph")
        .nth(seeded.paragraphs - 1)
        .waitFor({ state: "attached", timeout: 60_000 });
      const text = Date.now() - started;
      const find = (selector: string) => `document.querySelector(${JSON.stringify(selector)})`;
      const analyticsButton = `[...document.querySelectorAll("button")].find((b) => b.textContent === "Analytics")`;
      const panel = (await page.evaluate(timeClick(analyticsButton, find(".analytics-table")))) as number;
      const heat = (await page.evaluate(
        timeClick(find(".heat-choice input[type='checkbox']"), bars),
      )) as number;
      const redraw = (await page.evaluate(
        timeClick(
          find(".heat-choice input[type='radio']:not(:checked)"),
          find(".heat-bar[aria-label*='thread']"),
        ),
      )) as number;
      runs.push({ text, panel, heat, redraw });
      await context.close();
    }
    const pick = (key: keyof (typeof runs)[number]) => runs.map((run) => run[key]);
    const row = (what: string, values: number[], target: string) => ({
      measure: what,
      "median ms": ms(median(values)),
      "worst ms": ms(Math.max(...values)),
      target,
    });
    await report(
      `Heat map over ${seeded.paragraphs.toLocaleString("en")} paragraphs read by ${members} members in chromium`,
      [
        row("reference: reader opened until every paragraph is on the page", pick("text"), "reference"),
        row("analytics panel: click until its tables show (request included)", pick("panel"), "—"),
        row(
          "heat map switched on: click until every paragraph's bar is drawn",
          pick("heat"),
          `≤ ${targetMs}`,
        ),
        row("heat map by discussion instead: click until redrawn", pick("redraw"), `≤ ${targetMs}`),
      ],
      [
        `${loads} loads as the owner (a new browser context each), 1440×900, headless Debian chromium on loopback against a real server process. The text is copies of the essay (${seeded.paragraphs} paragraphs); ${members} members each have a reading-time row on every paragraph on each of ${days} days (${seeded.readingRows.toLocaleString("en")} rows) and up to 8 threads a paragraph, all written by set-based SQL. Each figure runs from the click (dispatched in the page) to the first animation frame after the page holds the result; the heat map's figures come after the panel has loaded the analytics, so they are the drawing alone (the request is in bench/analytics.ts).`,
        loadNote(loadAtStart),
      ],
    );
  } catch (error) {
    if (server) console.error(`The server's output:\n${server.output().slice(-3000)}`);
    throw error;
  } finally {
    await browser.close();
    await server?.stop();
    await dropDatabase(database.name);
  }
}

await main();
