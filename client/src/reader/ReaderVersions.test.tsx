// Text versions in the reader, in-process (the real RoomClient against a stand-in sync server and REST API): the
// text following the room to a new version in place, detached threads and re-attaching one by hand, and a queued
// thread that carries its version and keeps its words when the server refuses it.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { quoteSelection } from "../../../shared/anchoring/quote-context.ts";
import { RoomDoc, type ThreadRecord } from "../../../shared/room-doc.ts";
import type { FakeRequest, FakeRoute } from "../testing/fake-api.ts";
import { FakeSyncServer } from "../testing/fake-sync-server.ts";
import {
  ada,
  block,
  blocks,
  bobId,
  documentId,
  groupId,
  roomId,
  putThread,
  textRoutes,
  windowIsNarrow,
} from "../testing/reader-room.ts";
import { Reader } from "./Reader.tsx";

let room: RoomDoc;
beforeEach(() => {
  windowIsNarrow(false);
  room = new RoomDoc(new FakeSyncServer().install().doc(`/yjs/rooms/${roomId}`));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const put = (overrides: Partial<ThreadRecord>) => putThread(room, overrides);
const renderReader = () =>
  render(<Reader groupId={groupId} roomId={roomId} threadId={null} user={ada} navigate={vi.fn()} />);

/** Version 2: a paragraph restored between the first and the second, which keep their anchor ids. */
const version2 = [
  blocks[0]!,
  blocks[1]!,
  block(3, "paragraph", "A restored paragraph on care."),
  blocks[2]!,
].map((item, ordinal) => ({ ...item, ordinal }));
const version2Route: Record<string, FakeRoute> = {
  [`GET /api/documents/${documentId}/versions/2`]: [
    200,
    { version: { documentId, number: 2, blocks: version2 } },
  ],
};

/**
 * Lays the text's rows out 100 px apart, the first 150 px above the window's top, wherever they are in the page
 * (happy-dom lays nothing out): a row inserted above another moves it down.
 */
function layOutRows() {
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
    const rows = [...document.querySelectorAll(".document .row")];
    const top = rows.includes(this) ? rows.indexOf(this) * 100 - 150 : 0;
    return { top, bottom: top + 100, left: 0, right: 0, width: 0, height: 100, x: 0, y: top } as DOMRect;
  });
  return vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
}

