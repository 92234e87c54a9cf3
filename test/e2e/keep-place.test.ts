// The reader keeps its place: deep in the essay, starting a thread (Annotate, c, the paragraph's +, the note ✎),
// posting, replying, resolving, another reader's thread above, a reload and a change of width leave the page where
// it was, and the composer opens in view beside its passage (in the bottom sheet on a phone). Screenshots of a
// composer open deep down.
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  contextFor,
  hasChromium,
  launchBrowser,
  paragraphIds,
  postThread,
  selectPhrase,
  startE2eServer,
} from "./browser.ts";

const essay = readFileSync(path.resolve("test/fixtures/communization-in-the-present-tense.txt"), "utf8");
const shots = path.resolve("test/e2e/screenshots");
/** How far the page may move (pixels) and still count as kept in place. */
const tolerance = 3;

/**
 * Resolves once the page has stopped moving: scroll position and margin placement unchanged, and no animation
 * running, for a few frames.
 */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const snapshot = () =>
          [
            window.scrollY,
            ...[...document.querySelectorAll<HTMLElement>(".margin-cell, .sheet, textarea")].map(
              (element) => element.getBoundingClientRect().top,
            ),
          ].join(",");
        let last = snapshot();
        let still = 0;
        let frames = 0;
        const check = () => {
          const now = snapshot();
          // Cards fade in and slide a little as they arrive: wait for those too, or a click may aim at a moving card.
          const moving = document.getAnimations().some((animation) => animation.playState === "running");
          still = now === last && !moving ? still + 1 : 0;
          last = now;
          frames += 1;
          if (still >= 5 || frames > 600) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/**
 * Scrolls (by script, as a reader would) until a paragraph not used yet, further down, starts a third of the way
 * down the window; returns a phrase from its start, its number, and the scroll position.
 */
async function nextParagraph(page: Page) {
  const found = await page.evaluate(() => {
    const bars = document.querySelector(".filters")!.getBoundingClientRect().bottom;
    const row = [
      ...document.querySelectorAll<HTMLElement>(".row-paragraph:not(.has-threads):not([data-used])"),
    ].find((candidate) => candidate.getBoundingClientRect().top > bars);
    if (!row) throw new Error("no unused paragraph below");
    row.dataset.used = "";
    window.scrollBy(0, row.getBoundingClientRect().top - window.innerHeight / 3);
    const text = row.querySelector(".text")!.textContent!;
    return { phrase: text.slice(12, 40), number: row.querySelector(".pnum")!.textContent! };
  });
  await settle(page);
  return { ...found, place: await scrollY(page) };
}

describe.skipIf(!hasChromium && process.env.CI !== "true")("the reader keeps its place", () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Browser;
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  let paragraphs: string[];

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    room = await buildReadingRoom(server.base, essay);
    paragraphs = await paragraphIds(server.base, room.owner, room);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop(1_000);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const phone = viewport.width < 1000;

    it(`at ${viewport.width} px`, async () => {
      const context = await contextFor(browser, server.base, phone ? room.member : room.owner, viewport);
      const page = await context.newPage();
      page.on("dialog", (dialog) => void dialog.accept());
      await page.goto(`${server.base}${room.readerPath}`);
      await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.6));
      await settle(page);
      let place = 0;

      /** The page has not moved, and `box` (when given) is inside the window, below the sticky bars. */
      const expectKept = async (what: string, box?: Locator) => {
        await settle(page);
        const by = (await scrollY(page)) - place;
        if (Math.abs(by) > tolerance)
          console.log(
            "MOVED",
            what,
            by,
            place,
            await page.evaluate(() =>
              [...document.querySelectorAll(".margin-cell")]
                .map((c) => `${c.getAttribute("style")} h=${(c as HTMLElement).offsetHeight}`)
                .join("\n"),
            ),
          );
        expect({ what, kept: Math.abs(by) <= tolerance, by }).toMatchObject({ what, kept: true });
        if (!box) return;
        const rect = (await box.boundingBox())!;
        const bars = await page.evaluate(
          () => document.querySelector(".filters")!.getBoundingClientRect().bottom,
        );
        const inView = rect.y >= (phone ? 0 : bars) && rect.y + rect.height <= viewport.height;
        expect({ what, inView, rect }).toMatchObject({ what, inView: true });
      };
      const composer = () =>
        page.getByRole("textbox", { name: /^Comment on (the selected passage|this paragraph)$/ });

      // Annotate: the composer opens beside the passage, focused, and the page stays.
      const first = await nextParagraph(page);
      place = first.place;
      await selectPhrase(page, first.phrase);
      await page.getByRole("button", { name: /Annotate/ }).click();
      expect(place).toBeGreaterThan(3_000);
      await composer().waitFor();
      await expectKept("Annotate", composer());
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      await page.screenshot({ path: path.join(shots, `deep-composer-${viewport.width}.png`) });

      // Posting keeps the place; the new thread is open where the composer was.
      await composer().fill("Where does this passage lead?");
      await page.getByRole("button", { name: "Comment", exact: true }).click();
      const card = page.locator(".thread-card", { hasText: "Where does this passage lead?" });
      await card.locator(".pending-badge").waitFor({ state: "detached", timeout: 10_000 });
      await expectKept("posting", card);

      // Replying and resolving keep it too.
      await card.getByRole("button", { name: "Reply", exact: true }).click();
      const replyBox = card.getByRole("textbox", { name: /^Reply to / });
      await expectKept("opening a reply", replyBox);
      await replyBox.fill("To the next one.");
      await card.getByRole("button", { name: "Reply", exact: true }).last().click();
      await card.locator(".reply", { hasText: "To the next one." }).waitFor();
      await expectKept("replying");
      await card.getByRole("button", { name: "Resolve" }).click();
      await card.locator(".badge", { hasText: "Resolved" }).waitFor();
      await expectKept("resolving", card);
      if (phone) {
        await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
        await expectKept("closing the sheet");
      }

      // Another reader starts a thread far above: what this reader sees does not move.
      const seen = await page
        .locator(".row-paragraph")
        .evaluateAll((rows) =>
          rows
            .map((row) => ({ id: row.id, top: row.getBoundingClientRect().top }))
            .find((row) => row.top > 150 && row.top < 600),
        );
      const cardTop = phone ? null : (await card.boundingBox())!.y;
      const other = phone ? room.owner : room.member;
      const above = paragraphs[viewport.width === 1440 ? 1 : 2]!;
      await postThread(server.base, other, room.roomId, above, `A thread far above, for ${viewport.width}`);
      await page.locator(`#p-${above} .para-marker`).waitFor({ state: "attached", timeout: 10_000 });
      await expectKept("another reader's thread above");
      expect(
        await page.locator(`#${seen!.id}`).evaluate((row) => row.getBoundingClientRect().top),
      ).toBeCloseTo(seen!.top, 0);
      if (cardTop !== null)
        expect(Math.abs((await card.boundingBox())!.y - cardTop)).toBeLessThanOrEqual(tolerance);

      /** Starts a thread on a fresh paragraph with `start`; the composer opens in place; Escape leaves it. */
      const startAndCancel = async (
        way: string,
        start: (paragraph: { phrase: string; number: string }) => Promise<void>,
      ) => {
        const paragraph = await nextParagraph(page);
        place = paragraph.place;
        await start(paragraph);
        await composer().waitFor();
        await expectKept(way, composer());
        await page.keyboard.press("Escape");
        if (phone && (await page.getByRole("dialog").count()) > 0) await page.keyboard.press("Escape");
        await expectKept(`cancelling after ${way}`);
      };
      await startAndCancel("c on a selection", async ({ phrase }) => {
        await selectPhrase(page, phrase);
        await page.keyboard.press("c");
      });
      await startAndCancel("the paragraph's +", ({ number }) =>
        page.getByRole("button", { name: `Comment on paragraph ${number}`, exact: true }).click(),
      );

      // The private note ✎.
      const fourth = await nextParagraph(page);
      place = fourth.place;
      await page.getByRole("button", { name: `Add a private note on paragraph ${fourth.number}` }).click();
      const note = page.getByRole("textbox", { name: "Private note" });
      await note.waitFor();
      await expectKept("the note ✎", note);
      await note.fill("Come back to this.");
      await page.getByRole("button", { name: "Save note" }).click();
      await expectKept("saving the note");
      await context.close();
    }, 120_000);
  }

  it("a reload, turning a phone or resizing the window across the one-column layout keeps the paragraph being read", async () => {
    const context = await contextFor(browser, server.base, room.member, { width: 1440, height: 900 });
    const page = await context.newPage();
    await page.goto(`${server.base}${room.readerPath}`);
    await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.6));
    await settle(page);
    /** The paragraph at the reading line (a third of the way down) and how far down it the line runs. */
    const readingPlace = () =>
      page.evaluate(() => {
        const line = window.innerHeight / 3;
        const rows = [...document.querySelectorAll<HTMLElement>("[id^='p-']")];
        const row = rows.filter((candidate) => candidate.getBoundingClientRect().top < line).at(-1)!;
        const box = row.getBoundingClientRect();
        return {
          paragraph: row.querySelector(".pnum")?.textContent,
          fraction: (line - box.top) / box.height,
        };
      });
    const before = await readingPlace();
    // Reloaded, the page comes back to the same paragraph (the browser's own restoration fails: the text loads later).
    await page.reload();
    await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
    await settle(page);
    const reloaded = await readingPlace();
    expect(reloaded.paragraph).toBe(before.paragraph);
    expect(Math.abs(reloaded.fraction - before.fraction)).toBeLessThan(0.02);
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1440, height: 900 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(viewport);
      await settle(page);
      const after = await readingPlace();
      expect({ width: viewport.width, paragraph: after.paragraph }).toEqual({
        width: viewport.width,
        paragraph: before.paragraph,
      });
      expect(Math.abs(after.fraction - before.fraction)).toBeLessThan(0.02);
      if (viewport.width === 390)
        await page.screenshot({ path: path.join(shots, "kept-place-turned-390.png") });
    }
    await context.close();
  }, 60_000);

  it("searching and filtering with a thread open leave the text where it is", async () => {
    const threadId = await postThread(
      server.base,
      room.owner,
      room.roomId,
      paragraphs[4]!,
      "Searched for later.",
    );
    const context = await contextFor(browser, server.base, room.member);
    const page = await context.newPage();
    await page.goto(`${server.base}${room.readerPath}/threads/${threadId}`);
    await page.locator(`#thread-${threadId}.active`).waitFor({ timeout: 15_000 });
    await settle(page);
    await page.evaluate(() => window.scrollTo(0, 9_000));
    await settle(page);
    const search = page.getByRole("searchbox", { name: "Search threads" });
    const steps: [string, () => Promise<void>][] = [
      ["typing a search", () => search.pressSequentially("later", { delay: 20 })],
      ["clearing it", () => search.fill("")],
      ["the Open filter", () => page.getByRole("button", { name: /^Open/ }).click()],
      ["the All filter", () => page.getByRole("button", { name: /^All/ }).click()],
    ];
    for (const [what, step] of steps) {
      await step();
      await settle(page);
      expect({ what, scrollY: await scrollY(page) }).toEqual({ what, scrollY: 9_000 });
    }
    expect(page.url()).toContain(`/threads/${threadId}`);
    await context.close();
  }, 60_000);

  it("on a phone, a paragraph's discussion opens with the paragraph above the sheet; Close puts it back", async () => {
    const blockId = paragraphs[6]!;
    const threadId = await postThread(server.base, room.owner, room.roomId, blockId, "Under the sheet?");
    const viewport = { width: 390, height: 844 };
    const context = await browser.newContext({ viewport, isMobile: true, hasTouch: true });
    const [name, value] = room.member.cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: server.base }]);
    const page = await context.newPage();
    await page.goto(`${server.base}${room.readerPath}`);
    const row = page.locator(`#p-${blockId}`);
    await row.locator(".para-marker").waitFor({ timeout: 15_000 });
    // The paragraph low in the window, where the sheet will cover it.
    await row.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 700));
    await settle(page);
    const place = await scrollY(page);
    await row.locator(".para-marker").tap();
    const sheet = page.getByRole("dialog");
    await sheet.waitFor();
    await settle(page);
    const seen = await row.evaluate((element) => ({
      top: element.getBoundingClientRect().top,
      bars: document.querySelector(".filters")!.getBoundingClientRect().bottom,
      sheet: document.querySelector(".sheet")!.getBoundingClientRect().top,
    }));
    expect(seen.top).toBeGreaterThanOrEqual(seen.bars);
    expect(seen.top + 40).toBeLessThanOrEqual(seen.sheet);
    await page.screenshot({ path: path.join(shots, "sheet-paragraph-above-390.png") });
    // Open its thread, then Close: the sheet, the thread and its address go, and the page is back in its place.
    await sheet.locator(`#thread-${threadId} .thread-open`).tap();
    await page.waitForURL(`**/threads/${threadId}`);
    await sheet.getByRole("button", { name: "Close" }).tap();
    await sheet.waitFor({ state: "detached" });
    await settle(page);
    expect(new URL(page.url()).pathname).toBe(room.readerPath);
    expect(Math.abs((await scrollY(page)) - place)).toBeLessThanOrEqual(tolerance);
    await context.close();
  }, 60_000);
});
