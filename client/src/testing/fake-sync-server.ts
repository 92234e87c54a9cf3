// A stand-in for the server's Yjs sync endpoints in client tests: a WebSocket class that answers y-websocket's sync
// protocol from in-memory documents, so the real RoomClient and providers run without a server.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { vi } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { messageType } from "../../../shared/sync-protocol.ts";

/** The documents behind each sync path ("/yjs/rooms/<roomId>", "/yjs/notes/<roomId>"…), created on first use. */
export class FakeSyncServer {
  private readonly docs = new Map<string, Y.Doc>();

  /** The server's copy of the document at `path`; what a test writes to it reaches connected clients. */
  doc(path: string): Y.Doc {
    let doc = this.docs.get(path);
    if (!doc) {
      doc = new Y.Doc();
      this.docs.set(path, doc);
    }
    return doc;
  }

  /** Replaces the global WebSocket with sockets connected to this server. */
  install() {
    const docAt = (path: string) => this.doc(path);
    class FakeSocket {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      readonly CONNECTING = 0;
      readonly OPEN = 1;
      readonly CLOSING = 2;
      readonly CLOSED = 3;
      binaryType = "arraybuffer";
      readyState = 0;
      onopen: (() => void) | null = null;
      onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
      onclose: ((event: { code: number; reason: string }) => void) | null = null;
      onerror: ((event: unknown) => void) | null = null;
      private readonly doc: Y.Doc;
      private readonly relay = (update: Uint8Array, origin: unknown) => {
        if (origin === this) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageType.sync);
        syncProtocol.writeUpdate(encoder, update);
        this.deliver(encoding.toUint8Array(encoder));
      };

      constructor(url: string) {
        this.doc = docAt(new URL(url).pathname);
        this.doc.on("update", this.relay);
        queueMicrotask(() => {
          if (this.readyState !== 0) return;
          this.readyState = 1;
          this.onopen?.();
        });
      }

      send(data: Uint8Array) {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== messageType.sync) return;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, messageType.sync);
        syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (encoding.length(encoder) > 1) this.deliver(encoding.toUint8Array(encoder));
      }

      close() {
        this.readyState = 3;
        this.doc.off("update", this.relay);
      }

      private deliver(message: Uint8Array) {
        queueMicrotask(() => {
          if (this.readyState === 1) this.onmessage?.({ data: message.slice().buffer });
        });
      }
    }
    vi.stubGlobal("WebSocket", FakeSocket);
    return this;
  }
}