describe("the room moving to a new version", () => {
  it("swaps the text in place, holds the paragraph being read still, updates the offline copy and says so", async () => {
    textRoutes("member", version2Route);
    put({ anchor: { blockId: "b2" }, body: "On attention." });
    renderReader();
    const first = await screen.findByText("The first paragraph speaks of patience.");
    const scrollTo = layOutRows();
    // At the reading line (a third of the window down): paragraph 2, its top 50 px from the window's top.
    room.putRoomVersion({ id: "v2", number: 2, movedAt: "2026-12-01T01:00:00.000Z" });

    expect(await screen.findByText("A restored paragraph on care.")).toBeTruthy();
    expect(await screen.findByText("The room moved to version 2.")).toBeTruthy();
    // Not reloaded: the paragraphs both versions share are the same elements, and the threads are still there.
    expect(screen.getByText("The first paragraph speaks of patience.")).toBe(first);
    expect(screen.getByRole("button", { name: "1 thread on paragraph 3" })).toBeTruthy();
    // The restored paragraph pushed paragraph 2's row 100 px down; the page follows it by as much.
    expect(scrollTo).toHaveBeenLastCalledWith(window.scrollX, window.scrollY + 100);
    const cached = JSON.parse(localStorage.getItem(`scholia-text-${roomId}`)!);
    expect(cached.room.version).toBe(2);
    expect(cached.blocks).toHaveLength(4);
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText("The room moved to version 2.")).toBeNull();
  });

  it("gets the new text once the connection is back when it could not be fetched at first", async () => {
    let reachable = false;
    const calls = textRoutes("member", {
      [`GET /api/documents/${documentId}/versions/2`]: () => {
        if (!reachable) throw new TypeError("Failed to fetch");
        return [200, { version: { documentId, number: 2, blocks: version2 } }];
      },
    });
    renderReader();
    await screen.findByText("The first paragraph speaks of patience.");
    room.putRoomVersion({ id: "v2", number: 2, movedAt: "2026-12-01T01:00:00.000Z" });
    await waitFor(() => expect(calls).toContain(`GET /api/documents/${documentId}/versions/2`));
    // Offline: nothing said, the old text kept.
    expect(screen.queryByText(/The room moved/)).toBeNull();
    expect(screen.queryByText("A restored paragraph on care.")).toBeNull();
    reachable = true;
    window.dispatchEvent(new Event("online"));
    expect(await screen.findByText("A restored paragraph on care.")).toBeTruthy();
    expect(screen.getByText("The room moved to version 2.")).toBeTruthy();
  });

  it("waits while a thread is being written on the text shown, then moves once it is sent", async () => {
    const bodies: unknown[] = [];
    const calls = textRoutes("member", {
      ...version2Route,
      [`POST /api/rooms/${roomId}/threads`]: ({ body, headers }) => {
        bodies.push(body);
        const { anchor } = body as { anchor: { blockId: string } };
        put({ id: headers["Idempotency-Key"]!, anchor, body: "Patience with what?" });
        return [201, {}];
      },
    });
    renderReader();
    fireEvent.click(await screen.findByRole("button", { name: "Comment on paragraph 2" }));
    const box = await screen.findByLabelText("Comment on this paragraph");
    fireEvent.change(box, { target: { value: "Patience with what?" } });
    room.putRoomVersion({ id: "v2", number: 2, movedAt: "2026-12-01T01:00:00.000Z" });
    expect(await screen.findByText(/Its text will show once you have sent or cancelled/)).toBeTruthy();
    expect(calls).not.toContain(`GET /api/documents/${documentId}/versions/2`);
    expect((screen.getByLabelText("Comment on this paragraph") as HTMLTextAreaElement).value).toBe(
      "Patience with what?",
    );
    fireEvent.click(screen.getByRole("button", { name: "Comment" }));
    expect(await screen.findByText("A restored paragraph on care.")).toBeTruthy();
    expect(bodies[0]).toMatchObject({ anchor: { blockId: "b2" }, version: 1 });
    expect(screen.getByText("The room moved to version 2.")).toBeTruthy();
  });

  it("does not move while the room's documents carry the version already loaded", async () => {
    const calls = textRoutes("member", version2Route);
    room.putRoomVersion({ id: "v1", number: 1, movedAt: null });
    put({ anchor: { blockId: "b1" }, body: "Settled." });
    renderReader();
    expect(await screen.findByRole("button", { name: "1 thread on paragraph 1" })).toBeTruthy();
    expect(calls.some((call) => call.includes("/versions/2"))).toBe(false);
    expect(screen.queryByText(/The room moved/)).toBeNull();
  });
});

