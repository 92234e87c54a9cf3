// Every shape of document lays out like the essay: the same text column at desktop and phone widths, nothing wider
// than the window. Screenshots of a text without headings at both widths.
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addReadingRoom,
  buildReadingRoom,
  contextFor,
  hasChromium,
  call,
  launchBrowser,
  paragraphIds,
  postThread,
  startE2eServer,
} from "./browser.ts";

const essay = readFileSync(path.resolve("test/fixtures/communization-in-the-present-tense.txt"), "utf8");
const shots = path.resolve("test/e2e/screenshots");

/** About 4 MB of prose in one paragraph: one line, no headings. */
const hugeParagraph = () => {
  const words = "the reading group went back over the passage slowly and then once more aloud".split(" ");
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 4_000_000; i += 1) {
    const word = words[i % words.length]!;
    parts.push(word);
    size += word.length + 1;
  }
  return `${parts.join(" ")}.\n`;
};

/** The document shapes, each with the upload fields it needs. */
const shapes: { name: string; text: string; fields?: Record<string, string> }[] = [
  { name: "title only", text: "# A Title Alone\n", fields: { format: "markdown" } },
  {
    name: "plain text without headings",
    text:
      "The first paragraph of a plain text, long enough to wrap across the column when it is shown.\n\n" +
      "The second paragraph says a little more about the matter at hand, and then a little more.\n\n" +
      "The third paragraph ends it.\n",
  },
  {
    name: "one paragraph",
    text: "Only one paragraph here, with no title and no headings, just a run of words that goes on for a while.\n",
  },
  { name: "a 4 MB paragraph", text: hugeParagraph() },
  { name: "a word longer than the column", text: `A Long Word\n\nSee ${"x".repeat(400)} for more.\n` },
  {
    name: "Markdown without headings",
    text:
      "# A Markdown Note\n\nSome *emphasis* and **strong** words in the first paragraph, which goes on a while.\n\n" +
      "A second paragraph with a [link](https://example.org) and then some more words after it.\n",
    fields: { format: "markdown" },
  },
  {
    name: "Markdown with headings",
    text:
      "# A Markdown Essay\n\n## First part\n\nSome *emphasis* here, in a paragraph that runs on a little.\n\n" +
      "## Second part\n\nMore **strong** words.\n",
    fields: { format: "markdown" },
  },
];

const widths = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

/** Where the text column is, how wide its blocks are, and how far the page reaches past the window's right edge. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const column = document.querySelector(".document")!.getBoundingClientRect();
    const blocks = [...document.querySelectorAll(".text")].slice(0, 6);
    return {
      left: Math.round(column.left),
      width: Math.round(column.width),
      narrowestBlock: Math.round(Math.min(...blocks.map((block) => block.getBoundingClientRect().width))),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });

describe.skipIf(!hasChromium && process.env.CI !== "true")("document shapes lay out like the essay", () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Browser;
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  const paths = new Map<string, string>();

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    room = await buildReadingRoom(server.base, essay);
    for (const shape of shapes) {
      const added = await addReadingRoom(server.base, room.owner, room.groupId, shape.text, shape.fields);
      paths.set(shape.name, added.readerPath);
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop(1_000);
  });

  const open = async (page: Page, readerPath: string) => {
    await page.goto(`${server.base}${readerPath}`);
    await page.locator(".text").first().waitFor({ state: "attached", timeout: 30_000 });
  };

  for (const viewport of widths) {
    it(`at ${viewport.width} px`, async () => {
      const context = await contextFor(browser, server.base, room.owner, viewport);
      const page = await context.newPage();
      await open(page, room.readerPath);
      const reference = await measure(page);
      expect(reference.overflow).toBe(0);
      expect(reference.narrowestBlock).toBeGreaterThan(viewport.width > 1000 ? 500 : 250);
      const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
      for (const shape of shapes) {
        await open(page, paths.get(shape.name)!);
        results[shape.name] = await measure(page);
        if (shape.name === "plain text without headings") {
          await page.screenshot({ path: path.join(shots, `no-headings-${viewport.width}.png`) });
        }
      }
      const expected = Object.fromEntries(
        shapes.map((shape) => [
          shape.name,
          { ...reference, narrowestBlock: results[shape.name]!.narrowestBlock },
        ]),
      );
      expect(results).toEqual(expected);
      // Every block is as wide as the column: no text squeezed into a sliver.
      for (const shape of shapes) expect(results[shape.name]!.narrowestBlock).toBe(reference.narrowestBlock);
      await context.close();
    }, 120_000);
  }

  it("a long link or word in a thread, a reply or a tag wraps inside the card at 1440 and 390 px", async () => {
    const link = `https://example.org/${"averyverylongpathsegment".repeat(20)}`;
    const body = `See ${link} and ${"x".repeat(300)}\n\n\`\`\`\n${"code".repeat(80)}\n\`\`\``;
    const paragraph = (await paragraphIds(server.base, room.owner, room))[3]!;
    const threadId = await postThread(server.base, room.owner, room.roomId, paragraph, body);
    await call(server.base, room.member, "POST", `/api/rooms/${room.roomId}/threads/${threadId}/comments`, {
      body: `Also ${link}`,
    });
    await call(server.base, room.owner, "PATCH", `/api/rooms/${room.roomId}/threads/${threadId}`, {
      tags: ["t".repeat(40)],
    });
    for (const viewport of widths) {
      const phone = viewport.width < 1000;
      const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone });
      const [name, value] = room.member.cookie.split("=") as [string, string];
      await context.addCookies([{ name, value, url: server.base }]);
      const page = await context.newPage();
      await page.goto(`${server.base}${room.readerPath}/threads/${threadId}`);
      const card = page.locator(`#thread-${threadId}.active`);
      await card.locator(".reply", { hasText: "Also" }).waitFor({ timeout: 15_000 });
      const sizes = await card.evaluate((element) => ({
        card: element.getBoundingClientRect().right,
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
      }));
      expect({ width: viewport.width, ...sizes }).toEqual({
        width: viewport.width,
        card: expect.toSatisfy((right: number) => right <= viewport.width) as unknown,
        page: viewport.width,
        window: viewport.width,
      });
      // Nothing in the card reaches past its edge; only the code block scrolls, inside it.
      const past = await card.evaluate((element) => {
        const edge = element.getBoundingClientRect().right;
        return [...element.querySelectorAll("*")]
          .filter((child) => !child.closest("pre") && child.getBoundingClientRect().right > edge + 1)
          .map((child) => child.outerHTML.slice(0, 80));
      });
      expect(past).toEqual([]);
      expect(await card.locator("pre").evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
      await page.screenshot({ path: path.join(shots, `long-words-${viewport.width}.png`) });
      await context.close();
    }
  }, 60_000);
});
