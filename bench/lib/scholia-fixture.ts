// Starts a real Scholia server process and builds, through its REST API, a group with rooms and enough readers.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { limits } from "../../shared/limits.ts";
import type { ThreadRecord } from "../../shared/room-doc.ts";
import { spawnScript, waitFor } from "../../test/helpers/processes.ts";

/** A running server child process. */
export interface ServerProcess {
  /** http://127.0.0.1:PORT */
  base: string;
  /** ws://127.0.0.1:PORT */
  wsBase: string;
  pid: number;
  /** Date.now() when the process was spawned. */
  startedAt: number;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `script` with `env` and waits for the line that announces its URL. */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  listening: RegExp,
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  const startedAt = Date.now();
  const server = spawnScript(script, env, [], nodeFlags);
  const exited = server.finished.then((finished) => {
    throw new Error(`${script} exited early (${finished.code ?? finished.signal}):\n${server.output()}`);
  });
  exited.catch(() => undefined);
  let base: string;
  try {
    base = await Promise.race([waitFor(() => listening.exec(server.output())?.[1], 60_000, script), exited]);
  } catch (error) {
    server.child.kill("SIGKILL"); // never leave a half-started server behind
    throw error;
  }
  return {
    base,
    wsBase: base.replace(/^http/, "ws"),
    pid: server.child.pid!,
    startedAt,
    output: server.output,
    async stop() {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
      await server.finished;
    },
  };
}

/**
 * Starts `server/index.ts` on a free port over `databaseUrl`, without the demo seed. With BENCH_CPU_PROF_DIR set,
 * each server writes a V8 CPU profile there when it stops (for finding where a bench's server time goes).
 */
export function startScholia(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  return startProcess(
    "server/index.ts",
    { PORT: "0", DEMO: "off", LOG_LEVEL: "info", DATABASE_URL: databaseUrl, ...env },
    /Scholia is listening on (http:\/\/[\d.:]+)/,
    profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  );
}

/** Starts the reference: the bare `@y/websocket-server` connection handler (bench/lib/bare-yjs-server.ts). */
export function startBareServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  return startProcess(
    "bench/lib/bare-yjs-server.ts",
    { PORT: "0", ...env },
    /listening on (http:\/\/[\d.:]+)/,
  );
}

/**
 * A client of the bare server that may write (the bare server has no server-side mutation path): connects `doc`
 * (a new one by default) to `room` with no awareness state and resolves once synced.
 */
