// Going offline in a real browser: the pill says Offline within 2 s, a reply written meanwhile waits in place and is
// counted, and once the network is back it lands exactly once and the pill says Live; at desktop and phone widths,
// with screenshots of the offline pill.
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  contextFor,
  hasChromium,
  launchBrowser,
  paragraphIds,
  postThread,
  startE2eServer,
} from "./browser.ts";
import { replyIn, storedReplies } from "./replies.ts";

const essay = readFileSync(path.resolve("test/fixtures/communization-in-the-present-tense.txt"), "utf8");
const shots = path.resolve("test/e2e/screenshots");

describe.skipIf(!hasChromium && process.env.CI !== "true")("the reader offline", () => {
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

  for (const [name, viewport, index] of [
    ["desktop", { width: 1440, height: 900 }, 2],
    ["phone", { width: 390, height: 844 }, 3],
  ] as const) {
    it(`at ${viewport.width} px: Offline within 2 s, a reply written offline lands once, then Live`, async () => {
      const threadId = await postThread(
        server.base,
        room.owner,
        room.roomId,
        paragraphs[index]!,
        "Ask me offline",
      );
      const context = await contextFor(browser, server.base, room.member, viewport);
      const page = await context.newPage();
      await page.goto(`${server.base}${room.readerPath}/threads/${threadId}`);
      const pill = page.locator(".conn");
      await pill.filter({ hasText: "Live" }).waitFor({ timeout: 15_000 });
      const card = page.locator(`#thread-${threadId}.active`);
      await card.waitFor({ timeout: 10_000 });

      await context.setOffline(true);
      await pill.filter({ hasText: "Offline" }).waitFor({ timeout: 2_000 });
      await replyIn(card, "Ada Owner", "Written with no network.");
      const reply = card.locator(".reply", { hasText: "Written with no network." });
      // Waiting for the network, not failed.
      await reply.locator(".pending-badge", { hasText: "Waiting to send" }).waitFor({ timeout: 2_000 });
      expect(await reply.locator(".failed-badge").count()).toBe(0);
      await pill.filter({ hasText: "Offline · 1 waiting" }).waitFor({ timeout: 2_000 });
      await page.screenshot({ path: path.join(shots, `offline-pill-${name}.png`) });

      await context.setOffline(false);
      await pill.filter({ hasText: "Live" }).waitFor({ timeout: 15_000 });
      await reply.locator(".pending-badge").waitFor({ state: "detached", timeout: 5_000 });
      expect(await storedReplies(server.base, room.owner, room.roomId, threadId)).toEqual([
        "Written with no network.",
      ]);
      expect(await card.locator(".reply", { hasText: "Written with no network." }).count()).toBe(1);
      await context.close();
    }, 60_000);
  }
});
