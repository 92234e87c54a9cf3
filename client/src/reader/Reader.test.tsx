// The reader screen in-process: the real RoomClient against a stand-in sync server and REST API — the text, the
// threads beside their paragraphs, writing a thread, filtering, opening a linked thread, and a room that cannot open.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { RoomDoc, type ThreadRecord } from "../../../shared/room-doc.ts";
import { serveApi } from "../testing/fake-api.ts";
import { FakeSyncServer } from "../testing/fake-sync-server.ts";
import {
  ada,
  bobId,
  groupId,
  putThread,
  roomId,
  textRoutes,
  windowIsNarrow,
} from "../testing/reader-room.ts";
import { Reader } from "./Reader.tsx";
import { buildAnalytics, buildThread } from "./test-factories.ts";

let server: FakeSyncServer;
let room: RoomDoc;
beforeEach(() => {
  windowIsNarrow(false);
  server = new FakeSyncServer().install();
  room = new RoomDoc(server.doc(`/yjs/rooms/${roomId}`));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const put = (overrides: Partial<ThreadRecord>) => putThread(room, overrides);
const renderReader = (threadId: string | null = null, navigate = vi.fn()) =>
  render(<Reader groupId={groupId} roomId={roomId} threadId={threadId} user={ada} navigate={navigate} />);
const margin = () => screen.getByRole("region", { name: "Discussion" });
/** `text` in the margin, once the replica has synced and the margin shows it. */
const findInMargin = async (text: string) =>
  within(await screen.findByRole("region", { name: "Discussion" })).findByText(text);

describe("the reader", () => {
  it("shows the text, and each thread of the room's document beside its paragraph", async () => {
    textRoutes("member");
    put({ anchor: { blockId: "b2" }, body: "Attention is the point.", authorName: "Bob", authorId: bobId });
    renderReader();
    expect(await screen.findByText("The first paragraph speaks of patience.")).toBeTruthy();
    expect(document.title).toBe("On Reading Slowly · Scholia");
    expect(await findInMargin("Attention is the point.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "1 thread on paragraph 2" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /thread on paragraph 1/ })).toBeNull();
  });

  it("sends a new thread to the server and shows it once the server's document carries it", async () => {
    let sent: { body: unknown; key: string } | null = null;
    textRoutes("member", {
      [`POST /api/rooms/${roomId}/threads`]: ({ body, headers }) => {
        const input = body as { anchor: { blockId: string }; body: string };
        const key = headers["Idempotency-Key"]!;
        sent = { body, key };
        const { pending: _pending, ...record } = buildThread({
          id: key,
          anchor: input.anchor,
          body: input.body,
        });
        room.putThread(record);
        return [201, { thread: record }];
      },
    });
    renderReader();
    fireEvent.click(await screen.findByRole("button", { name: "Comment on paragraph 1" }));
    fireEvent.change(await screen.findByLabelText("Comment on this paragraph"), {
      target: { value: "Patience with what?" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Comment" }));
    expect(await findInMargin("Patience with what?")).toBeTruthy();
    expect(sent).toMatchObject({ body: { anchor: { blockId: "b1" }, body: "Patience with what?" } });
    await waitFor(() => expect(room.threads.get(sent!.key)?.body).toBe("Patience with what?"));
    expect(await screen.findByRole("button", { name: "1 thread on paragraph 1" })).toBeTruthy();
  });

  it("moves focus to the new thread's card once it is sent with Ctrl+Enter", async () => {
    textRoutes("member", {
      [`POST /api/rooms/${roomId}/threads`]: ({ body, headers }) => {
        const input = body as { anchor: { blockId: string }; body: string };
        const { pending: _pending, ...record } = buildThread({
          id: headers["Idempotency-Key"]!,
          anchor: input.anchor,
          body: input.body,
        });
        room.putThread(record);
        return [201, { thread: record }];
      },
    });
    renderReader();
    fireEvent.click(await screen.findByRole("button", { name: "Comment on paragraph 2" }));
    const box = await screen.findByLabelText("Comment on this paragraph");
    fireEvent.change(box, { target: { value: "Attention to what?" } });
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    const card = (await findInMargin("Attention to what?")).closest("article")!;
    await waitFor(() => expect(document.activeElement).toBe(card));
  });

  it("hides other people's threads under Mine, and finds threads by their words", async () => {
    textRoutes("member");
    put({ anchor: { blockId: "b1" }, body: "Mine, on patience." });
    put({ anchor: { blockId: "b2" }, body: "Bob's, on time.", authorName: "Bob", authorId: bobId });
    renderReader();
    expect(await findInMargin("Bob's, on time.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^Mine/ }));
    await waitFor(() => expect(within(margin()).queryByText("Bob's, on time.")).toBeNull());
    expect(within(margin()).getByText("Mine, on patience.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^Mine/ }));
    fireEvent.change(screen.getByPlaceholderText("Search threads"), { target: { value: "TIME" } });
    await waitFor(() => expect(within(margin()).queryByText("Mine, on patience.")).toBeNull());
    expect(within(margin()).getByText("Bob's, on time.")).toBeTruthy();
  });

  it("opens the thread its address names", async () => {
    textRoutes("member");
    const thread = put({ anchor: { blockId: "b2" }, body: "Linked thread." });
    put({ anchor: { blockId: "b1" }, body: "Another thread.", authorName: "Bob", authorId: bobId });
    renderReader(thread.id);
    const card = (await findInMargin("Linked thread.")).closest("article")!;
    await waitFor(() =>
      expect(within(card).getByRole("button", { name: "Ada" }).getAttribute("aria-expanded")).toBe("true"),
    );
    const other = within(margin()).getByText("Another thread.").closest("article")!;
    expect(within(other).getByRole("button", { name: "Bob" }).getAttribute("aria-expanded")).toBe("false");
  });

  it("j and k go through the threads in the text's order, r opens the open thread's reply box", async () => {
    textRoutes("member");
    // Written in the opposite order to the text's, so creation order cannot pass for reading order.
    put({ anchor: { blockId: "b2" }, body: "Second in the text.", createdAt: "2026-11-26T09:00:00.000Z" });
    put({ anchor: { blockId: "b1" }, body: "First in the text.", createdAt: "2026-11-26T11:00:00.000Z" });
    // The reader is at the top of the text: every paragraph starts below the reading line (a third of the window).
    const measure = HTMLElement.prototype.getBoundingClientRect;
    const rect = vi.spyOn(HTMLElement.prototype, "getBoundingClientRect");
    rect.mockImplementation(function (this: HTMLElement) {
      return this.id.startsWith("p-") ? new DOMRect(0, window.innerHeight, 100, 20) : measure.call(this);
    });
    onTestFinished(() => rect.mockRestore());
    renderReader();
    await findInMargin("First in the text.");
    const expanded = () =>
      within(margin())
        .getAllByRole("article")
        .filter((card) => card.querySelector("[aria-expanded=true]"))
        .map((card) => card.querySelector(".body")!.textContent!.trim());
    fireEvent.keyDown(document.body, { key: "j" });
    await waitFor(() => expect(expanded()).toEqual(["First in the text."]));
    fireEvent.keyDown(document.body, { key: "j" });
    await waitFor(() => expect(expanded()).toEqual(["Second in the text."]));
    fireEvent.keyDown(document.body, { key: "k" });
    await waitFor(() => expect(expanded()).toEqual(["First in the text."]));
    // Keys that drive an input method's composition are not the reader's.
    fireEvent.keyDown(document.body, { key: "j", isComposing: true });
    expect(expanded()).toEqual(["First in the text."]);
    fireEvent.keyDown(document.body, { key: "r" });
    const box = await screen.findByLabelText("Reply to Ada");
    expect(box.closest("article")!.textContent).toContain("First in the text.");
  });

  it("shows the discussion of a paragraph in a sheet on narrow screens", async () => {
    windowIsNarrow(true);
    textRoutes("member");
    put({ anchor: { blockId: "b2" }, body: "Attention is the point." });
    renderReader();
    fireEvent.click(await screen.findByRole("button", { name: "1 thread on paragraph 2" }));
    const sheet = await screen.findByRole("dialog", { name: "Discussion of paragraph 2" });
    expect(within(sheet).getByText("Attention is the point.")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Discussion" })).toBeNull();
  });

  it("on narrow screens, a sheet opened with j gives focus to its paragraph's thread count when Escape closes it", async () => {
    windowIsNarrow(true);
    textRoutes("member");
    put({ anchor: { blockId: "b2" }, body: "Attention is the point." });
    renderReader();
    const count = await screen.findByRole("button", { name: "1 thread on paragraph 2" });
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: "j" });
    const sheet = await screen.findByRole("dialog", { name: "Discussion of paragraph 2" });
    fireEvent.keyDown(sheet, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // Not <body>, from which Tab would leave the page.
    expect(document.activeElement).toBe(count);
  });

  it("lets observers read without offering to comment", async () => {
    textRoutes("observer");
    renderReader();
    expect(await screen.findByText("The second paragraph speaks of attention and of time.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Comment on/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Add a private note on paragraph 1" })).toBeTruthy();
  });

  it("says why a room cannot be opened, and leads back to the library", async () => {
    serveApi({
      [`GET /api/groups/${groupId}/rooms`]: [200, { rooms: [] }],
      "GET /api/groups": [200, { groups: [] }],
    });
    const navigate = vi.fn();
    renderReader(null, navigate);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "This room does not exist, or you are not a member of its group.",
    );
    fireEvent.click(screen.getByRole("link", { name: "Back to the library" }));
    expect(navigate).toHaveBeenCalledWith("/");
  });

  it("opens the copy of the text from the last visit when the server cannot be reached", async () => {
    textRoutes("member");
    const first = renderReader();
    await screen.findByText("The first paragraph speaks of patience.");
    first.unmount();
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    renderReader();
    expect(await screen.findByText("The first paragraph speaks of patience.")).toBeTruthy();
  });
});

describe("analytics in the reader", () => {
  const analyticsRoute = `GET /api/rooms/${roomId}/analytics`;

  it("lays the heat map over the text for an instructor: a bar and a figure per paragraph, not colour alone", async () => {
    textRoutes("instructor", { [analyticsRoute]: [200, { analytics: buildAnalytics() }] });
    renderReader();
    await screen.findByText("The first paragraph speaks of patience.");
    expect(screen.queryByRole("img", { name: /of reading/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Analytics" }));
    const panel = await screen.findByRole("dialog", { name: "Analytics" });
    fireEvent.click(await within(panel).findByRole("checkbox", { name: "Show it" }));
    fireEvent.click(within(panel).getByRole("button", { name: "Close" }));
    const first = await screen.findByRole("img", { name: "paragraph 1: 10 min of reading by 2 readers" });
    expect(first.textContent).toBe("10 min");
    expect(first.className).toContain("heat-4");
    expect(screen.getByRole("img", { name: "paragraph 2: 3 min of reading by 1 reader" })).toBeTruthy();
    // By discussion instead.
    fireEvent.click(screen.getByRole("button", { name: "Analytics" }));
    fireEvent.click(await screen.findByRole("radio", { name: /Discussion/ }));
    expect(
      await screen.findByRole("img", { name: "paragraph 1: 2 threads, 2 replies, 1 question" }),
    ).toBeTruthy();
  });

  it("tells every reader that reading time is recorded, and shows a member their own numbers", async () => {
    const own = buildAnalytics({ scope: "self" });
    textRoutes("member", {
      [analyticsRoute]: [200, { analytics: { ...own, members: own.members.slice(0, 1) } }],
    });
    renderReader();
    expect(
      await screen.findByText("Your time on each paragraph is recorded for this group's analytics."),
    ).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Stop recording/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "See your figures" }));
    const panel = await screen.findByRole("dialog", { name: "Your activity" });
    expect(await within(panel).findByRole("table", { name: "Your activity" })).toBeTruthy();
    expect(within(panel).queryByRole("checkbox", { name: "Show it" })).toBeNull();
  });

  it("lets the owner switch the group's recording off from the reader", async () => {
    const calls = textRoutes("owner", {
      [`PATCH /api/groups/${groupId}`]: [200, { group: { id: groupId, recordReadingTime: false } }],
    });
    renderReader();
    fireEvent.click(
      await screen.findByRole("button", { name: "Stop recording reading time (group setting)" }),
    );
    expect(await screen.findByText("Reading time is not recorded in this group.")).toBeTruthy();
    expect(calls).toContain(`PATCH /api/groups/${groupId}`);
  });
});
