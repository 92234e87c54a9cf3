// Importing annotations over HTTP against the real database: a JSON-LD round trip between two rooms of the same
// text, idempotence (again, and twice at once), a Hypothesis export with a detached quote, roles and hostile files.
import { beforeAll, describe, expect, it } from "vitest";
import { buildRoom, type Person } from "../helpers/room-fixture.ts";
import { buildTestApp } from "../helpers/test-app.ts";
import {
  annotationFixture,
  exportJsonLd,
  hypothesisRow,
  type Annotation,
} from "../helpers/annotation-room.ts";

const { app } = buildTestApp();
type Room = Awaited<ReturnType<typeof buildRoom>>;
let source: Room;

function annotationsOf(collection: Record<string, unknown>): Annotation[] {
  const items: Annotation[] = [];
  let page = collection.first as Record<string, unknown> | undefined;
  for (; page; page = page.next as Record<string, unknown> | undefined)
    items.push(...(page.items as Annotation[]));
  return items;
}

function importFile(person: Person, room: Room, file: unknown, type = "application/ld+json") {
  return person.agent
    .post(`/api/rooms/${room.roomId}/import`)
    .set("Content-Type", type)
    .send(typeof file === "string" ? file : JSON.stringify(file));
}

/** What must survive a round trip, with room-specific ids replaced by their place in the tree. */
function shapeOf(annotations: Annotation[]) {
  const index = new Map(annotations.map((a, i) => [a.id, i]));
  return annotations.map((a) => ({
    motivation: a.motivation,
    body: a.body,
    status: a["scholia:status"],
    visibility: a["scholia:visibility"],
    target:
      typeof a.target === "string"
        ? `reply to #${index.get(a.target)}`
        : (a.target.selector as Record<string, unknown>[]).map((s) => ({ ...s })),
    created: a.created,
  }));
}

beforeAll(async () => {
  source = await buildRoom(app);
  await annotationFixture(source);
});

describe("JSON-LD round trip", () => {
  let target: Room;
  let file: Record<string, unknown>;

  beforeAll(async () => {
    target = await buildRoom(app);
    file = await exportJsonLd(source.owner, source.roomId);
  });

  it("re-creates the same threads, reply trees, tags, statuses, quotes and anchors in a room of the same text", async () => {
    const res = await importFile(target.instructor, target, file).expect(200);
    expect(res.body).toMatchObject({
      format: "w3c",
      created: { threads: 3, replies: 2 },
      detached: [],
      skipped: [],
      // Another upload of the same text: not "another document".
      warnings: [],
    });
    const before = annotationsOf(file);
    const after = annotationsOf(await exportJsonLd(target.owner, target.roomId));
    expect(shapeOf(after)).toEqual(shapeOf(before));
    // Nobody in the new group wrote these: the importer stands for them, labelled with the name in the file.
    const names = after.map((a) => (a.creator as { name: string }).name);
    expect(names).toContain(`imported: ${source.member.displayName}`);
    expect(names).not.toContain(source.member.displayName);
  });

  it("creates nothing when the same file is imported again", async () => {
    const res = await importFile(target.owner, target, file).expect(200);
    expect(res.body.created).toEqual({ threads: 0, replies: 0 });
    expect(res.body.skipped).toHaveLength(5);
    expect(annotationsOf(await exportJsonLd(target.owner, target.roomId))).toHaveLength(5);
  });

  it("creates everything once when the same file is imported twice at the same time", async () => {
    const room = await buildRoom(app);
    const [a, b] = await Promise.all([
      importFile(room.owner, room, file).expect(200),
      importFile(room.instructor, room, file).expect(200),
    ]);
    expect(a.body.created.threads + b.body.created.threads).toBe(3);
    expect(a.body.created.replies + b.body.created.replies).toBe(2);
    expect(annotationsOf(await exportJsonLd(room.owner, room.roomId))).toHaveLength(5);
  });

  it("brings nothing twice into the room it was exported from", async () => {
    const res = await importFile(source.owner, source, file).expect(200);
    expect(res.body.created).toEqual({ threads: 0, replies: 0 });
    expect(res.body.skipped.map((s: { reason: string }) => s.reason)).toEqual(
      Array(5).fill("it is already in this room"),
    );
  });

  it("attributes an author to the member with the e-mail address the file gives", async () => {
    const room = await buildRoom(app);
    const annotation = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "https://elsewhere.example/anno/1",
      type: "Annotation",
      body: { type: "TextualBody", value: "Mine, from another tool." },
      target: {
        source: "https://elsewhere.example/text",
        selector: { type: "TextQuoteSelector", exact: "politely but firmly" },
      },
      creator: { type: "Person", name: "Someone Else", email: `mailto:${room.member.email.toUpperCase()}` },
    };
    await importFile(room.owner, room, annotation).expect(200);
    const [thread] = annotationsOf(await exportJsonLd(room.owner, room.roomId));
    // Matched, yet marked: an imported file is not the member's own words.
    expect(thread!.creator).toMatchObject({
      name: `imported: ${room.member.displayName}`,
      id: `urn:uuid:${room.member.id}`,
      "scholia:role": "imported",
    });
  });
});

