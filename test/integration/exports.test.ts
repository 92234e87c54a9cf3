// Exports read back with real parsers: CSV (csv-parse) and Markdown (markdown-it), per role and per filter,
// over HTTP against the real database.
import { parse } from "csv-parse/sync";
import { Window } from "happy-dom";
import MarkdownIt from "markdown-it";
import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { privateNotesOf } from "../../shared/private-notes.ts";
import { appendNoteUpdate } from "../../server/data/note-updates.ts";
import { buildRoomExport } from "../../server/services/exports/export-room.ts";
import { exportQuerySchema } from "../../shared/schemas/exports.ts";
import {
  buildRoom,
  exportText as text,
  postReply,
  startThread,
  type Person,
} from "../helpers/room-fixture.ts";
import { faultySql } from "../helpers/faulty-sql.ts";
import { buildTestApp, testDatabase, testDbWithSql } from "../helpers/test-app.ts";

const faults = faultySql(testDatabase().sql);
const { app } = buildTestApp({ ctx: { db: testDbWithSql(faults.sql) } });
let room: Awaited<ReturnType<typeof buildRoom>>;
const ids = {
  onThird: "",
  onRiver: "",
  formula: "",
  firstReply: "",
  nested: "",
  memberReply: "",
  instructorsOnly: "",
  hidden: "",
  deletedAlone: "",
  hostile: "",
};

const key = () => crypto.randomUUID();
const blockOf = (fragment: string) => room.blocks.find((block) => block.text.includes(fragment))!;

const thread = (person: Person, body: string, anchor: object, extra: object = {}) =>
  startThread(person, room.roomId, body, anchor, extra);

const reply = (person: Person, threadId: string, body: string, parentId: string | null = null) =>
  postReply(person, room.roomId, threadId, body, parentId);

function exported(person: Person, query: Record<string, string>) {
  return person.agent
    .get(`/api/rooms/${room.roomId}/export`)
    .query(query)
    .buffer(true)
    .parse(textParser as unknown as Parameters<supertest.Test["parse"]>[0]);
}

// Every body read as the UTF-8 it is, whatever its type, so that a byte order mark is seen as sent.
function textParser(res: NodeJS.ReadableStream, done: (error: Error | null, body: string) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => done(null, Buffer.concat(chunks).toString("utf8")));
}

type CsvRow = Record<string, string> & { body: string; id: string; type: string };
async function csvRows(person: Person, query: Record<string, string> = {}): Promise<CsvRow[]> {
  const res = await exported(person, { format: "csv", ...query }).expect(200);
  return parse(res.body as string, { columns: true, bom: true }) as CsvRow[];
}

