// Child process hosting many raw y-websocket readers for the fan-out benchmarks, driven over IPC by ReaderPool (the
// "open", "reset", "arrivals" and "close" commands): each reader is a bare ws client that asks for the document
// once and then only looks for a mutation's marker in the sync updates it receives, without applying anything with
// Yjs, so that thousands of readers cost their process little and the servers are what is measured.
import WebSocket from "ws";
import { ArrivalLog } from "./arrival-log.ts";
import type { ReaderCommand, ReaderReply } from "./reader-pool.ts";
import { mutationMarker } from "./scholia-fixture.ts";

const syncTimeoutMs = 60_000;
/** y-websocket sync step 1 with an empty state vector: [messageSync, step 1, length 1, no clients]. */
const syncRequest = Uint8Array.from([0, 0, 1, 0]);
const marker = Buffer.from(mutationMarker, "latin1");
const idLength = 36;

let sockets: WebSocket[] = [];
const log = new ArrivalLog();

/** Opens one reader of `url` and resolves once the server has answered its sync request. */
function openReader(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
    let synced = false;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`a reader of ${url} did not sync within ${syncTimeoutMs / 1000} s`));
    }, syncTimeoutMs);
    socket.on("open", () => socket.send(syncRequest));
    socket.on("message", (data: Buffer) => {
      // Timestamped first: whatever follows is this process's cost, not the server's.
      const at = process.hrtime.bigint();
      if (data[0] !== 0) return; // awareness, auth: not the document
      if (data[1] === 2) {
        // One update may carry several mutations (Scholia commits concurrent ones together).
        for (let found = data.indexOf(marker); found >= 0; found = data.indexOf(marker, found + 1)) {
          const from = found + marker.length;
          log.record(data.toString("latin1", from, from + idLength), at);
        }
      } else if (data[1] === 1 && !synced) {
        synced = true;
        clearTimeout(timer);
        resolve(socket);
      }
    });
    socket.on("error", () => undefined); // followed by "close"
    socket.on("close", (code, reason) => {
      log.closed();
      if (synced) return;
      clearTimeout(timer);
      reject(new Error(`a reader of ${url} was closed before it synced: ${code} ${reason.toString()}`));
    });
  });
}

async function handle(command: ReaderCommand): Promise<ReaderReply> {
  switch (command.type) {
    case "open": {
      const started = performance.now();
      const url = `${command.serverUrl}/${command.room}`;
      // In batches, so that thousands of handshakes do not all wait on the server at once.
      for (let i = 0; i < command.cookies.length; i += command.batch) {
        const batch = command.cookies.slice(i, i + command.batch);
        sockets.push(...(await Promise.all(batch.map((cookie) => openReader(url, cookie)))));
      }
      return { type: "opened", ms: performance.now() - started };
    }
    case "reset":
      return log.reset();
    case "arrivals":
      return log.report();
    case "close": {
      const closed = sockets.map(
        (socket) =>
          new Promise<void>((resolve) =>
            socket.readyState === socket.CLOSED ? resolve() : socket.once("close", () => resolve()),
          ),
      );
      for (const socket of sockets) socket.close();
      await Promise.all(closed);
      sockets = [];
      return { type: "closed" };
    }
    default:
      return { type: "error", message: `raw readers do not handle "${command.type}"` };
  }
}

process.on("message", (command: ReaderCommand) => {
  handle(command).then(
    (answer) => process.send!(answer),
    (error: unknown) => process.send!({ type: "error", message: String(error) } satisfies ReaderReply),
  );
});
// The parent went away: nothing left to report to.
process.on("disconnect", () => process.exit(0));
