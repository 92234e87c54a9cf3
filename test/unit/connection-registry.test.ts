// The realtime connection registry: a per-user cap held from the handshake on, and access changes that close exactly
// the connections they concern; plus the handshake's origin rule.
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeCode } from "../../shared/sync-protocol.ts";
import { ConnectionRegistry } from "../../server/realtime/connection-registry.ts";
import { isForeignOrigin } from "../../server/realtime/upgrade-auth.ts";
import { AccessEvents } from "../../server/services/access-events.ts";

const farFuture = new Date("2999-01-01T00:00:00Z");

class FakeConnection {
  closed?: { code: number; reason: string };
  close(code: number, reason: string) {
    this.closed = { code, reason };
  }
}

type RoomView = { roomId: string; veiled: boolean; served: string; seesAll: boolean };

function registryWith(owners: { sessionId: string; userId: string; groupId: string; roomView?: RoomView }[]) {
  const access = new AccessEvents();
  const registry = new ConnectionRegistry<FakeConnection>(access, 3);
  const connections = owners.map((owner) => {
    const connection = new FakeConnection();
    registry.add(connection, { ...owner, expiresAt: farFuture });
    return connection;
  });
  return { access, registry, connections };
}

describe("connection registry after missed access changes", () => {
  it("closes exactly the connections whose session ended or whose membership changed, as the database says", async () => {
    const access = new AccessEvents();
    const asked: string[][] = [];
    const registry = new ConnectionRegistry<FakeConnection>(access, 3, Date.now, async (owners) => {
      asked.push(owners.map((owner) => owner.sessionId));
      return { endedSessions: new Set(["s1"]), changedMembers: new Set(["g1:u2"]), views: new Map() };
    });
    const owners = [
      { sessionId: "s1", userId: "u1", groupId: "g1", role: "member" }, // signed out elsewhere
      { sessionId: "s2", userId: "u2", groupId: "g1", role: "instructor" }, // demoted or removed in g1
      { sessionId: "s3", userId: "u3", groupId: "g1", role: "member" },
      { sessionId: "s4", userId: "u2", groupId: "g2", role: "member" }, // the same person, in another group
      { sessionId: "s5", userId: "u5" }, // a connection spanning groups (socket.io)
    ];
    const connections = owners.map((owner) => {
      const connection = new FakeConnection();
      registry.add(connection, { ...owner, expiresAt: farFuture });
      return connection;
    });
    const changesBefore = registry.accessChanges;
    access.emit("changes-missed");
    expect(registry.accessChanges).toBeGreaterThan(changesBefore); // handshakes under way check again
    await vi.waitFor(() => expect(connections[0]!.closed).toBeDefined());
    expect(asked).toEqual([["s1", "s2", "s3", "s4", "s5"]]);
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.unauthenticated,
      closeCode.accessChanged,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("closes the room connections whose view changed meanwhile (a setting, sections, a removed text), and no other", async () => {
    const access = new AccessEvents();
    const registry = new ConnectionRegistry<FakeConnection>(access, 3, Date.now, async () => ({
      endedSessions: new Set(),
      changedMembers: new Set(),
      // What each reader would be served now: u1's veil was lifted, u2's is the same, u3 may no longer open r1.
      views: new Map<string, string | null>([
        ["r1:u1", "room"],
        ["r1:u2", "veil-b"],
        ["r1:u3", null],
      ]),
    }));
    const view = (served: string, veiled = served !== "room") => ({
      roomId: "r1",
      veiled,
      served,
      seesAll: false,
    });
    const owners = [
      { sessionId: "s1", userId: "u1", roomView: view("veil-a") }, // veiled, now served the room
      { sessionId: "s2", userId: "u2", roomView: view("veil-b") }, // unchanged
      { sessionId: "s3", userId: "u2", roomView: view("veil-a") }, // the same reader on a stale tab
      { sessionId: "s4", userId: "u3", roomView: view("room") }, // the room's text removed
      { sessionId: "s5", userId: "u4", roomView: view("room") }, // not looked up (a teacher): kept
      { sessionId: "s6", userId: "u1" }, // private notes: no view
    ];
    const connections = owners.map((owner) => {
      const connection = new FakeConnection();
      registry.add(connection, { ...owner, groupId: "g1", expiresAt: farFuture });
      return connection;
    });
    access.emit("changes-missed");
    await vi.waitFor(() => expect(connections[0]!.closed).toBeDefined());
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.accessChanged,
      undefined,
      closeCode.accessChanged,
      closeCode.accessChanged,
      undefined,
      undefined,
    ]);
    expect(connections[0]!.closed?.reason).toMatch(/What this room shows you changed/);
  });

  it("leaves every connection open when the database cannot say (undefined), and asks nothing with none open", async () => {
    const access = new AccessEvents();
    let asked = 0;
    const registry = new ConnectionRegistry<FakeConnection>(access, 3, Date.now, async () => {
      asked += 1;
      return undefined;
    });
    access.emit("changes-missed");
    expect(asked).toBe(0);
    const connection = new FakeConnection();
    registry.add(connection, { sessionId: "s1", userId: "u1", groupId: "g1", expiresAt: farFuture });
    access.emit("changes-missed");
    await vi.waitFor(() => expect(asked).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(connection.closed).toBeUndefined();
  });
});

describe("connection registry", () => {
  it("caps the slots one user holds; a release frees one, and releasing twice frees only one", () => {
    const { registry } = registryWith([]);
    const releases = [registry.reserve("u1"), registry.reserve("u1"), registry.reserve("u1")];
    expect(() => registry.reserve("u1")).toThrow(/Too many open connections/);
    registry.reserve("u2"); // others are not affected
    releases[0]!();
    releases[0]!();
    registry.reserve("u1");
    expect(() => registry.reserve("u1")).toThrow(/Too many open connections/);
    expect(registry.holds("u1")).toBe(true);
  });

  it("a revoked session closes that session's connections with 4401, and only those", () => {
    const { access, registry, connections } = registryWith([
      { sessionId: "s1", userId: "u1", groupId: "g1" },
      { sessionId: "s2", userId: "u1", groupId: "g1" },
    ]);
    const before = registry.accessChanges;
    access.emit("session-revoked", "s1");
    expect(connections[0]!.closed?.code).toBe(closeCode.unauthenticated);
    expect(connections[1]!.closed).toBeUndefined();
    expect(registry.accessChanges).toBe(before + 1);
  });

  it("a membership change closes the user's connections to that group with 4509, and only those", () => {
    const { access, connections } = registryWith([
      { sessionId: "s1", userId: "u1", groupId: "g1" },
      { sessionId: "s1", userId: "u1", groupId: "g2" },
      { sessionId: "s3", userId: "u2", groupId: "g1" },
    ]);
    access.emit("membership-changed", { groupId: "g1", userId: "u1" });
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.accessChanged,
      undefined,
      undefined,
    ]);
  });

  it("a change to what a group's rooms let in closes every connection to that group with 4509, and only those", () => {
    const { access, registry, connections } = registryWith([
      { sessionId: "s1", userId: "u1", groupId: "g1" },
      { sessionId: "s2", userId: "u2", groupId: "g1" },
      { sessionId: "s1", userId: "u1", groupId: "g2" },
    ]);
    const before = registry.accessChanges;
    access.emit("group-access-changed", "g1");
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.accessChanged,
      closeCode.accessChanged,
      undefined,
    ]);
    expect(registry.accessChanges).toBe(before + 1);
  });

  it("a membership change also closes the group's veiled views, which name people by role and section", () => {
    const veiled = { roomId: "r1", veiled: true, served: "veil-a", seesAll: false };
    const { access, connections } = registryWith([
      { sessionId: "s2", userId: "u2", groupId: "g1", roomView: veiled },
      { sessionId: "s3", userId: "u3", groupId: "g1", roomView: { ...veiled, veiled: false } },
      { sessionId: "s4", userId: "u4", groupId: "g2", roomView: veiled },
    ]);
    access.emit("membership-changed", { groupId: "g1", userId: "u1" });
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.accessChanged,
      undefined,
      undefined,
    ]);
  });

  it("changed sections close the group's room connections of those who do not read every section", () => {
    const learner = { roomId: "r1", veiled: true, served: "veil-a", seesAll: false };
    const { access, registry, connections } = registryWith([
      { sessionId: "s1", userId: "u1", groupId: "g1", roomView: learner },
      // Not veiled yet: the first section veils them.
      { sessionId: "s2", userId: "u2", groupId: "g1", roomView: { ...learner, veiled: false } },
      {
        sessionId: "s3",
        userId: "t1",
        groupId: "g1",
        roomView: { ...learner, veiled: false, seesAll: true },
      },
      // Private notes hold no one else's words.
      { sessionId: "s4", userId: "u4", groupId: "g1" },
      { sessionId: "s5", userId: "u5", groupId: "g2", roomView: learner },
    ]);
    const before = registry.accessChanges;
    access.emit("sections-changed", "g1");
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.accessChanged,
      closeCode.accessChanged,
      undefined,
      undefined,
      undefined,
    ]);
    expect(registry.accessChanges).toBe(before + 1);
  });

  it("a reader's first thread closes only their veiled connections to that room; a room setting, the room's unveiled non-instructors", () => {
    const veiled = { roomId: "r1", veiled: true, served: "veil-a", seesAll: false };
    const { access, registry, connections } = registryWith([
      { sessionId: "s1", userId: "u1", groupId: "g1", roomView: veiled },
      { sessionId: "s1", userId: "u1", groupId: "g1", roomView: { ...veiled, roomId: "r2" } },
      { sessionId: "s1", userId: "u1", groupId: "g1", roomView: { ...veiled, veiled: false } },
      { sessionId: "s2", userId: "u2", groupId: "g1", roomView: veiled },
      { sessionId: "s3", userId: "t1", groupId: "g1", roomView: { ...veiled, veiled: false, seesAll: true } },
    ]);
    access.emit("room-view-changed", { roomId: "r1", userId: "u1" });
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.accessChanged,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // A connection added after another of the same user closed is found too (the per-user index is kept up).
    const later = new FakeConnection();
    const remove = registry.add(later, {
      sessionId: "s2",
      userId: "u2",
      groupId: "g1",
      expiresAt: farFuture,
      roomView: veiled,
    });
    remove();
    const again = new FakeConnection();
    registry.add(again, {
      sessionId: "s2",
      userId: "u2",
      groupId: "g1",
      expiresAt: farFuture,
      roomView: veiled,
    });
    access.emit("room-view-changed", { roomId: "r1", userId: "u2" });
    expect([connections[3]!.closed?.code, later.closed, again.closed?.code]).toEqual([
      closeCode.accessChanged,
      undefined,
      closeCode.accessChanged,
    ]);
    access.emit("room-view-changed", { roomId: "r1" });
    expect(connections.map((connection) => connection.closed?.code)).toEqual([
      closeCode.accessChanged,
      undefined,
      closeCode.accessChanged,
      closeCode.accessChanged,
      undefined,
    ]);
  });

  it("closing closes every connection and stops listening to access changes", () => {
    const { access, registry, connections } = registryWith([
      { sessionId: "s1", userId: "u1", groupId: "g1" },
    ]);
    const remove = registry.add(new FakeConnection(), {
      sessionId: "s9",
      userId: "u9",
      groupId: "g9",
      expiresAt: farFuture,
    });
    remove();
    registry.close(closeCode.shuttingDown, "Server restarting.");
    expect(connections[0]!.closed?.code).toBe(closeCode.shuttingDown);
    expect(access.listenerCount("session-revoked")).toBe(0);
    expect(access.listenerCount("membership-changed")).toBe(0);
    expect(access.listenerCount("group-access-changed")).toBe(0);
  });
});

