// Child process hosting many y-websocket read replicas of one room for the live benchmarks, driven over IPC by
// ReaderPool: it records when each thread id first and last reached its replicas (monotonic clock, shared by
// every process on the machine). On request it also opens a people-channel (socket.io) tab per reader, which sends
// reading positions and records when notifications arrive.
import WebSocket from "ws";
import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { connectPeople, type PeopleClient } from "../../test/helpers/people-client.ts";
import { ArrivalLog } from "./arrival-log.ts";
import { emptyPeopleStats, type ReaderCommand, type ReaderReply } from "./reader-pool.ts";

const syncTimeoutMs = 60_000;
// y-websocket adds a process "exit" listener per provider; hundreds of replicas are expected here.
process.setMaxListeners(0);

interface Replica {
  provider: WebsocketProvider;
  awareness: Awareness;
  doc: Y.Doc;
}

let replicas: Replica[] = [];
const log = new ArrivalLog();

interface PeopleTab {
  socket: PeopleClient;
  phase?: NodeJS.Timeout;
  every?: NodeJS.Timeout;
}

let tabs: PeopleTab[] = [];
let stats = emptyPeopleStats();

function reply(message: ReaderReply): void {
  process.send!(message);
}

/** A WebSocket class that sends the session cookie with the handshake (Node's y-websocket needs a polyfill). */
function socketWithCookie(cookie: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

function openReplica(serverUrl: string, room: string, cookie: string): Replica {
  const doc = new Y.Doc();
  // A silent replica: no presence of its own, so neither server has awareness traffic to relay (DESIGN §7).
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: socketWithCookie(cookie),
    disableBc: true,
    awareness,
    maxBackoffTime: 2_000,
  });
  doc.getMap("threads").observe((event) => {
    const at = process.hrtime.bigint();
    for (const key of event.keysChanged) log.record(key, at);
  });
  provider.on("connection-close", () => log.closed());
  return { provider, awareness, doc };
}

function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("a replica did not sync within 60 s")), syncTimeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
}

/** Connects one tab, joins it to `roomId` and counts what it receives. */
async function openTab(url: string, roomId: string, cookie: string): Promise<PeopleTab> {
  const socket = await connectPeople(url, cookie);
  socket.on("presence", (presence) => {
    stats.lists += 1;
    stats.listed += presence.people.length;
  });
  socket.on("error.event", (refusal) => {
    stats.refusals[refusal.code] = (stats.refusals[refusal.code] ?? 0) + 1;
  });
  socket.on("notification", (notification) => {
    stats.notifications.push([notification.commentId ?? notification.id, process.hrtime.bigint()]);
  });
  socket.on("disconnect", (reason) => {
    if (reason !== "io client disconnect") stats.disconnects += 1;
  });
  const joined = await socket.timeout(syncTimeoutMs).emitWithAck("room.join", { roomId });
  if (!joined.ok) throw new Error(`room.join refused: ${joined.error.message}`);
  return { socket };
}

function stopPresence(tab: PeopleTab): void {
  clearTimeout(tab.phase);
  clearInterval(tab.every);
}

async function handle(command: ReaderCommand): Promise<ReaderReply> {
  switch (command.type) {
    case "open": {
      const started = performance.now();
      // In batches, so that hundreds of handshakes do not all wait on the server at once.
      for (let i = 0; i < command.cookies.length; i += command.batch) {
        const batch = command.cookies
          .slice(i, i + command.batch)
          .map((cookie) => openReplica(command.serverUrl, command.room, cookie));
        replicas.push(...batch);
        await Promise.all(batch.map((replica) => whenSynced(replica.provider)));
      }
      return { type: "opened", ms: performance.now() - started };
    }
    case "reset":
      return log.reset();
    case "arrivals":
      return log.report();
    case "close":
      for (const replica of replicas) {
        replica.provider.destroy();
        replica.awareness.destroy();
        replica.doc.destroy();
      }
      replicas = [];
      return { type: "closed" };
    case "people.open":
      for (let i = 0; i < command.cookies.length; i += command.batch) {
        const batch = command.cookies.slice(i, i + command.batch);
        tabs.push(
          ...(await Promise.all(batch.map((cookie) => openTab(command.url, command.roomId, cookie)))),
        );
      }
      return { type: "done" };
    case "presence.start": {
      const { roomId, blockIds, periodMs } = command;
      const move = (tab: PeopleTab) => {
        const blockId = blockIds[Math.floor(Math.random() * blockIds.length)]!;
        tab.socket.emit("presence.update", { roomId, blockId });
        stats.updates += 1;
      };
      // Phases spread over the period, as readers scrolling independently would be.
      for (const tab of tabs) {
        tab.phase = setTimeout(() => {
          move(tab);
          tab.every = setInterval(() => move(tab), periodMs);
        }, Math.random() * periodMs);
      }
      return { type: "done" };
    }
    case "presence.stop":
      tabs.forEach(stopPresence);
      return { type: "done" };
    case "people.stats":
      return { type: "people.stats", stats };
    case "people.close":
      for (const tab of tabs) {
        stopPresence(tab);
        tab.socket.close();
      }
      tabs = [];
      stats = emptyPeopleStats();
      return { type: "done" };
  }
}

process.on("message", (command: ReaderCommand) => {
  handle(command).then(reply, (error: unknown) => reply({ type: "error", message: String(error) }));
});
// The parent went away: nothing left to report to.
process.on("disconnect", () => process.exit(0));
