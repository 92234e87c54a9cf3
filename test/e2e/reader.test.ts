// The reader in a real browser: two readers annotate, reply, resolve and work offline; HTML in bodies stays text;
// margin cards sit beside their paragraphs; keys follow reading order and act on the focused thread; on a phone the
// text is one column and the sheet sits at the bottom; screenshots; axe-core finds no serious or critical problem.
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc } from "../../shared/room-doc.ts";
import { waitFor } from "../helpers/processes.ts";
import {
  addReadingRoom,
  buildReadingRoom,
  call,
  contextFor,
  hasChromium,
  launchBrowser,
  paragraphIds,
  selectPhrase,
  seriousViolations,
  signUpUser,
  startE2eServer,
} from "./browser.ts";

/** How many threads the replica y-indexeddb keeps for the room in `page` holds (0 before it wrote anything). */
async function storedReplicaThreads(page: Page, roomId: string): Promise<number> {
  const updates = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error as Error);
    });
    try {
      if (!db.objectStoreNames.contains("updates")) return [];
      const all = db.transaction("updates").objectStore("updates").getAll();
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error as Error);
      });
      return rows.map((row) => [...(row as Uint8Array)]);
    } finally {
      db.close();
    }
  }, `scholia-room-${roomId}`);
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, new Uint8Array(update));
  return new RoomDoc(doc).threads.size;
}

const essay = readFileSync(path.resolve("test/fixtures/communization-in-the-present-tense.txt"), "utf8");
const shots = path.resolve("test/e2e/screenshots");

