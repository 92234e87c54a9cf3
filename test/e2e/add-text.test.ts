// Adding a text in chromium: paste it, watch it upload and be read, correct a block in the preview, publish it and
// read it in its new room — on a desktop and on a phone, where nothing scrolls sideways.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  call,
  contextFor,
  hasChromium,
  screenshotDir as shots,
  seriousViolations,
  setUpBrowserSuite,
  signUpUser,
} from "./browser.ts";

const text = [
  "On Raeding Together",
  "",
  "A first paragraph about reading in company. It goes on for a while, as first paragraphs do, so that the",
  "preview has something to wrap.",
  "",
  "A second paragraph, which the group will discuss.",
  "",
].join("\n");

/** Whether anything on the page is wider than the window (a sideways scroll). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe.skipIf(!hasChromium && process.env.CI !== "true")("adding a text from the library", () => {
  const suite = setUpBrowserSuite();

  it.each([
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])(
    "pastes, previews, corrects one block, publishes and opens the room at $width px",
    async (viewport) => {
      const owner = await signUpUser(suite.server.base, "Olga Owner");
      await call(suite.server.base, owner, "POST", "/api/groups", { name: "Paste Readers" });
      const context = await contextFor(suite.browser, suite.server.base, owner, viewport);
      const page = await context.newPage();
      await page.goto(`${suite.server.base}/`);
      await page.getByRole("button", { name: "Add a text" }).click();
      const panel = page.getByRole("region", { name: "Add a text" });
      await panel.getByLabel("Paste the text").fill(text);
      await panel.getByRole("button", { name: "Preview" }).click();

      const blocks = panel.getByRole("list", { name: "Blocks" });
      await blocks.waitFor();
      expect(await blocks.getByRole("listitem").count()).toBe(3);
      expect(await seriousViolations(page, ".add-text")).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);
      await page.screenshot({
        path: path.join(shots, `add-text-preview-${viewport.width}.png`),
        fullPage: true,
      });

      // Keyboard only: open the title's editor, fix the typo, save.
      await panel.getByRole("button", { name: "Edit block 1" }).focus();
      await page.keyboard.press("Enter");
      const editor = panel.getByLabel("Text of block 1");
      await editor.fill("On Reading Together");
      await panel.getByRole("button", { name: "Save text" }).focus();
      await page.keyboard.press("Enter");
      await panel.getByText("1 correction").waitFor();
      expect(await blocks.getByRole("listitem").first().innerText()).toContain("On Reading Together");
      expect(await scrollsSideways(page)).toBe(false);
      await page.screenshot({
        path: path.join(shots, `add-text-corrected-${viewport.width}.png`),
        fullPage: true,
      });

      await panel.getByRole("button", { name: "Publish" }).click();
      await page.waitForURL(/\/groups\/[^/]+\/rooms\/[^/]+$/u);
      await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
      await page.getByText("A second paragraph, which the group will discuss.").waitFor();
      expect(await page.getByRole("heading", { name: "On Reading Together" }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(shots, `add-text-room-${viewport.width}.png`) });
      await context.close();
    },
    60_000,
  );
});