describe("Hypothesis import", () => {
  const row = hypothesisRow;
  const quoted = (exact: string, prefix = "", suffix = "") => ({
    target: [
      {
        source: "https://example.org/text",
        selector: [
          { type: "TextPositionSelector", start: 10, end: 20 },
          { type: "TextQuoteSelector", exact, prefix, suffix },
        ],
      },
    ],
  });

  it("anchors quotes exactly or closely, keeps replies and tags, and reports a quote not in the text as detached", async () => {
    const room = await buildRoom(app);
    const file = {
      annotations: [
        row("h1", { ...quoted("reading together", "something about ", ", slowly"), tags: ["Method", "C++"] }),
        row("h2", { text: "A reply", references: ["h1"] }),
        row("h3", { text: "Reply to the reply", references: ["h1", "h2"] }),
        row("h4", quoted("disagrees with the frist, politely")), // a typo: a close match
        row("h5", quoted("a sentence that this text never had in it")),
        row("h6", { text: "Orphan", references: ["gone"] }),
      ],
    };
    const res = await importFile(room.instructor, room, file, "application/json").expect(200);
    expect(res.body).toMatchObject({ format: "hypothesis", created: { threads: 2, replies: 2 } });
    expect(res.body.detached).toEqual([
      {
        source: "annotation 5 (“a sentence that this text never had in i…”; id h5)",
        quote: "a sentence that this text never had in it",
        reason: expect.stringContaining("not in the room's text"),
      },
    ]);
    expect(res.body.skipped).toEqual([
      {
        source: "annotation 6 (“Orphan”; id h6)",
        reason: "the annotation it replies to (id gone) is not in the file",
      },
    ]);
    expect(res.body.warnings.map((w: { source: string }) => w.source).sort()).toEqual([
      "annotation 1 (“reading together”; id h1)",
      "annotation 4 (“disagrees with the frist, politely”; id h4)",
    ]);
    const annotations = annotationsOf(await exportJsonLd(room.member, room.roomId));
    const threads = annotations.filter((a) => a.motivation !== "replying");
    const quotes = threads.map(
      (a) =>
        (a.target.selector as { type: string; exact: string }[]).find((s) => s.type === "TextQuoteSelector")!
          .exact,
    );
    expect(quotes.sort()).toEqual(["disagrees with the first, politely", "reading together"]);
    const first = threads.find((a) => JSON.stringify(a.body).includes("Note h1"))!;
    expect(first.body).toContainEqual({ type: "TextualBody", value: "method", purpose: "tagging" });
    expect(first.creator).toMatchObject({ name: "imported: Hannah H." });
    expect(first.created).toBe("2026-01-02T03:04:05.000Z");
    const replies = annotations.filter((a) => a.motivation === "replying");
    expect(replies.map((a) => a.target)).toEqual([first.id, replies[0]!.id]);
  });
});

describe("who may import, and what files are refused", () => {
  let room: Room;
  beforeAll(async () => {
    room = await buildRoom(app);
  });

  it("lets owners and instructors import; refuses members and observers (403) and outsiders (404)", async () => {
    await importFile(room.member, room, []).expect(403);
    await importFile(room.observer, room, []).expect(403);
    await importFile(room.outsider, room, []).expect(404);
    const res = await importFile(room.instructor, room, []).expect(200);
    expect(res.body.created).toEqual({ threads: 0, replies: 0 });
  });

  it("takes the file as a multipart upload too", async () => {
    const res = await room.owner.agent
      .post(`/api/rooms/${room.roomId}/import`)
      .attach("file", Buffer.from(JSON.stringify([])), {
        filename: "notes.json",
        contentType: "application/json",
      })
      .expect(200);
    expect(res.body.format).toBe("hypothesis");
  });

  it("refuses what is not JSON, too large, too deep, or of an unknown shape, naming the file", async () => {
    const notJson = await importFile(room.owner, room, "{ nope").expect(400);
    expect(notJson.body.error.details).toEqual([
      { field: "file", message: expect.stringContaining("not JSON") },
    ]);
    await importFile(room.owner, room, `[${"0,".repeat(3 * 1024 * 1024)}0]`).expect(413);
    const deep = await importFile(room.owner, room, `${"[".repeat(5_000)}${"]".repeat(5_000)}`).expect(400);
    expect(deep.body.error.message).toMatch(/nests deeper than 100 levels/u);
    await importFile(room.owner, room, { hello: "world" }).expect(400);
    const remote = await importFile(room.owner, room, {
      "@context": "https://evil.example/context.jsonld",
      type: "Annotation",
    }).expect(400);
    expect(remote.body.error.message).toMatch(/nothing is fetched/u);
    await importFile(room.owner, room, "[]", "text/html").expect(415);
  });

  it("skips items of the wrong types, naming the item and the field, and keeps scripts as inert text", async () => {
    const res = await importFile(
      room.owner,
      room,
      [
        { id: "bad", text: 42, target: [] },
        {
          id: "ok",
          text: "<script>alert(1)</script> **bold**",
          ...{ target: [{ selector: [{ type: "TextQuoteSelector", exact: "slowly and with care" }] }] },
        },
      ],
      "application/json",
    ).expect(200);
    expect(res.body.skipped).toEqual([
      { source: "annotation 1 (id bad)", reason: expect.stringMatching(/^annotations\[0\]\.text: /u) },
    ]);
    expect(res.body.created.threads).toBe(1);
    const threads = (await room.owner.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200)).body
      .threads as {
      body: string;
    }[];
    expect(threads.map((t) => t.body)).toContain("<script>alert(1)</script> **bold**");
  });
});

