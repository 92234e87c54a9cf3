// The reader's thread views: what is shown, in reading order, by block, detached, and highlighted.
import { describe, expect, it } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { buildThread } from "../test-factories.ts";
import { noFilters } from "./filters.ts";
import {
  deriveThreadView,
  findThread,
  indexBlocks,
  isDetached,
  shownThreads,
  type ViewComment,
  type ViewThread,
} from "./thread-view.ts";

const block = (anchorId: string, ordinal: number, kind: Block["kind"] = "paragraph"): Block => ({
  kind,
  anchorId,
  ordinal,
  text: "The quick brown fox jumps over the lazy dog.",
  footnotes: [],
});
const blocks = [block("title", 0, "title"), block("b1", 1), block("h", 2, "heading"), block("b2", 3)];
const index = indexBlocks(blocks);

describe("indexBlocks", () => {
  it("numbers paragraphs only, and puts unknown blocks after every block", () => {
    expect([...index.paragraphNumber]).toEqual([
      ["b1", 1],
      ["b2", 2],
    ]);
    expect(index.ordinalOf("b2")).toBe(3);
    expect(index.ordinalOf("gone")).toBeGreaterThan(index.ordinalOf("b2"));
  });
});

describe("shownThreads", () => {
  it("leaves out deleted threads nobody replied to, and keeps deleted ones with replies", () => {
    const lonely = buildThread({ deleted: true });
    const discussed = buildThread({ deleted: true });
    const live = buildThread();
    const source = {
      threads: () => [lonely, discussed, live],
      comments: (threadId: string) => (threadId === discussed.id ? [{} as ViewComment] : []),
    };
    expect(shownThreads(source).map((thread) => thread.id)).toEqual([discussed.id, live.id]);
    expect(shownThreads(null)).toEqual([]);
  });
});