// Where chromium is missing the browser tests are skipped locally; under CI they must run, so they fail instead.
describe.skipIf(!hasChromium && process.env.CI !== "true")("the reader in chromium", () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Browser;
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  /** A second room on the essay whose threads sit deep in the text and were started out of reading order. */
  let deep: { readerPath: string; threadIds: string[] };

  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    room = await buildReadingRoom(server.base, essay);
    // Two threads from the start, so each test can stand alone: one on a passage (a highlight), one on a paragraph.
    const paragraphs = await paragraphIds(server.base, room.owner, room);
    for (const index of [1, 2]) {
      const passage = index === 1 ? { start: 0, end: 12 } : {};
      await call(server.base, room.member, "POST", `/api/rooms/${room.roomId}/threads`, {
        anchor: { blockId: paragraphs[index + 3]!, ...passage },
        body: `Seeded thread ${index}`,
        tags: ["seeded"],
      });
    }
    deep = await seedDeepRoom();
  }, 120_000);

  /**
   * Opens a room on the essay where the member started threads deep in the text, out of reading order; returns its
   * address and the thread ids in reading order (by paragraph, whole-paragraph threads before passages).
   */
  async function seedDeepRoom() {
    const added = await addReadingRoom(server.base, room.owner, room.groupId, essay);
    const blocks = await paragraphIds(server.base, room.owner, {
      groupId: room.groupId,
      roomId: added.roomId,
    });
    // Paragraph (from 0), passage, and place in reading order, in the order they are started.
    const seeds = [
      { paragraph: 40, passage: {}, order: 4 },
      { paragraph: 27, passage: { start: 20, end: 40 }, order: 1 },
      { paragraph: 30, passage: {}, order: 3 },
      { paragraph: 27, passage: {}, order: 0 },
      { paragraph: 28, passage: {}, order: 2 },
    ];
    const threadIds: string[] = [];
    for (const [started, seed] of seeds.entries()) {
      const { thread } = await call<{ thread: { id: string } }>(
        server.base,
        room.member,
        "POST",
        `/api/rooms/${added.roomId}/threads`,
        {
          anchor: { blockId: blocks[seed.paragraph]!, ...seed.passage },
          body: `On paragraph ${seed.paragraph + 1}, started ${started + 1}`,
          tags: [],
        },
      );
      threadIds[seed.order] = thread.id;
    }
    return { readerPath: added.readerPath, threadIds };
  }

  afterAll(async () => {
    await browser?.close();
    await server?.stop(1_000);
  });

  const open = async (page: Page, readerPath = room.readerPath) => {
    await page.goto(`${server.base}${readerPath}`);
    await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
  };

  it("two readers: annotate, see it live, reply, resolve, reply offline once; HTML bodies run nothing", async () => {
    const contextA = await contextFor(browser, server.base, room.owner);
    const contextB = await contextFor(browser, server.base, room.member);
    const [pageA, pageB] = await Promise.all([contextA.newPage(), contextB.newPage()]);
    const dialogs: string[] = [];
    for (const page of [pageA, pageB]) {
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
    await Promise.all([open(pageA), open(pageB)]);

    // A selects a passage and annotates it.
    await selectPhrase(pageA, "the abolition of the state");
    await pageA.getByRole("button", { name: /Annotate/ }).click();
    await pageA
      .getByRole("textbox", { name: "Comment on the selected passage" })
      .fill("Is abolition a *measure* here?");
    // Timed in the pages, from A's click to the moment B's page holds both, on the machine's one clock: what
    // Playwright adds (its round trips and polling, slow on a loaded machine) is not the reader's wait.
    await pageA.evaluate(() => {
      const timed = window as unknown as { sentAt?: number };
      document.addEventListener("click", () => (timed.sentAt ??= Date.now()), { capture: true });
    });
    await pageB.evaluate(() => {
      const timed = window as unknown as { seenAt?: number };
      const within = (selector: string, text: string) =>
        [...document.querySelectorAll(selector)].some((element) =>
          element.textContent?.replace(/\s+/g, " ").includes(text),
        );
      const look = () => {
        if (timed.seenAt !== undefined) return;
        if (
          within("mark.hl", "the abolition of the state") &&
          within(".thread-card", "Is abolition a measure here?")
        )
          timed.seenAt = Date.now();
      };
      new MutationObserver(look).observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      look();
    });
    await pageA.getByRole("button", { name: "Comment", exact: true }).click();

    // B sees the highlight and the thread within a second, without reloading.
    const cardB = pageB.locator(".thread-card", { hasText: "Is abolition a measure here?" });
    await pageB.locator("mark.hl", { hasText: "the abolition of the state" }).waitFor({ timeout: 10_000 });
    await cardB.waitFor({ timeout: 10_000 });
    const sentAt = await pageA.evaluate(() => (window as unknown as { sentAt?: number }).sentAt);
    const seenAt = await pageB.evaluate(() => (window as unknown as { seenAt?: number }).seenAt);
    expect(sentAt).toBeDefined();
    expect(seenAt).toBeDefined();
    expect(seenAt! - sentAt!).toBeLessThan(1_500);
    expect(await cardB.locator("em").textContent()).toBe("measure");

    // B replies; A sees the reply.
    await cardB.getByRole("button", { name: "Ada Owner" }).click();
    await cardB.getByRole("button", { name: "Reply", exact: true }).click();
    await cardB.getByRole("textbox", { name: "Reply to Ada Owner" }).fill("Yes: measures, not a programme.");
    await cardB.getByRole("button", { name: "Reply", exact: true }).last().click();
    const cardA = pageA.locator(".thread-card", { hasText: "Is abolition a measure here?" });
    await cardA.locator(".reply", { hasText: "measures, not a programme" }).waitFor({ timeout: 5_000 });

    // A resolves; B sees it resolved.
    await cardA.getByRole("button", { name: "Resolve" }).click();
    await cardB.locator(".badge", { hasText: "Resolved" }).waitFor({ timeout: 5_000 });

    // B goes offline, replies, comes back: the reply arrives once.
    await contextB.setOffline(true);
    await cardB.getByRole("button", { name: "Reply", exact: true }).first().click();
    await cardB.getByRole("textbox", { name: "Reply to Ada Owner" }).fill("Written in a tunnel.");
    await cardB.getByRole("button", { name: "Reply", exact: true }).last().click();
    await cardB.locator(".reply", { hasText: "Written in a tunnel." }).waitFor({ timeout: 10_000 });
    await pageB.locator(".conn", { hasText: /waiting/ }).waitFor({ timeout: 10_000 });
    await contextB.setOffline(false);
    await cardA.locator(".reply", { hasText: "Written in a tunnel." }).waitFor({ timeout: 30_000 });
    await pageB.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
    // B's queue has drained; the server, which holds every reply either reader will ever see, has it once.
    await cardB.locator(".reply .pending-badge").first().waitFor({ state: "detached", timeout: 15_000 });
    const listed = await call<{ threads: { comments: { body: string }[] }[] }>(
      server.base,
      room.owner,
      "GET",
      `/api/rooms/${room.roomId}/threads?include=comments`,
    );
    const stored = listed.threads
      .flatMap((thread) => thread.comments)
      .filter((c) => c.body === "Written in a tunnel.");
    expect(stored).toHaveLength(1);
    expect(await cardA.locator(".reply", { hasText: "Written in a tunnel." }).count()).toBe(1);
    expect(await cardB.locator(".reply", { hasText: "Written in a tunnel." }).count()).toBe(1);
    expect(await cardB.locator(".reply .pending-badge").count()).toBe(0);

    // A body with HTML shows as text and runs nothing.
    const hostile = `<img src=x onerror=alert(1)> <img src=x onerror="window.__pwned=1"> [x](javascript:alert(2))`;
    await pageA.getByRole("button", { name: "Comment on paragraph 2", exact: true }).click();
    await pageA.getByRole("textbox", { name: "Comment on this paragraph" }).fill(hostile);
    await pageA.getByRole("button", { name: "Comment", exact: true }).click();
    const hostileCard = pageB.locator(".thread-card", { hasText: "<img src=x onerror=alert(1)>" });
    await hostileCard.waitFor({ timeout: 5_000 });
    // No element that could run anything exists, so nothing can have run later either: no wait needed.
    expect(await hostileCard.locator("img, script, a[href^='javascript']").count()).toBe(0);
    expect(await pageB.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // Screenshots of the reader with discussion, at desktop width.
    await pageB.evaluate(() => window.scrollTo(0, 0));
    await pageB.screenshot({ path: path.join(shots, "reader-desktop.png") });
    await contextA.close();
    await contextB.close();
  }, 90_000);

  it("instructor-only threads: the owner writes one; a member never receives it", async () => {
    const ownerContext = await contextFor(browser, server.base, room.owner);
    const memberContext = await contextFor(browser, server.base, room.member);
    const [ownerPage, memberPage] = await Promise.all([ownerContext.newPage(), memberContext.newPage()]);
    await Promise.all([open(ownerPage), open(memberPage)]);
    const post = async (text: string, instructorsOnly: boolean) => {
      await ownerPage.getByRole("button", { name: "Comment on paragraph 6", exact: true }).click();
      await ownerPage.getByRole("textbox", { name: "Comment on this paragraph" }).fill(text);
      if (instructorsOnly) await ownerPage.getByLabel("Only instructors and owners see this").check();
      await ownerPage.getByRole("button", { name: "Comment", exact: true }).click();
      const card = ownerPage.locator(".thread-card", { hasText: text });
      await card.locator(".pending-badge").waitFor({ state: "detached", timeout: 10_000 });
      return card;
    };
    const staffCard = await post("A note for the teaching team.", true);
    expect(await staffCard.locator(".staff-badge").textContent()).toBe("Instructors only");
    await post("A question for everyone.", false);
    await memberPage
      .locator(".thread-card", { hasText: "A question for everyone." })
      .waitFor({ timeout: 5_000 });
    expect(await memberPage.locator(".thread-card", { hasText: "teaching team" }).count()).toBe(0);
    await ownerContext.close();
    await memberContext.close();
  }, 60_000);

  it("phone width: one column of text across the screen; the discussion in a sheet at the bottom, on top", async () => {
    const context = await contextFor(browser, server.base, room.member, { width: 390, height: 844 }, true);
    const page = await context.newPage();
    await open(page);
    await page.locator(".para-marker").first().waitFor();
    // No hover on a touch screen: each paragraph's comment and note buttons show (faintly) without it.
    const tools = await page
      .locator(".row-paragraph .para-tools .tool")
      .evaluateAll((buttons) =>
        buttons.slice(0, 6).map((button) => Number(getComputedStyle(button).opacity)),
      );
    expect(tools.length).toBe(6);
    expect(Math.min(...tools)).toBeGreaterThan(0.3);
    // Faint is for the tools that mark nothing: the one saying the paragraph has a private note shows in full.
    const noted = await page
      .locator(".row-paragraph .para-tools .note-tool")
      .first()
      .evaluate((tool) => {
        tool.classList.add("has-note");
        tool.style.transition = "none";
        const opacity = Number(getComputedStyle(tool).opacity);
        tool.classList.remove("has-note");
        tool.style.transition = "";
        return opacity;
      });
    expect(noted).toBe(1);
    // One column: no margin, every paragraph inside the screen, starting at the same left and as wide as the
    // screen less its gutters, and nothing to scroll sideways.
    const column = await page.evaluate(() => {
      const paragraphs = [...document.querySelectorAll(".text.paragraph")]
        .slice(0, 8)
        .map((paragraph) => paragraph.getBoundingClientRect());
      return {
        margins: document.querySelectorAll(".margin, .margin-cell").length,
        lefts: [...new Set(paragraphs.map((box) => Math.round(box.left)))].length,
        inside: paragraphs.every((box) => box.left >= 0 && box.right <= window.innerWidth),
        wide: paragraphs.every((box) => box.width > window.innerWidth * 0.75),
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    expect(column).toEqual({ margins: 0, lefts: 1, inside: true, wide: true, sideways: 0 });
    await page.screenshot({ path: path.join(shots, "reader-phone.png") });
    await page.locator(".para-marker").first().click();
    const sheet = page.getByRole("dialog");
    await sheet.locator(".thread-card").first().waitFor();
    // The sheet spans the screen's width and rests on its bottom edge, and it is what a tap there reaches.
    const placed = () =>
      page.evaluate(() => {
        const dialogs = document.querySelectorAll("[role=dialog]");
        const box = dialogs[0]!.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, (box.top + box.bottom) / 2);
        return {
          dialogs: dialogs.length,
          left: Math.round(box.left),
          width: Math.round(box.width),
          bottom: Math.round(box.bottom),
          onTop: dialogs[0]!.contains(hit),
          visible: box.height > 0 && box.top < window.innerHeight,
        };
      });
    await expect
      .poll(placed, { timeout: 5_000 })
      .toEqual({ dialogs: 1, left: 0, width: 390, bottom: 844, onTop: true, visible: true });
    await page.screenshot({ path: path.join(shots, "reader-phone-sheet.png") });
    await page.keyboard.press("Escape");
    expect(await page.getByRole("dialog").count()).toBe(0);

    // No room for the contents column: "Contents", behind More, lists the headings; choosing one brings it up under
    // the bars (the filters take two rows here), and the dialog then marks it as the section being read. Tapped where they are: a locator's click
    // would first scroll the sticky bar's buttons "into view", moving the page.
    const tap = async (name: string) => {
      const box = (await page.getByRole("button", { name }).boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    await tap("More");
    await tap("Contents");
    const links = page.getByRole("dialog", { name: "Contents" }).getByRole("link");
    const headings = await links.count();
    expect(headings).toBeGreaterThan(2);
    const chosen = links.nth(headings - 1);
    const [name, href] = [await chosen.textContent(), await chosen.getAttribute("href")];
    await chosen.click();
    expect(await page.getByRole("dialog").count()).toBe(0);
    const underBar = () =>
      page.evaluate((rowId) => {
        const bar = document.querySelector(".filters")!.getBoundingClientRect().bottom;
        const top = document.getElementById(rowId)!.getBoundingClientRect().top;
        return top >= bar && top < bar + 120;
      }, href!.slice(1));
    await expect.poll(underBar, { timeout: 5_000 }).toBe(true);
    await tap("More");
    await tap("Contents");
    const current = page.getByRole("dialog", { name: "Contents" }).locator("a[aria-current=location]");
    expect(await current.textContent()).toBe(name);
    await context.close();
  }, 60_000);

  it("offline: a reader reopens the room without a network and reads the cached text and threads", async () => {
    const context = await contextFor(browser, server.base, room.member);
    const page = await context.newPage();
    await open(page);
    await page.locator(".thread-card").first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 15_000,
    });
    const threads = await page.locator(".thread-card").count();
    await waitFor(
      async () => ((await storedReplicaThreads(page, room.roomId)) >= threads ? true : undefined),
      10_000,
      "y-indexeddb to hold every thread of the replica",
    );
    // With the browser's HTTP cache emptied, the offline reopen rests on what the service worker kept alone.
    const devtools = await context.newCDPSession(page);
    await devtools.send("Network.clearBrowserCache");
    await devtools.detach();
    await context.setOffline(true);
    await page.reload();
    await page.locator(".conn", { hasText: "Offline" }).waitFor({ timeout: 10_000 });
    await page.locator(".text.paragraph").first().waitFor();
    await page.locator(".thread-card").first().waitFor({ timeout: 10_000 });
    expect(await page.locator(".thread-card").count()).toBe(threads);
    expect(await page.locator("mark.hl").count()).toBeGreaterThan(0);
    await context.close();
  }, 60_000);

  it("margin at 1440 px: deep in the text, each card sits beside its paragraph, or 10 px below the card above", async () => {
    const context = await contextFor(browser, server.base, room.owner);
    const page = await context.newPage();
    await open(page, deep.readerPath);
    await page.locator(`#thread-${deep.threadIds[4]}`).waitFor();
    // The contents have their column here: no "Contents" button in the bar.
    expect(await page.getByRole("button", { name: "Contents" }).count()).toBe(0);
    /**
     * Each group of cards by paragraph number: whether the layout's rule stacks it (its place is 10 px below the
     * group above rather than its paragraph's top, where that group reaches lower) and how far its first card is
     * from that place (0 within 3 px).
     */
    const placement = () =>
      page.evaluate(() => {
        let above = -Infinity;
        return [...document.querySelectorAll<HTMLElement>(".margin-cell")].map((cell) => {
          const row = document.getElementById(`p-${cell.dataset.marginFor}`)!;
          const rowTop = row.getBoundingClientRect().top;
          const cardTop = cell.querySelector(".thread-card")!.getBoundingClientRect().top;
          const expected = Math.max(rowTop, above + 10);
          above = cell.getBoundingClientRect().bottom;
          return {
            paragraph: row.querySelector(".pnum")!.textContent,
            stacked: expected > rowTop,
            off: Math.abs(cardTop - expected) <= 3 ? 0 : Math.round(cardTop - expected),
          };
        });
      });
    // Paragraph 28 is short: its two cards reach past paragraph 29's top, so 29's card goes below them.
    for (const paragraph of [28, 41]) {
      await page
        .locator(".row-paragraph", { has: page.locator(".pnum", { hasText: new RegExp(`^${paragraph}$`) }) })
        .evaluate((row) => row.scrollIntoView({ block: "center" }));
      // Cards glide to their places: poll until they settle there.
      await expect.poll(placement, { timeout: 5_000 }).toEqual([
        { paragraph: "28", stacked: false, off: 0 },
        { paragraph: "29", stacked: true, off: 0 },
        { paragraph: "31", stacked: false, off: 0 },
        { paragraph: "41", stacked: false, off: 0 },
      ]);
    }
    await context.close();
  }, 60_000);

  it("keyboard: j and k follow reading order, rapid presses included; r and x act on the focused thread", async () => {
    const context = await contextFor(browser, server.base, room.member);
    const page = await context.newPage();
    await open(page, deep.readerPath);
    const order = deep.threadIds;
    await page.locator(`#thread-${order[4]}`).waitFor();
    /** The thread whose card (or something inside it) has focus. */
    const focused = () =>
      page.evaluate(() =>
        document.activeElement?.closest("[data-thread-id]")?.getAttribute("data-thread-id"),
      );
    // Focus moves once the key's render is done: wait for it rather than read it the instant the key is up.
    const expectFocusOn = (threadId: string) => expect.poll(focused, { timeout: 5_000 }).toBe(threadId);

    await page.keyboard.press("j");
    await expectFocusOn(order[0]!);
    // Pressed back to back, each key moves on from where the one before left focus, even on a slow machine (a
    // slowed-down CPU makes the reader's renders lag behind the keys, as on a busy CI runner).
    const devtools = await context.newCDPSession(page);
    await devtools.send("Emulation.setCPUThrottlingRate", { rate: 6 });
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await expectFocusOn(order[3]!);
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    await expectFocusOn(order[1]!);
    await devtools.send("Emulation.setCPUThrottlingRate", { rate: 1 });

    // x resolves the focused thread (the member's own) and no other.
    await page.keyboard.press("x");
    const resolved = page.locator(".thread-card", { has: page.locator(".badge", { hasText: "Resolved" }) });
    await expect
      .poll(() => resolved.evaluateAll((cards) => cards.map((card) => card.id)), { timeout: 5_000 })
      .toEqual([`thread-${order[1]}`]);

    // r opens the reply box of the focused thread, and only that one, with the focus in it.
    await page.keyboard.press("j");
    await expectFocusOn(order[2]!);
    await page.keyboard.press("r");
    const replyBoxes = page.getByRole("textbox", { name: "Reply to Ben Member" });
    await expect
      .poll(
        () =>
          replyBoxes.evaluateAll((boxes) =>
            boxes.map((box) => ({
              thread: box.closest("[data-thread-id]")?.getAttribute("data-thread-id"),
              focused: box === document.activeElement,
            })),
          ),
        { timeout: 5_000 },
      )
      .toEqual([{ thread: order[2], focused: true }]);
    await context.close();
  }, 60_000);

  it("library: create a group, upload a text and read its import report, invite someone who accepts", async () => {
    const owner = await signUpUser(server.base, "Cleo Convenor");
    const guest = await signUpUser(server.base, "Dan Guest");
    const context = await contextFor(browser, server.base, owner);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.base });
    const page = await context.newPage();
    await page.goto(server.base);
    await page.getByRole("textbox", { name: "New group" }).fill("Sunday seminar");
    await page.getByRole("button", { name: "Create group" }).click();
    const group = page.getByRole("region", { name: "Sunday seminar" });
    await group.waitFor();
    await group.getByRole("button", { name: "Add a text" }).click();
    const panel = page.getByRole("region", { name: "Add a text" });
    await panel.locator("input[type=file]").setInputFiles({
      name: "short.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("A Short Text\n\nThe first paragraph.\n\nThe second para-\ngraph, hyphenated.\n"),
    });
    // Choosing a file may preview it at once; otherwise the Preview button does.
    const report = panel.getByText(/Rejoined hyphenated words: 1/);
    if (!(await report.isVisible())) {
      const previewButton = panel.getByRole("button", { name: "Preview" });
      if (await previewButton.isVisible()) await previewButton.click();
    }
    await report.waitFor({ timeout: 15_000 });
    await panel.getByRole("button", { name: "Publish" }).click();
    await page.waitForURL(/\/groups\/[^/]+\/rooms\/[^/]+$/u);
    await page.goto(server.base);
    await group.getByRole("link", { name: /A Short Text/ }).waitFor();
    await group.getByText("1 member", { exact: true }).click();
    await group.locator(".members li", { hasText: "Cleo Convenor" }).waitFor();
    await group.getByRole("button", { name: "New member invite link" }).click();
    const link = await group.getByRole("textbox", { name: "Invite link" }).inputValue();
    expect(link).toMatch(new RegExp(`^${server.base}/invite/`));

    const guestContext = await contextFor(browser, server.base, guest);
    const guestPage = await guestContext.newPage();
    await guestPage.goto(link);
    // The invitation names the group and the role before anyone joins.
    await guestPage.getByRole("heading", { name: "Join Sunday seminar?" }).waitFor({ timeout: 5_000 });
    expect(await guestPage.locator("main").innerText()).toContain("as a member");
    await guestPage.getByRole("button", { name: "Join Sunday seminar" }).click();
    await guestPage
      .getByText("You have joined Sunday seminar as a member.")
      .waitFor({ timeout: 5_000 })
      .catch(async (error: unknown) => {
        throw new Error(await guestPage.locator("body").innerText(), { cause: error });
      });
    await guestPage.getByRole("button", { name: "Go to the library" }).click();
    await guestPage
      .getByRole("region", { name: "Sunday seminar" })
      .getByRole("link", { name: /A Short Text/ })
      .click();
    await guestPage.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });

    // A private note is the reader's own: saved to their notes document and back after a reload.
    await guestPage.getByRole("button", { name: "Add a private note on paragraph 1" }).click();
    await guestPage.getByRole("textbox", { name: "Private note" }).fill("Ask about the hyphen.");
    await guestPage.getByRole("button", { name: "Save note" }).click();
    await guestPage.reload();
    await guestPage
      .getByRole("complementary", { name: "Private note" })
      .getByText("Ask about the hyphen.")
      .waitFor({
        timeout: 10_000,
      });
    await context.close();
    await guestContext.close();
  }, 60_000);

  it("axe-core: no serious or critical violation on sign-in, the library and the reader", async () => {
    const anonymous = await browser.newContext();
    const signIn = await anonymous.newPage();
    await signIn.goto(server.base);
    await signIn.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await seriousViolations(signIn)).toEqual([]);
    await anonymous.close();

    const context = await contextFor(browser, server.base, room.owner);
    const page = await context.newPage();
    await page.goto(server.base);
    await page.getByRole("heading", { name: "Library" }).waitFor();
    await page.locator(".rooms a").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, "library.png") });
    await open(page);
    await page.locator(".thread-card").first().waitFor();
    await page.locator(".thread-card .thread-open").first().click();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
