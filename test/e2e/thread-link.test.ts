// Thread links: opening a thread puts it in the address; that address, opened anew (signed in, or after signing
// in), opens the thread and brings it into view, on a desktop and on a phone; back and forward move between pages;
// a link to a deleted or unknown thread says so.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  call,
  contextFor,
  hasChromium,
  launchBrowser,
  paragraphIds,
  postThread,
  startE2eServer,
} from "./browser.ts";

const essay = readFileSync(path.resolve("test/fixtures/communization-in-the-present-tense.txt"), "utf8");
const phone = { width: 390, height: 844 };

/** Whether `box` lies inside the window. */
const inView = async (page: Page, box: Locator) => {
  const rect = (await box.boundingBox())!;
  const viewport = page.viewportSize()!;
  return rect.y >= 0 && rect.y + Math.min(rect.height, 200) <= viewport.height;
};

describe.skipIf(!hasChromium && process.env.CI !== "true")("thread links", () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Browser;
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  let deep: string;
  let deleted: string;

  const post = (blockId: string, body: string) =>
    postThread(server.base, room.member, room.roomId, blockId, body);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    room = await buildReadingRoom(server.base, essay);
    const paragraphs = await paragraphIds(server.base, room.owner, room);
    await post(paragraphs[1]!, "A thread near the top");
    deep = await post(paragraphs.at(-4)!, "A thread deep in the essay");
    deleted = await post(paragraphs[3]!, "A thread soon deleted");
    await call(server.base, room.member, "DELETE", `/api/rooms/${room.roomId}/threads/${deleted}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop(1_000);
  });

  const live = (page: Page) => page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
  const card = (page: Page, id: string) => page.locator(`#thread-${id}`);
  /** The linked thread is open, focused and in view. */
  const expectOpenInView = async (page: Page, id: string) => {
    await page.locator(`#thread-${id}.active`).waitFor({ timeout: 10_000 });
    await expect.poll(() => inView(page, card(page, id)), { timeout: 5_000 }).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`thread-${id}`);
  };

  it("opening a thread puts it in the address; the address opens it again, in view", async () => {
    const context = await contextFor(browser, server.base, room.owner);
    const page = await context.newPage();
    await page.goto(server.base);
    await page.locator(".rooms a").first().click();
    await live(page);
    const entries = await page.evaluate(() => history.length);
    await card(page, deep).locator(".thread-open").click();
    await page.waitForURL(`${server.base}${room.readerPath}/threads/${deep}`);
    expect(await page.evaluate(() => history.length)).toBe(entries);
    const link = page.url();

    const other = await context.newPage();
    await other.goto(link);
    await live(other);
    await expectOpenInView(other, deep);
    expect(await other.evaluate(() => window.scrollY)).toBeGreaterThan(2_000);

    // Closing the thread takes it out of the address; back leaves the room, forward comes back to it.
    await page.keyboard.press("Escape");
    await page.waitForURL(`${server.base}${room.readerPath}`);
    await card(page, deep).locator(".thread-open").click();
    await page.waitForURL(link);
    await page.goBack();
    await page.getByRole("heading", { name: "Library" }).waitFor();
    await page.goForward();
    await live(page);
    await expectOpenInView(page, deep);
    await context.close();
  }, 90_000);

  it("on a phone, the link opens the thread in the bottom sheet", async () => {
    const context = await contextFor(browser, server.base, room.member, phone);
    const page = await context.newPage();
    await page.goto(`${server.base}${room.readerPath}/threads/${deep}`);
    await live(page);
    const sheet = page.getByRole("dialog");
    await sheet.waitFor();
    await expectOpenInView(page, deep);
    await context.close();
  }, 60_000);

  it("signed out, the link opens the thread after signing in", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.base}${room.readerPath}/threads/${deep}`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel("Email").fill(room.owner.email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await live(page);
    await expectOpenInView(page, deep);
    expect(page.url()).toBe(`${server.base}${room.readerPath}/threads/${deep}`);
    await context.close();
  }, 60_000);

  it("a link to a deleted or unknown thread says so", async () => {
    const context = await contextFor(browser, server.base, room.member);
    const page = await context.newPage();
    await page.goto(`${server.base}${room.readerPath}/threads/${deleted}`);
    await page.getByRole("alert").getByText("The thread this link points to was deleted.").waitFor();
    await page.goto(`${server.base}${room.readerPath}/threads/${crypto.randomUUID()}`);
    const notice = page.getByRole("alert").filter({ hasText: "not in this room" });
    await notice.waitFor();
    await notice.getByRole("button", { name: "Dismiss" }).click();
    await page.waitForURL(`${server.base}${room.readerPath}`);
    await context.close();
  }, 60_000);
});
