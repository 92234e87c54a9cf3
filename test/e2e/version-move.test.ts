// Moving a room to a corrected text in chromium: an instructor uploads the correction from the reader, sees what
// changed and moves the room; a member reading deep in the text gets the new text live, in place, with a moved
// thread marked and a lost one listed apart; the instructor attaches the lost thread to a new passage.
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  contextFor,
  type E2eUser,
  hasChromium,
  joinAs,
  addReadingRoom,
  openReader,
  paragraphs,
  screenshotDir as shots,
  selectPhrase,
  setUpBrowserSuite,
  signUpUser,
} from "./browser.ts";

const words = [
  "amber",
  "basalt",
  "cedar",
  "delta",
  "ember",
  "fjord",
  "garnet",
  "harbor",
  "indigo",
  "juniper",
];
/** Paragraph n (1-based) of the long text: its own argument and its own word, so no two look alike. */
const paragraphText = (n: number) =>
  `In paragraph ${n} the reader meets argument number ${n}, which turns on the word ${words[n % 10]}-${n}. ` +
  `It is read slowly, set against what came before, and weighed by the group for a while. ` +
  `Then the discussion moves on, carrying what paragraph ${n} taught into the next one.`;
const partsOf = (edit: (n: number, text: string) => string | null) =>
  [
    "Reading Together at Length",
    ...[1, 2, 3, 4].flatMap((part) => [
      `Part ${part}`,
      ...Array.from({ length: 10 }, (_, i) => (part - 1) * 10 + i + 1).flatMap((n) => {
        const text = edit(n, paragraphText(n));
        return text === null ? [] : [text];
      }),
    ]),
  ].join("\n\n");

const original = partsOf((_, text) => text);
/** Paragraph 22 gains a sentence before the quoted passage; paragraph 25 is gone. */
const corrected = partsOf((n, text) =>
  n === 25 ? null : n === 22 ? `A sentence the corrected version adds here. ${text}` : text,
);
const quote = "argument number 22, which turns on the word";

/** The paragraph whose top is nearest the reading line (a quarter down the window), by its text. */
const paragraphAtReadingLine = (page: Page) =>
  page.evaluate(() => {
    const line = window.innerHeight / 4;
    const blocks = [...document.querySelectorAll<HTMLElement>("[data-block-id]")];
    const nearest = blocks
      .map((block) => ({ block, distance: Math.abs(block.getBoundingClientRect().top - line) }))
      .sort((a, b) => a.distance - b.distance)[0];
    return nearest?.block.textContent?.match(/In paragraph (\d+)/u)?.[1] ?? null;
  });

