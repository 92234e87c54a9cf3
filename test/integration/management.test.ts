// Managing a class over HTTP and sync: invites listed and revoked, a group renamed, texts renamed and removed (and
// still exportable by those who teach), the audit log in pages, pins reaching live readers, authors' role badges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "../../shared/room-doc.ts";
import { closeCode } from "../../shared/sync-protocol.ts";
import { waitFor } from "../helpers/processes.ts";
import { openRawSyncClient, type RawSyncClient } from "../helpers/raw-sync-client.ts";
import { buildRoom, joinGroup, postReply, startThread } from "../helpers/room-fixture.ts";
import { signUp } from "../helpers/test-app.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
const sockets: RawSyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
});

afterAll(async () => {
  for (const socket of sockets) socket.socket.close();
  await server.close();
});

const key = () => ({ "Idempotency-Key": crypto.randomUUID() });

interface AuditEvent {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  target: { id: string; name: string | null } | null;
  details: Record<string, unknown>;
}

async function auditPage(query = "") {
  const res = await room.owner.agent.get(`/api/groups/${room.groupId}/audit${query}`).expect(200);
  return res.body as { events: AuditEvent[]; nextCursor: string | null };
}

describe("invites", () => {
  it("are made with a role, expiry and maximum uses, listed with them (never with their link), and revoked", async () => {
    const created = await room.owner.agent
      .post(`/api/groups/${room.groupId}/invites`)
      .send({ role: "observer", expiresInDays: 2, maxUses: 3 })
      .expect(201);
    const { id, token } = created.body.invite as { id: string; token: string };
    const listed = (await room.instructor.agent.get(`/api/groups/${room.groupId}/invites`).expect(200)).body
      .invites as Record<string, unknown>[];
    const mine = listed.find((invite) => invite.id === id)!;
    expect(mine).toMatchObject({ role: "observer", maxUses: 3, uses: 0 });
    expect(Date.parse(mine.expiresAt as string) - Date.parse(mine.createdAt as string)).toBeCloseTo(
      2 * 24 * 3600 * 1000,
      -4,
    );
    expect(mine).not.toHaveProperty("token");
    expect(mine).not.toHaveProperty("url");

    await room.owner.agent.delete(`/api/groups/${room.groupId}/invites/${id}`).expect(204);
    const after = (await room.owner.agent.get(`/api/groups/${room.groupId}/invites`).expect(200)).body
      .invites;
    expect((after as { id: string }[]).map((invite) => invite.id)).not.toContain(id);
    const stranger = await signUp(server.app);
    // Both the link's preview and accepting it say it was revoked (not that it expired).
    for (const res of [
      await stranger.agent.get(`/api/invites/${token}`).expect(410),
      await stranger.agent.post(`/api/invites/${token}/accept`).expect(410),
    ]) {
      expect(res.body.error).toEqual({
        code: "invite_unusable",
        message: "This invite link was revoked. Ask for a new one.",
      });
    }
  });

  it("revoking again changes nothing and records nothing; another group's invite is 404", async () => {
    const created = await room.owner.agent
      .post(`/api/groups/${room.groupId}/invites`)
      .send({ role: "member" })
      .expect(201);
    const { id, token } = created.body.invite as { id: string; token: string };
    await room.owner.agent.delete(`/api/groups/${room.groupId}/invites/${id}`).expect(204);
    await room.owner.agent.delete(`/api/groups/${room.groupId}/invites/${id}`).expect(204);
    await room.outsider.agent.post(`/api/invites/${token}/accept`).expect(410);
    const revocations = (await auditPage()).events.filter(
      (event) => event.action === "invite.revoked" && event.target?.id === id,
    );
    expect(revocations).toHaveLength(1);

    const elsewhere = (await room.outsider.agent.post("/api/groups").send({ name: "Other" }).expect(201)).body
      .group.id as string;
    const foreign = await room.outsider.agent
      .post(`/api/groups/${elsewhere}/invites`)
      .send({ role: "member" })
      .expect(201);
    await room.owner.agent
      .delete(`/api/groups/${room.groupId}/invites/${foreign.body.invite.id as string}`)
      .expect(404);
  });

  it("used-up and expired invites are not listed as open", async () => {
    const once = await room.owner.agent
      .post(`/api/groups/${room.groupId}/invites`)
      .send({ role: "member", maxUses: 1 })
      .expect(201);
    await joinWith(once.body.invite.token as string);
    await server.prisma.invite.create({
      data: {
        tokenHash: `expired-${crypto.randomUUID()}`,
        groupId: room.groupId,
        role: "member",
        createdById: room.owner.id,
        expiresAt: new Date(Date.now() - 1000),
        maxUses: 5,
      },
    });
    const listed = (await room.owner.agent.get(`/api/groups/${room.groupId}/invites`).expect(200)).body
      .invites as { id: string; expiresAt: string; uses: number; maxUses: number }[];
    expect(listed.map((invite) => invite.id)).not.toContain(once.body.invite.id);
    for (const invite of listed) {
      expect(Date.parse(invite.expiresAt)).toBeGreaterThan(Date.now());
      expect(invite.uses).toBeLessThan(invite.maxUses);
    }
  });
});

