// Adding a text in chromium: paste it or drop a PDF, watch it upload and be read, correct a block in the preview,
// publish it and read it in its new room — on a desktop and on a phone, where nothing scrolls sideways.
import { readFile } from "node:fs/promises";
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

  it("drops a PDF, follows its import, corrects a block, publishes and opens the room", async () => {
    const owner = await signUpUser(suite.server.base, "Pia Owner");
    await call(suite.server.base, owner, "POST", "/api/groups", { name: "PDF Readers" });
    const context = await contextFor(suite.browser, suite.server.base, owner, { width: 1440, height: 900 });
    const page = await context.newPage();
    // The upload names its import by a progress id, which the page then asks about at once (a four-page PDF is read
    // too fast to see its pages go by; the client's tests show them).
    const followed: string[] = [];
    page.on("request", (request) => {
      const id = /\/api\/import-progress\/([\w-]+)$/u.exec(request.url())?.[1];
      if (id) followed.push(id);
    });
    await page.goto(`${suite.server.base}/`);
    await page.getByRole("button", { name: "Add a text" }).click();
    const panel = page.getByRole("region", { name: "Add a text" });
    // Every status the panel shows, in order (they may pass faster than a locator could wait for each).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statuses: string[] }).statuses = seen;
      new MutationObserver(() => {
        const status = document.querySelector(".add-text [role=status]")?.textContent ?? "";
        if (status && seen.at(-1) !== status) seen.push(status);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    // A real drag and drop: the file in a DataTransfer, dropped on the drop zone.
    const pdf = await readFile(path.resolve("test/fixtures/pdf/pdftex.pdf"));
    const dropped = await page.evaluateHandle((base64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], "self-reliance.pdf", { type: "application/pdf" }));
      return transfer;
    }, pdf.toString("base64"));
    const zone = panel.locator(".drop-zone");
    await zone.dispatchEvent("dragover", { dataTransfer: dropped });
    await zone.dispatchEvent("drop", { dataTransfer: dropped });

    const blocks = panel.getByRole("list", { name: "Blocks" });
    await blocks.waitFor({ timeout: 30_000 });
    const statuses = await page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
    expect(statuses.join("\n")).toMatch(/Reading the file…/u);
    expect(followed[0]).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/u);
    expect(await panel.locator(".report-details").innerText()).toMatch(/Read as pdf/u);
    expect(await blocks.getByRole("listitem").first().innerText()).toContain("Self-Reliance");

    await panel.getByRole("button", { name: "Edit block 1", exact: true }).click();
    await panel.getByLabel("Text of block 1", { exact: true }).fill("Self-Reliance (1841)");
    await panel.getByRole("button", { name: "Save text" }).click();
    await panel.getByText("1 correction").waitFor();
    await page.screenshot({ path: path.join(shots, "add-text-pdf-corrected.png"), fullPage: true });

    await panel.getByRole("button", { name: "Publish" }).click();
    await page.waitForURL(/\/groups\/[^/]+\/rooms\/[^/]+$/u);
    await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
    await page.getByRole("heading", { name: "Self-Reliance (1841)" }).first().waitFor();
    await page.getByText(/Trust thyself: every heart vibrates to that iron string/u).waitFor();
    await context.close();
  }, 60_000);
});
