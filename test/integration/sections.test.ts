// Discussion sections: owners and instructors split the class (by hand or automatically); a member reads their own
// section's threads and the instructors', never another section's — not through REST (list, counts, search),
// exports, notifications or a raw sync client — and moving them re-scopes their live connection; instructors read
// every section and filter by one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mentionToken } from "../../shared/mentions.ts";
import type { SectionListDto } from "../../shared/schemas/sections.ts";
import { sectionNotice } from "../../shared/sections.ts";
import { closeCode, syncPaths } from "../../shared/sync-protocol.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { readSyncedReplica, readThreadList } from "../helpers/room-reads.ts";
import { buildRoom, joinGroup, postReply, startThread, type Person } from "../helpers/room-fixture.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
let nia: Person;
let north: string;
let south: string;
let teacherThread: string;
let northThread: string;
let southThread: string;
/** What only the south section wrote: none of it may reach the north. */
const southWords = { thread: "Zanzibar south idea", reply: "Quokka south reply" };

const sectionsUrl = () => `/api/groups/${room.groupId}/sections`;
const place = (userId: string, sectionId: string | null) =>
  room.instructor.agent.put(`${sectionsUrl()}/members/${userId}`).send({ sectionId }).expect(200);

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
  nia = await joinGroup(server.app, room.owner, room.groupId, "member", "Nia Newcomer");
  north = (await room.instructor.agent.post(sectionsUrl()).send({ name: "North" }).expect(201)).body
    .sections[0].id;
  const created = await room.owner.agent.post(sectionsUrl()).send({ name: "South" }).expect(201);
  south = (created.body as SectionListDto).sections.find((section) => section.name === "South")!.id;
  await place(room.member.id, north);
  await place(room.observer.id, north);
  await place(room.other.id, south);
  await place(nia.id, south);
  const [first, second, third] = room.paragraphs;
  teacherThread = await startThread(room.instructor, room.roomId, "Teacher note.", {
    blockId: first!.anchorId,
  });
  northThread = await startThread(room.member, room.roomId, "Mel north idea", { blockId: second!.anchorId });
  southThread = await startThread(room.other, room.roomId, southWords.thread, { blockId: third!.anchorId });
  await postReply(
    room.other,
    room.roomId,
    teacherThread,
    `${southWords.reply} ${mentionToken(room.member.id)}`,
  );
  await postReply(
    room.instructor,
    room.roomId,
    teacherThread,
    `The teacher answers ${mentionToken(room.member.id)}`,
  );
});
afterAll(async () => {
  await server.close();
});

const threadList = (person: Person, query: Record<string, string> = {}) =>
  readThreadList(person, room.roomId, query);
const syncUrl = (veiled: boolean) =>
  `${server.wsUrl}${veiled ? syncPaths.veiledRoom(room.roomId) : syncPaths.room(room.roomId)}`;
const syncedReplica = (person: Person, veiled: boolean) => readSyncedReplica(syncUrl(veiled), person.cookie);

describe("a member of one section", () => {
  it("lists, counts and searches only their section's threads and the instructors', replies alike", async () => {
    for (const person of [room.member, room.observer]) {
      const list = await threadList(person);
      expect(list.threads.map((thread) => thread.id).sort()).toEqual([teacherThread, northThread].sort());
      const teacher = list.threads.find((thread) => thread.id === teacherThread)!;
      expect(teacher.commentCount).toBe(1);
      expect(JSON.stringify(list)).not.toMatch(/Zanzibar|Quokka/);
      expect(list.blockCounts[room.paragraphs[2]!.anchorId]).toBeUndefined();
      for (const q of ["Zanzibar", "Quokka"]) expect((await threadList(person, { q })).threads).toEqual([]);
      expect((await threadList(person, { authorId: room.other.id })).threads).toEqual([]);
    }
  });

  it("exports only what they read, in every format", async () => {
    for (const format of ["md", "csv", "jsonld"]) {
      const res = await room.member.agent
        .get(`/api/rooms/${room.roomId}/export`)
        .query({ format })
        .expect(200);
      expect(res.text, format).toContain("Mel north idea");
      expect(res.text, format).toContain("Teacher note.");
      expect(res.text, format).not.toMatch(/Zanzibar|Quokka/);
    }
    await room.member.agent
      .get(`/api/rooms/${room.roomId}/export`)
      .query({ format: "md", threadId: southThread })
      .expect(400);
  });

  it("is notified of the instructor's mention, not of another section's", async () => {
    const res = await room.member.agent.get("/api/notifications").expect(200);
    const excerpts = (res.body.notifications as { excerpt: string }[]).map((item) => item.excerpt);
    expect(excerpts.some((excerpt) => excerpt.includes("The teacher answers"))).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain("Quokka");
  });

  it("is refused the room's document and syncs a veiled one without a byte of the other section", async () => {
    const forged = openRawSyncClient(syncUrl(false), room.member.cookie);
    const received: Buffer[] = [];
    forged.socket.on("message", (data: Buffer) => received.push(data));
    expect(await forged.closed).toEqual({ code: closeCode.hiddenUntilPosted, reason: sectionNotice });
    expect(received).toEqual([]);
    const replica = await syncedReplica(room.member, true);
    expect([...replica.room.threads.keys()].sort()).toEqual([teacherThread, northThread].sort());
    expect(replica.bytes).not.toMatch(/Zanzibar|Quokka/);
    replica.client.socket.close();
  });

  it("may not filter by section, list or change sections", async () => {
    await room.member.agent.get(`/api/rooms/${room.roomId}/threads`).query({ section: south }).expect(403);
    await room.member.agent.get(sectionsUrl()).expect(403);
    await room.member.agent.post(sectionsUrl()).send({ name: "Mine" }).expect(403);
    await room.member.agent
      .put(`${sectionsUrl()}/members/${room.member.id}`)
      .send({ sectionId: south })
      .expect(403);
    await room.outsider.agent.get(sectionsUrl()).expect(404);
  });
});

