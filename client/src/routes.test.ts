// The app's paths, including links to a thread.
import { describe, expect, it } from "vitest";
import { parseRoute, readerPath } from "./routes.ts";

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

  it("reads invites and sends anything else to the library", () => {
    expect(parseRoute("/invite/a%2Fb")).toEqual({ name: "invite", token: "a/b" });
    expect(parseRoute("/groups/g/rooms/r/threads/")).toEqual({ name: "library" });
    expect(parseRoute("/elsewhere")).toEqual({ name: "library" });
  });
});
