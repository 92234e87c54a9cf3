// The people channel's door: who may open a socket.io connection, whose identity it carries, how fast it may talk,
// what ends it (sign-out), and notifications delivered to every tab of the right user.
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import type { NotificationDto } from "../../shared/schemas/notifications.ts";
import { collect, nextEvent } from "../helpers/people-client.ts";
import { usePeopleRoom } from "../helpers/people-room.ts";
import { joinGroup, newSession } from "../helpers/room-fixture.ts";

const people = usePeopleRoom();
let server: typeof people.server;
let room: typeof people.room;
beforeAll(() => ({ server, room } = people));

const connect = people.connect;

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the handshake was accepted");
    },
    (error: Error & { data?: { code: string; message: string } }) => error,
  );

describe("handshake", () => {
  it("refuses a handshake without a session cookie", async () => {
    const error = await refusal(connect(undefined));
    expect(error.data).toMatchObject({ code: "unauthenticated" });
  });

  it("refuses a handshake from a foreign origin, even with a valid cookie", async () => {
    const error = await refusal(connect(room.member.cookie, { headers: { origin: "https://evil.example" } }));
    expect(error.data).toBeUndefined();
    expect(error.message).toMatch(/websocket error/i);
  });

  it("refuses a client speaking another protocol version, saying so", async () => {
    const error = await refusal(connect(room.member.cookie, { protocol: 999 }));
    expect(error.data).toMatchObject({ code: "protocol_version" });
    expect(error.data?.message).toMatch(/reload/);
  });

  it("accepts a signed-in member from the public origin", async () => {
    const socket = await connect(room.member.cookie, { headers: { origin: "http://scholia.test" } });
    expect(socket.connected).toBe(true);
  });

  it("caps the sockets one user holds at once", async () => {
    const heavy = await joinGroup(server.app, room.owner, room.groupId, "member", "Hal Heavy");
    const tabs = await Promise.all(Array.from({ length: 20 }, () => connect(heavy.cookie)));
    const error = await refusal(connect(heavy.cookie));
    expect(error.data).toMatchObject({ code: "rate_limited" });
    tabs[0]!.close();
    await expect
      .poll(
        () =>
          connect(heavy.cookie).then(
            (socket) => socket.connected,
            () => false,
          ),
        { timeout: 5_000 },
      )
      .toBe(true);
    for (const tab of tabs) tab.close();
  });

  it("answers HTTP long-polling with nothing of socket.io (WebSocket only)", async () => {
    const res = await supertest(server.app).get("/socket.io/?EIO=4&transport=polling");
    expect(res.status).toBe(404);
  });
});

describe("inbound events", () => {
  it("refuses an outsider's room.join as the REST API does (not found)", async () => {
    const socket = await connect(room.outsider.cookie);
    const ack = await socket.emitWithAck("room.join", { roomId: room.roomId });
    expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("ignores a forged identity: unknown keys are refused and the session's name is what others see", async () => {
    const forger = await connect(room.other.cookie);
    const watcher = await connect(room.owner.cookie);
    await watcher.emitWithAck("room.join", { roomId: room.roomId });
    const forged = { roomId: room.roomId, userId: room.owner.id, name: "Olive Owner" } as never;
    const refused = await forger.emitWithAck("room.join", forged);
    expect(refused).toMatchObject({ ok: false, error: { code: "validation_failed" } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/userId|name|unrecognized/i);

    // Listening before the join: the list it causes may go out (its 1 s pace counted from an earlier one) while the
    // forged update below is refused.
    const listed = nextEvent(watcher, "presence", (dto) =>
      dto.people.some((person) => person.userId === room.other.id),
    );
    const joined = await forger.emitWithAck("room.join", { roomId: room.roomId });
    expect(joined.ok).toBe(true);
    const errors = nextEvent(forger, "error.event");
    forger.emit("presence.update", { roomId: room.roomId, blockId: "b1", userId: room.owner.id } as never);
    expect(await errors).toMatchObject({ code: "validation_failed", event: "presence.update" });

    const seen = await listed;
    const people = seen.people.filter((person) => person.name === room.other.displayName);
    expect(people).toHaveLength(1);
    expect(seen.people.find((person) => person.userId === room.owner.id)?.name).toBe("Olive Owner");
  });

  it("answers a flood with rate_limited", async () => {
    const socket = await connect(room.member.cookie);
    await socket.emitWithAck("room.join", { roomId: room.roomId });
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => socket.emitWithAck("room.leave", { roomId: room.roomId })),
    );
    const limited = answers.filter((answer) => !answer.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    // Without an acknowledgement, the refusal comes as error.event.
    const refused = nextEvent(socket, "error.event");
    socket.emit("presence.update", { roomId: room.roomId, blockId: null });
    expect(await refused).toMatchObject({ code: "rate_limited", event: "presence.update" });
  });
});

describe("the session ends", () => {
  it("signing out disconnects that session's sockets, saying why, and leaves other sessions connected", async () => {
    const leaver = await joinGroup(server.app, room.owner, room.groupId, "member", "Lea Leaver");
    const otherSession = await newSession(server.app, leaver);
    const socket = await connect(leaver.cookie);
    const kept = await connect(otherSession);
    const closing = nextEvent(socket, "connection.closing");
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    await supertest(server.app).post("/api/auth/logout").set("Cookie", leaver.cookie).expect(204);
    expect(await closing).toMatchObject({ code: "unauthenticated" });
    expect(await disconnected).toBe("io server disconnect");
    expect(kept.connected).toBe(true);
    const again = await refusal(connect(leaver.cookie));
    expect(again.data).toMatchObject({ code: "unauthenticated" });
  });
});

describe("notifications", () => {
  it("delivers ctx.people notifications and reads to every tab of that user only", async () => {
    const tabA = await connect(room.member.cookie);
    const tabB = await connect(await newSession(server.app, room.member));
    const someoneElse = await connect(room.other.cookie);
    const strays = collect(someoneElse, "notification");
    const notification = { id: crypto.randomUUID() } as unknown as NotificationDto;
    const both = Promise.all([nextEvent(tabA, "notification"), nextEvent(tabB, "notification")]);
    server.ctx.people.emit("notification", room.member.id, notification);
    expect(await both).toEqual([notification, notification]);

    const read = { ids: [notification.id] } as never;
    const reads = Promise.all([nextEvent(tabA, "notifications.read"), nextEvent(tabB, "notifications.read")]);
    server.ctx.people.emit("notifications-read", room.member.id, read);
    expect(await reads).toEqual([read, read]);
    // A round trip on the other user's socket: had anything been sent to it, it would have arrived by now.
    await someoneElse.emitWithAck("room.join", { roomId: room.roomId });
    expect(strays).toEqual([]);
  });
});
