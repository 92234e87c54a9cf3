// Helpers for browser tests: the real server on a free port, Debian's chromium, and API-made users and rooms.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { pino } from "pino";
import { afterAll, beforeAll, inject } from "vitest";
import { parseEnv } from "../../server/config/env.ts";
import { startServer, type RunningServer } from "../../server/server.ts";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The essay most browser tests read (a PDF extraction with headings and footnote markers). */
export const essay = readFileSync(
  path.resolve("test/fixtures/communization-in-the-present-tense.txt"),
  "utf8",
);
/** Where browser tests save their screenshots (git ignores it). */
export const screenshotDir = path.resolve("test/e2e/screenshots");
export const hasChromium = existsSync(chromiumPath);

/** Launches Debian's chromium headless (playwright's own browser downloads are impossible here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The complete server (REST, sync sockets, built client) on a free port; PUBLIC_URL is its own address. */
export async function startE2eServer(
  databaseUrl = inject("databaseUrl"),
): Promise<RunningServer & { base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = parseEnv({
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    DATA_DIR: await mkdtemp(path.join(tmpdir(), "scholia-e2e-")),
    PUBLIC_URL: base,
    DEMO: "off",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "silent",
  });
  const running = await startServer(config, pino({ level: process.env.E2E_LOG_LEVEL ?? "silent" }));
  return { ...running, base };
}

/** A signed-up user with the session cookie, for API calls and for browser contexts. */
export interface E2eUser {
  id: string;
  displayName: string;
  email: string;
  cookie: string;
}

let counter = 0;

/** Calls the API as a user (Node's fetch sends no Origin, like a same-origin client). */
export async function call<T>(
  base: string,
  user: E2eUser | null,
  method: string,
  url: string,
  body?: unknown,
) {
  const isText = typeof body === "string";
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(user ? { cookie: user.cookie } : {}),
      // Mutations of rooms need one; elsewhere it is ignored.
      ...(method === "GET" ? {} : { "idempotency-key": crypto.randomUUID() }),
      ...(body === undefined ? {} : { "content-type": isText ? "text/plain" : "application/json" }),
    },
    ...(body === undefined ? {} : { body: isText ? body : JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function signUpUser(base: string, displayName: string): Promise<E2eUser> {
  counter += 1;
  const email = `e2e-${Date.now().toString(36)}-${counter}@example.org`;
  const response = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "a long enough password", displayName }),
  });
  if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]!.split(";")[0]!;
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, displayName, email, cookie };
}

/** Signs up `displayName` and has them join the group with `role` through an invite from `owner`. */
export async function joinAs(
  base: string,
  owner: E2eUser,
  groupId: string,
  role: string,
  displayName: string,
) {
  const user = await signUpUser(base, displayName);
  const { invite } = await call<{ invite: { token: string } }>(
    base,
    owner,
    "POST",
    `/api/groups/${groupId}/invites`,
    { role },
  );
  await call(base, user, "POST", `/api/invites/${invite.token}/accept`);
  return user;
}

/** An owner and a member in one group reading `text` in a room. */
export async function buildReadingRoom(base: string, text: string) {
  const owner = await signUpUser(base, "Ada Owner");
  const member = await signUpUser(base, "Ben Member");
  const { group } = await call<{ group: { id: string } }>(base, owner, "POST", "/api/groups", {
    name: "Thursday readers",
  });
  const { invite } = await call<{ invite: { token: string; url: string } }>(
    base,
    owner,
    "POST",
    `/api/groups/${group.id}/invites`,
    { role: "member" },
  );
  await call(base, member, "POST", `/api/invites/${invite.token}/accept`);
  const { roomId, readerPath } = await addReadingRoom(base, owner, group.id, text);
  return { owner, member, groupId: group.id, roomId, readerPath };
}

/**
 * Uploads `text` to the group as a new document (with upload `fields` such as `format` or `title` in the query) and
 * opens a room on it; returns the room and the reader's path.
 */
export async function addReadingRoom(
  base: string,
  owner: E2eUser,
  groupId: string,
  text: string,
  fields: Record<string, string> = {},
) {
  const query = new URLSearchParams({ groupId, ...fields });
  const upload = await call<{ document: { id: string } }>(
    base,
    owner,
    "POST",
    `/api/documents?${query}`,
    text,
  );
  const { room } = await call<{ room: { id: string } }>(base, owner, "POST", `/api/groups/${groupId}/rooms`, {
    documentId: upload.document.id,
  });
  return { roomId: room.id, readerPath: `/groups/${groupId}/rooms/${room.id}` };
}

