// The management policy as a table over HTTP: every management action × owner, instructor, member, observer and
// outsider, with the status each gets and, for the refused, proof that nothing changed (instructors acting on
// owners and on other instructors included).
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../shared/schemas/groups.ts";
import { buildRoom, joinGroup, startThread, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app } = buildTestApp();

type Actor = "owner" | "instructor" | "member" | "observer" | "outsider";
const actors: Actor[] = ["owner", "instructor", "member", "observer", "outsider"];

let room: Awaited<ReturnType<typeof buildRoom>>;
beforeAll(async () => {
  room = await buildRoom(app);
});

const personOf = (actor: Actor): Person => room[actor];
const key = () => ({ "Idempotency-Key": crypto.randomUUID() });

/** A newcomer joined with `role` (an owner is made from an instructor by the owner). */
async function newcomer(role: Role) {
  const someone = await joinGroup(
    app,
    room.owner,
    room.groupId,
    role === "owner" ? "instructor" : role,
    "Newt",
  );
  if (role === "owner") {
    await room.owner.agent
      .patch(`/api/groups/${room.groupId}/members/${someone.id}`)
      .send({ role: "owner" })
      .expect(200);
  }
  return someone;
}

async function roleOf(userId: string): Promise<string | undefined> {
  const { members } = (await room.owner.agent.get(`/api/groups/${room.groupId}/members`).expect(200))
    .body as {
    members: { userId: string; role: string }[];
  };
  return members.find((member) => member.userId === userId)?.role;
}

async function openInviteIds(): Promise<string[]> {
  const res = await room.owner.agent.get(`/api/groups/${room.groupId}/invites`).expect(200);
  return (res.body.invites as { id: string }[]).map((invite) => invite.id);
}

async function newInvite(role: "instructor" | "member") {
  return (await room.owner.agent.post(`/api/groups/${room.groupId}/invites`).send({ role }).expect(201)).body
    .invite.id as string;
}

async function newDocument(): Promise<string> {
  const upload = await room.owner.agent
    .post(`/api/documents?groupId=${room.groupId}&title=Spare`)
    .set("Content-Type", "text/plain")
    .send(`A spare text ${crypto.randomUUID()}\n\nIts only paragraph, long enough to be one.`)
    .expect(201);
  return upload.body.document.id as string;
}

async function listedTitles(): Promise<string[]> {
  const res = await room.owner.agent.get("/api/documents").expect(200);
  return (res.body.documents as { id: string }[]).map((document) => document.id);
}

interface Row {
  /** What is tried, in words. */
  action: string;
  /** The status each actor gets. */
  expect: Record<Actor, number>;
  /**
   * Sets up a fresh target, tries the action as `who`, and returns the state the action would change afterwards
   * (compared with `changed` / `unchanged`).
   */
  run(who: Person): Promise<{ status: number; after: unknown; unchanged: unknown; changed: unknown }>;
}

const learnersRefused = { member: 403, observer: 403, outsider: 404 };

const article = (role: string) => (/^[aeiou]/.test(role) ? "an" : "a");

/** Changing the role of a newcomer of role `from` to `to`. */
const changingRole = (from: "owner" | "member", to: Role, instructor: number): Row => ({
  action: `change ${article(from)} ${from}'s role`,
  expect: { owner: 200, instructor, ...learnersRefused },
  async run(who) {
    const target = await newcomer(from);
    const res = await who.agent.patch(`/api/groups/${room.groupId}/members/${target.id}`).send({ role: to });
    return { status: res.status, after: await roleOf(target.id), unchanged: from, changed: to };
  },
});

/** Removing a newcomer of role `role`. */
const removing = (role: Role, instructor: number): Row => ({
  action: `remove ${article(role)} ${role}`,
  expect: { owner: 204, instructor, ...learnersRefused },
  async run(who) {
    const target = await newcomer(role);
    const res = await who.agent.delete(`/api/groups/${room.groupId}/members/${target.id}`);
    return { status: res.status, after: await roleOf(target.id), unchanged: role, changed: undefined };
  },
});

/** Creating an invite granting `role`. */
const inviting = (role: "member" | "instructor", instructor: number): Row => ({
  action: `create ${article(role)} ${role} invite`,
  expect: { owner: 201, instructor, ...learnersRefused },
  async run(who) {
    const before = (await openInviteIds()).length;
    const res = await who.agent
      .post(`/api/groups/${room.groupId}/invites`)
      .send({ role, expiresInDays: 3, maxUses: 5 });
    return {
      status: res.status,
      after: (await openInviteIds()).length,
      unchanged: before,
      changed: before + 1,
    };
  },
});

/** Revoking an invite granting `role`. */
const revoking = (role: "member" | "instructor", instructor: number): Row => ({
  action: `revoke ${article(role)} ${role} invite`,
  expect: { owner: 204, instructor, ...learnersRefused },
  async run(who) {
    const id = await newInvite(role);
    const res = await who.agent.delete(`/api/groups/${room.groupId}/invites/${id}`);
    return {
      status: res.status,
      after: (await openInviteIds()).includes(id),
      unchanged: true,
      changed: false,
    };
  },
});

