// The realtime connection registry: a per-user cap held from the handshake on, and access changes that close exactly
// the connections they concern; plus the handshake's origin rule.
import { describe, expect, it } from "vitest";
import { closeCode } from "../../shared/sync-protocol.ts";
import { ConnectionRegistry } from "../../server/realtime/connection-registry.ts";
import { isForeignOrigin } from "../../server/realtime/upgrade-auth.ts";
import { AccessEvents } from "../../server/services/access-events.ts";

class FakeConnection {
  closed?: { code: number; reason: string };
  close(code: number, reason: string) {
    this.closed = { code, reason };
  }
}

function registryWith(owners: { sessionId: string; userId: string; groupId: string }[]) {
  const access = new AccessEvents();
  const registry = new ConnectionRegistry<FakeConnection>(access, 3);
  const connections = owners.map((owner) => {
    const connection = new FakeConnection();
    registry.add(connection, owner);
    return connection;
  });
  return { access, registry, connections };
}

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

  it("closing closes every connection and stops listening to access changes", () => {
    const { access, registry, connections } = registryWith([
      { sessionId: "s1", userId: "u1", groupId: "g1" },
    ]);
    const remove = registry.add(new FakeConnection(), { sessionId: "s9", userId: "u9", groupId: "g9" });
    remove();
    registry.close(closeCode.shuttingDown, "Server restarting.");
    expect(connections[0]!.closed?.code).toBe(closeCode.shuttingDown);
    expect(access.listenerCount("session-revoked")).toBe(0);
    expect(access.listenerCount("membership-changed")).toBe(0);
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
