// How soon a RoomClient says it is offline, and how soon it is back: at once on the platform's offline event, within
// the keep-alive bound when the line goes silent without one (a TCP proxy that stops passing anything on).
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NetworkSignal } from "../../shared/room-client/connection-watch.ts";
import type { RoomClient } from "../../shared/room-client/room-client.ts";
import { silenceTimeoutMs } from "../../shared/sync-protocol.ts";
import { waitFor } from "../helpers/processes.ts";
import { buildRoom } from "../helpers/room-fixture.ts";
import { roomClientFor } from "../helpers/room-client.ts";
import { startTestServer } from "../helpers/test-server.ts";

let server: Awaited<ReturnType<typeof startTestServer>>;
let room: Awaited<ReturnType<typeof buildRoom>>;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  server = await startTestServer();
  room = await buildRoom(server.app);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.close();
});

/** The browser's online/offline signal, switched by the test. */
function manualNetwork() {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  const signal: NetworkSignal = {
    online: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (value: boolean) => {
    online = value;
    for (const listener of listeners) listener(value);
  };
  return { signal, set };
}

/**
 * A TCP proxy to the server that can stall: while stalled it passes nothing on in either direction, closes
 * included, as a dead mobile link or a crashed router would; when resumed, what it held goes through.
 */
async function stallingProxy(port: number) {
  let stalled = false;
  const held: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const relay = (action: () => void) => (stalled ? held.push(action) : action());
  const proxy = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on("data", (chunk: Buffer) => relay(() => to.write(chunk)));
      from.on("close", () => relay(() => to.destroy()));
      from.on("error", () => undefined);
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    stall: () => void (stalled = true),
    resume() {
      stalled = false;
      for (const action of held.splice(0)) action();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => proxy.close(resolve));
    },
  };
}

function connect(baseUrl: string, network?: NetworkSignal) {
  const client = roomClientFor(baseUrl, room.roomId, room.member, network ? { network } : {});
  cleanups.push(() => client.destroy());
  return client;
}

const live = (client: RoomClient) => (client.state().status === "live" ? true : undefined);

describe("offline detection", () => {
  it("says offline the moment the platform goes offline, and live again with its queue sent when it is back", async () => {
    const network = manualNetwork();
    const client = connect(server.url, network.signal);
    await waitFor(() => live(client), 5_000, "the client to be live");

    network.set(false);
    expect(client.state().status).toBe("offline");
    expect(client.provider.wsconnected).toBe(false);
    const { id, done } = client.createThread({
      anchor: { blockId: room.paragraphs[0]!.anchorId },
      body: "Written in the tunnel.",
      tags: [],
      visibility: "group",
    });
    expect(client.state()).toMatchObject({ status: "offline", pending: 1, network: false });

    network.set(true);
    await done;
    await waitFor(() => live(client), 5_000, "the client to be live again");
    await waitFor(() => client.room.thread(id), 5_000, "the thread to reach the replica");
    expect(client.room.thread(id)?.body).toBe("Written in the tunnel.");
  });

  it("takes a connection that went silent for dead within the keep-alive bound, and reconnects when it answers", async () => {
    const proxy = await stallingProxy(Number(new URL(server.url).port));
    cleanups.push(() => proxy.close());
    const client = connect(proxy.url);
    await waitFor(() => live(client), 5_000, "the client to be live");

    proxy.stall();
    // The last keep-alive came at most one interval ago; the watch looks every second.
    await waitFor(
      () => (client.state().status === "offline" ? true : undefined),
      silenceTimeoutMs + 2_000,
      "the client to notice the silence",
    );
    expect(client.state().network).toBe(true); // the device has a network: the server is what cannot be reached
    const { id, done } = client.createThread({
      anchor: { blockId: room.paragraphs[1]!.anchorId },
      body: "Written while the line was dead.",
      tags: [],
      visibility: "group",
    });

    proxy.resume();
    await done;
    await waitFor(() => live(client), 5_000, "the client to be live again");
    // The REST answer can come before the update reaches the replica over the new socket.
    await waitFor(() => client.room.thread(id), 5_000, "the thread to reach the replica");
    expect(client.room.thread(id)?.body).toBe("Written while the line was dead.");
  });
});