const table: Row[] = [
  changingRole("member", "observer", 403),
  changingRole("owner", "member", 403),
  removing("member", 204),
  removing("observer", 204),
  removing("instructor", 403),
  removing("owner", 403),
  inviting("member", 201),
  inviting("instructor", 403),
  {
    action: "list open invites",
    expect: { owner: 200, instructor: 200, ...learnersRefused },
    async run(who) {
      const id = await newInvite("member");
      const res = await who.agent.get(`/api/groups/${room.groupId}/invites`);
      const listed = res.status === 200 && (res.body.invites as { id: string }[]).some((i) => i.id === id);
      return { status: res.status, after: listed, unchanged: false, changed: true };
    },
  },
  revoking("member", 204),
  revoking("instructor", 403),
  {
    action: "rename the group and describe it",
    expect: { owner: 200, instructor: 403, ...learnersRefused },
    async run(who) {
      const name = `Readers ${crypto.randomUUID().slice(0, 8)}`;
      const before = (await room.owner.agent.get("/api/groups").expect(200)).body.groups[0].name as string;
      const res = await who.agent
        .patch(`/api/groups/${room.groupId}`)
        .send({ name, description: "Tuesdays" });
      const after = (await room.owner.agent.get("/api/groups").expect(200)).body.groups[0].name as string;
      return { status: res.status, after, unchanged: before, changed: name };
    },
  },
  {
    action: "read the audit log",
    expect: { owner: 200, instructor: 200, ...learnersRefused },
    async run(who) {
      const res = await who.agent.get(`/api/groups/${room.groupId}/audit`);
      const events = res.status === 200 ? (res.body.events as unknown[]).length > 0 : false;
      return { status: res.status, after: events, unchanged: false, changed: true };
    },
  },
  {
    action: "rename a text",
    expect: { owner: 200, instructor: 200, ...learnersRefused },
    async run(who) {
      const id = await newDocument();
      const res = await who.agent.patch(`/api/documents/${id}`).send({ title: "Renamed" });
      const title = (await room.owner.agent.get(`/api/documents/${id}`).expect(200)).body.document.title;
      return { status: res.status, after: title, unchanged: "Spare", changed: "Renamed" };
    },
  },
  {
    action: "remove a text",
    expect: { owner: 204, instructor: 204, ...learnersRefused },
    async run(who) {
      const id = await newDocument();
      const res = await who.agent.delete(`/api/documents/${id}`);
      return {
        status: res.status,
        after: (await listedTitles()).includes(id),
        unchanged: true,
        changed: false,
      };
    },
  },
  {
    action: "list the rooms of removed texts",
    expect: { owner: 200, instructor: 200, ...learnersRefused },
    async run(who) {
      const id = await newDocument();
      const roomId = (
        await room.owner.agent.post(`/api/groups/${room.groupId}/rooms`).send({ documentId: id }).expect(201)
      ).body.room.id as string;
      await room.owner.agent.delete(`/api/documents/${id}`).expect(204);
      const res = await who.agent.get(`/api/groups/${room.groupId}/rooms?removed=true`);
      const listed = res.status === 200 && (res.body.rooms as { id: string }[]).some((r) => r.id === roomId);
      return { status: res.status, after: listed, unchanged: false, changed: true };
    },
  },
  {
    action: "pin a thread",
    expect: { owner: 200, instructor: 200, ...learnersRefused },
    async run(who) {
      const threadId = await startThread(room.member, room.roomId, "Pin me?", {
        blockId: room.paragraphs[0]!.anchorId,
      });
      const res = await who.agent.post(`/api/rooms/${room.roomId}/threads/${threadId}/pin`).set(key());
      return { status: res.status, after: await pinned(threadId), unchanged: false, changed: true };
    },
  },
  {
    action: "unpin a thread",
    expect: { owner: 200, instructor: 200, ...learnersRefused },
    async run(who) {
      const threadId = await startThread(room.member, room.roomId, "Unpin me?", {
        blockId: room.paragraphs[1]!.anchorId,
      });
      await room.owner.agent.post(`/api/rooms/${room.roomId}/threads/${threadId}/pin`).set(key()).expect(200);
      const res = await who.agent.post(`/api/rooms/${room.roomId}/threads/${threadId}/unpin`).set(key());
      return { status: res.status, after: await pinned(threadId), unchanged: true, changed: false };
    },
  },
];

async function pinned(threadId: string): Promise<boolean> {
  const res = await room.owner.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200);
  const thread = (res.body.threads as { id: string; pinnedAt: string | null }[]).find(
    (t) => t.id === threadId,
  );
  return thread?.pinnedAt != null;
}

describe("the management policy table", () => {
  for (const row of table) {
    it(`${row.action}: ${actors.map((actor) => `${actor} ${row.expect[actor]}`).join(", ")}`, async () => {
      const seen: Record<string, number> = {};
      for (const actor of actors) {
        const outcome = await row.run(personOf(actor));
        seen[actor] = outcome.status;
        const allowed = outcome.status < 300;
        expect(outcome.after, `${actor}: ${row.action}`).toEqual(
          allowed ? outcome.changed : outcome.unchanged,
        );
      }
      expect(seen).toEqual(row.expect);
    });
  }
});
