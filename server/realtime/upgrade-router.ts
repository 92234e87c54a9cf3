// The one listener of the HTTP server's `upgrade` event: hands each WebSocket handshake to the adapter that owns its
// path (/yjs/ now, /socket.io/ later), answers any other at once, and keeps every upgrading socket's errors heard.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { endWithStatus } from "../http/server-sockets.ts";

/** A realtime adapter that owns the handshakes of one path prefix. */
export interface UpgradeHandler {
  /** Takes the socket over: it must answer the handshake (accept or refuse) and handle the socket from then on. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection it accepted and refuses later handshakes (at shutdown). */
  close(): void;
}

export class UpgradeRouter {
  private readonly routes: { prefix: string; handler: UpgradeHandler }[] = [];
  private closed = false;

  constructor(
    server: Server,
    private readonly logger: Logger,
  ) {
    server.on("upgrade", this.onUpgrade);
  }

  /**
   * Gives `handler` the handshakes whose path starts with `prefix`. socket.io is meant to come in this way (its
   * engine's handleUpgrade under "/socket.io/") rather than by attaching to the server: attached, engine.io would
   * destroy every handshake it does not own, including the sync endpoints'.
   */
  route(prefix: string, handler: UpgradeHandler): void {
    this.routes.push({ prefix, handler });
  }

  /** Closes every handler's connections; handshakes arriving later are refused with 503. */
  close(): void {
    this.closed = true;
    for (const { handler } of this.routes) handler.close();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    destroyOnError(socket, this.logger, req.url);
    if (this.closed) return endWithStatus(socket, 503);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const route = this.routes.find(({ prefix }) => path.startsWith(prefix));
    if (!route) return endWithStatus(socket, 400);
    route.handler.handleUpgrade(req, socket, head);
  };
}

/**
 * Node stops listening to a socket's errors when it hands it to `upgrade`: an unheard reset would end the process.
 * The listener lives as long as the connection, so it is made out here and keeps only the URL it logs, not the
 * handshake's request (its headers and streams: about a kilobyte per idle connection).
 */
function destroyOnError(socket: Duplex, logger: Logger, url: string | undefined): void {
  socket.on("error", (error: NodeJS.ErrnoException) => {
    logger.debug({ code: error.code, url }, "WebSocket handshake socket failed");
    socket.destroy();
  });
}
