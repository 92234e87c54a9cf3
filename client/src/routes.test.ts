// The app's paths, including links to a thread.
import { describe, expect, it } from "vitest";
import { comparePath, parseRoute, readerPath, versionPath } from "./routes.ts";

describe("routes", () => {
  it("reads the reader's path with and without a thread, and writes it back", () => {
    const group = crypto.randomUUID();
    const room = crypto.randomUUID();
    const thread = crypto.randomUUID();
    expect(parseRoute(readerPath(group, room))).toEqual({
      name: "reader",
      groupId: group,
      roomId: room,
      threadId: null,
    });
    expect(parseRoute(readerPath(group, room, thread))).toEqual({
      name: "reader",
      groupId: group,
      roomId: room,
      threadId: thread,
    });
    expect(readerPath(group, room, null)).toBe(`/groups/${group}/rooms/${room}`);
  });

  it("reads and writes the history's paths: one version, and two compared", () => {
    expect(parseRoute(versionPath("g", "r", 2))).toEqual({
      name: "version",
      groupId: "g",
      roomId: "r",
      version: 2,
    });
    expect(parseRoute(comparePath("g", "r", 3, 1))).toEqual({
      name: "compare",
      groupId: "g",
      roomId: "r",
      from: 3,
      to: 1,
    });
    // Numbers that name no version open the history, which says so, rather than the library.
    expect(parseRoute("/groups/g/rooms/r/versions/0")).toMatchObject({ name: "version", version: 0 });
    expect(parseRoute("/groups/g/rooms/r/versions/abc")).toMatchObject({ name: "version", version: NaN });
    expect(parseRoute("/groups/g/rooms/r/compare/1")).toMatchObject({ name: "compare", from: 1, to: NaN });
  });

  it("reads invites and sends anything else to the library", () => {
    expect(parseRoute("/invite/a%2Fb")).toEqual({ name: "invite", token: "a/b" });
    expect(parseRoute("/groups/g/rooms/r/threads/")).toEqual({ name: "library" });
    expect(parseRoute("/elsewhere")).toEqual({ name: "library" });
  });
});
