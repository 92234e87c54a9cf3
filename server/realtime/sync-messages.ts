// Encoders for the y-websocket messages the server sends.
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { messageType } from "../../shared/sync-protocol.ts";

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Messages already built for a full state, so that readers joining one version of a document share one. */
const syncStep2Messages = new WeakMap<Uint8Array, Uint8Array>();

/**
 * Sync step 2 carrying a precomputed update (the diff a client asked for). The update is copied once into a
 * buffer of the exact size: a room's full state can be tens of megabytes, and lib0's growing encoder would copy it
 * three times.
 */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  const cached = syncStep2Messages.get(update);
  if (cached) return cached;
  const header = encoding.createEncoder();
  encoding.writeVarUint(header, messageType.sync);
  encoding.writeVarUint(header, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint(header, update.byteLength);
  const prefix = encoding.toUint8Array(header);
  const message = new Uint8Array(prefix.byteLength + update.byteLength);
  message.set(prefix);
  message.set(update, prefix.byteLength);
  syncStep2Messages.set(update, message);
  return message;
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness message that changes nothing. Scholia's RoomClient drops a connection that has been silent for
 * `silenceTimeoutMs` (y-websocket's own client after 30 s), and Scholia does not relay awareness, so this is the
 * keep-alive.
 */
export const keepAliveMessage: Uint8Array = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.awareness);
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(new Awareness(new Y.Doc()), []),
  );
  return encoding.toUint8Array(encoder);
})();
