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

export class SyncConnection implements UpdateListener {
  alive = true;
  private refusals = 0;

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    private readonly target: SyncTarget,
    private readonly logger: Logger,
  ) {
    target.listeners.add(this);
    socket.on("message", (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    socket.on("pong", () => (this.alive = true));
    socket.on("close", () => target.listeners.delete(this));
    // Writable documents ask the client for what it has that we lack (edits made offline).
    if (target.write) this.send(encodeSyncStep1(target.doc));
  }

  sendUpdate(message: Uint8Array): void {
    this.send(message);
  }

  send(message: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // A reader that does not keep up is dropped rather than buffered without bound; it resyncs on reconnect.
    if (this.socket.bufferedAmount > limits.syncSendBufferBytes) {
      this.close(closeCode.slowReader, "Too far behind; reconnect to resynchronise.");
      return;
    }
    this.socket.send(message);
  }

  close(code: number, reason: string): void {
    this.target.listeners.delete(this);
    this.socket.close(code, reason);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (!isBinary) return this.close(closeCode.malformed, "Send binary y-websocket messages.");
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === messageType.sync) this.receiveSync(decoder);
      // Awareness is not relayed (presence travels over socket.io); query-awareness and auth need no answer.
    } catch (error) {
      this.logger.debug(
        { err: error, userId: this.userId },
        "closing sync connection after a malformed message",
      );
      this.close(closeCode.malformed, "Malformed message.");
    }
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const hasNothing = stateVector.length === 1 && stateVector[0] === 0;
      const diff = hasNothing
        ? this.target.encodedState()
        : Y.encodeStateAsUpdate(this.target.doc, stateVector);
      this.send(encodeSyncStep2(diff));
      return;
    }
    if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
      this.receiveUpdate(decoding.readVarUint8Array(decoder));
      return;
    }
    throw new Error(`unknown sync message ${step}`);
  }

  private receiveUpdate(update: Uint8Array): void {
    if (this.target.write) {
      this.target.write(update, this).catch((error: unknown) => {
        this.logger.warn({ err: error, userId: this.userId }, "private notes update refused");
        this.close(closeCode.malformed, "That update could not be stored; reconnect to resynchronise.");
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
