// Helpers for browser tests about replies: writing one through an open thread card, and reading what the server
// stored.
import type { Locator } from "playwright-core";
import { call, type E2eUser } from "./browser.ts";

/** Writes `text` as a reply to the thread of the open `card`, whose author is `authorName`, and sends it. */
export async function replyIn(card: Locator, authorName: string, text: string): Promise<void> {
  await card.getByRole("button", { name: "Reply", exact: true }).first().click();
  await card.getByRole("textbox", { name: `Reply to ${authorName}` }).fill(text);
  await card.getByRole("button", { name: "Reply", exact: true }).last().click();
}

/** The bodies of thread `threadId`'s replies as the server stores them, in order. */
export async function storedReplies(base: string, user: E2eUser, roomId: string, threadId: string) {
  const { threads } = await call<{ threads: { id: string; comments: { body: string }[] }[] }>(
    base,
    user,
    "GET",
    `/api/rooms/${roomId}/threads?include=comments`,
  );
  return threads.find((thread) => thread.id === threadId)?.comments.map((comment) => comment.body) ?? [];
}
