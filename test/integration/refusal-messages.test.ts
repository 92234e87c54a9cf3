// Refusals say what was refused, of what, in words: the action a role lacks, the thing an outsider cannot see, an
// article that fits the role, and no wording of zod's own.
import { beforeAll, describe, expect, it } from "vitest";
import { buildRoom, startThread } from "../helpers/room-fixture.ts";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

const { app } = buildTestApp();

let room: Awaited<ReturnType<typeof buildRoom>>;
beforeAll(async () => {
  room = await buildRoom(app);
});

describe("refusals", () => {
  it("a member changing the tags of someone else's thread is told it is the tags", async () => {
    const anchor = { blockId: room.paragraphs[0]!.anchorId };
    const threadId = await startThread(room.other, room.roomId, "Whose tags?", anchor, { tags: ["a"] });
    const res = await room.member.agent
      .patch(`/api/rooms/${room.roomId}/threads/${threadId}`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ tags: ["b"] })
      .expect(403);
    expect(res.body.error.message).toBe(
      "Your role (member) does not allow changing this thread's tags (its author, instructors and owners can).",
    );
    await room.instructor.agent
      .patch(`/api/rooms/${room.roomId}/threads/${threadId}`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ tags: ["b"] })
      .expect(200);
  });

  it("a member starting an instructor-only thread is told that, not that they cannot read one", async () => {
    const res = await room.member.agent
      .post(`/api/rooms/${room.roomId}/threads`)
      .set("Idempotency-Key", crypto.randomUUID())
      .send({ anchor: { blockId: room.paragraphs[0]!.anchorId }, body: "Psst", visibility: "instructors" })
      .expect(403);
    expect(res.body.error.message).toBe(
      "Your role (member) does not allow starting instructor-only threads (owners and instructors can).",
    );
  });

  it("an outsider's upload, room or removed-texts list for another group names the group", async () => {
    const outsider = await signUp(app);
    const upload = await outsider.agent
      .post(`/api/documents?groupId=${room.groupId}`)
      .set("Content-Type", "text/plain")
      .send("A Title\n\nSome text.\n")
      .expect(404);
    expect(upload.body.error.message).toBe("Group was not found.");
    const attach = await outsider.agent
      .post(`/api/groups/${room.groupId}/rooms`)
      .send({ documentId: room.documentId })
      .expect(404);
    expect(attach.body.error.message).toBe("Group was not found.");
    const removed = await outsider.agent.get(`/api/groups/${room.groupId}/rooms?removed=true`).expect(404);
    expect(removed.body.error.message).toBe("Group was not found.");
  });

  it("an instructor or owner placed in a section is 'An instructor' / 'An owner'", async () => {
    const sections = `/api/groups/${room.groupId}/sections`;
    const section = (await room.owner.agent.post(sections).send({ name: "North" }).expect(201)).body;
    const sectionId = (section.sections ?? [section.section]).find(
      (entry: { name: string }) => entry.name === "North",
    ).id as string;
    for (const [person, role] of [
      [room.instructor, "instructor"],
      [room.owner, "owner"],
    ] as const) {
      const res = await room.owner.agent
        .put(`${sections}/members/${person.id}`)
        .send({ sectionId })
        .expect(409);
      expect(res.body.error.message).toBe(`An ${role} reads every section and is placed in none.`);
    }
  });

  it("say wrong types and bounds in words, and a JSON list as the wrong body", async () => {
    const flag = await room.owner.agent
      .patch(`/api/groups/${room.groupId}`)
      .send({ recordReadingTime: "yes" })
      .expect(400);
    expect(flag.body.error.message).toBe("Invalid request: recordReadingTime must be true or false.");
    const limit = await room.owner.agent.get(`/api/notifications?limit=0`).expect(400);
    expect(limit.body.error.message).toBe("Invalid request: limit must be at least 1.");
    const ids = await room.owner.agent.post("/api/notifications/read").send({ ids: [] }).expect(400);
    expect(ids.body.error.message).toBe("Invalid request: ids must not be empty.");
    const list = await room.owner.agent.post("/api/groups").send([]).expect(400);
    expect(list.body.error).toEqual({
      code: "validation_failed",
      message: "The request body must be a JSON object.",
      details: [{ field: "body", message: "must be a JSON object" }],
    });
  });
});
