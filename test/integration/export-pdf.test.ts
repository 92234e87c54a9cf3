// The PDF export read back with pdftotext (poppler-utils): every quote and body word in order, the essay's accented,
// curly, Greek and Cyrillic characters, page numbers; and the job API the reader uses to build one with progress.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExportJobs } from "../../server/services/exports/export-jobs.ts";
import {
  buildRoom,
  exportText as text,
  joinGroup,
  postReply,
  startThread,
  type Person,
} from "../helpers/room-fixture.ts";
import { waitFor } from "../helpers/processes.ts";
import { buildTestApp } from "../helpers/test-app.ts";

const { app, ctx } = buildTestApp();
let room: Awaited<ReturnType<typeof buildRoom>>;
let dir: string;
const key = () => crypto.randomUUID();
const blockOf = (fragment: string) => room.blocks.find((block) => block.text.includes(fragment))!;

const thread = (person: Person, body: string, anchor: object, extra: object = {}) =>
  startThread(person, room.roomId, body, anchor, extra);

const reply = (person: Person, threadId: string, body: string, parentId: string | null = null) =>
  postReply(person, room.roomId, threadId, body, parentId);

const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("end", () => done(null, Buffer.concat(chunks)));
};
type Parser = Parameters<supertest.Test["parse"]>[0];

/** The text pdftotext extracts, one string per page (`layout` keeps each line's indentation). */
async function pagesOf(pdf: Buffer, layout = false): Promise<string[]> {
  const file = path.join(dir, `${key()}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)("pdftotext", [
    ...(layout ? ["-layout"] : []),
    "-enc",
    "UTF-8",
    file,
    "-",
  ]);
  return stdout.split("\f").slice(0, -1);
}

const words = (text: string) => text.replace(/\s+/gu, " ");

/** Each phrase found in `text`, each after the one before. */
function expectInOrder(text: string, phrases: readonly string[]): void {
  let from = 0;
  for (const phrase of phrases) {
    const at = text.indexOf(phrase, from);
    expect(at, `"${phrase}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + phrase.length;
  }
}

async function exportedPdf(person: Person, query: Record<string, string>) {
  const res = await person.agent
    .get(`/api/rooms/${room.roomId}/export`)
    .query({ format: "pdf", ...query })
    .buffer(true)
    .parse(binary as unknown as Parser)
    .expect(200);
  return res;
}

const bodies = {
  opening: "Café — “naïve” **strong** reading of λόγος and слово, with [a link](https://example.org/x).",
  firstReply: "A reply in Greek: ἀρετή, and in Russian: «правда».",
  nested: "A nested answer – with an en dash and ‘single quotes’.",
  hidden: "Something rude.",
  deleted: "I will delete this reply.",
  second: "A second thread on the ending, whole paragraph.",
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "scholia-pdf-test-"));
  room = await buildRoom(app, text, "text/markdown");
  const first = blockOf("first paragraph");
  const exact = "Greek (λόγος) and Cyrillic (слово)";
  const start = first.text.indexOf(exact);
  const opening = await thread(
    room.member,
    bodies.opening,
    { blockId: first.anchorId, start, end: start + exact.length, exact },
    { tags: ["language"] },
  );
  const firstReply = await reply(room.other, opening, bodies.firstReply);
  await reply(room.member, opening, bodies.nested, firstReply);
  const hidden = await reply(room.other, opening, bodies.hidden);
  await room.instructor.agent
    .post(`/api/rooms/${room.roomId}/comments/${hidden}/hide`)
    .set("Idempotency-Key", key())
    .send({ reason: "off topic" })
    .expect(200);
  const deleted = await reply(room.member, opening, bodies.deleted);
  await room.member.agent
    .delete(`/api/rooms/${room.roomId}/comments/${deleted}`)
    .set("Idempotency-Key", key())
    .expect(200);
  await thread(room.other, bodies.second, { blockId: blockOf("third paragraph").anchorId });
});

afterAll(async () => {
  await ctx.exportJobs.close();
  await rm(dir, { recursive: true, force: true });
});

