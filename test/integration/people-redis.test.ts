// Two server processes sharing one Redis: people connected to either see everyone in the room, follow-me (and its end
// when a group setting changes on the other process) and notifications cross between them, and a process that stops
// takes its people out of the others' lists.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PresenceDto } from "../../shared/people-protocol.ts";
import type { NotificationDto } from "../../shared/schemas/notifications.ts";
import { nextEvent } from "../helpers/people-client.ts";
import { usePeopleRoom } from "../helpers/people-room.ts";
import { spawnScript, waitFor } from "../helpers/processes.ts";
import { closeCode, syncPaths } from "../../shared/sync-protocol.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, startThread } from "../helpers/room-fixture.ts";

const redisUrl = "redis://127.0.0.1:6379";
/** Channels of this run only: parallel runs sharing the machine's Redis do not hear each other. */
const redisPrefix = `scholia-test-${randomUUID()}`;
const sessionSecret = randomBytes(32).toString("hex");

const fixture = usePeopleRoom({ ctx: { sessionSecret }, people: { redisUrl, redisPrefix } });
let there: ReturnType<typeof spawnScript> & { url: string };
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "scholia-test-"));
  const run = spawnScript("server/index.ts", {
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: inject("databaseUrl"),
    DATA_DIR: dataDir,
    DEMO: "off",
    SESSION_SECRET: sessionSecret,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
  });
  const url = await waitFor(
    () => /Scholia is listening on (http:\/\/[\d.:]+)/.exec(run.output())?.[1],
    60_000,
    `the second server to listen (output so far: ${run.output().slice(-500)})`,
  );
  there = { ...run, url };
}, 90_000);
afterAll(async () => {
  if (there && there.child.exitCode === null) {
    there.child.kill("SIGTERM");
    await there.exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

const joined = async (url: string, cookie: string) => (await fixture.join(cookie, undefined, url)).socket;

const lists = (dto: PresenceDto, userId: string) => dto.people.find((person) => person.userId === userId);

describe("two server processes sharing Redis", { timeout: 60_000 }, () => {
  it("end a member's follow-me on the other process when the owner turns members-may-lead off", async () => {
    // A room of its own, so that the presence of the fixture's room is as the next test expects it.
    const room = await buildRoom(fixture.server.app);
    await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ membersMayLead: true }).expect(200);
    const leader = (await fixture.join(room.other.cookie, room.roomId, there.url)).socket;
    const watcher = (await fixture.join(room.instructor.cookie, room.roomId, there.url)).socket;
    expect(await leader.emitWithAck("follow.start", { roomId: room.roomId })).toEqual({ ok: true });
    const ended = nextEvent(watcher, "follow.ended", (dto) => dto.leaderId === room.other.id);
    // Changed through this process; the leader's socket is on the other one.
    await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ membersMayLead: false }).expect(200);
    await ended;
    leader.close();
    watcher.close();
  });

  it("open a room to a veiled reader connected to the other process when their first thread commits here", async () => {
    const room = await buildRoom(fixture.server.app);
    await room.owner.agent.patch(`/api/rooms/${room.roomId}`).send({ hideUntilPosted: true }).expect(200);
    const veiled = openRawSyncClient(
      `${there.url.replace(/^http/, "ws")}${syncPaths.veiledRoom(room.roomId)}`,
      room.member.cookie,
    );
    await veiled.synced;
    await startThread(room.member, room.roomId, "My first thought.", {
      blockId: room.paragraphs[0]!.anchorId,
    });
    expect((await veiled.closed).code).toBe(closeCode.accessChanged);
  });

  it("re-scope a sectioned reader connected to the other process when their section changes here", async () => {
    const room = await buildRoom(fixture.server.app);
    const sections = `/api/groups/${room.groupId}/sections`;
    const north = (await room.owner.agent.post(sections).send({ name: "North" }).expect(201)).body.sections[0]
      .id;
    await room.owner.agent
      .put(`${sections}/members/${room.member.id}`)
      .send({ sectionId: north })
      .expect(200);
    const veiled = openRawSyncClient(
      `${there.url.replace(/^http/, "ws")}${syncPaths.veiledRoom(room.roomId)}`,
      room.member.cookie,
    );
    await veiled.synced;
    await room.owner.agent.put(`${sections}/members/${room.member.id}`).send({ sectionId: null }).expect(200);
    expect((await veiled.closed).code).toBe(closeCode.accessChanged);
  });

  it("see each other's presence, follow-me and notifications; a stopped process's people leave", async () => {
    const { server: here, room } = fixture;
    const onHere = await joined(here.url, room.member.cookie);
    // Listening before the owner joins: the lists that name the other process's person can come in the same read as
    // the join's answer (socket.io hands them over before the await after the join resumes), and none follows soon.
    const seenHere = nextEvent(onHere, "presence", (dto) => lists(dto, room.owner.id) !== undefined);
    const onThere = await fixture.connect(room.owner.cookie, {}, there.url);
    const seenThere = nextEvent(onThere, "presence", (dto) => lists(dto, room.member.id) !== undefined);
    expect((await onThere.emitWithAck("room.join", { roomId: room.roomId })).ok).toBe(true);

    expect(lists(await seenThere, room.owner.id)).toMatchObject({ tabs: 1 });
    await seenHere;

    const blockId = room.paragraphs[1]!.anchorId;
    onHere.emit("presence.update", { roomId: room.roomId, blockId });
    await nextEvent(onThere, "presence", (dto) => lists(dto, room.member.id)?.blockId === blockId);

    // The same person with a tab on each process counts once, with both tabs.
    const twoTabs = nextEvent(onThere, "presence", (dto) => lists(dto, room.member.id)?.tabs === 2);
    await joined(there.url, room.member.cookie);
    await twoTabs;

    const started = nextEvent(onHere, "follow.started");
    const leading = nextEvent(onHere, "presence", (dto) => lists(dto, room.owner.id)?.leading === true);
    expect(await onThere.emitWithAck("follow.start", { roomId: room.roomId })).toEqual({ ok: true });
    expect(await started).toMatchObject({ leaderId: room.owner.id });
    await leading;
    expect(await onHere.emitWithAck("follow.join", { roomId: room.roomId, leaderId: room.owner.id })).toEqual(
      {
        ok: true,
      },
    );
    const moved = nextEvent(onHere, "follow.moved", (dto) => dto.blockId === room.paragraphs[2]!.anchorId);
    onThere.emit("presence.update", { roomId: room.roomId, blockId: room.paragraphs[2]!.anchorId });
    await moved;

    const notification = { id: randomUUID() } as unknown as NotificationDto;
    const delivered = nextEvent(onThere, "notification");
    here.ctx.people.emit("notification", room.owner.id, notification);
    expect(await delivered).toEqual(notification);

    const ended = nextEvent(onHere, "follow.ended");
    const gone = nextEvent(onHere, "presence", (dto) => lists(dto, room.owner.id) === undefined, 10_000);
    there.child.kill("SIGTERM");
    expect(await ended).toMatchObject({ leaderId: room.owner.id });
    const after = await gone;
    expect(lists(after, room.member.id)).toMatchObject({ tabs: 1 });
  });
});