describe("instructors", () => {
  it("read every section and filter the list by one", async () => {
    const all = await threadList(room.instructor);
    expect(all.threads).toHaveLength(3);
    const bySouth = await threadList(room.instructor, { section: south });
    expect(bySouth.threads.map((thread) => thread.id)).toEqual([southThread]);
    expect(bySouth.blockCounts).toEqual({ [room.paragraphs[2]!.anchorId]: 1 });
    const byNorth = await threadList(room.owner, { section: north });
    expect(byNorth.threads.map((thread) => thread.id)).toEqual([northThread]);
    const bad = await room.owner.agent
      .get(`/api/rooms/${room.roomId}/threads`)
      .query({ section: "x" })
      .expect(400);
    expect(bad.body.error.message).toContain("section");
  });

  it("sync the room's document whole", async () => {
    const replica = await syncedReplica(room.instructor, false);
    expect(replica.room.threads.size).toBe(3);
    replica.client.socket.close();
  });

  it("cannot section a teacher, a section of another group or a taken name", async () => {
    await room.owner.agent
      .put(`${sectionsUrl()}/members/${room.instructor.id}`)
      .send({ sectionId: north })
      .expect(409);
    await room.owner.agent
      .put(`${sectionsUrl()}/members/${room.member.id}`)
      .send({ sectionId: crypto.randomUUID() })
      .expect(404);
    const taken = await room.owner.agent
      .patch(`${sectionsUrl()}/${north}`)
      .send({ name: "South" })
      .expect(409);
    expect(taken.body.error.details).toEqual([
      { field: "name", message: "is already a section of this group" },
    ]);
  });
});

describe("moving a member", () => {
  it("re-scopes their live sync connection: the reconnect reads the new section", async () => {
    const veiled = await syncedReplica(room.member, true);
    await place(room.member.id, south);
    expect((await veiled.client.closed).code).toBe(closeCode.accessChanged);
    const moved = await syncedReplica(room.member, true);
    expect([...moved.room.threads.keys()].sort()).toEqual([teacherThread, northThread, southThread].sort());
    expect(moved.bytes).toContain("Quokka");
    moved.client.socket.close();
    // The north reads the member's own thread no longer: it is another section's now.
    expect((await threadList(room.observer)).threads.map((thread) => thread.id)).toEqual([teacherThread]);
  });
});

describe("someone joining", () => {
  it("reconnects the group's veiled views, whose lists of whose words they show may now name them", async () => {
    const veiled = await syncedReplica(room.observer, true);
    await joinGroup(server.app, room.owner, room.groupId, "instructor", "Ian Instructor");
    expect((await veiled.client.closed).code).toBe(closeCode.accessChanged);
  });
});

describe("a PDF export job", () => {
  it("built for the old section is stopped and forgotten once its owner moves", async () => {
    const started = await room.observer.agent
      .post(`/api/rooms/${room.roomId}/export-jobs`)
      .query({ format: "pdf" })
      .expect(202);
    const jobId = started.body.job.id as string;
    await room.observer.agent.get(`/api/export-jobs/${jobId}`).expect(200);
    await place(room.observer.id, south);
    await room.observer.agent.get(`/api/export-jobs/${jobId}`).expect(404);
  });
});

describe("splitting automatically", () => {
  it("balances members and observers into ceil(n / N) sections by join order, replacing the old ones, audited", async () => {
    const res = await room.owner.agent.post(`${sectionsUrl()}/auto`).send({ perSection: 3 }).expect(200);
    const list = res.body as SectionListDto;
    // Join order: Mel, Max, Obi, then Nia; instructors and owners are never sectioned.
    expect(list.sections.map((section) => [section.name, section.memberIds])).toEqual([
      ["Section 1", [room.member.id, room.other.id]],
      ["Section 2", [room.observer.id, nia.id]],
    ]);
    expect(list.unsectioned).toEqual([]);
    const byCount = await room.owner.agent.post(`${sectionsUrl()}/auto`).send({ count: 3 }).expect(200);
    expect((byCount.body as SectionListDto).sections.map((section) => section.memberIds.length)).toEqual([
      2, 1, 1,
    ]);
    const both = await room.owner.agent
      .post(`${sectionsUrl()}/auto`)
      .send({ perSection: 2, count: 2 })
      .expect(400);
    expect(both.body.error.message).toContain("perSection or count");
    const audit = await room.owner.agent.get(`/api/groups/${room.groupId}/audit`).expect(200);
    const actions = (audit.body.events as { action: string; details: Record<string, unknown> }[]).map(
      (event) => [event.action, event.details.sizes ?? event.details.section ?? event.details.name],
    );
    expect(actions).toContainEqual(["section.auto_split", [2, 2]]);
    expect(actions).toContainEqual(["section.member_placed", "South"]);
    expect(actions).toContainEqual(["section.created", "North"]);
  });

  it("and deleting every section opens the room to everyone again", async () => {
    const { sections } = (await room.owner.agent.get(sectionsUrl()).expect(200)).body as SectionListDto;
    for (const section of sections)
      await room.owner.agent.delete(`${sectionsUrl()}/${section.id}`).expect(200);
    expect((await threadList(room.observer)).threads).toHaveLength(3);
    const replica = await syncedReplica(room.observer, false);
    expect(replica.room.threads.size).toBe(3);
    replica.client.socket.close();
  });
});
