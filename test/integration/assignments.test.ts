// Assignments across a daylight-saving change: due dates entered in the group's zone, late marks on threads and
// replies (REST and the room document), extensions granted and taken back, and participation snapshots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { RoomDoc } from "../../shared/room-doc.ts";
import { buildRoom, postReply, startThread, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";

let clock = new Date("2027-03-27T12:00:00Z");
const testApp = buildTestApp({ ctx: { now: () => clock, sessionTtlMs: 365 * 24 * 60 * 60 * 1000 } });
const { app, ctx } = testApp;
let room: Awaited<ReturnType<typeof buildRoom>>;
const anchor = () => ({ blockId: room.paragraphs[0]!.anchorId });

// Berlin moves from CET (+1) to CEST (+2) at 2027-03-28 01:00 UTC: 09:00 that morning is 07:00 UTC, not 08:00.
const dueLocal = "2027-03-28T09:00";
const thirtyBefore = new Date("2027-03-28T06:30:00Z"); // 08:30 in Berlin
const thirtyAfter = new Date("2027-03-28T07:30:00Z"); // 09:30 in Berlin (on time if due were read as CET)

beforeAll(async () => {
  room = await buildRoom(app);
  await room.owner.agent.patch(`/api/groups/${room.groupId}`).send({ timeZone: "Europe/Berlin" }).expect(200);
});
afterAll(async () => {
  await ctx.rooms.close();
});

const setAssignment = (person: Person, assignment: object | null) =>
  person.agent.patch(`/api/rooms/${room.roomId}`).send({ assignment }).expect(200);

async function listed(person: Person) {
  const res = await person.agent.get(`/api/rooms/${room.roomId}/threads?include=comments`).expect(200);
  return res.body.threads as { id: string; late: boolean; comments: { id: string; late: boolean }[] }[];
}

async function lateInDoc(id: string) {
  const doc = new RoomDoc((await ctx.rooms.open(room.roomId, "group")).committed);
  return (doc.thread(id) ?? doc.comment(id))?.late;
}

describe("the group's time zone", () => {
  it("is an IANA name, UTC by default, set by owners only", async () => {
    const { body } = await room.member.agent.get("/api/groups").expect(200);
    expect(body.groups[0].timeZone).toBe("Europe/Berlin");
    const bad = await room.owner.agent
      .patch(`/api/groups/${room.groupId}`)
      .send({ timeZone: "CET" })
      .expect(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/timeZone/);
    await room.instructor.agent.patch(`/api/groups/${room.groupId}`).send({ timeZone: "UTC" }).expect(403);
  });
});

describe("an assignment due just after the clocks change", () => {
  let onTime: string;
  let late: string;
  let lateReply: string;
  let extendedReply: string;
  let teacherThread: string;
  let ownerReply: string;

  beforeAll(async () => {
    await setAssignment(room.instructor, {
      instructions: "Read **both** paragraphs.",
      opensAt: "2027-03-27T09:00",
      dueAt: dueLocal,
    });
    clock = thirtyBefore;
    onTime = await startThread(room.member, room.roomId, "Before the deadline.", anchor());
    clock = thirtyAfter;
    late = await startThread(room.member, room.roomId, "After the deadline.", anchor());
    lateReply = await postReply(room.member, room.roomId, onTime, "A late reply.");
    extendedReply = await postReply(room.other, room.roomId, onTime, "Max has more time.");
    teacherThread = await startThread(
      room.instructor,
      room.roomId,
      "Commentary after the deadline.",
      anchor(),
    );
    ownerReply = await postReply(room.owner, room.roomId, teacherThread, "The owner adds a note.");
  });

  it("shows the due date in the group's zone and as an instant, with instructions; members see no one's extensions", async () => {
    const { body } = await room.member.agent.get(`/api/rooms/${room.roomId}/assignment`).expect(200);
    expect(body).toMatchObject({
      archived: false,
      assignment: {
        instructions: "Read **both** paragraphs.",
        timeZone: "Europe/Berlin",
        dueAt: { at: "2027-03-28T07:00:00.000Z", local: dueLocal },
        opensAt: { at: "2027-03-27T08:00:00.000Z", local: "2027-03-27T09:00" },
        myExtension: null,
      },
    });
    expect(body.assignment.extensions).toBeUndefined();
  });

  it("marks 30 minutes after the local due time late and 30 minutes before on time, in REST and in the document", async () => {
    const threads = await listed(room.member);
    const byId = new Map(threads.map((thread) => [thread.id, thread]));
    expect(byId.get(onTime)!.late).toBe(false);
    expect(byId.get(late)!.late).toBe(true);
    expect(byId.get(onTime)!.comments.find((c) => c.id === lateReply)!.late).toBe(true);
    expect(await lateInDoc(onTime)).toBe(false);
    expect(await lateInDoc(late)).toBe(true);
    expect(await lateInDoc(lateReply)).toBe(true);
  });

  it("never marks those who teach late, and a role change moves the marks with the role", async () => {
    const teacher = () => listed(room.member).then((threads) => threads.find((t) => t.id === teacherThread)!);
    expect(await teacher()).toMatchObject({ late: false, comments: [{ id: ownerReply, late: false }] });
    expect(await lateInDoc(teacherThread)).toBe(false);
    expect(await lateInDoc(ownerReply)).toBe(false);
    const rolePath = `/api/groups/${room.groupId}/members/${room.instructor.id}`;
    await room.owner.agent.patch(rolePath).send({ role: "member" }).expect(200);
    expect((await teacher()).late).toBe(true);
    expect(await lateInDoc(teacherThread)).toBe(true);
    await room.owner.agent.patch(rolePath).send({ role: "instructor" }).expect(200);
    expect((await teacher()).late).toBe(false);
    expect(await lateInDoc(teacherThread)).toBe(false);
  });

  it("an extension un-marks its holder's late work everywhere, and taking it back marks it again", async () => {
    expect(await lateInDoc(extendedReply)).toBe(true);
    const granted = await room.instructor.agent
      .put(`/api/rooms/${room.roomId}/assignment/extensions/${room.other.id}`)
      .send({ dueAt: "2027-03-29T09:00" })
      .expect(200);
    expect(granted.body.assignment.extensions).toEqual([
      {
        userId: room.other.id,
        displayName: "Max Member",
        dueAt: { at: "2027-03-29T07:00:00.000Z", local: "2027-03-29T09:00" },
      },
    ]);
    const mine = await room.other.agent.get(`/api/rooms/${room.roomId}/assignment`).expect(200);
    expect(mine.body.assignment.myExtension).toEqual({
      at: "2027-03-29T07:00:00.000Z",
      local: "2027-03-29T09:00",
    });
    expect(await lateInDoc(extendedReply)).toBe(false);
    const comments = (await listed(room.other)).find((thread) => thread.id === onTime)!.comments;
    expect(comments.find((c) => c.id === extendedReply)!.late).toBe(false);
    expect(comments.find((c) => c.id === lateReply)!.late).toBe(true); // Mel has no extension

    await room.instructor.agent
      .delete(`/api/rooms/${room.roomId}/assignment/extensions/${room.other.id}`)
      .expect(204);
    expect(await lateInDoc(extendedReply)).toBe(true);
    await room.instructor.agent
      .delete(`/api/rooms/${room.roomId}/assignment/extensions/${room.other.id}`)
      .expect(404);
  });

  it("lets only owners and instructors grant extensions, to members, with a date that exists", async () => {
    const path = `/api/rooms/${room.roomId}/assignment/extensions/${room.member.id}`;
    await room.member.agent.put(path).send({ dueAt: "2027-03-30T09:00" }).expect(403);
    await room.observer.agent.put(path).send({ dueAt: "2027-03-30T09:00" }).expect(403);
    await room.outsider.agent.put(path).send({ dueAt: "2027-03-30T09:00" }).expect(404);
    const bad = await room.owner.agent.put(path).send({ dueAt: "2027-02-30T09:00" }).expect(400);
    expect(bad.body.error.details[0].field).toBe("dueAt");
    // An extension only lengthens: the due date itself or earlier is refused, naming the due date in the group's zone.
    for (const dueAt of ["2027-03-27T09:00", dueLocal]) {
      const shorter = await room.owner.agent.put(path).send({ dueAt }).expect(400);
      expect(shorter.body.error.details).toEqual([
        { field: "dueAt", message: `must be after the assignment's due date, ${dueLocal}` },
      ]);
    }
    await room.owner.agent
      .put(`/api/rooms/${room.roomId}/assignment/extensions/${room.outsider.id}`)
      .send({ dueAt: "2027-03-30T09:00" })
      .expect(404);
  });

  it("moving the due date re-marks what was written before", async () => {
    await setAssignment(room.instructor, { instructions: "", dueAt: "2027-03-28T10:00" });
    expect(await lateInDoc(late)).toBe(false);
    expect((await listed(room.member)).find((thread) => thread.id === late)!.late).toBe(false);
    await setAssignment(room.instructor, { instructions: "", dueAt: dueLocal });
    expect(await lateInDoc(late)).toBe(true);
  });

  it("a snapshot keeps each member's threads, replies and late ones as they were when it was taken", async () => {
    await room.member.agent.post(`/api/rooms/${room.roomId}/assignment/snapshot`).expect(403);
    const taken = await room.instructor.agent
      .post(`/api/rooms/${room.roomId}/assignment/snapshot`)
      .expect(201);
    const rows = taken.body.snapshot.rows as Record<string, unknown>[];
    const of = (person: Person) => rows.find((row) => row.userId === person.id);
    expect(of(room.member)).toMatchObject({ threads: 2, replies: 1, lateThreads: 1, lateReplies: 1 });
    expect(of(room.other)).toMatchObject({ threads: 0, replies: 1, lateThreads: 0, lateReplies: 1 });
    expect(of(room.observer)).toMatchObject({ threads: 0, replies: 0, lateThreads: 0, lateReplies: 0 });
    expect(of(room.instructor)).toMatchObject({ threads: 1, lateThreads: 0, dueAt: null });
    expect(of(room.owner)).toMatchObject({ replies: 1, lateReplies: 0, dueAt: null });
    expect(taken.body.snapshot.dueAt).toEqual({ at: "2027-03-28T07:00:00.000Z", local: dueLocal });

    await postReply(room.member, room.roomId, late, "Written after the snapshot.");
    const id = taken.body.snapshot.id as string;
    const again = await room.owner.agent
      .get(`/api/rooms/${room.roomId}/assignment/snapshots/${id}`)
      .expect(200);
    expect(again.body.snapshot.rows).toEqual(rows);
    const list = await room.owner.agent.get(`/api/rooms/${room.roomId}/assignment/snapshots`).expect(200);
    expect(list.body.snapshots.map((s: { id: string }) => s.id)).toEqual([id]);

    const csv = await room.owner.agent
      .get(`/api/rooms/${room.roomId}/assignment/snapshots/${id}?format=csv`)
      .buffer(true)
      .parse((res, done) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        res.on("end", () => done(null, text));
      })
      .expect(200)
      .expect("Content-Type", /text\/csv/);
    const table = parse(csv.body as string, { bom: true, columns: true }) as Record<string, string>[];
    expect(table.find((row) => row.user_id === room.member.id)).toMatchObject({
      member: "Mel Member",
      threads: "2",
      late_threads: "1",
      late_replies: "1",
    });
  });

  it("clearing the assignment drops its extensions and every late mark", async () => {
    await setAssignment(room.owner, null);
    const { body } = await room.member.agent.get(`/api/rooms/${room.roomId}/assignment`).expect(200);
    expect(body.assignment).toBeNull();
    expect(await lateInDoc(late)).toBe(false);
    expect((await listed(room.member)).every((thread) => !thread.late)).toBe(true);
  });
});