/** The anchor ids of the paragraphs of a room's text (the room's version), in reading order. */
/** The paragraphs of the room's current version, in reading order. */
export async function paragraphs(base: string, user: E2eUser, room: { groupId: string; roomId: string }) {
  const { rooms } = await call<{ rooms: { id: string; version: number; document: { id: string } }[] }>(
    base,
    user,
    "GET",
    `/api/groups/${room.groupId}/rooms`,
  );
  const { document, version: number } = rooms.find((candidate) => candidate.id === room.roomId)!;
  const { version } = await call<{ version: { blocks: { kind: string; anchorId: string; text: string }[] } }>(
    base,
    user,
    "GET",
    `/api/documents/${document.id}/versions/${number}`,
  );
  return version.blocks.filter((block) => block.kind === "paragraph");
}

export async function paragraphIds(base: string, user: E2eUser, room: { groupId: string; roomId: string }) {
  return (await paragraphs(base, user, room)).map((block) => block.anchorId);
}

/** Starts a thread on a whole block as `user`, through the API; returns its id. */
export async function postThread(base: string, user: E2eUser, roomId: string, blockId: string, body: string) {
  const { thread } = await call<{ thread: { id: string } }>(
    base,
    user,
    "POST",
    `/api/rooms/${roomId}/threads`,
    {
      anchor: { blockId },
      body,
      tags: [],
    },
  );
  return thread.id;
}

/** A browser context signed in as `user`. */
export async function contextFor(
  browser: Browser,
  base: string,
  user: E2eUser,
  viewport = { width: 1440, height: 900 },
  /** A touch screen: no hover (CSS `hover: none`), taps. */
  touch = false,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, hasTouch: touch });
  const [name, value] = user.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  return context;
}

/** Selects `phrase` inside the first block containing it, as a reader dragging over it would, and releases. */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  await page.evaluate((wanted) => {
    const blocks = [...document.querySelectorAll("[data-block-id]")];
    const block = blocks.find((element) => element.textContent?.includes(wanted));
    if (!block) throw new Error(`no block contains ${wanted}`);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const full = nodes.map((node) => node.data).join("");
    const start = full.indexOf(wanted);
    const end = start + wanted.length;
    const range = document.createRange();
    let seen = 0;
    for (const node of nodes) {
      const next = seen + node.data.length;
      if (start >= seen && start < next) range.setStart(node, start - seen);
      if (end > seen && end <= next) range.setEnd(node, end - seen);
      seen = next;
    }
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    block.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  }, phrase);
}

/** Runs axe-core in the page (or only inside the element `within` selects); returns the serious and critical violations. */
export async function seriousViolations(page: Page, within?: string) {
  const source = readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const results = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: Document | Element) => Promise<unknown> } })
      .axe;
    const context = selector ? document.querySelector(selector)! : document;
    return (await axe.run(context)) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
  }, within);
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    }));
}

/** What `setUpBrowserSuite` starts; read it inside hooks and tests, once it has started. */
export interface BrowserSuite {
  server: RunningServer & { base: string };
  browser: Browser;
}

/**
 * Starts the server and chromium before the suite's tests (and makes the screenshot folder), and stops both after.
 * Call it at the top of a describe block; hooks registered after it see both started.
 */
export function setUpBrowserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    await mkdir(screenshotDir, { recursive: true });
    [suite.server, suite.browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop(1_000);
  });
  return suite;
}

/** Opens the reader at `readerPath` (a room's, maybe with a thread) and waits until it is live. */
export async function openReader(page: Page, base: string, readerPath: string): Promise<void> {
  await page.goto(`${base}${readerPath}`);
  await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
}

/**
 * Whether anything in `root` is wider than its box and scrolls, or the page is wider than the window: what a reader
 * would have to scroll sideways to see. Words for screen readers only (.sr-only, clipped to one pixel) do not count.
 */
export function overflowsSideways(root: Locator): Promise<boolean> {
  return root.evaluate(
    (element) =>
      [element, ...element.querySelectorAll("*")].some(
        (child) =>
          !child.classList.contains("sr-only") &&
          child.scrollWidth > child.clientWidth + 1 &&
          getComputedStyle(child).overflowX !== "visible",
      ) || document.documentElement.scrollWidth > window.innerWidth,
  );
}
