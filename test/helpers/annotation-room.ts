// A room with a discussion worth exporting as W3C annotations: a passage thread (tagged, resolved) with a nested
// reply tree, a whole-paragraph thread and an instructors' note; and helpers to export and read it back.
import type { buildRoom, Person } from "./room-fixture.ts";

type Room = Awaited<ReturnType<typeof buildRoom>>;

/** An annotation as exported (compacted JSON-LD); the tests read only what they check. */
export interface Annotation {
  id: string;
  motivation: string;
  target: Record<string, unknown> & { selector?: unknown };
  body: unknown;
  creator: unknown;
  [term: string]: unknown;
}

const key = () => crypto.randomUUID();

export async function annotationFixture(room: Room) {
  const [first, second] = room.paragraphs;
  const start = second!.text.indexOf("politely");
  const thread = async (person: Person, payload: object) =>
    (
      await person.agent
        .post(`/api/rooms/${room.roomId}/threads`)
        .set("Idempotency-Key", key())
        .send(payload)
        .expect(201)
    ).body.thread.id as string;
  const reply = async (person: Person, threadId: string, body: string, parentId: string | null = null) =>
    (
      await person.agent
        .post(`/api/rooms/${room.roomId}/threads/${threadId}/comments`)
        .set("Idempotency-Key", key())
        .send({ body, parentId })
        .expect(201)
    ).body.comment.id as string;
  const passage = await thread(room.member, {
    anchor: { blockId: second!.anchorId, start, end: start + "politely".length, exact: "politely" },
    body: "On *this* passage.",
    tags: ["method"],
  });
  const whole = await thread(room.other, {
    anchor: { blockId: first!.anchorId },
    body: "The whole paragraph.",
  });
  const instructorsOnly = await thread(room.instructor, {
    anchor: { blockId: first!.anchorId },
    body: "For teachers.",
    visibility: "instructors",
  });
  const replyId = await reply(room.other, passage, "A reply <script>alert(1)</script>.");
  const nested = await reply(room.member, passage, "A reply to the reply.", replyId);
  await room.member.agent
    .post(`/api/rooms/${room.roomId}/threads/${passage}/resolve`)
    .set("Idempotency-Key", key())
    .expect(200);
  return { passage, whole, instructorsOnly, reply: replyId, nested };
}

/** The room's export as parsed JSON-LD. */
export async function exportJsonLd(person: Person, roomId: string): Promise<Record<string, unknown>> {
  const res = await person.agent
    .get(`/api/rooms/${roomId}/export`)
    .query({ format: "jsonld" })
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => done(null, JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    })
    .expect(200);
  return res.body as Record<string, unknown>;
}

/** The whole text the export's positions count in: the version's blocks joined by a blank line. */
export async function roomWholeText(room: Room): Promise<string> {
  return room.blocks.map((block) => block.text).join("\n\n");
}

/** One annotation of a Hypothesis export by Hannah H., with `extra` (target, references, text…) on top. */
export const hypothesisRow = (id: string, extra: object) => ({
  id,
  text: `Note ${id}`,
  tags: [],
  user: "acct:hannah@hypothes.is",
  user_info: { display_name: "Hannah H." },
  created: "2026-01-02T03:04:05.000000+00:00",
  updated: "2026-01-02T03:04:05.000000+00:00",
  ...extra,
});
