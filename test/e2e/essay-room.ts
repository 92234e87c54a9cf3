// Helpers for browser tests on a room reading the essay: the suite's server, browser and room; opening a thread by
// its address; starting a thread and writing a reply; and what the server stored.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll } from "vitest";
import {
  buildReadingRoom,
  call,
  paragraphIds,
  postThread,
  setUpBrowserSuite,
  type BrowserSuite,
} from "./browser.ts";

const essay = readFileSync(path.resolve("test/fixtures/communization-in-the-present-tense.txt"), "utf8");

/** What a suite of tests shares: filled in before its first test. */
export interface EssayRoom extends BrowserSuite {
  room: Awaited<ReturnType<typeof buildReadingRoom>>;
  /** The anchor ids of the essay's paragraphs, in reading order. */
  paragraphs: string[];
}

/** Registers the hooks that start a server, a browser and an owner's and a member's room on the essay, and end them. */
export function useEssayRoom(): EssayRoom {
  const suite = setUpBrowserSuite() as EssayRoom;
  beforeAll(async () => {
    suite.room = await buildReadingRoom(suite.server.base, essay);
    suite.paragraphs = await paragraphIds(suite.server.base, suite.room.owner, suite.room);
  }, 120_000);
  return suite;
}

/** Opens thread `threadId` of the suite's room by its address; resolves, with its open card, once live. */
export async function openThread(page: Page, suite: EssayRoom, threadId: string): Promise<Locator> {
  await page.goto(`${suite.server.base}${suite.room.readerPath}/threads/${threadId}`);
  await page.locator(".conn", { hasText: "Live" }).waitFor({ timeout: 15_000 });
  const card = page.locator(`#thread-${threadId}.active`);
  await card.waitFor({ timeout: 10_000 });
  return card;
}

/** Writes `text` as a reply to the thread of the open `card`, whose author is `authorName`, and sends it. */
export async function replyIn(card: Locator, authorName: string, text: string): Promise<void> {
  await card.getByRole("button", { name: "Reply", exact: true }).first().click();
  await card.getByRole("textbox", { name: `Reply to ${authorName}` }).fill(text);
  await card.getByRole("button", { name: "Reply", exact: true }).last().click();
}

/** Starts a thread on paragraph `index` (from 0) through the API, by the owner or the member; returns its id. */
export function startThread(suite: EssayRoom, index: number, body: string, by: "owner" | "member" = "owner") {
  const { server, room, paragraphs } = suite;
  return postThread(server.base, room[by], room.roomId, paragraphs[index]!, body);
}

/** The bodies of thread `threadId`'s replies as the server stores them, in order. */
export async function storedReplies(suite: EssayRoom, threadId: string) {
  const { threads } = await call<{ threads: { id: string; comments: { body: string }[] }[] }>(
    suite.server.base,
    suite.room.owner,
    "GET",
    `/api/rooms/${suite.room.roomId}/threads?include=comments`,
  );
  return threads.find((thread) => thread.id === threadId)?.comments.map((comment) => comment.body) ?? [];
}
