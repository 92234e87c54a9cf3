// RoomDoc.index(): replies grouped by thread in creation order, reactions by target and emoji, in one pass.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc, type CommentRecord } from "../../shared/room-doc.ts";

const reply = (id: string, threadId: string, createdAt: string): CommentRecord => ({
  id,
  threadId,
  parentId: null,
  authorId: "u1",
  authorName: "Ada",
  body: id,
  createdAt,
  editedAt: null,
  deleted: false,
  hidden: null,
});

describe("RoomDoc.index", () => {
  it("groups replies by thread in creation order (ties by id) and reactions by target and emoji", () => {
    const room = new RoomDoc(new Y.Doc());
    room.putComment(reply("b", "t1", "2026-11-26T10:00:02.000Z"));
    room.putComment(reply("a", "t1", "2026-11-26T10:00:02.000Z"));
    room.putComment(reply("c", "t1", "2026-11-26T10:00:01.000Z"));
    room.putComment(reply("d", "t2", "2026-11-26T10:00:00.000Z"));
    const at = "2026-11-26T10:00:03.000Z";
    room.putReaction({ targetId: "t1", userId: "u1", userName: "Ada", emoji: "👍", createdAt: at });
    room.putReaction({ targetId: "t1", userId: "u2", userName: "Bo", emoji: "👍", createdAt: at });
    room.putReaction({ targetId: "t1", userId: "u2", userName: "Bo", emoji: "❓", createdAt: at });
    room.putReaction({ targetId: "c", userId: "u1", userName: "Ada", emoji: "👍", createdAt: at });
    room.removeReaction("c", "u1", "👍");

    const { commentsByThread, reactionsByTarget } = room.index();
    expect(commentsByThread.get("t1")?.map((c) => c.id)).toEqual(["c", "a", "b"]);
    expect(commentsByThread.get("t2")?.map((c) => c.id)).toEqual(["d"]);
    expect(commentsByThread.get("t3")).toBeUndefined();
    expect(
      reactionsByTarget
        .get("t1")
        ?.get("👍")
        ?.map((r) => r.userId)
        .sort(),
    ).toEqual(["u1", "u2"]);
    expect(reactionsByTarget.get("t1")?.get("❓")).toHaveLength(1);
    expect(reactionsByTarget.has("c")).toBe(false);
  });
});