beforeAll(async () => {
  room = await buildRoom(app, text, "text/markdown");
  const second = blockOf("second paragraph");
  const first = blockOf("first paragraph");
  const third = blockOf("third paragraph");
  // Written out of reading order: the export must put them back in it.
  ids.onThird = await thread(
    room.member,
    "A thought on the end.",
    { blockId: third.anchorId },
    { tags: ["ending"] },
  );
  ids.onRiver = await thread(
    room.other,
    'Commas, "quotes"\nand a new line; emoji 🌊 and é.',
    {
      blockId: second.anchorId,
      start: second.text.indexOf("river"),
      end: second.text.indexOf("river") + 5,
      exact: "river",
    },
    { tags: ["place", "question"] },
  );
  ids.formula = await thread(room.member, '=HYPERLINK("http://evil","click")', { blockId: first.anchorId });
  ids.hostile = await reply(
    room.other,
    ids.formula,
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [ok](https://example.org)",
  );
  ids.firstReply = await reply(room.other, ids.onRiver, "+1 to this");
  ids.nested = await reply(room.member, ids.onRiver, "-2 says the nested one", ids.firstReply);
  ids.memberReply = await reply(room.member, ids.onThird, "I will delete this reply.");
  await room.member.agent
    .delete(`/api/rooms/${room.roomId}/comments/${ids.memberReply}`)
    .set("Idempotency-Key", key())
    .expect(200);
  ids.instructorsOnly = await thread(
    room.instructor,
    "Note for teachers only.",
    { blockId: first.anchorId },
    { visibility: "instructors" },
  );
  ids.hidden = await thread(room.other, "Something rude.", { blockId: third.anchorId });
  await room.instructor.agent
    .post(`/api/rooms/${room.roomId}/threads/${ids.hidden}/hide`)
    .set("Idempotency-Key", key())
    .send({ reason: "off topic" })
    .expect(200);
  ids.deletedAlone = await thread(room.member, "Gone without replies.", { blockId: third.anchorId });
  await room.member.agent
    .delete(`/api/rooms/${room.roomId}/threads/${ids.deletedAlone}`)
    .set("Idempotency-Key", key())
    .expect(200);
  await room.member.agent
    .post(`/api/rooms/${room.roomId}/threads/${ids.onThird}/resolve`)
    .set("Idempotency-Key", key())
    .expect(200);
  for (const person of [room.member, room.instructor])
    await person.agent
      .put(`/api/rooms/${room.roomId}/reactions/${ids.onRiver}`)
      .set("Idempotency-Key", key())
      .send({ emoji: "👍" })
      .expect(200);
});

describe("CSV export", () => {
  it("has one row per thread and per reply, in reading order, with the reply tree in ids, parents and depth", async () => {
    const rows = await csvRows(room.member);
    expect(rows.map((row) => [row.type, row.id])).toEqual([
      ["thread", ids.formula],
      ["reply", ids.hostile],
      ["thread", ids.onRiver],
      ["reply", ids.firstReply],
      ["reply", ids.nested],
      ["thread", ids.onThird],
      ["reply", ids.memberReply],
      ["thread", ids.hidden],
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids.firstReply)).toMatchObject({
      thread_id: ids.onRiver,
      parent_id: ids.onRiver,
      depth: "1",
    });
    expect(byId.get(ids.nested)).toMatchObject({
      thread_id: ids.onRiver,
      parent_id: ids.firstReply,
      depth: "2",
    });
    expect(byId.get(ids.onRiver)).toMatchObject({
      depth: "0",
      author: "Max Member",
      role: "member",
      status: "open",
      visibility: "group",
      tags: "place; question",
      section: "First Part",
      paragraph: "2",
      quote: "river",
      "reactions 👍": "2",
      "reactions ❤️": "0",
      link: expect.stringMatching(
        new RegExp(`/groups/${room.groupId}/rooms/${room.roomId}/threads/${ids.onRiver}$`),
      ),
    });
    expect(byId.get(ids.onThird)).toMatchObject({
      status: "resolved",
      section: "Second Part",
      tags: "ending",
    });
  });

  it("keeps commas, quotes, new lines, emoji and accents in a cell intact", async () => {
    const rows = await csvRows(room.member);
    expect(rows.find((row) => row.id === ids.onRiver)!.body).toBe(
      'Commas, "quotes"\nand a new line; emoji 🌊 and é.',
    );
  });

  it("defuses every cell a spreadsheet would run as a formula, and only those", async () => {
    const rows = await csvRows(room.member);
    const body = (id: string) => rows.find((row) => row.id === id)!.body;
    expect(body(ids.formula)).toBe('\'=HYPERLINK("http://evil","click")');
    expect(body(ids.firstReply)).toBe("'+1 to this");
    expect(body(ids.nested)).toBe("'-2 says the nested one");
    expect(body(ids.onThird)).toBe("A thought on the end.");
  });

  it("starts with a byte order mark only when asked (for Excel), and names the file after the text and the day", async () => {
    const plain = await exported(room.member, { format: "csv" }).expect(200);
    expect((plain.body as string).startsWith("\uFEFF")).toBe(false);
    expect(plain.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const today = new Date().toISOString().slice(0, 10);
    expect(plain.headers["content-disposition"]).toBe(
      `attachment; filename=rivers-and-reading-discussion-${today}.csv`,
    );
    const excel = await exported(room.member, { format: "csv", bom: "true" }).expect(200);
    expect((excel.body as string).startsWith("\uFEFFtype,id,thread_id")).toBe(true);
  });
});

describe("what each role's export holds", () => {
  const threadIds = async (person: Person) =>
    (await csvRows(person)).filter((row) => row.type === "thread").map((row) => row.id);

  it("instructors' notes only for instructors and owners", async () => {
    expect(await threadIds(room.instructor)).toContain(ids.instructorsOnly);
    expect(await threadIds(room.owner)).toContain(ids.instructorsOnly);
    expect(await threadIds(room.member)).not.toContain(ids.instructorsOnly);
    expect(await threadIds(room.observer)).not.toContain(ids.instructorsOnly);
  });

  it("a hidden thread's words only for moderators; others get the notice and the reason", async () => {
    const forMember = (await csvRows(room.member)).find((row) => row.id === ids.hidden)!;
    expect(forMember).toMatchObject({ state: "hidden", body: "" });
    const forInstructor = (await csvRows(room.instructor)).find((row) => row.id === ids.hidden)!;
    expect(forInstructor).toMatchObject({ state: "hidden", body: "Something rude." });
    const markdown = (await exported(room.member, { format: "md" }).expect(200)).body as string;
    expect(markdown).toContain("hidden by a moderator: off topic");
    expect(markdown).not.toContain("Something rude.");
  });

  it("a deleted reply as deleted, without its words; a deleted thread nobody answered not at all", async () => {
    for (const person of [room.owner, room.member]) {
      const rows = await csvRows(person);
      expect(rows.find((row) => row.id === ids.memberReply)).toMatchObject({ state: "deleted", body: "" });
      expect(rows.some((row) => row.id === ids.deletedAlone)).toBe(false);
      expect(
        rows.some((row) => row.body.includes("Gone without replies") || row.body.includes("delete this")),
      ).toBe(false);
    }
  });

  it("nothing for someone outside the group, and nothing without a session", async () => {
    expect((await exported(room.outsider, { format: "csv" })).status).toBe(404);
    const anonymous = await supertest(app).get(`/api/rooms/${room.roomId}/export?format=csv`);
    expect(anonymous.status).toBe(401);
  });
});

describe("filters", () => {
  const threadIds = async (query: Record<string, string>) =>
    (await csvRows(room.member, query)).filter((row) => row.type === "thread").map((row) => row.id);

  it("by tag, search words, status, author, section, block range and date", async () => {
    expect(await threadIds({ tag: "PLACE" })).toEqual([ids.onRiver]);
    expect(await threadIds({ q: "thought" })).toEqual([ids.onThird]);
    expect(await threadIds({ q: "nested" })).toEqual([ids.onRiver]);
    // The reader's words filter: opening comment, quote, author's name, tags and the replies one may read (a
    // deleted reply's words not).
    expect(await threadIds({ match: "river" })).toEqual([ids.onRiver]);
    expect(await threadIds({ match: "MAX question" })).toEqual([ids.onRiver]);
    expect(await threadIds({ match: "nested" })).toEqual([ids.onRiver]);
    expect(await threadIds({ match: "river nested" })).toEqual([ids.onRiver]);
    expect(await threadIds({ match: "delete this" })).toEqual([]);
    expect(await threadIds({ status: "resolved" })).toEqual([ids.onThird]);
    expect(await threadIds({ includeResolved: "false" })).not.toContain(ids.onThird);
    expect(await threadIds({ authorId: room.other.id })).toEqual([ids.onRiver, ids.hidden]);
    expect(await threadIds({ section: blockOf("Second Part").anchorId })).toEqual([ids.onThird, ids.hidden]);
    expect(
      await threadIds({
        fromBlock: blockOf("second paragraph").anchorId,
        toBlock: blockOf("second paragraph").anchorId,
      }),
    ).toEqual([ids.onRiver]);
    expect(await threadIds({ blockId: blockOf("first paragraph").anchorId })).toEqual([ids.formula]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await threadIds({ since: today, until: today })).toHaveLength(4);
    expect(await threadIds({ until: "2000-01-01" })).toEqual([]);
    expect(await threadIds({ since: "2999-01-01T00:00:00Z" })).toEqual([]);
  });

  it("refuses what it cannot honour, naming the field", async () => {
    const refused = async (query: Record<string, string>, field: string) => {
      const res = await exported(room.member, query).expect(400);
      expect(JSON.parse(res.body as string).error.details).toContainEqual(expect.objectContaining({ field }));
    };
    await refused({}, "format");
    await refused({ format: "docx" }, "format");
    await refused({ format: "csv", colour: "blue" }, "colour");
    await refused({ format: "csv", fromBlock: "no-such-block" }, "fromBlock");
    await refused(
      {
        format: "csv",
        fromBlock: blockOf("third paragraph").anchorId,
        toBlock: blockOf("first paragraph").anchorId,
      },
      "toBlock",
    );
    await refused({ format: "csv", section: blockOf("first paragraph").anchorId }, "section");
    await refused({ format: "csv", status: "resolved", includeResolved: "false" }, "includeResolved");
    await refused({ format: "csv", since: "yesterday" }, "since");
    await refused({ format: "csv", since: "0000-01-01" }, "since");
    await refused({ format: "csv", bom: "1" }, "bom");
    await refused({ format: "csv", blockId: "no-such-block" }, "blockId");
    await refused({ format: "csv", since: "2026-02-01", until: "2026-01-01" }, "until");
  });
});

describe("private notes and one thread", () => {
  /** Writes `person`'s private note on a block, as the notes socket stores it. */
  async function writeNote(person: Person, blockId: string, note: string) {
    const doc = new Y.Doc();
    privateNotesOf(doc).set(blockId, note);
    await appendNoteUpdate(testDatabase().db, room.roomId, person.id, Y.encodeStateAsUpdate(doc));
  }

  beforeAll(async () => {
    await writeNote(
      room.member,
      blockOf("second paragraph").anchorId,
      "Mine: =SUM(A1) and *not* markup\nline two",
    );
    await writeNote(room.other, blockOf("third paragraph").anchorId, "Someone else's secret note.");
  });

  it("holds the requester's own notes only when asked, never anyone else's, in every format", async () => {
    const csv = await csvRows(room.member, { includeNotes: "true" });
    const notes = csv.filter((row) => row.type === "note");
    expect(notes).toEqual([
      expect.objectContaining({
        block_id: blockOf("second paragraph").anchorId,
        paragraph: "2",
        body: "Mine: =SUM(A1) and *not* markup\nline two",
      }),
    ]);
    // In reading order: the note comes before the threads of its paragraph.
    expect(csv.findIndex((row) => row.type === "note")).toBeLessThan(
      csv.findIndex((row) => row.id === ids.onRiver),
    );
    expect((await csvRows(room.member)).some((row) => row.type === "note")).toBe(false);
    const markdown = (await exported(room.member, { format: "md", includeNotes: "true" }).expect(200))
      .body as string;
    expect(markdown).toContain("> **My private note:** Mine: =SUM(A1) and \\*not\\* markup\\\n> line two");
    const html = (await exported(room.member, { format: "html", includeNotes: "true" }).expect(200))
      .body as string;
    expect(html).toContain("Mine: =SUM(A1) and *not* markup<br>line two");
    for (const body of [markdown, html, JSON.stringify(csv)]) expect(body).not.toContain("secret note");
  });

  it("a paragraph with only a note still appears in the discussion layout", async () => {
    const markdown = (
      await exported(room.other, {
        format: "md",
        includeNotes: "true",
        blockId: blockOf("third paragraph").anchorId,
        authorId: room.owner.id,
      }).expect(200)
    ).body as string;
    expect(markdown).toContain("### ¶ 3");
    expect(markdown).toContain("Someone else's secret note.");
  });

  it("exports one thread when asked by id, and refuses a thread of another room", async () => {
    const rows = await csvRows(room.member, { threadId: ids.onRiver });
    expect(new Set(rows.map((row) => row.thread_id))).toEqual(new Set([ids.onRiver]));
    expect(rows.map((row) => row.id)).toEqual([ids.onRiver, ids.firstReply, ids.nested]);
    expect(await csvRows(room.member, { threadId: ids.onRiver, q: "thought" })).toEqual([]);
    // A thread the requester may not read is refused exactly like one that does not exist: asking reveals nothing.
    const refusal = async (threadId: string) => {
      const res = await exported(room.member, { format: "csv", threadId }).expect(400);
      return JSON.parse(res.body as string).error as { message: string; details: unknown[] };
    };
    const unknown = await refusal(crypto.randomUUID());
    expect(unknown.details).toContainEqual(expect.objectContaining({ field: "threadId" }));
    expect(await refusal(ids.instructorsOnly)).toEqual(unknown);
    expect(await refusal(ids.deletedAlone)).toEqual(unknown);
    expect((await csvRows(room.instructor, { threadId: ids.instructorsOnly })).map((row) => row.id)).toEqual([
      ids.instructorsOnly,
    ]);
  });
});

describe("Markdown export", () => {
  const markdown = new MarkdownIt();

  it("discussion layout: title, sections, paragraph numbers, each quote before its thread, replies nested", async () => {
    const res = await exported(room.member, { format: "md" }).expect(200);
    expect(res.headers["content-type"]).toBe("text/markdown; charset=utf-8");
    const tokens = markdown.parse(res.body as string, {});
    const headings = tokens
      .map((token, i) => (token.type === "heading_open" ? `${token.tag} ${tokens[i + 1]!.content}` : null))
      .filter(Boolean);
    expect(headings).toEqual([
      "h1 Discussion of “Rivers and Reading”",
      "h2 First Part",
      "h3 ¶ 1",
      "h3 ¶ 2",
      "h2 Second Part",
      "h3 ¶ 3",
    ]);
    const quote = tokens.findIndex((token) => token.type === "blockquote_open");
    expect(tokens[quote + 2]!.content).toBe("river");
    // The nested reply is a list inside the first reply's list item, itself inside the thread's.
    const nested = tokens.find(
      (token) => token.type === "inline" && token.content.includes("-2 says the nested one"),
    );
    expect(nested!.level).toBeGreaterThanOrEqual(7);
    expect(res.body).toContain("**Max Member** (member)");
    expect(res.body).toContain("#place, #question");
  });

  it("annotated layout: the whole text in order, each paragraph's discussion after it", async () => {
    const body = (await exported(room.member, { format: "md", layout: "annotated" }).expect(200))
      .body as string;
    const order = [
      "First Part",
      "first paragraph",
      "=HYPERLINK",
      "second paragraph",
      "Commas",
      "Second Part",
      "third paragraph",
      "A thought on the end.",
    ];
    const positions = order.map((fragment) => body.indexOf(fragment));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The text's own characters survive, escaped for Markdown but rendered back unchanged.
    const html = markdown.render(body);
    expect(html).toContain("“curly quotes”, an accent (é), Greek (λόγος) and Cyrillic (слово)");
  });
});

describe("HTML export", () => {
  async function page(query: Record<string, string> = {}, person: Person = room.member) {
    const res = await exported(person, { format: "html", ...query }).expect(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename=rivers-and-reading-(discussion|annotated)-.*\.html$/,
    );
    const { document } = new Window();
    document.write(res.body as string);
    return document;
  }

  it("runs nothing: no script, no event handler, no javascript: URL, even from hostile bodies", async () => {
    const document = await page();
    expect(document.querySelectorAll("script, iframe, object, embed, img")).toHaveLength(0);
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on/iu);
      for (const name of ["href", "src", "action"])
        expect(element.getAttribute(name) ?? "").not.toMatch(/^\s*javascript:/iu);
    }
    // The hostile words are shown as text, and the safe link survives.
    expect(document.body.textContent).toContain("<script>alert(1)</script>");
    expect([...document.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toContain(
      "https://example.org",
    );
    expect(
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content"),
    ).toBe("default-src 'none'; style-src 'unsafe-inline'");
  });

  it("is self-contained, with a print stylesheet that numbers pages and keeps each quote with its thread", async () => {
    const document = await page();
    const css = document.querySelector("style")!.textContent;
    expect(css).toContain('@bottom-center { content: counter(page) " / " counter(pages);');
    expect(css).toContain(".quote, .whole { break-after: avoid; }");
    expect(document.querySelectorAll('link, [src], [href^="http"]:not(a)')).toHaveLength(0);
  });

  it("discussion layout: sections, paragraph numbers, quotes, nested replies with author, role and time", async () => {
    const document = await page();
    const headings = [...document.querySelectorAll("h1, h2, h3")].map((h) => `${h.tagName} ${h.textContent}`);
    expect(headings).toEqual([
      "H1 Discussion of “Rivers and Reading”",
      "H2 First Part",
      "H3 ¶ 1",
      "H3 ¶ 2",
      "H2 Second Part",
      "H3 ¶ 3",
    ]);
    const river = [...document.querySelectorAll("article.thread")].find((a) =>
      a.textContent.includes("Commas"),
    )!;
    expect(river.querySelector(".quote")!.textContent).toBe("river");
    const replies = [...river.querySelectorAll(".reply")].map((r) => [
      r.className,
      r.querySelector(".byline strong")!.textContent,
    ]);
    expect(replies).toEqual([
      ["entry reply d1", "Max Member"],
      ["entry reply d2", "Mel Member"],
    ]);
    expect(river.querySelector(".byline")!.textContent).toMatch(
      /^Max Member \(member\) · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · open · #place, #question · open in Scholia$/u,
    );
  });

  it("annotated layout: the whole text with each paragraph's discussion after it", async () => {
    const document = await page({ layout: "annotated" });
    const flow = [...document.querySelectorAll("main > *")].map((element) => element.tagName);
    expect(flow.slice(0, 4)).toEqual(["H2", "P", "H4", "ARTICLE"]);
    expect(document.querySelector("p.text")!.textContent).toBe(
      "¶ 1The first paragraph — with “curly quotes”, an accent (é), Greek (λόγος) and Cyrillic (слово).",
    );
  });
});

describe("read a batch at a time", () => {
  it("writes the same file however small the batches, in every format and layout", async () => {
    const { ctx } = buildTestApp();
    const now = new Date("2026-11-30T12:00:00Z");
    const deps = { db: ctx.db, publicUrl: ctx.publicUrl, now: () => now };
    const viewer = { userId: room.owner.id, displayName: "Olive Owner", moderator: true, authorIds: null };
    const read = async (query: Record<string, string>, batchSize?: { entries: number; blocks: number }) => {
      const file = await buildRoomExport(
        deps,
        room.roomId,
        viewer,
        exportQuerySchema.parse(query),
        batchSize,
      );
      let text = "";
      for await (const chunk of file.body) text += String(chunk);
      return text;
    };
    const queries: Record<string, string>[] = [
      { format: "md" },
      { format: "html", layout: "annotated" },
      { format: "csv", includeNotes: "true" },
    ];
    for (const query of queries) {
      const whole = await read(query);
      for (const entries of [1, 2, 3]) expect(await read(query, { entries, blocks: 2 })).toBe(whole);
    }
  });
});

describe("when things go wrong", () => {
  it("a database failure before anything is sent is an ordinary error in every format, not a cut-short file", async () => {
    const lift = faults.failWhile((text) => text.includes('FROM "Thread" t'));
    try {
      for (const format of ["md", "html", "csv"]) {
        const res = await exported(room.member, { format });
        expect(res.status).toBe(500);
        expect(res.headers["content-disposition"]).toBeUndefined();
        expect(JSON.parse(res.body as string).error.code).toBe("internal");
      }
    } finally {
      lift();
    }
  });

  it("lets one person run three exports at once; a fourth is refused with a reason until one ends", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = [1, 2, 3].map(() => faults.holdNext(/FROM "Thread" t/u, released));
    const running = [1, 2, 3].map(() => exported(room.member, { format: "csv" }).then((res) => res));
    await Promise.all(held);
    const refused = await exported(room.member, { format: "md" }).expect(429).expect("Retry-After", "5");
    expect(JSON.parse(refused.body as string).error.message).toBe(
      "You already have 3 exports running; wait for one to finish, then try again.",
    );
    // Someone else is not held back by it.
    await exported(room.other, { format: "md" }).expect(200);
    release();
    for (const res of await Promise.all(running)) expect(res.status).toBe(200);
    await exported(room.member, { format: "md" }).expect(200);
  });

  it("names the file from any title: astral letters at the cut, marks kept, nothing left becomes 'document'", async () => {
    const titled = async (title: string) => {
      const other = await buildRoom(app, `${title}\n\nOne paragraph.`);
      const res = await other.member.agent.get(`/api/rooms/${other.roomId}/export?format=md`).expect(200);
      return decodeURIComponent(
        /filename\*=UTF-8''([^;]+)/u.exec(res.headers["content-disposition"] as string)?.[1] ?? "",
      );
    };
    expect(await titled(`${"a".repeat(79)}𝒜𝒜𝒜`)).toMatch(/^a{79}𝒜-discussion-\d{4}-\d{2}-\d{2}\.md$/u);
    expect(await titled("हिन्दी साहित्य")).toMatch(/^हिन्दी-साहित्य-discussion-/u);
  });
});

describe("sections that share a title", () => {
  it("each thread stays under its own chapter's heading", async () => {
    const chapters = await buildRoom(
      app,
      "# Book\n\n## Chapter One\n\n## Notes\n\nPara A.\n\n## Chapter Two\n\n## Notes\n\nPara B.",
      "text/markdown",
    );
    const block = (text: string) => chapters.blocks.find((candidate) => candidate.text === text)!.anchorId;
    for (const text of ["Para A.", "Para B."])
      await chapters.member.agent
        .post(`/api/rooms/${chapters.roomId}/threads`)
        .set("Idempotency-Key", key())
        .send({ anchor: { blockId: block(text) }, body: `On ${text}` })
        .expect(201);
    const res = await chapters.member.agent.get(`/api/rooms/${chapters.roomId}/export?format=md`).expect(200);
    const headings = (res.text.match(/^#{2,3} .*$/gmu) ?? []).join(" | ");
    expect(headings).toBe("## Notes | ### ¶ 1 | ## Notes | ### ¶ 2");
  });
});
