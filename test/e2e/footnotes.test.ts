// Footnotes in the browser: a marker whose note is in the text opens it in place (keyboard too, Escape closes) and
// the note is no stray paragraph; a marker without one is a plain number. Screenshots of an open note at 1440 and
// 390 px.
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addReadingRoom,
  buildReadingRoom,
  contextFor,
  hasChromium,
  openReader,
  screenshotDir as shots,
  setUpBrowserSuite,
} from "./browser.ts";

const text = [
  "# Notes on Margins",
  "",
  "## Why annotate",
  "",
  "Reading together is slower than reading alone, and it is better for it: the group stops where one reader would",
  "have gone on, and asks what a sentence is doing.[^1] A margin is where that asking is written down, and where",
  "the next reader finds it.[^missing]",
  "",
  "A second paragraph, so the first is not the only one, goes on about the habit of writing in books.[^2]",
  "",
  "[^1]: As the *Thursday group* found in its first term: every session ran out of time before the text did.",
  "",
  "[^2]: Some libraries forbid it; readers do it anyway.",
].join("\n");

describe.skipIf(!hasChromium && process.env.CI !== "true")("footnotes in the reader", () => {
  const suite = setUpBrowserSuite();
  let readerPath: string;
  let member: Awaited<ReturnType<typeof buildReadingRoom>>["member"];

  beforeAll(async () => {
    const room = await buildReadingRoom(suite.server.base, "A Placeholder\n\nThe group's first text.\n");
    member = room.member;
    ({ readerPath } = await addReadingRoom(suite.server.base, room.owner, room.groupId, text, {
      format: "markdown",
    }));
  }, 60_000);

  const open = (page: Page) => openReader(page, suite.server.base, readerPath);

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`at ${viewport.width} px: a note opens in place from the keyboard and closes with Escape`, async () => {
      const context = await contextFor(suite.browser, suite.server.base, member, viewport);
      const page = await context.newPage();
      await open(page);

      // The notes are not paragraphs of the text.
      const paragraphs = await page.locator(".text.paragraph").allTextContents();
      expect(paragraphs).toHaveLength(2);
      expect(paragraphs.some((paragraph) => paragraph.includes("Thursday group"))).toBe(false);

      // A marker without a note is a plain number: no button, not link-coloured, not focusable.
      const bare = page.locator("sup.footnote-ref", { hasText: "missing" });
      expect(await bare.locator("button").count()).toBe(0);
      expect(await bare.evaluate((element) => (element as HTMLElement).tabIndex)).toBe(-1);
      const colours = await bare.evaluate((element) => ({
        own: getComputedStyle(element).color,
        link: getComputedStyle(document.querySelector(".footnote-button")!).color,
      }));
      expect(colours.own).not.toBe(colours.link);

      // A marker with a note: reached with Tab, opened with Enter, closed with Escape; the reader keeps its place.
      const marker = page.getByRole("button", { name: "Note 1" });
      await marker.focus();
      const scrollY = await page.evaluate(() => window.scrollY);
      await page.keyboard.press("Enter");
      const note = page.getByRole("note");
      await note.waitFor();
      expect(await note.textContent()).toContain("every session ran out of time before the text did.");
      expect(await note.locator("em").textContent()).toBe("Thursday group");
      expect(await marker.getAttribute("aria-expanded")).toBe("true");
      const box = (await note.boundingBox())!;
      const markerBox = (await marker.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y).toBeGreaterThan(markerBox.y);
      expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
      await page.screenshot({ path: path.join(shots, `footnote-open-${viewport.width}.png`) });
      await page.keyboard.press("Escape");
      await note.waitFor({ state: "detached" });
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Note 1");

      // The only thing to focus inside the first paragraph's text is the marker with a note.
      const focusable = await page
        .locator(".text.paragraph")
        .first()
        .evaluate((element) =>
          [...element.querySelectorAll<HTMLElement>("*")]
            .filter((candidate) => candidate.tabIndex >= 0)
            .map((candidate) => candidate.getAttribute("aria-label")),
        );
      expect(focusable).toEqual(["Note 1"]);
      await context.close();
    }, 60_000);
  }
});