async function joinWith(token: string) {
  const someone = await signUp(server.app);
  await someone.agent.post(`/api/invites/${token}/accept`).expect(201);
}

describe("the group", () => {
  it("is renamed and described by its owner; the log keeps the old name", async () => {
    const res = await room.owner.agent
      .patch(`/api/groups/${room.groupId}`)
      .send({ name: "Tuesday Seminar", description: "We read slowly." })
      .expect(200);
    expect(res.body.group).toMatchObject({ name: "Tuesday Seminar", description: "We read slowly." });
    const rename = (await auditPage()).events.find((event) => event.action === "group.settings_changed")!;
    expect(rename.details).toMatchObject({ name: "Tuesday Seminar", previousName: "Readers" });
    const empty = await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ name: " " }).expect(400);
    expect(empty.body.error.details).toEqual([{ field: "name", message: "must not be empty" }]);
  });

  it("an empty change of a group, a text or a room says which fields may be given", async () => {
    const cases = [
      [`/api/groups/${room.groupId}`, "name, description, recordReadingTime, membersMayLead, timeZone"],
      [`/api/documents/${room.documentId}`, "title, author"],
      [`/api/rooms/${room.roomId}`, "hideUntilPosted, instructorThreadsVisible, assignment, archived"],
    ] as const;
    for (const [path, fields] of cases) {
      const res = await room.owner.agent.patch(path).send({}).expect(400);
      expect(res.body.error).toEqual({
        code: "validation_failed",
        message: `Give at least one of: ${fields}.`,
        details: [{ field: "body", message: `give at least one of: ${fields}` }],
      });
    }
  });
});