describe("what a tester found", () => {
  const w3c = (id: string, extra: object) => ({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id,
    type: "Annotation",
    body: { type: "TextualBody", value: `Words of ${id}` },
    target: { selector: { type: "TextQuoteSelector", exact: "politely but firmly" } },
    ...extra,
  });
  const exportText = async (person: Person, room: Room, format: string) =>
    (
      await person.agent
        .get(`/api/rooms/${room.roomId}/export`)
        .query({ format })
        .buffer(true)
        .parse((stream, done) => {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => done(null, Buffer.concat(chunks).toString("utf8")));
        })
        .expect(200)
    ).body as string;

  it("never shows imported words as a member's own, even when the file gives the member's e-mail", async () => {
    const room = await buildRoom(app);
    const file = [
      w3c("https://forger.example/1", { creator: { name: "Owner", email: room.owner.email } }),
      w3c("https://forger.example/2", { creator: { name: "X", email: `mailto:${room.member.email}` } }),
    ];
    await importFile(room.instructor, room, file).expect(200);
    const threads = (await room.member.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200)).body
      .threads as { author: { id: string; name: string; imported: boolean } }[];
    expect(threads.map((t) => t.author).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        // An imported author holds no role, whoever's id the thread stands under.
        { id: room.member.id, name: `imported: ${room.member.displayName}`, imported: true, role: null },
        { id: room.owner.id, name: `imported: ${room.owner.displayName}`, imported: true, role: null },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    const markdown = await exportText(room.member, room, "md");
    expect(markdown).toContain(`**imported: ${room.owner.displayName}** (imported)`);
    expect(markdown).not.toContain(`**${room.owner.displayName}**`);
    expect(markdown).not.toMatch(/\((owner|member|instructor)\)/u);
  });

  it("shows a non-member's imported words as imported, not with the importer's role, in every export", async () => {
    const room = await buildRoom(app);
    await importFile(
      room.instructor,
      room,
      [
        {
          id: "r1",
          text: "From Hypothesis",
          user: "acct:zoe@hypothes.is",
          ...{ target: [{ selector: [{ type: "TextQuoteSelector", exact: "politely but firmly" }] }] },
        },
      ],
      "application/json",
    ).expect(200);
    const csv = await exportText(room.owner, room, "csv");
    expect(csv).toContain("imported: zoe");
    expect(csv).toMatch(/imported: zoe,[0-9a-f-]{36},imported,/u);
    expect(csv).not.toContain(",instructor,");
    const html = await exportText(room.owner, room, "html");
    expect(html).toContain("(imported)");
    expect(html).not.toContain("(instructor)");
  });

  it("keeps a visible reply whose parent was deleted or hidden, under its nearest kept ancestor", async () => {
    const from = await buildRoom(app);
    const { passage, reply, nested } = await annotationFixture(from);
    const key = () => crypto.randomUUID();
    const answer = async (parentId: string, body: string) =>
      (
        await from.owner.agent
          .post(`/api/rooms/${from.roomId}/threads/${passage}/comments`)
          .set("Idempotency-Key", key())
          .send({ body, parentId })
          .expect(201)
      ).body.comment.id as string;
    // thread ← reply (deleted) ← nested ← hidden ← "Under a hidden reply."; reply ← "Under a deleted reply."
    await answer(reply, "Under a deleted reply.");
    const hidden = await answer(nested, "To be hidden.");
    await answer(hidden, "Under a hidden reply.");
    await from.other.agent
      .delete(`/api/rooms/${from.roomId}/comments/${reply}`)
      .set("Idempotency-Key", key())
      .expect(200);
    await from.instructor.agent
      .post(`/api/rooms/${from.roomId}/comments/${hidden}/hide`)
      .set("Idempotency-Key", key())
      .send({ reason: "off topic" })
      .expect(200);
    const file = await exportJsonLd(from.owner, from.roomId);
    const to = await buildRoom(app);
    const res = await importFile(to.owner, to, file).expect(200);
    expect(res.body.created).toEqual({ threads: 3, replies: 3 });
    expect(res.body.skipped.map((s: { reason: string }) => s.reason).sort()).toEqual([
      "it was deleted in the source",
      "it was hidden by a moderator in the source",
    ]);
    const moved = res.body.warnings.map((w: { message: string }) => w.message);
    expect(moved.filter((m: string) => m.endsWith("attached to the thread instead"))).toHaveLength(2);
    expect(
      moved.filter((m: string) => /attached to annotation \d+ \(“A reply to the reply\.”/u.test(m)),
    ).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain("is not in the file");
    const after = annotationsOf(await exportJsonLd(to.owner, to.roomId));
    const idOf = (words: string) => after.find((a) => JSON.stringify(a.body).includes(words))!.id;
    const parentOf = (words: string) =>
      after.find((a) => JSON.stringify(a.body).includes(words))!.target as unknown;
    expect(parentOf("A reply to the reply.")).toBe(idOf("On *this* passage."));
    expect(parentOf("Under a deleted reply.")).toBe(idOf("On *this* passage."));
    expect(parentOf("Under a hidden reply.")).toBe(idOf("A reply to the reply."));
  });

  it("says precisely why an annotation under an id imported before is left out", async () => {
    const room = await buildRoom(app);
    const first = w3c("http://example.org/anno1", {});
    await importFile(room.owner, room, first).expect(200);
    const again = await importFile(room.owner, room, first).expect(200);
    expect(again.body.skipped).toEqual([
      {
        source: expect.any(String),
        reason: "an annotation with this id and these words was imported before: left out",
      },
    ]);
    const other = await importFile(room.owner, room, {
      ...first,
      body: { type: "TextualBody", value: "Else" },
    });
    expect(other.body.created.threads).toBe(0);
    expect(other.body.skipped[0].reason).toMatch(
      /^an annotation with this id was imported before, with other words \(“Words of http:\/\/example\.org\/anno1”\): left out/u,
    );
  });

  it("does not believe a date in the future or one that is not a date, and says so", async () => {
    const room = await buildRoom(app);
    const before = Date.now();
    const res = await importFile(room.owner, room, [
      w3c("urn:x:1", { created: "9999-12-31T23:59:59Z" }),
      w3c("urn:x:2", { created: "not a date", modified: "0000-01-01T00:00:00Z" }),
    ]).expect(200);
    expect(res.body.created.threads).toBe(2);
    const messages = res.body.warnings.map(
      (w: { source: string; message: string }) => `${w.source}: ${w.message}`,
    );
    expect(messages).toContainEqual(
      'annotation 1 (“politely but firmly”; id urn:x:1): its created date "9999-12-31T23:59:59Z" is in the future: the import time was used instead',
    );
    const [thread] = (await room.owner.agent.get(`/api/rooms/${room.roomId}/threads`).expect(200)).body
      .threads as {
      createdAt: string;
    }[];
    expect(Date.parse(thread!.createdAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(thread!.createdAt)).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it("answers an empty upload and a list of numbers in words a person understands", async () => {
    const room = await buildRoom(app);
    const empty = await room.owner.agent
      .post(`/api/rooms/${room.roomId}/import`)
      .set("Content-Type", "application/json")
      .expect(400);
    expect(empty.body.error.message).toMatch(/The file is empty/u);
    await room.member.agent.post(`/api/rooms/${room.roomId}/import`).expect(403);
    const numbers = await importFile(room.owner, room, [1, 2, 3], "application/json").expect(200);
    expect(numbers.body.skipped).toEqual(
      [1, 2, 3].map((n) => ({
        source: `annotation ${n}`,
        reason: `annotation ${n} is a number, not an annotation object`,
      })),
    );
  });

  it("warns once when the file says it is about another document", async () => {
    const room = await buildRoom(app);
    const row = (id: string) => ({
      id,
      text: `Note ${id}`,
      uri: "https://example.com/another-book",
      document: { title: ["A Completely Different Book"] },
      target: [{ selector: [{ type: "TextQuoteSelector", exact: "politely but firmly" }] }],
    });
    const res = await importFile(room.owner, room, [row("a"), row("b")], "application/json").expect(200);
    const about = res.body.warnings.filter((w: { message: string }) => w.message.includes("another text"));
    expect(about).toHaveLength(1);
    expect(about[0].message).toContain("“A Completely Different Book”");
  });
});
