// One y-websocket connection: answers sync requests from a shared document, enforces read-only rooms, applies
// private-notes writes, and guards against oversized, malformed or unread traffic.
import * as decoding from "lib0/decoding";
import type { Logger } from "pino";
import * as syncProtocol from "y-protocols/sync";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { limits } from "../../shared/limits.ts";
import { closeCode, messageType, readOnlyReason } from "../../shared/sync-protocol.ts";
import type { UpdateListener } from "../services/room-store/room-document.ts";
import { closeFor, closeWebSocket } from "./close.ts";
import type { WindowCounter } from "./fanout/shared-limits.ts";
import { RateWindow } from "./rate-window.ts";
import { acceptsSharedFrames, writeSharedFrame } from "./shared-frames.ts";
import { SharedRateWindow } from "./shared-rate-window.ts";
import { encodePermissionDenied, encodeSyncStep1, encodeSyncStep2 } from "./sync-messages.ts";

/** What a connection serves: a document to read, its shared full-state encoding, and how writes are handled. */
export interface SyncTarget {
  doc: Y.Doc;
  /** The full state, encoded once per document version and shared (used when a client has nothing yet). */
  encodedState(): Uint8Array;
  listeners: Set<UpdateListener>;
  /** undefined: read-only for clients. Otherwise stores an update from the owner. */
  write?: (update: Uint8Array, from: UpdateListener) => Promise<void>;
}

/** Refused writes a read-only client may attempt before it is disconnected. */
const maxRefusals = 20;
const unusedTypes = new Set<number>([messageType.awareness, messageType.queryAwareness, messageType.auth]);
/**
 * How often one user may do the costly things, counted across all of their connections so that reconnecting or
 * opening more does not reset it.
 */
export class UserRates {
  /**
   * Sync requests (step 1) per minute. A client asks once per connection (20 tabs on three documents that
   * reconnect after a network drop ask 60 times); each answer may encode the whole document, so a client asking
   * in a loop is disconnected rather than served.
   */
  readonly syncRequests: SharedRateWindow;
  /** Private-notes updates per minute (each is a database write); typing sends a few a second. */
  readonly notesUpdates: SharedRateWindow;

  /**
   * With `shared`, the user's events are also counted across server processes (SharedRateWindow): connections
   * spread over several servers do not multiply the limits.
   */
  constructor(userId = "", shared?: { counter: WindowCounter; onError: (err: unknown) => void }) {
    this.syncRequests = new SharedRateWindow(120, 60_000, `sync:${userId}`, shared?.counter, shared?.onError);
    this.notesUpdates = new SharedRateWindow(
      600,
      60_000,
      `notes:${userId}`,
      shared?.counter,
      shared?.onError,
    );
  }

  idle(now = Date.now()): boolean {
    return this.syncRequests.idle(now) && this.notesUpdates.idle(now);
  }
}

