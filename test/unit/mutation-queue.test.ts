// The persisted mutation queue: tabs of one room share its storage without dropping each other's items.
import { describe, expect, it } from "vitest";
import {
  readStoredItem,
  WebStorageQueue,
  type PendingMutation,
} from "../../shared/room-client/mutation-queue.ts";

const item = (key: string): PendingMutation => ({
  v: 2,
  key,
  method: "POST",
  path: "/threads",
  body: { body: key },
  kind: "thread.create",
  targetId: key,
  createdAt: "2026-11-26T12:00:00.000Z",
});

/** A localStorage stand-in shared by "tabs"; `writes` counts setItem calls (each one fires a storage event). */
function sharedStorage() {
  const values = new Map<string, string>();
  const storage = {
    writes: 0,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => {
      storage.writes += 1;
      values.set(key, value);
    },
  };
  return storage;
}

describe("WebStorageQueue", () => {
  it("keeps what another tab queued when one tab adds and removes its own", () => {
    const storage = sharedStorage();
    const tabA = new WebStorageQueue(storage, "scholia-queue-room-user");
    const tabB = new WebStorageQueue(storage, "scholia-queue-room-user");
    tabA.add(item("a1"));
    tabB.add(item("b1"));
    tabA.add(item("a2"));
    tabA.remove("a1");
    expect(tabB.load().map((stored) => stored.key)).toEqual(["b1", "a2"]);
  });

  it("stores an item once however often it is added, and ignores removing what is gone", () => {
    const queue = new WebStorageQueue(sharedStorage(), "q");
    queue.add(item("k"));
    queue.add(item("k"));
    queue.remove("missing");
    expect(queue.load().map((stored) => stored.key)).toEqual(["k"]);
  });

  it("marks an item failed in place, and does not bring back one another tab removed", () => {
    const queue = new WebStorageQueue(sharedStorage(), "q");
    queue.add(item("a"));
    queue.add(item("b"));
    const failure = {
      status: 400,
      code: "validation_failed",
      reason: "No.",
      failedAt: "2026-11-26T12:01:00.000Z",
    };
    queue.update({ ...item("a"), failure });
    queue.remove("b");
    queue.update(item("b"));
    expect(queue.load()).toEqual([{ ...item("a"), failure }]);
  });

  it("loads a queue stored before items had a version, and keeps items of a newer version it cannot read", () => {
    const storage = sharedStorage();
    const { v: _, ...versionOne } = item("old");
    const newer = { ...item("newer"), v: 3, somethingNew: true };
    storage.setItem("q", JSON.stringify([versionOne, newer, { key: "broken" }, null]));
    const queue = new WebStorageQueue(storage, "q");
    expect(queue.load()).toEqual([item("old")]);
    queue.remove("old");
    expect(JSON.parse(storage.getItem("q")!)).toEqual([newer, { key: "broken" }, null]);
  });

  it("starts empty from unreadable contents", () => {
    const storage = sharedStorage();
    storage.setItem("q", "{not json");
    expect(new WebStorageQueue(storage, "q").load()).toEqual([]);
  });

  it("removing or updating an item that is gone writes nothing, so other tabs see no change", () => {
    const storage = sharedStorage();
    const queue = new WebStorageQueue(storage, "q");
    queue.remove("missing");
    queue.update(item("missing"));
    expect([storage.writes, storage.getItem("q")]).toEqual([0, null]);
    queue.add(item("k"));
    queue.remove("missing");
    queue.update(item("missing"));
    expect(storage.writes).toBe(1);
  });

  it.each(["{not json", "{}", "42"])(
    "contents that are no list (%s) are replaced by what is added next",
    (raw) => {
      const storage = sharedStorage();
      storage.setItem("q", raw);
      new WebStorageQueue(storage, "q").add(item("k"));
      expect(JSON.parse(storage.getItem("q")!)).toEqual([item("k")]);
    },
  );
});

describe("a stored item", () => {
  const { v: _, ...versionOne } = item("k");

  it("of version 1 or 2 with all its fields is read as version 2", () => {
    expect([readStoredItem(versionOne), readStoredItem(item("k"))]).toEqual([item("k"), item("k")]);
  });

  it.each([
    ["no key", { ...versionOne, key: undefined }],
    ["no path", { ...versionOne, path: undefined }],
    ["no kind", { ...versionOne, kind: undefined }],
    ["no target", { ...versionOne, targetId: undefined }],
    ["no creation time", { ...versionOne, createdAt: 1_764_158_400_000 }],
    ["an unknown method", { ...versionOne, method: "GET" }],
    ["a newer version", { ...item("k"), v: 3 }],
    ["no object", "k"],
    ["null", null],
  ])("with %s cannot be read (and is left alone)", (_, stored) => {
    expect(readStoredItem(stored)).toBeUndefined();
  });
});
