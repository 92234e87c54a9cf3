// Mentions and notifications in chromium with two people: A types `@`, picks B and sends; B's bell (in the library)
// shows 1 at once; B opens the item and the reader opens the thread at its passage, the mention of B highlighted. On
// a phone the panel is a bottom sheet. Screenshots of the open panel at 1440 and 390 px.
import path from "node:path";
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
  seriousViolations,
  setUpBrowserSuite,
} from "./browser.ts";

const phone = { width: 390, height: 844 };

describe.skipIf(!hasChromium && process.env.CI !== "true")("mentions and notifications", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  let threadId = "";

  beforeAll(async () => {
    room = await buildReadingRoom(suite.server.base, essay);
    const paragraphs = await paragraphIds(suite.server.base, room.owner, room);
    threadId = await postThread(
      suite.server.base,
      room.owner,
      room.roomId,
      paragraphs.at(-6)!,
      "Where does this leave the wage relation?",
    );
  }, 60_000);

  /** The bell of `page`, once its label says `unread` unread (0: none). */
  const bellShowing = async (page: Page, unread: number) => {
    const name = unread === 0 ? "Notifications" : `Notifications, ${unread} unread`;
    const bell = page.getByRole("button", { name, exact: true });
    await bell.waitFor({ timeout: 15_000 });
    return bell;
  };

  it("A mentions B in a reply; B's bell shows 1 live and its item opens the thread at its passage", async () => {
    const { base } = suite.server;
    const a = await (await contextFor(suite.browser, base, room.owner)).newPage();
    const b = await (await contextFor(suite.browser, base, room.member)).newPage();
    await b.goto(base);
    await bellShowing(b, 0);

    await openReader(a, base, `${room.readerPath}/threads/${threadId}`);
    const card = a.locator(`#thread-${threadId}.active`);
    await card.getByRole("button", { name: "Reply", exact: true }).click();
    const box = card.getByRole("textbox", { name: "Reply to Ada Owner" });
    await box.pressSequentially("Over to @Be");
    await a.getByRole("option", { name: "Ben Member" }).waitFor();
    await box.press("Enter");
    await box.pressSequentially("what do you make of it?");
    expect(await box.inputValue()).toBe("Over to @Ben Member what do you make of it?");
    await box.press("Control+Enter");
    await card.locator(".reply .mention", { hasText: "@Ben Member" }).waitFor({ timeout: 10_000 });

    const bell = await bellShowing(b, 1);
    await bell.click();
    const panel = b.getByRole("dialog", { name: "Notifications" });
    const item = panel.getByRole("link", { name: /Ada Owner mentioned you/ });
    await item.waitFor();
    expect(await item.textContent()).toContain("Over to @Ben Member what do you make of it?");
    await b.screenshot({ path: path.join(shots, "notifications-1440.png") });
    expect(await seriousViolations(b)).toEqual([]);

    await item.click();
    await b.waitForURL(`${base}${room.readerPath}/threads/${threadId}`);
    const opened = b.locator(`#thread-${threadId}.active`);
    await opened.waitFor({ timeout: 15_000 });
    // In the window, not merely below its top: a card far down the page at scroll 0 (before the reader has
    // brought it up) is below the top too.
    await expect
      .poll(() =>
        opened.evaluate((element) => {
          const top = element.getBoundingClientRect().top;
          return top > 0 && top < window.innerHeight;
        }),
      )
      .toBe(true);
    expect(await b.evaluate(() => window.scrollY)).toBeGreaterThan(1_000);
    await opened.locator(".mention.mention-me", { hasText: "@Ben Member" }).waitFor();
    // Opening it marked it read.
    await bellShowing(b, 0);
  });

  it("on a phone the panel is a bottom sheet across the screen", async () => {
    const { base } = suite.server;
    await call(base, room.owner, "POST", `/api/rooms/${room.roomId}/threads/${threadId}/comments`, {
      body: `And <@${room.member.id}>, see the footnote.`,
    });
    const page = await (await contextFor(suite.browser, base, room.member, phone)).newPage();
    await openReader(page, base, room.readerPath);
    await (await bellShowing(page, 1)).click();
    const sheet = page.getByRole("dialog", { name: "Notifications" });
    // The newest first: this one, unread, above the one opened in the test before.
    const newest = sheet.getByRole("link", { name: /Ada Owner mentioned you/ }).first();
    await newest.waitFor();
    expect(await newest.textContent()).toMatch(/^Unread: .*And @Ben Member, see the footnote\./);
    const box = (await sheet.boundingBox())!;
    expect(box.width).toBe(phone.width);
    expect(box.y + box.height).toBeCloseTo(phone.height, 0);
    await page.screenshot({ path: path.join(shots, "notifications-390.png") });
    // The bar holds the bell beside the people, Export and the connection without widening the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
    expect(await seriousViolations(page, ".sheet")).toEqual([]);
  });
});
