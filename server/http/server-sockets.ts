// Every socket the HTTP server accepts: broken requests are answered and logged, and at shutdown idle or half-sent
// connections close at once, responses in flight get a grace period, and upgraded sockets a moment to say goodbye.
import { STATUS_CODES, type Server } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";

/** How long an upgraded socket may take to finish its closing handshake at shutdown. */
const upgradedCloseMs = 1_000;

interface SocketState {
  /** Requests whose response has not finished yet. */
  responses: number;
  /** Handed to an upgrade handler (a WebSocket), which closes it at shutdown. */
  upgraded: boolean;
}

export class ServerSockets {
  private readonly sockets = new Map<Socket, SocketState>();
  private stopping = false;
  private whenEmpty?: () => void;

  constructor(
    server: Server,
    private readonly logger: Logger,
  ) {
    server.on("connection", (socket: Socket) => {
      this.sockets.set(socket, { responses: 0, upgraded: false });
      socket.once("close", () => {
        this.sockets.delete(socket);
        if (this.sockets.size === 0) this.whenEmpty?.();
      });
    });
    // First, so that a response finished within the app's own handler is still counted out.
    server.prependListener("request", (req, res) => {
      const state = this.sockets.get(req.socket);
      if (!state) return;
      state.responses += 1;
      res.once("close", () => {
        state.responses -= 1;
        if (this.stopping && state.responses === 0 && !state.upgraded) req.socket.end();
      });
    });
    server.on("upgrade", (req) => {
      const state = this.sockets.get(req.socket);
      if (state) state.upgraded = true;
    });
    server.on("clientError", this.onClientError);
  }

  /**
   * Closes every connection: idle keep-alive ones and requests not yet whole at once, each other as soon as its
   * responses are sent (within `graceMs`), upgraded ones once their handler has closed them (within a second).
   * Resolves when none is left. Call after the server stopped listening and the upgrade handlers were closed.
   */
  async close(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const [socket, state] of this.sockets)
      if (!state.upgraded && state.responses === 0) socket.destroy();
    if (this.sockets.size === 0) return;
    const emptied = new Promise<void>((resolve) => (this.whenEmpty = resolve));
    const timers = [
      setTimeout(() => this.destroyWhere((state) => state.upgraded), Math.min(upgradedCloseMs, graceMs)),
      setTimeout(() => this.destroyWhere(() => true), graceMs),
    ];
    await emptied;
    for (const timer of timers) clearTimeout(timer);
  }

  private destroyWhere(matches: (state: SocketState) => boolean): void {
    for (const [socket, state] of this.sockets) if (matches(state)) socket.destroy();
  }

  /**
   * A request the parser refused (malformed, headers too large, too slow) or a connection reset. Node's default,
   * which a listener replaces, is kept: answer with a status unless a response is under way, then close.
   */
  private readonly onClientError = (error: NodeJS.ErrnoException, socket: Duplex): void => {
    this.logger.debug({ code: error.code }, "closed a connection after a broken HTTP request");
    const state = this.sockets.get(socket as Socket);
    if (error.code === "ECONNRESET" || (state?.responses ?? 0) > 0) return void socket.destroy();
    const status =
      error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    endWithStatus(socket, status);
  };
}

/** Answers on a raw socket (a refused request or WebSocket handshake) and destroys it once the answer is written. */
export function endWithStatus(socket: Duplex, status: number): void {
  if (!socket.writable) return void socket.destroy();
  socket.once("finish", () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