describe("texts", () => {
  it("are renamed (an empty author clears it) and the rename is audited", async () => {
    const res = await room.instructor.agent
      .patch(`/api/documents/${room.documentId}`)
      .send({ title: "A Longer Title", author: "" })
      .expect(200);
    expect(res.body.document).toMatchObject({ title: "A Longer Title", author: null });
    const rooms = (await room.member.agent.get(`/api/groups/${room.groupId}/rooms`).expect(200)).body.rooms;
    expect(rooms[0].document.title).toBe("A Longer Title");
    const event = (await auditPage()).events.find((e) => e.action === "document.renamed")!;
    expect(event).toMatchObject({
      actor: { id: room.instructor.id, name: "Ida Instructor" },
      target: { id: room.documentId, name: "A Longer Title" },
    });
    await room.owner.agent.patch(`/api/documents/${room.documentId}`).send({ title: "" }).expect(400);
  });

  it("removed, leave every list; their rooms answer learners 404 and stay exportable by those who teach", async () => {
    const upload = await room.owner.agent
      .post(`/api/documents?groupId=${room.groupId}&title=Doomed`)
      .set("Content-Type", "text/plain")
      .send("Doomed\n\nA paragraph about to be removed, with a thread on it.")
      .expect(201);
    const documentId = upload.body.document.id as string;
    const roomId = (
      await room.owner.agent.post(`/api/groups/${room.groupId}/rooms`).send({ documentId }).expect(201)
    ).body.room.id as string;
    const blockId = (await room.owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200)).body
      .version.blocks[1].anchorId as string;
    const threadId = await startThread(room.member, roomId, "A thought worth keeping", { blockId });
    await postReply(room.instructor, roomId, threadId, "A reply before the text goes");
    const inbox = async () =>
      (
        (await room.member.agent.get("/api/notifications").expect(200)).body.notifications as {
          roomId: string;
        }[]
      ).filter((notification) => notification.roomId === roomId).length;
    expect(await inbox()).toBe(1);
    const live = openRawSyncClient(`${server.wsUrl}/yjs/rooms/${roomId}`, room.member.cookie);
    sockets.push(live);
    await live.synced;

    await room.owner.agent.delete(`/api/documents/${documentId}`).expect(204);
    // The member's open replica is closed, and reconnecting finds no room.
    expect((await live.closed).code).toBe(closeCode.accessChanged);
    const again = openRawSyncClient(`${server.wsUrl}/yjs/rooms/${roomId}`, room.member.cookie);
    sockets.push(again);
    expect((await again.closed).code).toBe(closeCode.notFound);
    await room.owner.agent.delete(`/api/documents/${documentId}`).expect(204); // again: nothing changes

    for (const person of [room.owner, room.member]) {
      const rooms = (await person.agent.get(`/api/groups/${room.groupId}/rooms`).expect(200)).body.rooms;
      expect((rooms as { id: string }[]).map((r) => r.id)).not.toContain(roomId);
      const docs = (await person.agent.get("/api/documents").expect(200)).body.documents;
      expect((docs as { id: string }[]).map((d) => d.id)).not.toContain(documentId);
    }
    await room.member.agent.get(`/api/rooms/${roomId}/threads`).expect(404);
    // Nor its text: learners get 404 as for its rooms; those who teach still read it (to export).
    for (const learner of [room.member, room.observer]) {
      await learner.agent.get(`/api/documents/${documentId}`).expect(404);
      await learner.agent.get(`/api/documents/${documentId}/versions/1`).expect(404);
    }
    for (const teacher of [room.owner, room.instructor]) {
      await teacher.agent.get(`/api/documents/${documentId}`).expect(200);
      const text = await teacher.agent.get(`/api/documents/${documentId}/versions/1`).expect(200);
      expect(text.body.version.blocks[1].anchorId).toBe(blockId);
    }
    // Nor does the member's inbox keep what happened in it.
    expect(await inbox()).toBe(0);
    await room.observer.agent.get(`/api/rooms/${roomId}/export?format=md`).expect(404);
    const exported = await room.instructor.agent.get(`/api/rooms/${roomId}/export?format=md`).expect(200);
    expect(exported.text).toContain("A thought worth keeping");
    // Those who teach find its room among the removed ones, to export it; learners may not list them.
    const removedRooms = await room.instructor.agent
      .get(`/api/groups/${room.groupId}/rooms?removed=true`)
      .expect(200);
    expect((removedRooms.body.rooms as { id: string }[]).map((r) => r.id)).toEqual([roomId]);
    await room.member.agent.get(`/api/groups/${room.groupId}/rooms?removed=true`).expect(403);
    const bad = await room.owner.agent.get(`/api/groups/${room.groupId}/rooms?removed=yes`).expect(400);
    expect(bad.body.error.details).toEqual([{ field: "removed", message: 'must be "true" or "false"' }]);
    // A removed text cannot be attached again.
    await room.owner.agent.post(`/api/groups/${room.groupId}/rooms`).send({ documentId }).expect(404);
    const removals = (await auditPage()).events.filter((e) => e.action === "document.removed");
    expect(removals).toEqual([expect.objectContaining({ target: { id: documentId, name: "Doomed" } })]);
  });
});