export class SyncConnection implements UpdateListener {
  /** When the peer last answered a ping or sent a message (ms since the epoch). */
  lastHeardAt = Date.now();
  private refusals = 0;
  /** Whether messages are written as frames shared with other readers (shared-frames.ts) or through ws.send. */
  private readonly sharedFrames: boolean;
  /** Messages the server reads only to bound them: awareness, query-awareness and auth. */
  private readonly unusedMessages = new RateWindow(limits.syncAwarenessPerMinute, 60_000);

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    private readonly target: SyncTarget,
    private readonly rates: UserRates,
    private readonly logger: Logger,
  ) {
    this.sharedFrames = acceptsSharedFrames(socket);
    target.listeners.add(this);
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      this.lastHeardAt = Date.now();
      this.receive(data, isBinary);
    });
    socket.on("pong", () => (this.lastHeardAt = Date.now()));
    socket.on("close", () => target.listeners.delete(this));
    // Writable documents ask the client for what it has that we lack (edits made offline).
    if (target.write) this.send(encodeSyncStep1(target.doc));
  }

  sendUpdate(message: Uint8Array): void {
    this.send(message);
  }

  /**
   * Sends `message` unless the socket is closing or its reader has fallen too far behind. A message sent to many
   * readers (a committed update, the keep-alive, a shared full state) is framed on its first send and the same
   * bytes are written to every socket after that: per reader, only a write.
   */
  send(message: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN || this.droppedForFallingBehind()) return;
    if (this.sharedFrames) writeSharedFrame(this.socket, message);
    else this.socket.send(message);
  }

  /**
   * The keep-alive: a ping, which finds dead peers, and `message` (an awareness message that changes nothing), which
   * keeps y-websocket clients from timing out; written together, so that an idle connection costs one write per
   * interval.
   */
  keepAlive(message: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN || this.droppedForFallingBehind()) return;
    if (this.sharedFrames) return writeSharedFrame(this.socket, message, true);
    this.socket.ping();
    this.socket.send(message);
  }

  /** A reader that does not keep up is dropped rather than buffered without bound; it resyncs on reconnect. */
  private droppedForFallingBehind(): boolean {
    if (this.socket.bufferedAmount <= limits.syncSendBufferBytes) return false;
    // Worth an operator's attention: many of these point at readers on poor links or a room too large to sync.
    this.logger.warn(
      { userId: this.userId, bufferedBytes: this.socket.bufferedAmount },
      "sync reader dropped: too far behind",
    );
    this.close(closeCode.slowReader, "Too far behind; reconnect to resynchronise.");
    return true;
  }

  close(code: number, reason: string): void {
    this.target.listeners.delete(this);
    closeWebSocket(this.socket, code, reason);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.socket.readyState !== this.socket.OPEN) return; // closed by us: whatever was in flight is ignored
    if (!isBinary) return this.close(closeCode.malformed, "Send binary y-websocket messages.");
    if (data.byteLength > limits.syncMessageBytes) {
      return this.close(
        closeCode.messageTooLarge,
        `Messages are limited to ${limits.syncMessageBytes / 1024 / 1024} MiB; this document cannot take a change that large.`,
      );
    }
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === messageType.sync) this.receiveSync(decoder);
      else if (unusedTypes.has(type)) this.receiveUnused(data.byteLength);
      else this.close(closeCode.malformed, `Unknown message type ${type}.`);
    } catch (error) {
      this.logger.debug(
        { err: error, userId: this.userId },
        "closing sync connection after a malformed message",
      );
      this.close(closeCode.malformed, "Malformed message.");
    }
  }

  /**
   * Awareness is not relayed (presence travels over socket.io), and query-awareness and auth need no answer: such
   * messages are only bounded in size and rate, so that a flood of them costs the server nothing.
   */
  private receiveUnused(bytes: number): void {
    if (bytes > limits.syncAwarenessBytes) {
      this.close(
        closeCode.messageTooLarge,
        `Awareness messages are limited to ${limits.syncAwarenessBytes} bytes; presence does not use this connection.`,
      );
    } else if (!this.unusedMessages.take()) {
      this.close(closeCode.tooManyRequests, "Too many awareness messages; reconnect later.");
    }
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      if (!this.rates.syncRequests.take()) {
        this.close(closeCode.tooManyRequests, "Too many sync requests; reconnect later.");
        return;
      }
      if (this.droppedForFallingBehind()) return; // before encoding an answer that could not be sent
      this.send(encodeSyncStep2(this.diffFor(stateVector)));
      return;
    }
    if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
      this.receiveUpdate(decoding.readVarUint8Array(decoder));
      return;
    }
    throw new Error(`unknown sync message ${step}`);
  }

  /**
   * What a client with `stateVector` lacks. A client that holds nothing of this document (a new reader, or one
   * with only local changes) gets the shared full-state encoding rather than a fresh one of its own.
   */
  private diffFor(stateVector: Uint8Array): Uint8Array {
    const hasNothing = stateVector.length === 1 && stateVector[0] === 0;
    if (hasNothing) return this.target.encodedState();
    const theirs = Y.decodeStateVector(stateVector);
    const doc = this.target.doc;
    const knowsSome = [...doc.store.clients.keys()].some((client) => (theirs.get(client) ?? 0) > 0);
    return knowsSome ? Y.encodeStateAsUpdate(doc, stateVector) : this.target.encodedState();
  }

  private receiveUpdate(update: Uint8Array): void {
    if (this.target.write) {
      if (!this.rates.notesUpdates.take()) {
        this.close(closeCode.tooManyRequests, "Too many changes too fast; reconnect in a moment.");
        return;
      }
      this.target.write(update, this).catch((error: unknown) => {
        const [code, reason] = closeFor(error, [
          closeCode.notStored,
          "That change could not be stored; reconnecting will send it again.",
        ]);
        if (code === closeCode.notStored) {
          this.logger.warn({ err: error, userId: this.userId }, "private notes update not stored");
        }
        this.close(code, reason);
      });
      return;
    }
    // A read-only replica still answers sync step 1 with what it holds; that is fine as long as it adds nothing.
    if (Y.snapshotContainsUpdate(Y.snapshot(this.target.doc), update)) return;
    this.refusals += 1;
    this.send(encodePermissionDenied(readOnlyReason));
    if (this.refusals >= maxRefusals) this.close(closeCode.forbidden, "Read-only document.");
  }
}