describe("deriveThreadView", () => {
  const at = (blockId: string, start?: number, createdAt = "2026-11-26T10:00:00.000Z"): ViewThread =>
    buildThread({
      anchor: start === undefined ? { blockId } : { blockId, start, end: start + 5, exact: "quick" },
      createdAt,
    });

  it("orders by block, then passage position (whole-block first), then age; groups by block", () => {
    const late = at("b1", undefined, "2026-11-26T11:00:00.000Z");
    const early = at("b1", undefined, "2026-11-26T09:00:00.000Z");
    const passage = at("b1", 4);
    const second = at("b2");
    const view = deriveThreadView([second, passage, late, early], noFilters, "me", index);
    expect(view.visible).toEqual([early, late, passage, second]);
    expect(view.byBlock.get("b1")).toEqual([early, late, passage]);
    expect(view.byBlock.get("b2")).toEqual([second]);
  });

  it("puts pinned threads first in their paragraph, ahead of passages and older threads, and no further", () => {
    const early = at("b1", undefined, "2026-11-26T09:00:00.000Z");
    const passage = at("b1", 4);
    const pinned: ViewThread = {
      ...at("b1", 20, "2026-11-26T12:00:00.000Z"),
      pinned: { byId: "t", byName: "Tess", at: "2026-11-26T12:01:00.000Z" },
    };
    const first = at("title");
    const view = deriveThreadView([passage, early, pinned, first], noFilters, "me", index);
    expect(view.byBlock.get("b1")).toEqual([pinned, early, passage]);
    expect(view.visible).toEqual([first, pinned, early, passage]);
    const unpinned = { ...pinned, pinned: null };
    const after = deriveThreadView([passage, early, unpinned], noFilters, "me", index);
    expect(after.byBlock.get("b1")).toEqual([early, passage, unpinned]);
  });

  it("keeps threads whose block is gone as detached, after the others", () => {
    const gone = at("gone");
    const here = at("b2");
    const view = deriveThreadView([gone, here], noFilters, "me", index);
    expect(view.visible).toEqual([here, gone]);
    expect(view.detached).toEqual([gone]);
  });

  it("lists a thread the server detached, even where its old block is still in the text, neither placed nor highlighted", () => {
    const previous = { blockId: "b1", start: 4, end: 9, exact: "quick" };
    const detached = buildThread({
      anchor: previous,
      anchorStatus: "detached",
      anchorChange: { fromVersion: 1, toVersion: 2, previous },
    });
    const moved = buildThread({
      anchor: { blockId: "b2", start: 4, end: 9, exact: "quick" },
      anchorStatus: "moved",
      anchorChange: { fromVersion: 1, toVersion: 2, previous: { ...previous, blockId: "gone" } },
    });
    const view = deriveThreadView([detached, moved], noFilters, "me", indexBlocks(blocks, 2));
    expect(view.detached).toEqual([detached]);
    expect(view.visible).toEqual([moved, detached]);
    expect(view.byBlock.get("b1")).toBeUndefined();
    expect(view.highlights.get("b1")).toBeUndefined();
    expect(view.byBlock.get("b2")).toEqual([moved]);
    expect(isDetached(moved, indexBlocks(blocks, 2))).toBe(false);
  });

  it("waits for the text of a later version before placing a thread re-anchored onto it, rather than detach it", () => {
    const ahead = buildThread({
      anchor: { blockId: "new-block" },
      anchorStatus: "moved",
      anchorChange: { fromVersion: 1, toVersion: 2, previous: { blockId: "b1" } },
    });
    const written = buildThread({ anchor: { blockId: "new-block" }, version: 2 });
    const old = buildThread({ anchor: { blockId: "gone" }, version: 1 });
    const onVersion1 = indexBlocks(blocks, 1);
    const view = deriveThreadView([ahead, written, old], noFilters, "me", onVersion1);
    expect(view.detached).toEqual([old]);
    expect([...view.byBlock.keys()]).toEqual([]);
    // Once the text of version 2 is there (without the block), they are detached after all.
    expect(isDetached(ahead, indexBlocks(blocks, 2))).toBe(true);
    expect(isDetached(written, indexBlocks(blocks))).toBe(true);
  });

  it("highlights passages that are still in the text, not deleted threads or whole blocks", () => {
    const passage = at("b1", 4);
    const deleted = { ...at("b1", 4), deleted: true };
    const moved = buildThread({ anchor: { blockId: "b2", start: 0, end: 5, exact: "brown" } });
    const vanished = buildThread({ anchor: { blockId: "b2", start: 0, end: 5, exact: "zebra" } });
    const view = deriveThreadView([passage, deleted, moved, vanished, at("b2")], noFilters, "me", index);
    expect(view.highlights.get("b1")).toEqual([{ id: passage.id, start: 4, end: 9 }]);
    expect(view.highlights.get("b2")).toEqual([{ id: moved.id, start: 10, end: 15 }]);
  });

  it("marks the passages of hidden threads as hidden, so the text dims them", () => {
    const hidden = {
      ...at("b1", 4),
      hidden: { byId: "u", byName: "Ada", reason: "Off topic", at: "2026-11-26T12:00:00.000Z" },
    };
    const view = deriveThreadView([hidden], noFilters, "me", index);
    expect(view.highlights.get("b1")).toEqual([{ id: hidden.id, start: 4, end: 9, hidden: true }]);
  });

  it("applies the filters", () => {
    const mine = buildThread({ authorId: "me", anchor: { blockId: "b1" } });
    const view = deriveThreadView([mine, at("b1")], { ...noFilters, mine: true }, "me", index);
    expect(view.visible).toEqual([mine]);
  });
});

describe("findThread", () => {
  it("tells shown, deleted-without-replies and absent threads apart, in either document", () => {
    const live = buildThread();
    const gone = buildThread({ deleted: true });
    const store = (threads: ViewThread[]) => ({
      threads: () => threads,
      comments: () => [],
      room: { threads: new Map(threads.map((thread) => [thread.id, thread])) },
    });
    const sources = [null, store([gone]), store([live])];
    expect(findThread(sources, live.id)).toBe("shown");
    expect(findThread(sources, gone.id)).toBe("deleted");
    expect(findThread(sources, crypto.randomUUID())).toBeNull();
  });
});