describe("session expiry", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("closes a connection when its session expires, also past setTimeout's longest delay", () => {
    vi.useFakeTimers({ now: 0 });
    const registry = new ConnectionRegistry<FakeConnection>(new AccessEvents(), 3);
    const day = 24 * 60 * 60 * 1000;
    const soon = new FakeConnection();
    const late = new FakeConnection();
    const gone = new FakeConnection();
    registry.add(soon, { sessionId: "s1", userId: "u1", expiresAt: new Date(60_000) });
    registry.add(late, { sessionId: "s2", userId: "u1", expiresAt: new Date(40 * day) });
    const remove = registry.add(gone, { sessionId: "s3", userId: "u1", expiresAt: new Date(60_000) });
    remove();
    vi.advanceTimersByTime(59_999);
    expect(soon.closed).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(soon.closed).toEqual({
      code: closeCode.unauthenticated,
      reason: "Your session expired; sign in again.",
    });
    expect(gone.closed).toBeUndefined();
    vi.advanceTimersByTime(40 * day - 60_001);
    expect(late.closed).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(late.closed?.code).toBe(closeCode.unauthenticated);
  });
});

describe("the handshake's origin rule", () => {
  const handshake = (origin: string | undefined, host = "10.0.0.5:3000") => ({ headers: { origin, host } });
  const publicUrl = "https://scholia.example.org";

  it("allows the public origin, the host addressed, and clients that send no Origin", () => {
    expect(isForeignOrigin(handshake("https://scholia.example.org"), publicUrl)).toBe(false);
    expect(isForeignOrigin(handshake("http://10.0.0.5:3000"), publicUrl)).toBe(false);
    expect(isForeignOrigin(handshake(undefined), publicUrl)).toBe(false);
  });

  it("refuses any other page", () => {
    expect(isForeignOrigin(handshake("https://elsewhere.example"), publicUrl)).toBe(true);
    expect(isForeignOrigin(handshake("https://scholia.example.org.evil.example"), publicUrl)).toBe(true);
    expect(isForeignOrigin(handshake("null"), publicUrl)).toBe(true);
  });
});