describe("threads after a version move", () => {
  const previous = { blockId: "b2", start: 11, end: 31, exact: "paragraph speaks of " };
  const detached = () =>
    put({
      body: "On the lost sentence.",
      authorName: "Bob",
      authorId: bobId,
      anchor: previous,
      anchorStatus: "detached",
      anchorChange: { fromVersion: 1, toVersion: 2, previous },
    });

  it("lists a thread the server detached under 'No longer in the text', never in the margin, for members without attach", async () => {
    textRoutes("member");
    detached();
    renderReader();
    const panel = await screen.findByRole("region", { name: "No longer in the text" });
    expect(await within(panel).findByText("On the lost sentence.")).toBeTruthy();
    expect(within(panel).getByText("paragraph speaks of")).toBeTruthy();
    expect(within(panel).getByText("From version 1; not found in version 2.")).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Attach to a passage" })).toBeNull();
    expect(screen.queryByRole("button", { name: /thread on paragraph 2/ })).toBeNull();
  });

  it("lets an instructor attach it to a selected passage or a paragraph; errors in words, Escape cancels", async () => {
    const sent: FakeRequest[] = [];
    const thread = detached();
    const anchorRoute = `POST /api/rooms/${roomId}/threads/${thread.id}/anchor`;
    textRoutes("instructor", {
      [anchorRoute]: (request) => {
        sent.push(request);
        return sent.length === 1
          ? [409, { error: { code: "conflict", message: "The room moved on: reload its text." } }]
          : [200, { thread: { id: thread.id, anchor: (request.body as { anchor: unknown }).anchor } }];
      },
    });
    renderReader();
    const panel = await screen.findByRole("region", { name: "No longer in the text" });
    const attach = await within(panel).findByRole("button", { name: "Attach to a passage" });

    fireEvent.click(attach);
    expect(screen.getByRole("region", { name: "Attaching a thread" }).textContent).toContain("Bob’s thread");
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(screen.queryByRole("region", { name: "Attaching a thread" })).toBeNull();
    expect(screen.getByRole("button", { name: "Comment on paragraph 1" })).toBeTruthy();

    // A selection of "patience" in paragraph 1.
    fireEvent.click(attach);
    const text = blocks[1]!.text;
    const node = screen.getByText(text).firstChild!;
    const range = document.createRange();
    range.setStart(node, text.indexOf("patience"));
    range.setEnd(node, text.indexOf("patience") + "patience".length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    fireEvent.mouseUp(screen.getByText(text));
    fireEvent.click(await screen.findByRole("button", { name: /Attach here/ }));
    const start = text.indexOf("patience");
    await waitFor(() => expect(sent).toHaveLength(1));
    // A room mutation: the server wants an idempotency key with it.
    expect(sent[0]!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[0]!.body).toEqual({
      anchor: { blockId: "b1", ...quoteSelection(text, start, start + "patience".length) },
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The thread was not attached: The room moved on: reload its text.",
    );

    // Or a whole paragraph: its comment button attaches the thread instead.
    fireEvent.click(screen.getByRole("button", { name: "Attach the thread to paragraph 2" }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body).toEqual({ anchor: { blockId: "b2" } });
    await waitFor(() => expect(screen.queryByRole("region", { name: "Attaching a thread" })).toBeNull());
    expect(screen.getByRole("button", { name: "Comment on paragraph 2" })).toBeTruthy();
    // The passage selected for the failed try no longer offers to start a thread on it.
    expect(screen.queryByRole("button", { name: /Annotate/ })).toBeNull();
  });
});

describe("a thread queued against a version", () => {
  it("carries the version it was written on, and keeps its words when the server refuses its lost passage", async () => {
    const bodies: unknown[] = [];
    const message = "The paragraph this thread was written on is not in version 2 of the text.";
    textRoutes("member", {
      [`POST /api/rooms/${roomId}/threads`]: ({ body }) => {
        bodies.push(body);
        return [409, { error: { code: "anchor_detached", message } }];
      },
    });
    renderReader();
    fireEvent.click(await screen.findByRole("button", { name: "Comment on paragraph 1" }));
    fireEvent.change(await screen.findByLabelText("Comment on this paragraph"), {
      target: { value: "Patience with what?" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Comment" }));

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ anchor: { blockId: "b1" }, body: "Patience with what?", version: 1 });
    const notice = await screen.findByRole("group", { name: "Not saved: your new thread" });
    expect(notice.textContent).toContain(message);
    expect(notice.textContent).toContain("Your words are kept here");
    expect(within(notice.closest("article")!).getByText("Patience with what?")).toBeTruthy();
    // Sending it again cannot bring the passage back: only Discard is offered.
    expect(within(notice).queryByRole("button", { name: /^Retry/ })).toBeNull();
    expect(within(notice).getByRole("button", { name: /^Discard/ })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^1 not saved/ }));
    const panel = await screen.findByRole("region", { name: "1 change not saved" });
    expect(within(panel).getByText("Patience with what?")).toBeTruthy();
    // Kept for the next visit too, with its version.
    const queued = JSON.parse(localStorage.getItem(`scholia-queue-${roomId}-${ada.id}`)!);
    expect(queued[0]).toMatchObject({ body: { body: "Patience with what?", version: 1 } });
    expect(queued[0].failure).toMatchObject({ status: 409, code: "anchor_detached" });
  });
});
