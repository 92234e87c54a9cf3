// Going offline in a real browser: the pill says Offline within 2 s, a reply written meanwhile waits in place and is
// counted, and once the network is back it lands exactly once and the pill says Live; at desktop and phone widths,
// with screenshots of the offline pill. Signed out elsewhere: the pill and a notice say so, a reply waits for the
// next session, and Sign in leads back to the room, where it is sent.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contextFor, hasChromium, screenshotDir } from "./browser.ts";
import { openThread, replyIn, startThread, storedReplies, useEssayRoom } from "./essay-room.ts";

describe.skipIf(!hasChromium && process.env.CI !== "true")("the reader offline or signed out", () => {
  const suite = useEssayRoom();

  for (const [name, viewport, index] of [
    ["desktop", { width: 1440, height: 900 }, 2],
    ["phone", { width: 390, height: 844 }, 3],
  ] as const) {
    it(`at ${viewport.width} px: Offline within 2 s, a reply written offline lands once, then Live`, async () => {
      const { browser, server, room } = suite;
      const threadId = await startThread(suite, index, "Ask me offline");
      const context = await contextFor(browser, server.base, room.member, viewport);
      const page = await context.newPage();
      const card = await openThread(page, suite, threadId);
      const pill = page.locator(".conn");

      await context.setOffline(true);
      await pill.filter({ hasText: "Offline" }).waitFor({ timeout: 2_000 });
      await replyIn(card, "Ada Owner", "Written with no network.");
      const reply = card.locator(".reply", { hasText: "Written with no network." });
      // Waiting for the network, not failed.
      await reply.locator(".pending-badge", { hasText: "Waiting to send" }).waitFor({ timeout: 10_000 });
      expect(await reply.locator(".failed-badge").count()).toBe(0);
      await pill.filter({ hasText: "Offline · 1 waiting" }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: path.join(screenshotDir, `offline-pill-${name}.png`) });

      await context.setOffline(false);
      await pill.filter({ hasText: "Live" }).waitFor({ timeout: 15_000 });
      await reply.locator(".pending-badge").waitFor({ state: "detached", timeout: 5_000 });
      expect(await storedReplies(suite, threadId)).toEqual(["Written with no network."]);
      expect(await card.locator(".reply", { hasText: "Written with no network." }).count()).toBe(1);
      await context.close();
    }, 60_000);
  }

  it("signed out elsewhere: says so, keeps a reply for the next session, and Sign in leads back", async () => {
    const { browser, server, room } = suite;
    const threadId = await startThread(suite, 5, "Ask me later");
    // A session of its own, so that ending it leaves the other tests' sessions alone.
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: room.member.email, password: "a long enough password" }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const context = await contextFor(browser, server.base, { ...room.member, cookie });
    const page = await context.newPage();
    const card = await openThread(page, suite, threadId);
    const pill = page.locator(".conn");

    await fetch(`${server.base}/api/auth/logout`, { method: "POST", headers: { cookie } });
    await pill.filter({ hasText: "Signed out" }).waitFor({ timeout: 5_000 });
    await replyIn(card, "Ada Owner", "Written after signing out elsewhere.");
    const reply = card.locator(".reply", { hasText: "Written after signing out elsewhere." });
    await reply.locator(".pending-badge", { hasText: "Waiting for sign-in" }).waitFor({ timeout: 10_000 });
    const notice = page.locator(".conn-notice");
    await notice.filter({ hasText: "1 change will be sent once you are signed in." }).waitFor();
    expect(await storedReplies(suite, threadId)).toEqual([]);

    await notice.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email").fill(room.member.email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await pill.filter({ hasText: "Live" }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => storedReplies(suite, threadId), { timeout: 10_000 })
      .toEqual(["Written after signing out elsewhere."]);
    await context.close();
  }, 60_000);
});
