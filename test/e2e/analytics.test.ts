// Analytics in chromium: the owner lays the heat map over the text (a bar and a figure per paragraph) and downloads
// the members' activity as CSV; a member sees only their own numbers, and the reader says reading time is recorded.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import {
  buildReadingRoom,
  contextFor,
  essay,
  hasChromium,
  openReader,
  paragraphIds,
  postThread,
  screenshotDir as shots,
  setUpBrowserSuite,
} from "./browser.ts";

describe.skipIf(!hasChromium && process.env.CI !== "true")("analytics in the reader", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;

  beforeAll(async () => {
    room = await buildReadingRoom(suite.server.base, essay);
    const paragraphs = await paragraphIds(suite.server.base, room.owner, room);
    await postThread(suite.server.base, room.member, room.roomId, paragraphs[0]!, "What does this mean?");
    // Reading time as presence would have recorded it: ten minutes on the first paragraph, one on the second.
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "ReadingTime" ("roomId", "userId", "blockId", day, seconds, "activeSeconds", "updatedAt")
         VALUES ($1, $2, $3, '2026-11-02', 600, 400, '2026-11-02 10:00'), ($1, $2, $4, '2026-11-02', 60, 60, '2026-11-02 10:01')`,
        [room.roomId, room.member.id, paragraphs[0], paragraphs[1]],
      );
    } finally {
      await client.end();
    }
  }, 60_000);

  it("lets the owner show the heat map and download the activity CSV", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.owner);
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByText("Your time on each paragraph is recorded for this group's analytics.").waitFor();
    await page.getByRole("button", { name: "Analytics" }).click();
    const panel = page.getByRole("dialog", { name: "Analytics" });
    await panel.getByRole("checkbox", { name: "Show it" }).check();
    const ben = panel.getByRole("table", { name: "Members" }).getByRole("row", { name: /^Ben Member/ });
    await expect
      .poll(() => ben.getByRole("cell").allTextContents(), { timeout: 10_000 }) // the figures are fetched first
      .toEqual(["1", "0", "4", "0", "0", "1", "11 min", "8 min", "2", expect.any(String)]);
    await page.screenshot({ path: path.join(shots, "analytics-panel-1440.png") });

    const [file] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "Members" }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(
      /^communization-in-the-present-tense-members-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const rows = parse(await readFile((await file.path())!, "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.find((row) => row.user_id === room.member.id)).toMatchObject({
      name: "Ben Member",
      threads: "1",
      questions: "1",
      reading_seconds: "660",
      paragraphs_read: "2",
    });

    await panel.getByRole("button", { name: "Close" }).click();
    const first = page.getByRole("img", { name: "paragraph 1: 10 min of reading by 1 reader" });
    await first.waitFor();
    expect(await first.textContent()).toBe("10 min");
    expect(
      await page.getByRole("img", { name: "paragraph 2: 1 min of reading by 1 reader" }).textContent(),
    ).toBe("1 min");
    await page.screenshot({ path: path.join(shots, "heat-map-1440.png") });
    await context.close();
  });

  it("shows a member only their own numbers, without the heat map", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByRole("button", { name: "See your figures" }).click();
    const panel = page.getByRole("dialog", { name: "Your activity" });
    const table = panel.getByRole("table", { name: "Your activity" });
    await table.waitFor();
    expect(await table.getByRole("row").count()).toBe(2); // the header and the member's own row
    expect(await panel.getByRole("checkbox", { name: "Show it" }).count()).toBe(0);
    await context.close();
  });
});
