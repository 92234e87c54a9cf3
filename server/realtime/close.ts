// How a WebSocket is ended: the close code that says why (shared/sync-protocol.ts), with a reason ws will accept.
import type { WebSocket } from "ws";
import { closeCode } from "../../shared/sync-protocol.ts";
import { AppError } from "../domain/app-error.ts";

/** The longest close reason the protocol allows, in UTF-8 bytes (ws throws on longer ones). */
const maxReasonBytes = 123;

/** Closes with `code`; a reason too long for a close frame is cut at a character boundary rather than thrown on. */
export function closeWebSocket(socket: WebSocket, code: number, reason: string): void {
  let fitting = reason;
  if (Buffer.byteLength(reason) > maxReasonBytes) {
    fitting = "";
    for (const character of reason) {
      if (Buffer.byteLength(fitting + character) > maxReasonBytes) break;
      fitting += character;
    }
  }
  socket.close(code, fitting);
}

/** A refusal that names its own close code (one that tells the client where to go instead). */
export class CloseRefusal extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * The close code for a refusal from a service: refusals the client cannot change by reconnecting get a 44xx code
 * (it stops), anything else `fallback` (a 45xx: it tries again later).
 */
export function closeFor(error: unknown, fallback: [code: number, reason: string]): [number, string] {
  if (error instanceof CloseRefusal) return [error.code, error.message];
  if (error instanceof AppError) {
    if (error.code === "unauthenticated") return [closeCode.unauthenticated, error.message];
    if (error.code === "not_found") return [closeCode.notFound, error.message];
    if (error.code === "forbidden") return [closeCode.forbidden, error.message];
    if (error.code === "rate_limited") return [closeCode.tooManyConnections, error.message];
    if (error.code === "payload_too_large") return [closeCode.messageTooLarge, error.message];
    if (error.code === "bad_request") return [closeCode.malformed, error.message];
  }
  return fallback;
}
