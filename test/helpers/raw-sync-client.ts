// A hand-driven y-websocket client, for tests that speak the sync protocol directly (and misbehave on purpose).
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import WebSocket from "ws";
import * as Y from "yjs";
import { messageType } from "../../shared/sync-protocol.ts";

export interface RawSyncClient {
  doc: Y.Doc;
  socket: WebSocket;
  denials: string[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves after the server answered our sync step 1. */
  synced: Promise<void>;
  sendUpdate(update: Uint8Array): void;
  /** Sends sync step 1 with the state vector of `doc` (by default the client's own). */
  requestSync(doc?: Y.Doc): void;
  /**
   * Resolves once the server has answered a sync step 1 sent now: it handles a socket's messages in order, so by
   * then it has handled (and answered, or refused) everything sent before. Also resolves if the socket closes.
   */
  roundTrip(): Promise<void>;
}

/**
 * Opens a sync socket to `url` with `cookie` and syncs `doc` (by default a new, empty one) through it: a replica
 * that moves to another server passes the doc it already holds, and asks only for what it lacks.
 */
export function openRawSyncClient(
  url: string,
  cookie: string | undefined,
  doc: Y.Doc = new Y.Doc(),
): RawSyncClient {
  const socket = new WebSocket(url, cookie ? { headers: { cookie } } : {});
  const denials: string[] = [];
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  const awaitingStep2: (() => void)[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const requestSync = (from: Y.Doc = doc) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.sync);
    syncProtocol.writeSyncStep1(encoder, from);
    socket.send(encoding.toUint8Array(encoder));
  };
  socket.on("open", () => requestSync());
  socket.on("close", () => awaitingStep2.splice(0).forEach((resolve) => resolve())); // closed: nothing more comes
  socket.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === messageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, messageType.sync);
      const step = syncProtocol.readSyncMessage(decoder, reply, doc, "server");
      if (step === syncProtocol.messageYjsSyncStep2) {
        markSynced();
        awaitingStep2.shift()?.();
      }
    } else if (type === messageType.auth) {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denials.push(reason));
    }
  });
  return {
    doc,
    socket,
    denials,
    closed,
    synced,
    requestSync,
    roundTrip() {
      const answered = new Promise<void>((resolve) => awaitingStep2.push(resolve));
      requestSync();
      return answered;
    },
    sendUpdate(update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, messageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      socket.send(encoding.toUint8Array(encoder));
    },
  };
}