describe.skipIf(!hasChromium && process.env.CI !== "true")("moving a room to a corrected text", () => {
  const suite = setUpBrowserSuite();
  let owner: E2eUser;
  let instructor: E2eUser;
  let member: E2eUser;
  let room: { groupId: string; roomId: string; readerPath: string };
  let movedId: string;
  let detachedId: string;

  beforeAll(async () => {
    owner = await signUpUser(suite.server.base, "Ada Owner");
    const { group } = await call<{ group: { id: string } }>(suite.server.base, owner, "POST", "/api/groups", {
      name: "Long readers",
    });
    instructor = await joinAs(suite.server.base, owner, group.id, "instructor", "Ivy Instructor");
    member = await joinAs(suite.server.base, owner, group.id, "member", "Ben Member");
    room = { groupId: group.id, ...(await addReadingRoom(suite.server.base, owner, group.id, original)) };
    const blocks = await paragraphs(suite.server.base, member, room);
    const p22 = blocks.find((block) => block.text.startsWith("In paragraph 22 "))!;
    const p25 = blocks.find((block) => block.text.startsWith("In paragraph 25 "))!;
    const start = p22.text.indexOf(quote);
    const post = (anchor: object, body: string) =>
      call<{ thread: { id: string } }>(
        suite.server.base,
        member,
        "POST",
        `/api/rooms/${room.roomId}/threads`,
        {
          anchor,
          body,
          tags: [],
        },
      );
    movedId = (
      await post(
        { blockId: p22.anchorId, start, end: start + quote.length, exact: quote },
        "This passage is the crux.",
      )
    ).thread.id;
    detachedId = (await post({ blockId: p25.anchorId }, "Paragraph 25 is my favourite.")).thread.id;
  }, 60_000);

  it("the member's reader follows the move live and in place; the instructor re-attaches the lost thread", async () => {
    const memberPage = await (await contextFor(suite.browser, suite.server.base, member)).newPage();
    await openReader(memberPage, suite.server.base, room.readerPath);
    // Deep in the text: paragraph 30 at the reading line.
    await memberPage.evaluate(() => {
      const block = [...document.querySelectorAll<HTMLElement>("[data-block-id]")].find((element) =>
        element.textContent?.startsWith("In paragraph 30 "),
      )!;
      window.scrollTo(0, window.scrollY + block.getBoundingClientRect().top - window.innerHeight / 4);
    });
    await memberPage.waitForTimeout(300);
    expect(await paragraphAtReadingLine(memberPage)).toBe("30");
    const scrollBefore = await memberPage.evaluate(() => window.scrollY);

    const teacherPage = await (await contextFor(suite.browser, suite.server.base, instructor)).newPage();
    await openReader(teacherPage, suite.server.base, room.readerPath);
    // At 1440 px the bar shows Versions itself (narrower windows fold it behind More).
    await teacherPage.getByRole("button", { name: "Versions" }).click();
    await teacherPage
      .getByRole("dialog", { name: "Versions of this text" })
      .getByRole("button", { name: "Upload a new version" })
      .click();
    const dialog = teacherPage.getByRole("dialog", { name: "Upload a new version" });
    await dialog.getByLabel("Paste the text").fill(corrected);
    await dialog.getByRole("button", { name: "Preview" }).click();
    const changes = dialog.getByRole("region", { name: "Changes since version 1" });
    await changes.waitFor();
    expect(await changes.innerText()).toMatch(/1 changed, 1 removed, 0 added/u);
    await teacherPage.screenshot({ path: path.join(shots, "version-move-preview-1440.png") });
    await dialog.getByRole("button", { name: "Publish" }).click();
    await dialog.getByRole("button", { name: "Move this room to version 2" }).click();
    await dialog.getByText(/The room now reads version 2: .*1 moved, 1 no longer in the text/u).waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();

    // The member's text changed without a reload, and the paragraph they were reading held still.
    await memberPage.getByText("The room moved to version 2.").waitFor({ timeout: 15_000 });
    await memberPage.getByText(/^A sentence the corrected version adds here\./u).waitFor();
    expect(await memberPage.getByText(/^In paragraph 25 /u).count()).toBe(0);
    expect(await paragraphAtReadingLine(memberPage)).toBe("30");
    expect(Math.abs((await memberPage.evaluate(() => window.scrollY)) - scrollBefore)).toBeLessThan(400);
    await memberPage.screenshot({ path: path.join(shots, "version-move-member-1440.png") });

    // The moved thread says so and shows its old quote on demand; the lost one is listed apart.
    const moved = memberPage.locator(`[data-thread-id="${movedId}"]`).first();
    await moved.scrollIntoViewIfNeeded();
    await moved.getByRole("button", { name: "Passage changed in version 2" }).click();
    await moved.getByText(quote).first().waitFor();
    const lost = memberPage.getByRole("region", { name: "No longer in the text" });
    await lost.getByText("Paragraph 25 is my favourite.").waitFor();

    // The instructor attaches the lost thread to a passage of paragraph 26; the member sees it arrive there.
    const teacherLost = teacherPage.getByRole("region", { name: "No longer in the text" });
    await teacherLost.getByRole("button", { name: "Attach to a passage" }).click();
    await teacherPage.getByText(/^In paragraph 26 /u).scrollIntoViewIfNeeded();
    await selectPhrase(teacherPage, "argument number 26");
    await teacherPage.getByRole("button", { name: /Attach here/u }).click();
    await teacherPage.locator(`[data-thread-id="${detachedId}"]`).first().waitFor();
    await lost.waitFor({ state: "detached", timeout: 15_000 });
    const attached = memberPage.locator(`[data-thread-id="${detachedId}"]`).first();
    await attached.getByText("Attached to this passage by Ivy Instructor").waitFor({ timeout: 15_000 });
    await memberPage.screenshot({ path: path.join(shots, "version-move-reattached-1440.png") });
  }, 120_000);
});
