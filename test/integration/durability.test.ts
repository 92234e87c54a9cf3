// Nothing acknowledged is lost: a burst of mutations while the server is SIGKILLed, then a restart.
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { MemoryQueueStorage } from "../../shared/room-client/mutation-queue.ts";
import { RoomClient } from "../../shared/room-client/room-client.ts";
import { RoomDoc } from "../../shared/room-doc.ts";
import { openRawSyncClient } from "../helpers/raw-sync-client.ts";
import { spawnScript, waitFor } from "../helpers/processes.ts";
import { roomText } from "../helpers/room-fixture.ts";
import { webSocketWithCookie } from "../helpers/test-server.ts";
import { buildUser } from "../helpers/test-app.ts";

const running: ReturnType<typeof spawnScript>[] = [];
afterAll(() => {
  for (const run of running) run.child.kill("SIGKILL");
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(port: number) {
  const run = spawnScript("server/index.ts", {
    PORT: String(port),
    DATABASE_URL: inject("databaseUrl"),
    DEMO: "off",
  });
  running.push(run);
  await waitFor(
    () => (run.output().includes("Scholia is listening") ? true : undefined),
    60_000,
    "server start",
  );
  return run;
}

async function api(
  base: string,
  path: string,
  init: { method?: string; cookie?: string; body?: unknown; key?: string; type?: string } = {},
) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.key ? { "Idempotency-Key": init.key } : {}),
      ...(init.body !== undefined ? { "content-type": init.type ?? "application/json" } : {}),
    },
    ...(init.body !== undefined
      ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }
      : {}),
  });
  return {
    status: res.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of several shapes, read field by field
    body: (await res.json().catch(() => undefined)) as Record<string, any>,
    headers: res.headers,
  };
}

describe("durability", () => {
  it("keeps every acknowledged mutation through a SIGKILL, and replicas converge after the restart", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = await startServer(port);

    const user = buildUser();
    const registered = await api(base, "/api/auth/register", { method: "POST", body: user });
    const cookie = registered.headers.get("set-cookie")!.split(";")[0]!;
    const groupId = (await api(base, "/api/groups", { method: "POST", cookie, body: { name: "Durable" } }))
      .body.group.id;
    const documentId = (
      await api(base, `/api/documents?groupId=${groupId}`, {
        method: "POST",
        cookie,
        body: roomText,
        type: "text/plain",
      })
    ).body.document.id;
    const roomId = (
      await api(base, `/api/groups/${groupId}/rooms`, { method: "POST", cookie, body: { documentId } })
    ).body.room.id;
    const blockId = (
      await api(base, `/api/documents/${documentId}/versions/1`, { cookie })
    ).body.version.blocks.find((block: { kind: string }) => block.kind === "paragraph").anchorId;

    const clients = [0, 1].map(
      () =>
        new RoomClient({
          baseUrl: base,
          roomId,
          user: { id: registered.body.user.id, name: user.displayName },
          headers: { cookie },
          WebSocket: webSocketWithCookie(cookie),
          queueStorage: new MemoryQueueStorage(),
        }),
    );
    await Promise.all(clients.map((client) => client.whenSynced()));

    // Writers fire mutations back to back; the server is killed in the middle of the burst.
    const acknowledged: string[] = [];
    const viaClients: string[] = [];
    let stop = false;
    let unanswered = 0;
    const writer = async () => {
      while (!stop) {
        const key = crypto.randomUUID();
        const res = await api(base, `/api/rooms/${roomId}/threads`, {
          method: "POST",
          cookie,
          key,
          body: { anchor: { blockId }, body: `burst ${key}` },
        }).catch(() => undefined);
        if (res?.status === 201) acknowledged.push(key);
        if (!res) {
          unanswered++;
          await new Promise((resolve) => setTimeout(resolve, 20)); // pacing retries against a dead server
        }
      }
    };
    const clientWriter = async () => {
      for (let i = 0; i < 40 && !stop; i++) {
        viaClients.push(
          clients[i % 2]!.createThread({
            anchor: { blockId },
            body: `queued ${i}`,
            tags: [],
            visibility: "group",
          }).id,
        );
        await new Promise((resolve) => setTimeout(resolve, 25)); // pacing: writes spread over the kill
      }
    };
    const writers = [writer(), writer(), writer(), clientWriter()];
    await waitFor(
      () => (acknowledged.length >= 30 ? true : undefined),
      20_000,
      "a burst of acknowledged mutations",
    );
    server.child.kill("SIGKILL");
    await server.finished;
    const acknowledgedBeforeKill = acknowledged.length;
    const unansweredBeforeKill = unanswered;
    await waitFor(
      () => (unanswered > unansweredBeforeKill ? true : undefined),
      10_000,
      "writers to find the server gone",
    );
    server = await startServer(port);
    await waitFor(
      () => (acknowledged.length > acknowledgedBeforeKill ? true : undefined),
      20_000,
      "writers to get through to the restarted server",
    );
    stop = true;
    await Promise.all(writers);
    expect(acknowledgedBeforeKill).toBeGreaterThanOrEqual(30);

    // Every acknowledged mutation is in the restarted server's document.
    const reader = openRawSyncClient(`ws://127.0.0.1:${port}/yjs/rooms/${roomId}`, cookie);
    await reader.synced;
    const threads = new RoomDoc(reader.doc).threads;
    const missing = acknowledged.filter((key) => !threads.has(key));
    expect(missing).toEqual([]);
    reader.socket.close();

    // The clients' queues drain and their replicas converge with the server, each queued mutation landing once.
    await waitFor(
      () =>
        clients.every((client) => client.state().pending === 0 && client.state().status === "live")
          ? true
          : undefined,
      30_000,
      "client queues to drain",
    );
    const listed = await api(base, `/api/rooms/${roomId}/threads`, { cookie });
    const serverIds = new Set<string>(listed.body.threads.map((thread: { id: string }) => thread.id));
    for (const id of viaClients) expect(serverIds.has(id)).toBe(true);
    expect(listed.body.threads.length).toBe(serverIds.size);
    await waitFor(
      () => (clients.every((client) => client.room.threads.size === serverIds.size) ? true : undefined),
      10_000,
      "replicas to converge",
    );
    for (const client of clients) {
      expect(new Set(client.room.threads.keys())).toEqual(serverIds);
      client.destroy();
    }
    server.child.kill("SIGTERM");
    await server.finished;
    // 38 s measured on a busy machine (two server starts, the queues draining): room for one slower still.
  }, 300_000);
});