describe("the audit log", () => {
  it("lists membership events newest first, in pages, with the names of actors and targets", async () => {
    const newcomer = await joinGroup(server.app, room.owner, room.groupId, "member", "Nora Newcomer");
    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${newcomer.id}`)
      .send({ role: "instructor" })
      .expect(200);
    await room.owner.agent.delete(`/api/groups/${room.groupId}/members/${newcomer.id}`).expect(204);

    const first = await auditPage("?limit=2");
    expect(first.events.map((event) => event.action)).toEqual(["member.removed", "member.role_changed"]);
    expect(first.events[1]).toMatchObject({
      actor: { id: room.owner.id, name: "Olive Owner" },
      target: { id: newcomer.id, name: "Nora Newcomer" },
      details: { from: "member", to: "instructor" },
    });
    expect(first.nextCursor).toBe(first.events[1]!.id);
    const second = await auditPage(`?limit=2&before=${first.nextCursor}`);
    expect(second.events[0]).toMatchObject({ action: "member.joined", target: { id: newcomer.id } });
    expect(second.events.map((e) => e.id)).not.toContain(first.events[1]!.id);

    // Walking every page ends with the group's creation, each event once.
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await auditPage(`?limit=200${cursor ? `&before=${cursor}` : ""}`);
      seen.push(...page.events.map((event) => event.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const last = await auditPage(`?limit=1&before=${seen.at(-2)!}`);
    expect(last).toMatchObject({ events: [{ action: "group.created" }], nextCursor: null });
  });

  it("refuses a bad page size or cursor with a 400 naming the field", async () => {
    const big = await room.owner.agent.get(`/api/groups/${room.groupId}/audit?limit=1000`).expect(400);
    expect(big.body.error.details).toEqual([{ field: "limit", message: "must be at most 200" }]);
    const bad = await room.owner.agent.get(`/api/groups/${room.groupId}/audit?before=x`).expect(400);
    expect(bad.body.error.details[0].field).toBe("before");
  });
});

describe("pins and role badges", () => {
  it("a pin reaches live readers through the room document, leads the list, and is audited", async () => {
    const blockId = room.paragraphs[2]!.anchorId;
    const early = await startThread(room.member, room.roomId, "Early thought", { blockId });
    const late = await startThread(room.instructor, room.roomId, "Read this first", { blockId });
    const reader = openRawSyncClient(`${server.wsUrl}/yjs/rooms/${room.roomId}`, room.member.cookie);
    sockets.push(reader);
    await reader.synced;
    const doc = new RoomDoc(reader.doc);
    expect(doc.thread(late)?.pinned ?? null).toBeNull();

    const pinned = await room.instructor.agent
      .post(`/api/rooms/${room.roomId}/threads/${late}/pin`)
      .set(key())
      .expect(200);
    expect(pinned.body.thread.pinned).toMatchObject({ byId: room.instructor.id, byName: "Ida Instructor" });
    await waitFor(() => doc.thread(late)?.pinned?.byId, 5_000, "the pin in the member's replica");

    const listed = (
      await room.member.agent.get(`/api/rooms/${room.roomId}/threads?blockId=${blockId}`).expect(200)
    ).body.threads as { id: string; pinnedAt: string | null; author: { role: string | null } }[];
    expect(listed.map((thread) => thread.id)).toEqual([late, early]);
    expect(listed[0]!.pinnedAt).not.toBeNull();
    expect(listed.map((thread) => thread.author.role)).toEqual(["instructor", "member"]);

    await room.owner.agent.post(`/api/rooms/${room.roomId}/threads/${late}/unpin`).set(key()).expect(200);
    await waitFor(() => (doc.thread(late)?.pinned === null ? true : undefined), 5_000, "the unpin");
    const actions = (await auditPage()).events
      .filter((event) => event.target?.id === late)
      .map((event) => event.action);
    expect(actions).toEqual(["thread.unpinned", "thread.pinned"]);
  });

  it("an author's badge follows their role now, and disappears when they leave", async () => {
    const writer = await joinGroup(server.app, room.owner, room.groupId, "member", "Wren Writer");
    const blockId = room.paragraphs[1]!.anchorId;
    const threadId = await startThread(writer, room.roomId, "My reading", { blockId });
    const roleShown = async () => {
      const threads = (await room.owner.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200)).body
        .threads as { id: string; author: { role: string | null } }[];
      return threads.find((thread) => thread.id === threadId)!.author.role;
    };
    expect(await roleShown()).toBe("member");
    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${writer.id}`)
      .send({ role: "instructor" })
      .expect(200);
    expect(await roleShown()).toBe("instructor");
    await writer.agent.post(`/api/groups/${room.groupId}/leave`).expect(204);
    expect(await roleShown()).toBeNull();
  });
});
