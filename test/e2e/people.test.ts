// People in the room in chromium: B sees A's initials and A's reading position move as A scrolls; A starts follow
// me, B follows, and B's reader goes where A goes and opens the thread A opens; B reads that A is replying; B steps
// out with Escape. Screenshots of the reader with two people present, wide and on a phone.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { contextFor, hasChromium, openReader, screenshotDir, seriousViolations } from "./browser.ts";
import { startThread, useEssayRoom } from "./essay-room.ts";

/** Scrolls so that paragraph `anchorId` is the one at the reading line; resolves to the row then at the line. */
async function readAt(page: Page, anchorId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const row = document.getElementById(`p-${id}`)!;
    window.scrollTo({ top: row.getBoundingClientRect().top + window.scrollY - window.innerHeight / 3 + 8 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rows = [...document.querySelectorAll<HTMLElement>(".document > .row")];
    const above = rows.filter((candidate) => candidate.getBoundingClientRect().top < window.innerHeight / 3);
    return above.at(-1)!.id.slice(2);
  }, anchorId);
}

/** Whether paragraph `anchorId`'s row is in the window. */
const inView = (page: Page, anchorId: string) =>
  page.evaluate((id) => {
    const box = document.getElementById(`p-${id}`)!.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  }, anchorId);

/** In the page: whether paragraph `id`'s top has settled just above the reading line (a third down the window). */
const atReadingLine = (id: string) => {
  const top = document.getElementById(`p-${id}`)!.getBoundingClientRect().top;
  return top < window.innerHeight / 3 && top > window.innerHeight / 3 - 40;
};

describe.skipIf(!hasChromium && process.env.CI !== "true")("people in the room", () => {
  const suite = useEssayRoom();

  it("shows where another reader is, and follows a leader to their paragraph and thread", async () => {
    const { server, browser, room, paragraphs } = suite;
    const deepIndex = Math.floor(paragraphs.length * 0.7);
    const threadId = await startThread(suite, deepIndex, "Look at this claim.");
    const ada = await contextFor(browser, server.base, room.owner);
    const ben = await contextFor(browser, server.base, room.member);
    try {
      const a = await ada.newPage();
      const b = await ben.newPage();
      await Promise.all([
        openReader(a, server.base, room.readerPath),
        openReader(b, server.base, room.readerPath),
      ]);

      // B sees A in the bar (once, however many tabs), and A's initials beside A's paragraph.
      await b.getByRole("button", { name: "2 here (you and Ada Owner)" }).waitFor({ timeout: 10_000 });
      const first = await readAt(a, paragraphs[3]!);
      await b.locator(`#p-${first} .reader-marks[aria-label="Reading here: Ada Owner"]`).waitFor();
      const further = await readAt(a, paragraphs[Math.floor(paragraphs.length / 2)]!);
      expect(further).not.toBe(first);
      await b.locator(`#p-${further} .reader-marks`).waitFor();
      expect(await b.locator(`#p-${first} .reader-marks`).count()).toBe(0);
      await b.locator(".density .reader-dot").first().waitFor();

      // The list names A and where A is, and choosing A brings A's paragraph to B; A does not see themself.
      await b.getByRole("button", { name: /2 here/ }).click();
      const entry = b
        .getByRole("list", { name: "Readers in this room" })
        .getByRole("button", { name: /Ada Owner/ });
      expect(await entry.textContent()).toMatch(/paragraph \d+/);
      await entry.click();
      await b.waitForFunction(atReadingLine, further);
      expect(await a.locator('.reader-marks[aria-label*="Ada Owner"]').count()).toBe(0);

      // Screenshots with two people present: wide, then on a phone (B's second tab: still one person for A).
      await b.screenshot({ path: path.join(screenshotDir, "people-1440.png") });
      const phone = await contextFor(browser, server.base, room.member, { width: 390, height: 844 });
      const small = await phone.newPage();
      await openReader(small, server.base, room.readerPath);
      await small.getByRole("button", { name: "2 here (you and Ada Owner)" }).click();
      await small
        .getByRole("list", { name: "Readers in this room" })
        .getByRole("button", { name: /Ada Owner/ })
        .click();
      await small.waitForFunction(atReadingLine, further);
      await small.locator(`#p-${further} .reader-marks`).waitFor();
      await small.screenshot({ path: path.join(screenshotDir, "people-390.png") });

      // A leads; B follows; A moves to another section and opens a thread; B's reader is there with it open.
      await a.getByRole("button", { name: "Follow me" }).click();
      await b.getByRole("region", { name: "Follow me" }).getByText("Ada Owner is leading.").waitFor();
      await small.getByRole("button", { name: "Follow", exact: true }).waitFor();
      await small.screenshot({ path: path.join(screenshotDir, "people-offered-390.png") });
      await phone.close();
      await b.getByRole("button", { name: "Follow", exact: true }).click();
      await a.getByText("You are leading. 1 following: Ben Member.").waitFor();
      await b.getByText("Following Ada Owner. Esc steps out.").waitFor();
      await readAt(a, paragraphs[deepIndex]!);
      await a.locator(`#thread-${threadId} .thread-open`).click();
      await b.locator(`#thread-${threadId}.active`).waitFor({ timeout: 10_000 });
      await b.waitForFunction((id) => {
        const box = document.getElementById(`p-${id}`)!.getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight;
      }, paragraphs[deepIndex]!);
      await b.screenshot({ path: path.join(screenshotDir, "people-following-1440.png") });
      expect(await seriousViolations(b)).toEqual([]);

      // A starts a reply in the thread: B reads "Ada Owner is replying…" until A cancels it.
      const card = a.locator(`#thread-${threadId}`);
      await card.getByRole("button", { name: "Reply", exact: true }).click();
      await card.getByRole("textbox", { name: "Reply to Ada Owner" }).fill("I was about to say");
      const typing = b.locator(`#thread-${threadId} .typing-note`);
      await typing.getByText("Ada Owner is replying…").waitFor();
      await card.getByRole("textbox", { name: "Reply to Ada Owner" }).fill("");
      await b.waitForFunction(
        (id) => document.querySelector(`#thread-${id} .typing-note`)?.textContent === "",
        threadId,
      );
      await card.getByRole("button", { name: "Cancel" }).click();

      // B steps out with Escape: A's next move does not take B along, and B is offered to rejoin.
      await b.keyboard.press("Escape");
      await b.getByRole("button", { name: "Rejoin" }).waitFor();
      await a.getByText("You are leading. Nobody follows yet.").waitFor();
      const back = await readAt(a, paragraphs[5]!);
      await b.locator(`#p-${back} .reader-marks`).waitFor();
      expect(await inView(b, paragraphs[5]!)).toBe(false);

      // A ends the lead: B's banner goes.
      await a.getByRole("button", { name: "End follow me" }).click();
      await b.getByRole("region", { name: "Follow me" }).waitFor({ state: "detached" });
    } finally {
      await ada.close();
      await ben.close();
    }
  }, 120_000);
});
