// Text versions in chromium at 390 px: an instructor uploads a corrected version from the reader and sees its changes
// before publishing; the history lists the versions and compares two at their own address; nothing scrolls sideways.
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addReadingRoom,
  call,
  contextFor,
  type E2eUser,
  hasChromium,
  joinAs,
  openReader,
  overflowsSideways,
  screenshotDir as shots,
  setUpBrowserSuite,
  signUpUser,
} from "./browser.ts";

const paragraph = (words: string) => `${words} `.repeat(6).trim();
const original = [
  "On Reading Slowly",
  "",
  paragraph("The first paragraph says something about reading together, slowly and with care."),
  "",
  paragraph("The second paragraph disagrees with the first, politely but firmly, at some length."),
  "",
  "A paragraph with one long address: https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/ever",
  "",
  paragraph("The last paragraph concludes that both were right in their way."),
].join("\n");
const withHeadings = [
  "# On Reading Slowly",
  "",
  "## The first part",
  "",
  paragraph("The first paragraph says something about reading together, slowly and with care."),
  "",
  "## The second part",
  "",
  paragraph("The second paragraph disagrees with the first, politely but firmly, at some length."),
].join("\n");
const corrected = original
  .replace("politely but firmly", "gently but firmly")
  .replace(
    /The last paragraph concludes[^\n]*/u,
    "A new closing paragraph replaces the old conclusion entirely.",
  );

async function openMore(page: Page, action: "Versions" | "Upload a new version") {
  await page.getByRole("button", { name: "More" }).click();
  await page.getByRole("button", { name: "Versions" }).click();
  if (action === "Upload a new version")
    await page
      .getByRole("dialog", { name: "Versions of this text" })
      .getByRole("button", { name: "Upload a new version" })
      .click();
}

describe.skipIf(!hasChromium && process.env.CI !== "true")("text versions on a phone", () => {
  const suite = setUpBrowserSuite();
  let owner: E2eUser;
  let instructor: E2eUser;
  let member: E2eUser;
  let room: { groupId: string; roomId: string; readerPath: string };
  /** A room on a text with headings: below 1280 px its bar offers Contents too. */
  let headed: { readerPath: string };

  beforeAll(async () => {
    owner = await signUpUser(suite.server.base, "Ada Owner");
    const { group } = await call<{ group: { id: string } }>(suite.server.base, owner, "POST", "/api/groups", {
      name: "Thursday readers",
    });
    instructor = await joinAs(suite.server.base, owner, group.id, "instructor", "Ivy Instructor");
    member = await joinAs(suite.server.base, owner, group.id, "member", "Ben Member");
    room = { groupId: group.id, ...(await addReadingRoom(suite.server.base, owner, group.id, original)) };
    headed = await addReadingRoom(suite.server.base, owner, group.id, withHeadings, { format: "markdown" });
  }, 60_000);

  it("an instructor previews a corrected version with its changes, publishes it, and compares the two", async () => {
    const context = await contextFor(suite.browser, suite.server.base, instructor, {
      width: 390,
      height: 844,
    });
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await openMore(page, "Upload a new version");
    const dialog = page.getByRole("dialog", { name: "Upload a new version" });
    await dialog.getByLabel("Paste the text").fill(corrected);
    await dialog.getByRole("button", { name: "Preview" }).click();
    const changes = dialog.getByRole("region", { name: "Changes since version 1" });
    await changes.waitFor();
    expect(await changes.innerText()).toContain("3 unchanged, 1 changed, 1 removed, 1 added");
    expect(await changes.locator("del").first().innerText()).toContain("politely");
    expect(await changes.locator("ins").first().innerText()).toContain("gently");
    await changes.scrollIntoViewIfNeeded();
    expect(await overflowsSideways(dialog)).toBe(false);
    await page.screenshot({ path: path.join(shots, "new-version-preview-390.png") });

    await dialog.getByRole("button", { name: "Publish" }).click();
    await dialog.getByText("Version 2 is published.").waitFor();
    await dialog.getByRole("button", { name: "Move this room to version 2" }).waitFor();
    expect(await overflowsSideways(dialog)).toBe(false);
    await dialog.getByRole("button", { name: "Done" }).click();

    // The same text again is version 2: the preview says so and offers nothing to publish.
    await openMore(page, "Upload a new version");
    await dialog.getByLabel("Paste the text").fill(corrected);
    await dialog.getByRole("button", { name: "Preview" }).click();
    await dialog.getByText("This text is identical to version 2 — nothing to publish.").waitFor();
    expect(await dialog.getByRole("button", { name: "Publish" }).count()).toBe(0);
    await dialog.getByRole("button", { name: "Close" }).first().click();

    await openMore(page, "Versions");
    const versions = page.getByRole("dialog", { name: "Versions of this text" });
    await versions.getByRole("list", { name: "Versions" }).waitFor();
    expect(await versions.getByRole("listitem").count()).toBe(2);
    expect(await overflowsSideways(versions)).toBe(false);
    await versions.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(`**${room.readerPath}/compare/1/2`);
    const main = page.getByRole("main");
    await main.locator("del").first().waitFor();
    expect(await page.getByRole("status").first().innerText()).toContain("the room reads version 1");
    expect(await overflowsSideways(main)).toBe(false);
    await page.screenshot({ path: path.join(shots, "compare-versions-390.png"), fullPage: true });

    // A deep link to one version reads it under its banner; the way back opens the room.
    await page.goto(`${suite.server.base}${room.readerPath}/versions/2`);
    await page.getByText("A new closing paragraph replaces the old conclusion entirely.").waitFor();
    expect(await page.getByRole("status").first().innerText()).toContain(
      "Version 2 — the room reads version 1.",
    );
    expect(await overflowsSideways(page.getByRole("main"))).toBe(false);
    await page.getByRole("link", { name: "← Back to the room" }).click();
    await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
    await context.close();
  }, 90_000);

  it("between phone and desktop widths the instructor's reader bar fits its actions and keeps room for the title", async () => {
    for (const width of [700, 1000, 1024, 1100, 1180, 1279]) {
      const context = await contextFor(suite.browser, suite.server.base, instructor, { width, height: 800 });
      const page = await context.newPage();
      await openReader(page, suite.server.base, headed.readerPath);
      // Contents is in the bar, or behind More: either way offered.
      expect(await page.getByRole("button", { name: /^(Contents|More)$/u }).count(), `at ${width} px`).toBe(
        1,
      );
      const bar = page.locator(".reader-bar");
      const fit = await bar.evaluate((element) => ({
        bar: element.scrollWidth <= element.clientWidth + 1,
        page: document.documentElement.scrollWidth <= window.innerWidth,
        title: Math.round(element.querySelector(".reader-title")!.getBoundingClientRect().width),
      }));
      expect(fit, `at ${width} px`).toMatchObject({ bar: true, page: true });
      expect(fit.title, `the title's width at ${width} px`).toBeGreaterThanOrEqual(100);
      await page.screenshot({ path: path.join(shots, `reader-bar-versions-${width}.png`) });
      await context.close();
    }
  }, 90_000);

  it("a member reads the versions but is not offered an upload", async () => {
    const context = await contextFor(suite.browser, suite.server.base, member);
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByRole("button", { name: "Versions" }).click();
    const versions = page.getByRole("dialog", { name: "Versions of this text" });
    await versions.getByRole("list", { name: "Versions" }).waitFor();
    expect(await versions.getByRole("button", { name: "Upload a new version" }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