describe("PDF export", () => {
  it("holds every quote and body in order, the essay's characters, the notices, and a number on every page", async () => {
    const res = await exportedPdf(room.member, { layout: "discussion" });
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toMatch(
      /rivers-and-reading-discussion-\d{4}-\d{2}-\d{2}\.pdf/u,
    );
    const pages = await pagesOf(res.body as Buffer);
    const all = words(pages.join(" "));
    expect(all).not.toContain("\uFFFD");
    const expected = [
      "Discussion of “Rivers and Reading”",
      "First Part",
      "¶ 1",
      "Greek (λόγος) and Cyrillic (слово)",
      "open · #language · open in Scholia",
      "Café — “naïve” strong reading of λόγος and слово, with a link (https://example.org/x).",
      bodies.firstReply,
      bodies.nested,
      "[hidden by a moderator: off topic]",
      "[deleted]",
      "Second Part",
      "¶ 3",
      "On the whole paragraph.",
      bodies.second,
    ];
    expectInOrder(all, expected);
    expect(all).not.toContain("**");
    expect(all).not.toContain(bodies.hidden);
    expect(all).not.toContain(bodies.deleted);
    pages.forEach((page, i) => expect(page.split("\n").map((line) => line.trim())).toContain(String(i + 1)));
  });

  it("indents a reply to a reply further than the reply it answers", async () => {
    const [page] = await pagesOf((await exportedPdf(room.member, {})).body as Buffer, true);
    const indentOf = (fragment: string) => {
      const line = page!.split("\n").find((candidate) => candidate.includes(fragment))!;
      return line.length - line.trimStart().length;
    };
    expect(indentOf("A nested answer")).toBeGreaterThan(indentOf("A reply in Greek"));
    expect(indentOf("A reply in Greek")).toBeGreaterThan(indentOf("Café"));
  });

  it("annotated layout: the whole text with each paragraph's discussion after it", async () => {
    const res = await exportedPdf(room.member, { layout: "annotated" });
    const all = words((await pagesOf(res.body as Buffer)).join(" "));
    const order = [
      "The first paragraph — with “curly quotes”, an accent (é), Greek (λόγος) and Cyrillic (слово).",
      "Discussion of ¶ 1",
      bodies.firstReply,
      "The second paragraph, where the river bends.",
      "The third paragraph concludes",
      "Discussion of ¶ 3",
      bodies.second,
    ];
    expectInOrder(all, order);
  });
});

