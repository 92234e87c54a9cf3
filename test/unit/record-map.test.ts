// Room records as JSON text in Y.Maps: stored as text, read back typed and cached, rooms in the older form still read.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc, type CommentRecord } from "../../shared/room-doc.ts";

const comment = (id: string, body: string): CommentRecord => ({
  id,
  threadId: "t1",
  parentId: null,
  authorId: "u1",
  authorName: "Ada",
  body,
  createdAt: "2026-11-26T10:00:00.000Z",
  editedAt: null,
  deleted: false,
  hidden: null,
});

describe("RecordMap", () => {
  it("stores each record as JSON text, which a replica reads back as the same record", () => {
    const doc = new Y.Doc();
    new RoomDoc(doc).putComment(comment("c1", "First"));
    expect(typeof doc.getMap("comments").get("c1")).toBe("string");

    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(new RoomDoc(replica).comment("c1")).toEqual(comment("c1", "First"));
  });

  it("hands out one frozen record per stored value, and a new one once the value is replaced", () => {
    const room = new RoomDoc(new Y.Doc());
    room.putComment(comment("c1", "First"));
    const first = room.comment("c1")!;
    expect(room.comment("c1")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => Object.assign(first, { body: "changed in place" })).toThrow(TypeError);

    room.putComment({ ...first, body: "Edited" });
    expect(room.comment("c1")?.body).toBe("Edited");
    room.comments.delete("c1");
    expect(room.comment("c1")).toBeUndefined();
    expect([...room.comments.values()]).toEqual([]);
  });

  it("reads records a room stored as objects before the text form, and rewrites them as text", () => {
    const doc = new Y.Doc();
    doc.getMap("comments").set("old", comment("old", "Stored as an object"));
    const room = new RoomDoc(doc);
    expect(room.comment("old")?.body).toBe("Stored as an object");
    expect(
      room
        .index()
        .commentsByThread.get("t1")
        ?.map((c) => c.id),
    ).toEqual(["old"]);

    room.putComment({ ...room.comment("old")!, body: "Rewritten" });
    expect(typeof doc.getMap("comments").get("old")).toBe("string");
    expect(room.comment("old")?.body).toBe("Rewritten");
  });

  it("skips an entry that is not a record instead of failing the whole room", () => {
    const doc = new Y.Doc();
    const room = new RoomDoc(doc);
    room.putComment(comment("good", "Readable"));
    doc.getMap("comments").set("garbled", "{not json");
    doc.getMap("comments").set("scalar", 42);
    expect(room.comment("garbled")).toBeUndefined();
    expect(room.comment("scalar")).toBeUndefined();
    expect([...room.comments.values()].map((c) => c.id)).toEqual(["good"]);
    expect(
      room
        .index()
        .commentsByThread.get("t1")
        ?.map((c) => c.id),
    ).toEqual(["good"]);
  });
});
