// A WebSocket client at the byte level: opens the HTTP upgrade on a plain TCP socket and writes hand-built frames,
// for tests that send what no WebSocket library would (reserved opcodes, RSV bits, unmasked or truncated frames).
import { randomBytes } from "node:crypto";
import net from "node:net";

/** One frame as a client would write it; every field can be set to something a correct client never sends. */
export interface FrameSpec {
  opcode: number;
  payload?: Uint8Array;
  /** Default true. */
  fin?: boolean;
  /** RSV1..RSV3 as a 3-bit number (4 = RSV1). */
  rsv?: number;
  /** Clients must mask; default true. */
  masked?: boolean;
  /** The length written in the header, when it should differ from the payload's (a truncated frame). */
  announcedLength?: number;
}

export const opcode = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = Buffer.from(spec.payload ?? new Uint8Array());
  const length = spec.announcedLength ?? payload.byteLength;
  const masked = spec.masked ?? true;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(length, 2);
    header[1] = maskBit | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(length), 2);
    header[1] = maskBit | 127;
  }
  header[0] = first;
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

export interface ServerClose {
  /** The code of the server's close frame; undefined when the connection ended without one. */
  code?: number;
  reason?: string;
  /** Whether the server answered the upgrade with 101. */
  upgraded: boolean;
  /** The status code of the server's HTTP answer (101 when upgraded). */
  status?: number;
}

export interface RawUpgrade {
  socket: net.Socket;
  /** Resolves when the server has closed the TCP connection. */
  closed: Promise<ServerClose>;
  /** Resolves with the HTTP status the server answered the upgrade with. */
  answered: Promise<number>;
  write(data: Uint8Array): void;
  /** The bytes the server sent after its HTTP answer, so far (see serverFrames). */
  sent(): Buffer;
}

/**
 * Sends an upgrade request for `path`, then `early` in the same write (frames the server receives while it is still
 * checking who is connecting). Answers the server's close frame by ending the connection, as a client would, unless
 * `ignoreClose` (a peer that never finishes the closing handshake).
 */
export function openRawUpgrade(
  baseUrl: string,
  path: string,
  options: { cookie?: string; early?: Uint8Array; origin?: string; ignoreClose?: boolean } = {},
): RawUpgrade {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  const request = [
    `GET ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    "Sec-WebSocket-Version: 13",
    ...(options.cookie ? [`Cookie: ${options.cookie}`] : []),
    ...(options.origin ? [`Origin: ${options.origin}`] : []),
    "",
    "",
  ].join("\r\n");
  socket.write(Buffer.concat([Buffer.from(request), Buffer.from(options.early ?? new Uint8Array())]));

  let received = Buffer.alloc(0);
  let status: number | undefined;
  let bodyStart = -1;
  const result: ServerClose = { upgraded: false };
  let answer: (status: number) => void = () => undefined;
  const answered = new Promise<number>((resolve) => (answer = resolve));
  socket.on("data", (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    if (bodyStart < 0) {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return;
      status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received.subarray(0, end).toString())?.[1]);
      result.status = status;
      result.upgraded = status === 101;
      bodyStart = end + 4;
      answer(status);
    }
    if (!result.upgraded || result.code !== undefined) return;
    const close = findCloseFrame(received.subarray(bodyStart));
    if (close) {
      Object.assign(result, close);
      if (!options.ignoreClose) socket.end();
    }
  });
  socket.on("error", () => undefined); // a reset by the server is one of the outcomes under test
  const closed = new Promise<ServerClose>((resolve) =>
    socket.on("close", () => {
      answer(status ?? 0);
      resolve(result);
    }),
  );
  return {
    socket,
    closed,
    answered,
    write: (data) => socket.write(data),
    sent: () => (bodyStart < 0 ? Buffer.alloc(0) : received.subarray(bodyStart)),
  };
}

/** One whole frame a server sent: its bytes as they came over the wire, its opcode and its payload. */
export interface ServerFrame {
  raw: Buffer;
  opcode: number;
  payload: Buffer;
}

/** The whole (unmasked) frames at the start of what a server sent after its 101 answer; a partial last one is left. */
export function serverFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    let length = bytes[at + 1]! & 0x7f;
    let headerLength = 2;
    if (length === 126) {
      if (at + 4 > bytes.length) break;
      length = bytes.readUInt16BE(at + 2);
      headerLength = 4;
    } else if (length === 127) {
      if (at + 10 > bytes.length) break;
      length = Number(bytes.readBigUInt64BE(at + 2));
      headerLength = 10;
    }
    const end = at + headerLength + length;
    if (end > bytes.length) break;
    frames.push({
      raw: bytes.subarray(at, end),
      opcode: bytes[at]! & 0x0f,
      payload: bytes.subarray(at + headerLength, end),
    });
    at = end;
  }
  return frames;
}

/** The first close frame among the (unmasked) frames a server sent, if it has arrived whole. */
function findCloseFrame(bytes: Buffer): { code?: number; reason: string } | undefined {
  const close = serverFrames(bytes).find((frame) => frame.opcode === opcode.close);
  if (!close) return undefined;
  const { payload } = close;
  return payload.length >= 2
    ? { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString() }
    : { reason: "" };
}
