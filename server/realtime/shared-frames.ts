// Sends y-websocket messages as WebSocket frames built once per message and written as they are to every reader's
// TCP socket (publish/subscribe as uWebSockets does it), instead of ws.send framing them again for each reader.
import type { Duplex } from "node:stream";
import * as wsModule from "ws";
import type { WebSocket } from "ws";

/**
 * The parts of ws 8's WebSocket and Sender this relies on (lib/websocket.js, lib/sender.js), none of them in its
 * typings:
 * - `Sender.frame(data, { fin, opcode, mask: false, readOnly, rsv1 })` returns `[header, data]` for an unmasked
 *   (server) frame: the payload is not copied;
 * - `socket._socket` is the TCP socket every frame is written to, and `socket._sender` writes each frame to it
 *   synchronously (`sendFrame`) unless its `_state` is not DEFAULT (0: deflating, or reading a Blob), when it
 *   queues frames until done;
 * - `socket.bufferedAmount` is `_socket._writableState.length + _sender._bufferedBytes`, so bytes written straight
 *   to the TCP socket count in it as ws.send's do.
 */
interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
interface WsInternals {
  _socket?: Duplex;
  _sender?: { _state: number; _queue: unknown[] };
}
// Taken from the module namespace: ws's ESM wrapper exports Sender by name (its CommonJS entry hangs it on the class).
const Sender = (wsModule as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } })
  .Sender;

const binaryOpcode = 2;
/**
 * Up to this payload size a frame is one buffer (header and payload copied together once), so that each reader costs
 * one write; above it the header and the payload stay apart (written corked, as ws does), since copying a full
 * state of megabytes once more would cost more than a second write.
 */
const joinedFrameBytes = 64 * 1024;
/** The frame of each message, built on its first send and dropped with the message. */
const frames = new WeakMap<Uint8Array, Buffer[]>();
/** The same, after a ping frame (for the keep-alive). */
const pingedFrames = new WeakMap<Uint8Array, Buffer[]>();
const pingOpcode = 9;

/** The unmasked binary frame of `message`, as ws.send would build it (one or two buffers, not to be modified). */
export function frameOf(message: Uint8Array): Buffer[] {
  let frame = frames.get(message);
  if (!frame) {
    const payload = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    frame = Sender.frame(payload, {
      fin: true,
      opcode: binaryOpcode,
      mask: false,
      readOnly: true,
      rsv1: false,
    });
    if (frame.length === 2 && payload.byteLength <= joinedFrameBytes) frame = [Buffer.concat(frame)];
    frames.set(message, frame);
  }
  return frame;
}

/** An empty ping frame, then `message`'s frame: one buffer when small (see frameOf). */
function pingedFrameOf(message: Uint8Array): Buffer[] {
  let frame = pingedFrames.get(message);
  if (!frame) {
    const ping = Sender.frame(Buffer.alloc(0), {
      fin: true,
      opcode: pingOpcode,
      mask: false,
      readOnly: false,
      rsv1: false,
    });
    const joined = [...ping, ...frameOf(message)];
    frame = joined.length === 2 ? [Buffer.concat(joined)] : joined;
    pingedFrames.set(message, frame);
  }
  return frame;
}

/**
 * Whether `socket` can be written frames directly: a server-side ws socket without permessage-deflate (a
 * compressed message is framed per socket, after deflating with that socket's context) and with ws's internals as
 * described above. Checked once per connection; when false, messages go through ws.send.
 */
export function acceptsSharedFrames(socket: WebSocket): boolean {
  const internals = socket as unknown as WsInternals;
  return (
    socket.extensions === "" &&
    typeof internals._socket?.write === "function" &&
    typeof internals._sender?._state === "number" &&
    Array.isArray(internals._sender._queue)
  );
}

/**
 * Writes `message` to an open `socket` (one for which acceptsSharedFrames was true) as its shared frame, after a ping
 * frame if `ping` (both in one write). Frames ws
 * holds back (none without deflate or Blob sends) would be overtaken by a direct write, so then the message joins
 * them through ws.send instead: either way it goes out after everything sent before it on this socket and before
 * anything sent after (ws's pings, keep-alives, sync answers and close frames are written synchronously too).
 */
export function writeSharedFrame(socket: WebSocket, message: Uint8Array, ping = false): void {
  const { _socket: tcp, _sender: sender } = socket as unknown as Required<WsInternals>;
  if (sender._state !== 0 || sender._queue.length > 0) {
    if (ping) socket.ping();
    socket.send(message);
    return;
  }
  const frame = ping ? pingedFrameOf(message) : frameOf(message);
  if (frame.length === 1) {
    tcp.write(frame[0]);
    return;
  }
  tcp.cork();
  for (const chunk of frame) tcp.write(chunk);
  tcp.uncork();
}
