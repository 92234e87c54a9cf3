// The Export dialog in chromium: a reader downloads the discussion as Markdown, HTML, CSV and PDF, and each file holds
// the thread and its reply; one thread copies as Markdown; on a phone the dialog is a bottom sheet. Screenshots at
// 1440 and 390 px.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  call,
  contextFor,
  essay,
  hasChromium,
  openReader,
  paragraphIds,
  postThread,
  screenshotDir as shots,
  setUpBrowserSuite,
} from "./browser.ts";

describe.skipIf(!hasChromium && process.env.CI !== "true")("exporting from the reader", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  let threadId = "";
  const body = "Is “communization” here a process or an event? Ça dépend — 🤔";
  const replyBody = "A process, I think, but one with ruptures.";

  beforeAll(async () => {
    room = await buildReadingRoom(suite.server.base, essay);
    const paragraphs = await paragraphIds(suite.server.base, room.owner, room);
    threadId = await postThread(suite.server.base, room.member, room.roomId, paragraphs[40]!, body);
    await call(
      suite.server.base,
      room.owner,
      "POST",
      `/api/rooms/${room.roomId}/threads/${threadId}/comments`,
      {
        body: replyBody,
      },
    );
  }, 60_000);

  /** Chooses `format` in the open dialog, downloads, and returns the file's name and text. */
  async function download(page: Page, format: RegExp) {
    await page.getByRole("radio", { name: format }).check();
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download" }).click(),
    ]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path())!, "utf8") };
  }

  it("downloads Markdown, HTML, CSV and PDF, each holding the thread and its reply", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export the discussion" });
    await dialog.waitFor();
    await page.screenshot({ path: path.join(shots, "export-dialog-1440.png") });

    const markdown = await download(page, /Markdown/);
    expect(markdown.name).toMatch(/^communization-in-the-present-tense-discussion-\d{4}-\d{2}-\d{2}\.md$/);
    expect(markdown.text).toContain(body);
    expect(markdown.text).toContain(replyBody);
    expect(markdown.text).toContain("### ¶ 41");
    await page
      .getByRole("status")
      .filter({ hasText: `Saved as ${markdown.name}.` })
      .waitFor();

    const html = await download(page, /Web page/);
    expect(html.name).toMatch(/\.html$/);
    expect(html.text).toContain("<!doctype html>");
    expect(html.text).toContain("Ça dépend — 🤔");
    expect(html.text).not.toContain("<script");

    const csv = await download(page, /Spreadsheet/);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.type, row.body, row.paragraph])).toEqual([
      ["thread", body, "41"],
      ["reply", replyBody, "41"],
    ]);

    // Built on the server first, then saved like the others, with a link to download it again.
    const pdf = await download(page, /^PDF/);
    expect(pdf.name).toMatch(/^communization-in-the-present-tense-discussion-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.text.startsWith("%PDF-")).toBe(true);
    await page.getByRole("link", { name: "Download PDF" }).waitFor();
    await context.close();
  }, 60_000);

  it("copies one open thread as Markdown, with its quote's paragraph and its reply", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.server.base });
    const page = await context.newPage();
    await openReader(page, suite.server.base, `${room.readerPath}/threads/${threadId}`);
    await page.getByRole("button", { name: "Copy as Markdown" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^\*From the discussion of “Communization in the Present Tense”/u);
    expect(copied).not.toContain("Exported");
    expect(copied).toContain("### ¶ 41");
    expect(copied).toContain(body);
    expect(copied).toContain(replyBody);
    expect(copied.match(/^- \*\*/gmu)).toHaveLength(1); // one thread, nothing else of the room
    await context.close();
  }, 60_000);

  it("on a phone, the dialog is a bottom sheet the width of the screen", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member, {
      width: 390,
      height: 844,
    });
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    // A phone's bar keeps its secondary actions behind "More".
    await page.getByRole("button", { name: "More" }).click();
    await page.getByRole("button", { name: "Export" }).click();
    const box = (await page.getByRole("dialog", { name: "Export the discussion" }).boundingBox())!;
    expect(box.width).toBe(390);
    expect(Math.round(box.y + box.height)).toBe(844);
    await page.screenshot({ path: path.join(shots, "export-dialog-390.png") });
    await context.close();
  }, 60_000);
});
