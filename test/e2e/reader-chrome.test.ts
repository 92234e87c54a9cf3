// The reader's smaller things, judged in a browser: the sticky bars hide the text scrolling under them; on a phone
// the filters stay inside the screen even with a long tag and a long name; a selection inside words grows to whole
// words; times read relative to now; the private note saves with Ctrl+Enter and asks before Escape discards it.
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
  screenshotDir as shots,
  selectPhrase,
  setUpBrowserSuite,
  signUpUser,
} from "./browser.ts";

const longTag = "a rather long tag for a small screen";
const longName = "Bartholomew Featherstonehaugh-Montgomery of the Thursday Reading Circle";

describe.skipIf(!hasChromium && process.env.CI !== "true")("the reader's chrome and small things", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;

  beforeAll(async () => {
    const { server } = suite;
    room = await buildReadingRoom(server.base, essay);
    // A member with a long name writes a thread with a long tag: both end up as options of the filter bar's lists.
    const longNamed = await signUpUser(server.base, longName);
    const { invite } = await call<{ invite: { token: string } }>(
      server.base,
      room.owner,
      "POST",
      `/api/groups/${room.groupId}/invites`,
      { role: "member" },
    );
    await call(server.base, longNamed, "POST", `/api/invites/${invite.token}/accept`);
    const paragraphs = await paragraphIds(server.base, room.owner, room);
    await call(server.base, longNamed, "POST", `/api/rooms/${room.roomId}/threads`, {
      anchor: { blockId: paragraphs[2]! },
      body: "A thread with a long tag.",
      tags: [longTag],
    });
  }, 120_000);

  const open = async (page: Page) => {
    await openReader(page, suite.server.base, room.readerPath);
    await page.locator(".para-marker").first().waitFor({ timeout: 10_000 });
  };

  it("the reader's bar and filter bar are opaque: text scrolled under them does not show through", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    const page = await context.newPage();
    await open(page);
    await page.evaluate(() => window.scrollTo(0, 600));
    for (const selector of [".reader-bar", ".filters"]) {
      const style = await page.locator(selector).evaluate((element) => {
        const computed = getComputedStyle(element);
        return { background: computed.backgroundColor, backdrop: computed.backdropFilter };
      });
      // rgb(…) is opaque; rgba(…, a) with a < 1 lets the text through.
      expect(style.background, selector).toMatch(/^rgb\(/);
      expect(style.backdrop, selector).toBe("none");
    }
    await context.close();
  }, 60_000);

  it("at 390 px the filters stay inside the screen, with a long tag and a long member name", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member, {
      width: 390,
      height: 844,
    });
    const page = await context.newPage();
    await open(page);
    const layout = await page.locator(".filters").evaluate((bar) => ({
      overflow: bar.scrollWidth - bar.clientWidth,
      page: document.documentElement.scrollWidth,
      controls: [...bar.querySelectorAll("button, input, select")].map((control) => {
        const rect = control.getBoundingClientRect();
        return { name: control.textContent?.trim() || control.tagName, left: rect.left, right: rect.right };
      }),
    }));
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.page).toBeLessThanOrEqual(390);
    expect(layout.controls.length).toBeGreaterThanOrEqual(7);
    for (const control of layout.controls) {
      expect(control.left, control.name).toBeGreaterThanOrEqual(0);
      expect(control.right, control.name).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: path.join(shots, "filters-390.png") });
    // The long options are still there to choose.
    await page.locator(".filters select").first().selectOption(longTag);
    await expect.poll(() => page.locator(".para-marker").count(), { timeout: 10_000 }).toBe(1);
    await context.close();
  }, 60_000);

  it("at 390 px the reader's bar stays inside the screen whatever the pill says, with others present", async () => {
    const phone = { width: 390, height: 844 };
    const [ownerContext, memberContext] = await Promise.all([
      contextFor(suite.browser, suite.server.base, room.owner, phone),
      contextFor(suite.browser, suite.server.base, room.member, phone),
    ]);
    const [page, other] = await Promise.all([ownerContext.newPage(), memberContext.newPage()]);
    await Promise.all([open(page), open(other)]);
    await page.locator(".people-button .avatar").first().waitFor({ timeout: 10_000 });
    const bar = () =>
      page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        pillRight: document.querySelector(".conn")!.getBoundingClientRect().right,
      }));
    // "Live" is the dot alone on a phone; the longest words the pill can say shorten instead of widening the page.
    await page.locator(".conn-live").waitFor({ timeout: 10_000 });
    expect((await page.locator(".conn-label").boundingBox())!.width).toBeLessThanOrEqual(1);
    // Room enough is left for a few letters of the title.
    expect((await page.locator(".reader-title").boundingBox())!.width).toBeGreaterThan(40);
    await page.screenshot({
      path: path.join(shots, "reader-bar-390.png"),
      clip: { x: 0, y: 0, ...phone, height: 80 },
    });
    for (const words of ["Sending 999 changes…", "Reconnecting… · 999 waiting", "Disconnected"]) {
      await page.evaluate((text) => {
        const pill = document.querySelector(".conn")!;
        pill.className = "conn conn-offline";
        pill.querySelector(".conn-label")!.textContent = text;
      }, words);
      const measured = await bar();
      expect(measured.page, words).toBe(0);
      expect(measured.pillRight, words).toBeLessThanOrEqual(390);
    }
    await Promise.all([ownerContext.close(), memberContext.close()]);
  }, 60_000);

  it("a selection starting and ending inside words annotates the whole words", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    const page = await context.newPage();
    await open(page);
    await selectPhrase(page, "olution is communiz");
    await page.getByRole("button", { name: /Annotate/ }).click();
    const quote = page.locator(".new-thread .quote");
    expect(await quote.textContent()).toBe("revolution is communization");
    expect(await page.locator("mark.draft").allTextContents()).toEqual(["revolution is communization"]);
    await page.keyboard.press("Escape");
    await context.close();
  }, 60_000);

  it("times read relative to now, with the date and time in full behind them", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    const page = await context.newPage();
    await open(page);
    const time = page.locator(".thread-card time").first();
    expect(await time.textContent()).toMatch(/^(now|\d+ minutes? ago)$/);
    expect(Number.isNaN(Date.parse((await time.getAttribute("datetime"))!))).toBe(false);
    expect(await time.getAttribute("title")).toMatch(/\d{4}/);
    await context.close();
  }, 60_000);

  it("the private note saves with Ctrl+Enter, and Escape asks before discarding what was typed", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    const page = await context.newPage();
    await open(page);
    await page.getByRole("button", { name: "Add a private note on paragraph 3", exact: true }).click();
    const box = page.getByRole("textbox", { name: "Private note" });
    await box.fill("Compare with the French edition.");
    await box.press("Control+Enter");
    const saved = page.locator(".private-note .note-text", { hasText: "Compare with the French edition." });
    await saved.waitFor({ timeout: 5_000 });

    await saved.click();
    await box.fill("Compare with the French edition. And the German.");
    await box.press("Escape");
    await page.getByRole("alert").filter({ hasText: "Discard what you wrote?" }).waitFor();
    expect(await box.inputValue()).toBe("Compare with the French edition. And the German.");
    await box.press("Escape");
    await box.waitFor({ state: "detached" });
    expect(await saved.textContent()).toBe("Compare with the French edition.");
    await context.close();
  }, 60_000);
});