export async function openBareWriter(server: ServerProcess, room: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(server.wsBase, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalState(null);
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  return {
    doc,
    close() {
      provider.destroy();
      doc.destroy(); // also stops the awareness timer
    },
  };
}

interface CallOptions {
  cookie?: string;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  expect?: number;
}

/** One REST call; throws with the response body unless the status is `expect` (default 2xx). */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers["content-type"] = "text/plain";
    body = options.text;
  }
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const ok = options.expect === undefined ? res.ok : res.status === options.expect;
  if (!ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A signed-in user: the session cookie (`scholia_session=…`) and the id. */
export interface BenchUser {
  id: string;
  cookie: string;
}

/**
 * Registers a new user and returns its session. `address`, when given, goes in X-Forwarded-For: a server started
 * with TRUST_PROXY=loopback then counts the sign-up against that address's limit rather than the bench's.
 */
export async function registerUser(base: string, displayName: string, address?: string): Promise<BenchUser> {
  const res = await fetch(`${base}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...forwardedFor(address) },
    body: JSON.stringify({
      email: `bench-${randomUUID()}@example.org`,
      password: "benchmark password",
      displayName,
    }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string } };
  return { id: body.user.id, cookie: res.headers.get("set-cookie")!.split(";")[0]! };
}

const forwardedFor = (address?: string): Record<string, string> =>
  address ? { "x-forwarded-for": address } : {};

/** A distinct private address for the i-th bench user (see registerUser). */
const benchAddress = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** A plain-text reading with a title and `paragraphs` paragraphs, distinct per `seed`. */
export function readingText(seed: string, paragraphs = 12): string {
  const sentence = (i: number) =>
    `Paragraph ${i + 1} of reading ${seed} argues one point slowly, then returns to it from another side.`;
  const body = Array.from({ length: paragraphs }, (_, i) => `${sentence(i)} ${sentence(i)} ${sentence(i)}`);
  return [`Reading ${seed}`, "", ...body.flatMap((paragraph) => [paragraph, ""])].join("\n");
}

/**
 * Uploads `text` (the essay unless given) to `groupId` as `owner` and opens a room on it; the room's and the
 * document's ids.
 */
export async function openEssayRoom(
  base: string,
  owner: BenchUser,
  groupId: string,
  text = readFileSync("test/fixtures/communization-in-the-present-tense.txt", "utf8"),
): Promise<{ roomId: string; documentId: string }> {
  const { document } = await call<{ document: { id: string } }>(
    base,
    "POST",
    `/api/documents?groupId=${groupId}`,
    {
      cookie: owner.cookie,
      text,
    },
  );
  const { room } = await call<{ room: { id: string } }>(base, "POST", `/api/groups/${groupId}/rooms`, {
    cookie: owner.cookie,
    json: { documentId: document.id },
  });
  return { roomId: room.id, documentId: document.id };
}

/** A new owner, a group of theirs named `groupName`, and a room on `text` (the essay unless given) in it. */
export async function openOwnedRoom(
  base: string,
  groupName: string,
  text?: string,
): Promise<{ owner: BenchUser; groupId: string; roomId: string; documentId: string }> {
  const owner = await registerUser(base, "Bench Owner");
  const { group } = await call<{ group: { id: string } }>(base, "POST", "/api/groups", {
    cookie: owner.cookie,
    json: { name: groupName },
  });
  const room = await openEssayRoom(base, owner, group.id, text);
  return { owner, groupId: group.id, ...room };
}

/** A room of the bench group: its id and the anchor ids of its paragraphs. */
export interface BenchRoom {
  roomId: string;
  documentId: string;
  anchorIds: string[];
}

export interface BenchGroup {
  owner: BenchUser;
  groupId: string;
  rooms: BenchRoom[];
  /** Members who only read (each may hold `limits.syncConnectionsPerUser` sync connections). */
  readers: BenchUser[];
}

/**
 * Creates a group owned by a new user, `rooms` documents each attached as a room, and enough member users for
 * `readerConnections` sync connections, `connectionsPerReader` each (default and at most the server's
 * `limits.syncConnectionsPerUser`). Each reader signs up and accepts the invite from an address of its own (see
 * registerUser), so that hundreds of readers fit the sign-up limit of a server started with TRUST_PROXY=loopback.
 */
export async function buildGroup(
  base: string,
  options: { rooms: number; readerConnections: number; connectionsPerReader?: number },
): Promise<BenchGroup> {
  const owner = await registerUser(base, "Bench Owner");
  const { group } = await call<{ group: { id: string } }>(base, "POST", "/api/groups", {
    cookie: owner.cookie,
    json: { name: "Bench readers" },
  });
  const readerCount = Math.ceil(
    options.readerConnections / (options.connectionsPerReader ?? limits.syncConnectionsPerUser),
  );
  const readers: BenchUser[] = [];
  if (readerCount > 0) {
    const { invite } = await call<{ invite: { token: string } }>(
      base,
      "POST",
      `/api/groups/${group.id}/invites`,
      {
        cookie: owner.cookie,
        json: { role: "member", maxUses: readerCount },
      },
    );
    for (let i = 0; i < readerCount; i += 1) {
      const address = benchAddress(i + 1);
      const reader = await registerUser(base, `Bench Reader ${i + 1}`, address);
      await call(base, "POST", `/api/invites/${invite.token}/accept`, {
        cookie: reader.cookie,
        headers: forwardedFor(address),
      });
      readers.push(reader);
    }
  }
  const rooms: BenchRoom[] = [];
  for (let i = 0; i < options.rooms; i += 1) {
    const upload = await call<{ document: { id: string } }>(
      base,
      "POST",
      `/api/documents?groupId=${group.id}`,
      {
        cookie: owner.cookie,
        text: readingText(String(i + 1)),
      },
    );
    const documentId = upload.document.id;
    const { room } = await call<{ room: { id: string } }>(base, "POST", `/api/groups/${group.id}/rooms`, {
      cookie: owner.cookie,
      json: { documentId },
    });
    const { version } = await call<{ version: { blocks: { kind: string; anchorId: string }[] } }>(
      base,
      "GET",
      `/api/documents/${documentId}/versions/1`,
      { cookie: owner.cookie },
    );
    const anchorIds = version.blocks.filter((b) => b.kind === "paragraph").map((b) => b.anchorId);
    rooms.push({ roomId: room.id, documentId, anchorIds });
  }
  return { owner, groupId: group.id, rooms, readers };
}

/** One session cookie per sync connection, `per` connections per reader (default: the per-user connection limit). */
export function readerCookies(
  readers: BenchUser[],
  connections: number,
  per: number = limits.syncConnectionsPerUser,
): string[] {
  if (connections > readers.length * per)
    throw new Error(`not enough reader users for ${connections} connections`);
  return Array.from({ length: connections }, (_, i) => readers[Math.floor(i / per)]!.cookie);
}

/** The thread body every benchmark mutation carries (so Scholia and the reference send the same bytes). */
export const benchThreadBody =
  "A margin note for the benchmark: this paragraph seems to restate the previous one, but look at the verbs.";

/**
 * Put in a mutation's body before its id, so that a reader that does not decode updates (raw-reader-process.ts)
 * finds which mutation an update carries: Yjs stores strings as UTF-8, so the bytes appear as they are.
 */
export const mutationMarker = "#m:";

/** The bench body with mutation `id` marked in it (see mutationMarker); the same length for every id. */
export const markedBody = (id: string): string => `${benchThreadBody} ${mutationMarker}${id}`;

/** A thread record as createThread stores it in the room document: an open, visible, unedited group thread. */
export function buildThreadRecord(
  fields: Pick<ThreadRecord, "id" | "anchor" | "authorId" | "authorName" | "createdAt" | "body">,
): ThreadRecord {
  return {
    ...fields,
    tags: [],
    status: "open",
    resolvedBy: null,
    visibility: "group",
    editedAt: null,
    deleted: false,
    hidden: null,
  };
}

/** POSTs one thread creation (id = a fresh idempotency key) and returns the response status and thread id. */
export async function postThread(
  base: string,
  cookie: string,
  roomId: string,
  blockId: string,
  id: string = randomUUID(),
  body: string = benchThreadBody,
): Promise<{ status: number; id: string }> {
  const res = await fetch(`${base}/api/rooms/${roomId}/threads`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", "idempotency-key": id },
    body: JSON.stringify({ anchor: { blockId }, body }),
  });
  await res.arrayBuffer();
  return { status: res.status, id };
}
