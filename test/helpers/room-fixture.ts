// A group reading a short document in a room, with an owner, a member, an observer and an outsider signed in.
import supertest from "supertest";
import { signUp } from "./test-app.ts";
import type { RequestTarget } from "./test-app.ts";

export const roomText = [
  "A Short Text",
  "",
  "The first paragraph says something about reading together, slowly and with care.",
  "",
  "The second paragraph disagrees with the first, politely but firmly, at some length.",
  "",
  "The third paragraph concludes that both were right in their way.",
].join("\n");

/** A Markdown text in two sections with the characters exports must keep: dashes, curly quotes, accents, Greek, Cyrillic. */
export const exportText = [
  "# Rivers and Reading",
  "",
  "## First Part",
  "",
  "The first paragraph — with “curly quotes”, an accent (é), Greek (λόγος) and Cyrillic (слово).",
  "",
  "The second paragraph, where the river bends.",
  "",
  "## Second Part",
  "",
  "The third paragraph concludes that both were right in their way.",
].join("\n");

export interface Person {
  agent: supertest.Agent;
  id: string;
  displayName: string;
  email: string;
  password: string;
  cookie: string;
}

/** Signs `person` in once more: a new session, as the cookie that sockets and fetch-based clients send. */
export async function newSession(
  app: RequestTarget,
  person: Pick<Person, "email" | "password">,
): Promise<string> {
  const login = await supertest(app)
    .post("/api/auth/login")
    .send({ email: person.email, password: person.password })
    .expect(200);
  return ([] as string[]).concat(login.headers["set-cookie"] ?? [])[0]!.split(";")[0]!;
}

async function person(app: RequestTarget, displayName: string): Promise<Person> {
  const user = await signUp(app, { displayName });
  const cookie = await newSession(app, user); // a second session of the same user
  return { agent: user.agent, id: user.id, displayName, email: user.email, password: user.password, cookie };
}

/** Signs up a new person and has them join the group with `role` through an invite from `owner`. */
export async function joinGroup(
  app: RequestTarget,
  owner: Person,
  groupId: string,
  role: string,
  name: string,
) {
  const token = (await owner.agent.post(`/api/groups/${groupId}/invites`).send({ role }).expect(201)).body
    .invite.token;
  const someone = await person(app, name);
  await someone.agent.post(`/api/invites/${token}/accept`).expect(201);
  return someone;
}

/**
 * Creates the group, the document (`text`, plain text unless `contentType` says Markdown) and the room; returns
 * the people, the paragraph blocks and all blocks.
 */
export async function buildRoom(app: RequestTarget, text = roomText, contentType = "text/plain") {
  const owner = await person(app, "Olive Owner");
  const groupId = (await owner.agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group
    .id as string;
  const join = async (role: string, name: string) => {
    const token = (await owner.agent.post(`/api/groups/${groupId}/invites`).send({ role }).expect(201)).body
      .invite.token;
    const someone = await person(app, name);
    await someone.agent.post(`/api/invites/${token}/accept`).expect(201);
    return someone;
  };
  const member = await join("member", "Mel Member");
  const other = await join("member", "Max Member");
  const observer = await join("observer", "Obi Observer");
  const instructor = await join("instructor", "Ida Instructor");
  const outsider = await person(app, "Otto Outsider");
  const upload = await owner.agent
    .post(`/api/documents?groupId=${groupId}`)
    .set("Content-Type", contentType)
    .send(text)
    .expect(201);
  const documentId = upload.body.document.id as string;
  const roomId = (await owner.agent.post(`/api/groups/${groupId}/rooms`).send({ documentId }).expect(201))
    .body.room.id as string;
  const blocks = (await owner.agent.get(`/api/documents/${documentId}/versions/1`).expect(200)).body.version
    .blocks as {
    kind: string;
    text: string;
    anchorId: string;
  }[];
  const paragraphs = blocks.filter((block) => block.kind === "paragraph");
  return {
    groupId,
    roomId,
    documentId,
    owner,
    member,
    other,
    observer,
    instructor,
    outsider,
    paragraphs,
    blocks,
  };
}

/** `person` starts a thread in `roomId` on `anchor` (201 expected); its id. */
export async function startThread(
  person: Pick<Person, "agent">,
  roomId: string,
  body: string,
  anchor: object,
  extra: object = {},
): Promise<string> {
  const res = await person.agent
    .post(`/api/rooms/${roomId}/threads`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ anchor, body, ...extra })
    .expect(201);
  return res.body.thread.id as string;
}

/** `person` replies in a thread, to the thread or to the reply `parentId` (201 expected); the reply's id. */
export async function postReply(
  person: Pick<Person, "agent">,
  roomId: string,
  threadId: string,
  body: string,
  parentId: string | null = null,
): Promise<string> {
  const res = await person.agent
    .post(`/api/rooms/${roomId}/threads/${threadId}/comments`)
    .set("Idempotency-Key", crypto.randomUUID())
    .send({ body, parentId })
    .expect(201);
  return res.body.comment.id as string;
}
