// The access cache: entries expire by the service clock and at the session's end, access events drop them at
// once, and a lookup that raced an access change is not kept.
import { describe, expect, it } from "vitest";
import { AccessCache } from "../../server/services/access-cache.ts";
import { AccessEvents } from "../../server/services/access-events.ts";
import type { Principal } from "../../server/services/auth/authenticate.ts";
import type { RoomActor } from "../../server/services/threads/load-room-actor.ts";

const principal = (sessionId: string): Principal => ({
  sessionId,
  expiresAt: new Date(3_600_000),
  user: { id: "u1", email: "a@example.org", displayName: "A", createdAt: new Date(0) },
});
const actor = (userId: string, groupId: string): RoomActor => ({
  userId,
  displayName: userId,
  role: "member",
  room: { id: "r1", groupId, versionId: "v1", versionNumber: 1 },
});

describe("access cache", () => {
  it("keeps an entry for its time to live, and never past the session's end", () => {
    const cache = new AccessCache(new AccessEvents(), 5_000).sessions;
    cache.set("long", principal("s1"), cache.epoch, 1_000);
    cache.set("ending", principal("s2"), cache.epoch, 1_000, 2_000);
    expect(cache.get("long", 5_999)).toEqual(principal("s1"));
    expect(cache.get("long", 6_000)).toBeUndefined();
    expect(cache.get("ending", 1_999)).toEqual(principal("s2"));
    expect(cache.get("ending", 2_000)).toBeUndefined();
  });

  it("drops a revoked session and a changed membership at once, and nothing else", () => {
    const access = new AccessEvents();
    const { sessions, roomActors } = new AccessCache(access);
    sessions.set("t1", principal("s1"), sessions.epoch, 0);
    sessions.set("t2", principal("s2"), sessions.epoch, 0);
    roomActors.set("r1:u1", actor("u1", "g1"), roomActors.epoch, 0);
    roomActors.set("r1:u2", actor("u2", "g1"), roomActors.epoch, 0);
    roomActors.set("r2:u1", actor("u1", "g2"), roomActors.epoch, 0);
    access.emit("session-revoked", "s1");
    access.emit("membership-changed", { groupId: "g1", userId: "u1" });
    expect(sessions.get("t1", 1)).toBeUndefined();
    expect(sessions.get("t2", 1)).toEqual(principal("s2"));
    expect(roomActors.get("r1:u1", 1)).toBeUndefined();
    expect(roomActors.get("r1:u2", 1)).toEqual(actor("u2", "g1"));
    expect(roomActors.get("r2:u1", 1)).toEqual(actor("u1", "g2"));
  });

  it("drops every cached role in a group whose access changed (a text removed), and no other group's", () => {
    const access = new AccessEvents();
    const { roomActors } = new AccessCache(access);
    roomActors.set("r1:u1", actor("u1", "g1"), roomActors.epoch, 0);
    roomActors.set("r1:u2", actor("u2", "g1"), roomActors.epoch, 0);
    roomActors.set("r2:u1", actor("u1", "g2"), roomActors.epoch, 0);
    access.emit("group-access-changed", "g1");
    expect(roomActors.get("r1:u1", 1)).toBeUndefined();
    expect(roomActors.get("r1:u2", 1)).toBeUndefined();
    expect(roomActors.get("r2:u1", 1)).toEqual(actor("u1", "g2"));
  });

  it("does not keep what a lookup brings back if access changed while it was in flight", () => {
    const access = new AccessEvents();
    const { roomActors } = new AccessCache(access);
    const started = roomActors.epoch; // the lookup starts…
    access.emit("membership-changed", { groupId: "g1", userId: "u1" }); // …the member is removed…
    roomActors.set("r1:u1", actor("u1", "g1"), started, 0); // …and the stale answer arrives
    expect(roomActors.get("r1:u1", 1)).toBeUndefined();
  });
});
