// Moderation in the browser: a moderator hides a thread and a reply with reasons; a member sees who hid each and
// why, never the text, and the thread's passage dimmed; the moderator shows the hidden text in place and closes it.
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  call,
  contextFor,
  essay,
  hasChromium,
  openReader,
  screenshotDir as shots,
  selectPhrase,
  setUpBrowserSuite,
} from "./browser.ts";

const phrase = "acting as a class appears as an external constraint";
const spam = "Cheap essays written for you at example.com";
const spamReply = "Buy now, the link is in my profile";
const threadReason = "Advertising, not discussion";
const replyReason = "Also advertising";

describe.skipIf(!hasChromium && process.env.CI !== "true")("moderation in the reader", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;

  beforeAll(async () => {
    room = await buildReadingRoom(suite.server.base, essay);
  }, 60_000);

  const open = (page: Page, suffix = "") =>
    openReader(page, suite.server.base, `${room.readerPath}${suffix}`);
  /** Hides what `button` moderates, giving `reason` in the prompt. */
  const hideWith = async (page: Page, button: Locator, reason: string) => {
    page.once("dialog", (dialog) => void dialog.accept(reason));
    await button.click();
  };
  const background = (mark: Locator) => mark.evaluate((element) => getComputedStyle(element).backgroundColor);

  it("a member sees the reason and not the text, the passage dimmed; the moderator reveals the text", async () => {
    const memberContext = await contextFor(suite.browser, suite.server.base, room.member);
    const ownerContext = await contextFor(suite.browser, suite.server.base, room.owner);
    const [memberPage, ownerPage] = await Promise.all([memberContext.newPage(), ownerContext.newPage()]);
    await open(memberPage);

    // The member annotates a passage, and replies to it.
    await selectPhrase(memberPage, phrase);
    await memberPage.getByRole("button", { name: /Annotate/ }).click();
    await memberPage.getByRole("textbox", { name: "Comment on the selected passage" }).fill(spam);
    await memberPage.getByRole("button", { name: "Comment", exact: true }).click();
    const memberCard = memberPage.locator(".thread-card", { hasText: phrase });
    await memberCard.locator(".pending-badge").waitFor({ state: "detached", timeout: 10_000 });
    const threadId = (await memberCard.getAttribute("data-thread-id"))!;
    await call(
      suite.server.base,
      room.member,
      "POST",
      `/api/rooms/${room.roomId}/threads/${threadId}/comments`,
      {
        body: spamReply,
      },
    );
    const mark = memberPage.locator(`mark[data-threads~="${threadId}"]`).first();
    const highlighted = await background(mark);

    // The owner opens the thread and hides it and the reply, each with a reason.
    await open(ownerPage, `/threads/${threadId}`);
    const ownerCard = ownerPage.locator(`#thread-${threadId}`);
    await ownerCard.locator(".reply", { hasText: spamReply }).waitFor({ timeout: 10_000 });
    await hideWith(ownerPage, ownerCard.locator(".reply").getByRole("button", { name: "Hide" }), replyReason);
    await hideWith(
      ownerPage,
      ownerCard.locator(".thread-actions").first().getByRole("button", { name: "Hide", exact: true }),
      threadReason,
    );

    // The member: who hid it and why, not the text; the passage still there but dimmed.
    await memberCard
      .locator(".hidden-by", { hasText: `Hidden by Ada Owner · Reason: ${threadReason}` })
      .waitFor({ timeout: 10_000 });
    expect(await memberCard.textContent()).not.toContain(spam);
    expect(await memberCard.getByRole("button", { name: "Show hidden text" }).count()).toBe(0);
    await memberPage.keyboard.press("Escape");
    await expect.poll(() => mark.getAttribute("class"), { timeout: 10_000 }).toBe("hl hl-0 hl-hidden");
    expect(await background(mark)).not.toBe(highlighted);
    expect(await background(mark)).toBe("rgba(0, 0, 0, 0)");
    await memberCard.locator(".thread-open").click();
    const memberReply = memberCard.locator(".reply").first();
    await memberReply
      .locator(".hidden-by", { hasText: `Hidden by Ada Owner · Reason: ${replyReason}` })
      .waitFor({ timeout: 10_000 });
    expect(await memberCard.textContent()).not.toContain(spamReply);
    // Its author cannot edit it while it is hidden (the server would refuse), only delete it.
    expect(await memberCard.getByRole("button", { name: "Edit" }).count()).toBe(0);
    await memberPage.screenshot({ path: path.join(shots, "moderated-member-1440.png") });

    // The moderator shows the hidden texts in place, marked as hidden, and closes them again.
    const show = ownerCard.getByRole("button", { name: "Show hidden text" });
    await expect.poll(() => show.count(), { timeout: 10_000 }).toBe(2);
    await show.first().click();
    const threadText = ownerCard.locator(".hidden-text").first();
    await threadText.locator(".markdown", { hasText: spam }).waitFor({ timeout: 10_000 });
    expect(await threadText.locator(".hidden-label").textContent()).toContain("Hidden text");
    const replyNotice = ownerCard.locator(".reply .hidden-notice");
    await replyNotice.getByRole("button", { name: "Show hidden text" }).click();
    await replyNotice.locator(".hidden-text .markdown", { hasText: spamReply }).waitFor({ timeout: 10_000 });
    await ownerPage.screenshot({ path: path.join(shots, "moderated-1440.png") });
    await ownerCard.getByRole("button", { name: "Close hidden text" }).first().click();
    await expect.poll(() => threadText.isVisible(), { timeout: 10_000 }).toBe(false);
    expect(await ownerCard.locator(".hidden-notice").first().textContent()).not.toContain(spam);

    // On a phone, the moderator reveals the text in the bottom sheet.
    const phoneContext = await contextFor(suite.browser, suite.server.base, room.owner, {
      width: 390,
      height: 844,
    });
    const phonePage = await phoneContext.newPage();
    await open(phonePage, `/threads/${threadId}`);
    const sheetCard = phonePage.getByRole("dialog").locator(`#thread-${threadId}`);
    await sheetCard.getByRole("button", { name: "Show hidden text" }).first().click();
    await sheetCard.locator(".hidden-text .markdown", { hasText: spam }).waitFor({ timeout: 10_000 });
    await phonePage.screenshot({ path: path.join(shots, "moderated-390.png") });
    await Promise.all([memberContext.close(), ownerContext.close(), phoneContext.close()]);
  }, 120_000);
});