describe("PDF export jobs", () => {
  const jobs = (person: Person) => person.agent.post(`/api/rooms/${room.roomId}/export-jobs`);

  async function settled(person: Person, id: string) {
    for (;;) {
      const { job } = (await person.agent.get(`/api/export-jobs/${id}`).expect(200)).body;
      if (job.state === "done" || job.state === "failed") return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("builds the PDF with progress up to every block, for its starter only, and serves the file", async () => {
    const started = await jobs(room.member).query({ format: "pdf", layout: "annotated" }).expect(202);
    const { job } = started.body;
    expect(job).toMatchObject({
      state: expect.stringMatching(/^(queued|running)$/u),
      progress: { done: 0, total: room.blocks.length },
    });
    expect(job.fileName).toMatch(/-annotated-.*\.pdf$/u);
    const done = await settled(room.member, job.id);
    expect(done).toMatchObject({
      state: "done",
      progress: { done: room.blocks.length, total: room.blocks.length },
      fileUrl: `/api/export-jobs/${job.id}/file`,
    });
    await room.other.agent.get(`/api/export-jobs/${job.id}`).expect(404);
    await room.other.agent.get(done.fileUrl).expect(404);
    const file = await room.member.agent
      .get(done.fileUrl)
      .buffer(true)
      .parse(binary as unknown as Parser)
      .expect(200);
    expect(file.headers["content-disposition"]).toContain(job.fileName);
    expect(words((await pagesOf(file.body as Buffer)).join(" "))).toContain(bodies.nested);
  });

  it("refuses a bad request naming the field, a room not the user's, and an unknown job", async () => {
    const field = async (query: Record<string, string>, name: string) => {
      const res = await jobs(room.member).query(query).expect(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: name }));
    };
    await field({ format: "pdf", since: "yesterday" }, "since");
    await field({ format: "pdf", layout: "poster" }, "layout");
    await field({ format: "csv" }, "format");
    await jobs(room.outsider).query({ format: "pdf" }).expect(404);
    await room.member.agent.get(`/api/export-jobs/${key()}`).expect(404);
    await room.member.agent.get("/api/export-jobs/not-a-uuid").expect(400);
  });

  it("stops a PDF at the time limit and says so, in the job, its file and the direct download", async () => {
    // A limit no worker thread can meet: it takes longer than a millisecond just to start.
    const hurried = new ExportJobs({ timeLimitMs: 1 });
    const { app: hurrying } = buildTestApp({
      ctx: { exportJobs: hurried, sessionSecret: ctx.sessionSecret },
    });
    const as = (method: "get" | "post", url: string) =>
      supertest(hurrying)[method](url).set("Cookie", room.member.cookie);
    const { job } = (await as("post", `/api/rooms/${room.roomId}/export-jobs?format=pdf`).expect(202)).body;
    let failed = job;
    while (failed.state !== "failed")
      failed = (await as("get", `/api/export-jobs/${job.id}`).expect(200)).body.job;
    expect(failed.error).toMatch(/took longer than .* and was stopped/u);
    expect(failed.fileUrl).toBeUndefined();
    const file = await as("get", `/api/export-jobs/${job.id}/file`).expect(409);
    expect(file.body.error.message).toMatch(/could not be built: The PDF took longer/u);
    const direct = await as("get", `/api/rooms/${room.roomId}/export?format=pdf`).expect(503);
    expect(direct.body.error.message).toMatch(/took longer than/u);
    await hurried.close();
  });

  /** A server of its own with `jobs`, and requests to it as `person` (the session cookie). */
  function serverWith(jobs: ExportJobs) {
    const { app: other } = buildTestApp({ ctx: { exportJobs: jobs, sessionSecret: ctx.sessionSecret } });
    return (person: Person, method: "get" | "post" | "patch" | "delete", url: string) =>
      supertest(other)[method](url).set("Cookie", person.cookie);
  }

  it("refuses a third job while a user has two being built, saying why and when to try again", async () => {
    // A server whose jobs wait in line: what is refused does not depend on how fast the others finish.
    const held = new ExportJobs({ running: 0 });
    const as = serverWith(held);
    const start = (query: string) =>
      as(room.member, "post", `/api/rooms/${room.roomId}/export-jobs?${query}`);
    await start("format=pdf").expect(202);
    await start("format=pdf&layout=annotated").expect(202);
    const refused = await start("format=pdf&includeResolved=false").expect(429);
    expect(refused.body.error.message).toMatch(/already have 2 PDF exports being built/u);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    const direct = await as(room.member, "get", `/api/rooms/${room.roomId}/export?format=pdf&tag=x`).expect(
      429,
    );
    expect(Number(direct.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    await as(room.other, "post", `/api/rooms/${room.roomId}/export-jobs?format=pdf`).expect(202);
    await held.close();
  });

  it("stops the job of a direct download whose reader goes away before the PDF is ready", async () => {
    const held = new ExportJobs({ running: 0 });
    const as = serverWith(held);
    const direct = as(room.member, "get", `/api/rooms/${room.roomId}/export?format=pdf&tag=gone`);
    const left = new Promise<void>((resolve) => direct.on("abort", () => resolve()));
    direct.end(() => {});
    // The reader goes once their job is queued (not after a fixed time, which a loaded machine can outlast while the
    // request is still being authenticated, or a fast one can leave the job un-queued for).
    await waitFor(
      () => (held.owners().includes(room.member.id) ? true : undefined),
      10_000,
      "the job queued",
    );
    direct.abort();
    await left;
    await waitFor(
      () => (held.owners().length === 0 ? true : undefined),
      10_000,
      "the server to drop the job",
    );
    // Its place in the two-job limit came back: two more jobs are taken (while the abandoned job still counted, the
    // second would be refused).
    const start = (query: string) =>
      as(room.member, "post", `/api/rooms/${room.roomId}/export-jobs?${query}`);
    await start("format=pdf").expect(202);
    await start("format=pdf&layout=annotated").expect(202);
    await held.close();
  });

  it("joins the same request to the job already being built instead of starting another", async () => {
    const held = new ExportJobs({ running: 0 });
    const as = serverWith(held);
    const start = (person: Person, query: string) =>
      as(person, "post", `/api/rooms/${room.roomId}/export-jobs?${query}`).expect(202);
    const first = (await start(room.member, "format=pdf&layout=annotated")).body.job;
    const again = (await start(room.member, "layout=annotated&format=pdf")).body.job;
    expect(again.id).toBe(first.id);
    // Not someone else's, nor another query.
    expect((await start(room.other, "format=pdf&layout=annotated")).body.job.id).not.toBe(first.id);
    expect((await start(room.member, "format=pdf")).body.job.id).not.toBe(first.id);
    await held.close();
  });

  it("cancels a job for its starter only: stopped, forgotten, and its place in the limit freed", async () => {
    const held = new ExportJobs({ running: 0 });
    const as = serverWith(held);
    const start = (query: string) =>
      as(room.member, "post", `/api/rooms/${room.roomId}/export-jobs?${query}`);
    const first = (await start("format=pdf").expect(202)).body.job;
    await start("format=pdf&layout=annotated").expect(202);
    await start("format=pdf&tag=x").expect(429);
    await as(room.other, "delete", `/api/export-jobs/${first.id}`).expect(404);
    await as(room.member, "delete", `/api/export-jobs/${first.id}`).expect(204);
    await as(room.member, "get", `/api/export-jobs/${first.id}`).expect(404);
    await as(room.member, "delete", `/api/export-jobs/${first.id}`).expect(404);
    await start("format=pdf&tag=x").expect(202);
    await held.close();

    // A job being drawn is stopped too, and its file never served.
    const running = (await jobs(room.member).query({ format: "pdf", tag: "running" }).expect(202)).body.job;
    await room.member.agent.delete(`/api/export-jobs/${running.id}`).expect(204);
    await room.member.agent.get(`/api/export-jobs/${running.id}`).expect(404);
    await room.member.agent.get(`/api/export-jobs/${running.id}/file`).expect(404);
  });

  it("keeps a user's three latest finished files, and files in all within the byte limit, oldest deleted first", async () => {
    const kept = new ExportJobs({ keptPerUser: 3 });
    const as = serverWith(kept);
    const build = async (person: Person, tag: string) => {
      const { job } = (
        await as(person, "post", `/api/rooms/${room.roomId}/export-jobs?format=pdf&tag=${tag}`).expect(202)
      ).body;
      await kept.whenSettled(person.id, job.id);
      return job.id as string;
    };
    const ids = [];
    for (const tag of ["a", "b", "c", "d"]) ids.push(await build(room.member, tag));
    await as(room.member, "get", `/api/export-jobs/${ids[0]}`).expect(404);
    for (const id of ids.slice(1)) await as(room.member, "get", `/api/export-jobs/${id}/file`).expect(200);
    await kept.close();

    // Room for one file only: the next one anyone finishes deletes the oldest.
    const small = new ExportJobs({ keptBytes: 1 });
    const within = serverWith(small);
    const mine = (
      await within(room.member, "post", `/api/rooms/${room.roomId}/export-jobs?format=pdf`).expect(202)
    ).body.job;
    await small.whenSettled(room.member.id, mine.id);
    await within(room.member, "get", `/api/export-jobs/${mine.id}/file`).expect(200);
    const theirs = (
      await within(room.other, "post", `/api/rooms/${room.roomId}/export-jobs?format=pdf`).expect(202)
    ).body.job;
    await small.whenSettled(room.other.id, theirs.id);
    await within(room.member, "get", `/api/export-jobs/${mine.id}`).expect(404);
    await within(room.other, "get", `/api/export-jobs/${theirs.id}/file`).expect(200);
    await small.close();
  });

  it("stops the jobs of someone removed from the group, or whose role changed, at once, and answers 404 from then on", async () => {
    const held = new ExportJobs({ running: 0 });
    const as = serverWith(held);
    const reader = await joinGroup(app, room.owner, room.groupId, "member", "Rae Reader");
    const teacher = await joinGroup(app, room.owner, room.groupId, "instructor", "Tia Teacher");
    const start = async (person: Person) =>
      (await as(person, "post", `/api/rooms/${room.roomId}/export-jobs?format=pdf`).expect(202)).body.job;
    const removed = await start(reader);
    const demoted = await start(teacher);
    await as(reader, "get", `/api/export-jobs/${removed.id}`).expect(200);

    await as(room.owner, "delete", `/api/groups/${room.groupId}/members/${reader.id}`).expect(204);
    // Stopped at the removal, before they ask for anything.
    const gone = async (userId: string) => {
      for (let attempt = 0; attempt < 40 && held.roomsOf(userId).length > 0; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 25));
      return held.roomsOf(userId);
    };
    expect(await gone(reader.id)).toEqual([]);
    await as(reader, "get", `/api/export-jobs/${removed.id}`).expect(404);
    await as(reader, "get", `/api/export-jobs/${removed.id}/file`).expect(404);
    expect(() => held.get(reader.id, removed.id)).toThrow(/not found/u);

    await as(room.owner, "patch", `/api/groups/${room.groupId}/members/${teacher.id}`)
      .send({ role: "member" })
      .expect(200);
    expect(await gone(teacher.id)).toEqual([]);
    await as(teacher, "get", `/api/export-jobs/${demoted.id}/file`).expect(404);
    expect(() => held.get(teacher.id, demoted.id)).toThrow(/not found/u);
    // What they may read now, they may still export.
    await as(teacher, "post", `/api/rooms/${room.roomId}/export-jobs?format=pdf`).expect(202);
    await held.close();
  });

  it("a PDF that fails to draw says so in words for people: 500 on the direct download, never 503", async () => {
    // The worker thread's engine failing (as a reply chain thousands deep once made it): a raw RangeError.
    const failing = new ExportJobs({}, async () => {
      throw new RangeError("Maximum call stack size exceeded");
    });
    const as = serverWith(failing);
    const direct = await as(room.member, "get", `/api/rooms/${room.roomId}/export?format=pdf`).expect(500);
    expect(direct.body.error.message).toMatch(/^The PDF could not be built: Something in this discussion/u);
    expect(direct.body.error.message).not.toMatch(/stack/u);
    const { job } = (await as(room.member, "post", `/api/rooms/${room.roomId}/export-jobs?format=pdf`)).body;
    const failed = await failing.whenSettled(room.member.id, job.id);
    expect(failed).toMatchObject({ state: "failed", error: expect.stringMatching(/^Something in this/u) });
    await as(room.member, "get", `/api/export-jobs/${job.id}/file`).expect(409);
    await failing.close();
  });
});
