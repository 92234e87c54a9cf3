// Changes the server does not save, in a real browser: a reply the server keeps failing on (its route answers 500,
// as a faulty server would) is shown failed in place with the reason while later writes land; what was written on
// it waits on it; it survives a reload; Retry once the fault clears saves it with what waits on it; Discard drops it
// and its dependents after asking. An edit the server refuses (the thread was hidden meanwhile) shows on its thread.
// Screenshots of a failed reply at desktop and phone widths.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultRetryPolicy } from "../../shared/room-client/retry-policy.ts";
import { call, contextFor, hasChromium, screenshotDir, seriousViolations } from "./browser.ts";
import { openThread as openIn, replyIn, startThread, storedReplies, useEssayRoom } from "./essay-room.ts";

/** The server's own answer to an unexpected error. */
const serverError = {
  error: { code: "internal", message: "Something went wrong on the server. It has been logged; try again." },
};
/** Five tries with a backoff from 1 s, jittered (the default policy): a failing reply is given up on within 15 s. */
const givenUpWithin = 40_000;

describe.skipIf(!hasChromium && process.env.CI !== "true")("changes not saved", () => {
  const suite = useEssayRoom();
  const openThread = (page: Page, threadId: string) => openIn(page, suite, threadId);
  /** Makes the server answer 500 to every reply posted to thread `threadId`; returns the bodies it was sent. */
  const failRepliesTo = async (page: Page, threadId: string) => {
    const sent: string[] = [];
    const { server, room } = suite;
    await page.route(`${server.base}/api/rooms/${room.roomId}/threads/${threadId}/comments`, (route) => {
      sent.push((route.request().postDataJSON() as { body: string }).body);
      return route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify(serverError),
      });
    });
    return sent;
  };
  const replies = (threadId: string) => storedReplies(suite, threadId);

  it("a failing reply: shown failed with the reason, later writes land, kept across a reload, saved by Retry", async () => {
    const { browser, server, room } = suite;
    const failing = await startThread(suite, 2, "Reply to me");
    const other = await startThread(suite, 6, "And to me");
    const context = await contextFor(browser, server.base, room.member);
    const page = await context.newPage();
    const sent = await failRepliesTo(page, failing);
    await openThread(page, failing);
    const card = page.locator(`#thread-${failing}`);

    await replyIn(card, "Ada Owner", "A reply the server keeps failing on.");
    const reply = card.locator(".reply", { hasText: "A reply the server keeps failing on." });
    // Written after it, on another thread: it lands while the first is still being retried.
    const otherCard = page.locator(`#thread-${other}`);
    await otherCard.getByRole("button", { name: "Ada Owner" }).click();
    await replyIn(otherCard, "Ada Owner", "An independent reply.");
    await expect.poll(() => replies(other), { timeout: 10_000 }).toEqual(["An independent reply."]);

    await card.getByRole("button", { name: "Ada Owner" }).click();
    await reply.locator(".failed-badge").waitFor({ timeout: givenUpWithin });
    const notice = reply.getByRole("group", { name: "Not saved: your reply" });
    expect(await notice.textContent()).toContain("Something went wrong on the server");
    expect(await reply.locator(".pending-badge").count()).toBe(0);
    // A reaction to it cannot be saved before it is: it waits on it, unsent.
    await reply.getByRole("button", { name: "Add a reaction" }).click();
    await reply.getByRole("button", { name: "👍" }).click();
    const waiting = reply.getByRole("group", { name: "Not saved: your reaction 👍" });
    expect(await waiting.textContent()).toContain("It waits on your reply, which was not saved.");
    const count = page.getByRole("button", { name: "2 not saved: review these changes" });
    await count.waitFor();
    await notice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, "failed-reply-desktop.png") });
    const tries = sent.length;
    expect(tries).toBe(defaultRetryPolicy.maxAttempts);

    // After a reload it is still there, failed with its reason, and not sent again on its own.
    await openThread(page, failing);
    await reply.locator(".failed-badge").waitFor({ timeout: 10_000 });
    expect(await reply.getByRole("group", { name: "Not saved: your reply" }).textContent()).toContain(
      "Something went wrong on the server",
    );
    await count.waitFor();
    // The list in the bar has both, and Show opens the reply's thread again once closed.
    await page.keyboard.press("Escape");
    await page.locator(`#thread-${failing}.active`).waitFor({ state: "detached" });
    await count.click();
    const list = page.getByRole("region", { name: "2 changes not saved" });
    expect(await list.getByRole("listitem").count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]); // the notices, the list and their buttons included
    await list.getByRole("button", { name: "Show your reply" }).click();
    await page.locator(`#thread-${failing}.active`).waitFor();
    expect(sent.length).toBe(tries);

    // The fault clears; Retry sends the reply, and the reaction that waited on it.
    await page.unroute(`${server.base}/api/rooms/${room.roomId}/threads/${failing}/comments`);
    await reply.getByRole("button", { name: "Retry your reply" }).click();
    await reply.locator(".failed-badge").waitFor({ state: "detached", timeout: 10_000 });
    await reply.getByRole("button", { name: /^👍 1/ }).waitFor({ timeout: 10_000 });
    expect(await replies(failing)).toEqual(["A reply the server keeps failing on."]);
    await count.waitFor({ state: "detached" });
    expect(await reply.getByRole("group", { name: /Not saved/ }).count()).toBe(0);
    await context.close();
  }, 120_000);

  it("on a phone, Discard drops a failed reply and the answer written on it, after asking", async () => {
    const { browser, server, room } = suite;
    const failing = await startThread(suite, 3, "Reply on a phone");
    const context = await contextFor(browser, server.base, room.member, { width: 390, height: 844 });
    const page = await context.newPage();
    const sent = await failRepliesTo(page, failing);
    const card = await openThread(page, failing);
    expect(await page.getByRole("dialog").count()).toBe(1); // the discussion is in the bottom sheet

    await replyIn(card, "Ada Owner", "Typed on a phone, never saved.");
    const reply = card.locator(".reply", { hasText: "Typed on a phone, never saved." }).first();
    await reply.locator(".failed-badge").waitFor({ timeout: givenUpWithin });
    await reply.getByRole("button", { name: "Reply", exact: true }).click();
    await reply.getByRole("textbox", { name: "Reply to Ben Member" }).fill("An answer to my own reply.");
    await reply.getByRole("button", { name: "Reply", exact: true }).last().click();
    const answer = card.locator(".reply", { hasText: "An answer to my own reply." }).last();
    await answer.getByRole("group", { name: "Not saved: your reply" }).waitFor();
    expect(await answer.textContent()).toContain("It waits on your reply, which was not saved.");
    await page.getByRole("button", { name: "2 not saved: review these changes" }).waitFor();
    await reply.getByRole("group", { name: "Not saved: your reply" }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, "failed-reply-phone.png") });

    await reply.getByRole("button", { name: "Discard your reply" }).first().click();
    const confirm = reply.getByRole("group", { name: "Discard your reply?" });
    expect(await confirm.textContent()).toContain(
      "Discard your reply, with 1 reply written on it? What you wrote will be lost.",
    );
    await confirm.getByRole("button", { name: "Discard", exact: true }).click();
    await card.locator(".reply").first().waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: /not saved: review th/ }).count()).toBe(0);

    // Gone for good: not after a reload either, and the server never got the answer.
    await openThread(page, failing);
    expect(await card.locator(".reply").count()).toBe(0);
    expect(await replies(failing)).toEqual([]);
    expect(new Set(sent)).toEqual(new Set(["Typed on a phone, never saved."]));
    await context.close();
  }, 120_000);

  it("an edit the server refuses shows on its thread with the reason and the words; Retry saves it later", async () => {
    const { browser, server, room } = suite;
    const threadId = await startThread(suite, 4, "My first words", "member");
    const context = await contextFor(browser, server.base, room.member);
    const page = await context.newPage();
    const card = await openThread(page, threadId);

    // Edited offline; meanwhile a moderator hides the thread, so the server refuses the edit when it arrives.
    await context.setOffline(true);
    await page.locator(".conn", { hasText: "Offline" }).waitFor({ timeout: 10_000 }); // a step, not a claim
    await card.getByRole("button", { name: "Edit" }).first().click();
    await card.getByRole("textbox", { name: "Edit thread" }).fill("My better words");
    await card.getByRole("button", { name: "Save" }).click();
    const hidePath = `/api/rooms/${room.roomId}/threads/${threadId}`;
    await call(server.base, room.owner, "POST", `${hidePath}/hide`, { reason: "Under review" });
    await context.setOffline(false);

    const notice = card.getByRole("group", { name: "Not saved: your edit of the thread" });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain("A moderator has hidden this thread");
    expect(await notice.locator(".unsaved-text").textContent()).toBe("My better words");
    expect(await card.locator(".failed-badge").count()).toBe(0); // the thread itself is saved

    await call(server.base, room.owner, "POST", `${hidePath}/unhide`);
    await notice.getByRole("button", { name: "Retry your edit of the thread" }).click();
    await notice.waitFor({ state: "detached", timeout: 10_000 });
    await card.locator(".body", { hasText: "My better words" }).waitFor({ timeout: 10_000 });
    await context.close();
  }, 60_000);
});
