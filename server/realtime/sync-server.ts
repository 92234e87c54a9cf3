// The /yjs/* WebSocket endpoints: authenticates the upgrade, checks membership before any document byte is sent,
// and attaches a SyncConnection to the room (read-only) or private-notes (owner-writable) document.
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import { limits } from "../../shared/limits.ts";
import type { RoomScope } from "../../shared/room-doc.ts";
import { closeCode, keepAliveIntervalMs } from "../../shared/sync-protocol.ts";
import { AppError } from "../domain/app-error.ts";
import { can } from "../domain/policies.ts";
import { authenticate } from "../services/auth/authenticate.ts";
import type { ServiceContext } from "../services/context.ts";
import type { NotesRegistry } from "../services/room-store/notes-registry.ts";
import { loadRoomActor } from "../services/threads/load-room-actor.ts";
import { sessionCookieName } from "../http/middleware/auth.ts";
import { parse as parseCookies } from "cookie";
import { keepAliveMessage } from "./sync-messages.ts";
import { SyncConnection, UserRates, type SyncTarget } from "./sync-connection.ts";

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const roomPath = new RegExp(`^/yjs/rooms/(${uuid})(/instructors)?/?$`, "i");
const notesPath = new RegExp(`^/yjs/notes/(${uuid})/?$`, "i");
/** What a client may send before it is authorised (a sync request and an awareness message are a few bytes). */
const maxEarlyBytes = 64 * 1024;

type Route = { kind: "room"; roomId: string; scope: RoomScope } | { kind: "notes"; roomId: string };

function routeOf(url: string): Route | undefined {
  const path = url.split("?")[0] ?? "";
  const room = roomPath.exec(path);
  if (room) return { kind: "room", roomId: room[1]!.toLowerCase(), scope: room[2] ? "instructors" : "group" };
  const notes = notesPath.exec(path);
  if (notes) return { kind: "notes", roomId: notes[1]!.toLowerCase() };
  return undefined;
}

export interface SyncServer {
  connectionCount(): number;
  close(): void;
}

export function attachSyncServer(
  server: Server,
  deps: { ctx: ServiceContext; notes: NotesRegistry; logger: Logger },
): SyncServer {
  const { ctx, notes, logger } = deps;
  const wss = new WebSocketServer({
    noServer: true,
    // Messages a little over the limit reach SyncConnection, which refuses them with a close code that tells the
    // client not to resend; ws itself closes with 1009 above this, which y-websocket would retry in a loop.
    maxPayload: 2 * limits.syncMessageBytes,
    perMessageDeflate: false,
  });
  const perUser = new Map<string, number>();
  /** Rate limits by user, kept after their last connection closes until the windows are empty. */
  const rates = new Map<string, UserRates>();
  /** Open connections and whose access they depend on. */
  const connections = new Map<SyncConnection, { sessionId: string; groupId: string }>();
  const allowedOrigin = new URL(ctx.publicUrl).origin;

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith("/yjs/")) return; // another upgrade handler (socket.io) owns it
    const origin = req.headers.origin;
    // Browsers send cookies with cross-site WebSocket handshakes: refuse other origins before anything else.
    if (
      origin &&
      origin !== allowedOrigin &&
      origin !== `http://${req.headers.host}` &&
      origin !== `https://${req.headers.host}`
    ) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // The client speaks first (sync step 1) while we are still checking who it is: hold those messages.
      const early: [Buffer, boolean][] = [];
      let earlyBytes = 0;
      const hold = (data: Buffer, isBinary: boolean) => {
        earlyBytes += data.byteLength;
        if (early.length < 8 && earlyBytes <= maxEarlyBytes) early.push([data, isBinary]);
        else ws.close(closeCode.malformed, "Too much sent before the connection was ready.");
      };
      ws.on("message", hold);
      void accept(ws, req, () => {
        ws.off("message", hold);
        return early;
      }).catch((error: unknown) => {
        const [code, reason] = closeFor(error);
        if (code === closeCode.shuttingDown)
          logger.error({ err: error, url: req.url }, "sync connection failed");
        ws.close(code, reason);
      });
    });
  });

  async function accept(
    ws: WebSocket,
    req: IncomingMessage,
    takeEarly: () => [Buffer, boolean][],
  ): Promise<void> {
    // Until the checks below pass, nothing is sent and incoming messages are ignored.
    const route = routeOf(req.url ?? "");
    if (!route) throw new AppError("not_found", "No such sync document.");
    let checkedAt = accessChanges;
    let { principal, actor } = await authorize(req, route);
    const userId = principal.user.id;
    if ((perUser.get(userId) ?? 0) >= limits.syncConnectionsPerUser) {
      throw new AppError("rate_limited", "Too many open connections; close other tabs.");
    }
    // Hold the slot from here, so that simultaneous handshakes cannot all pass the check above.
    perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
    const releaseSlot = () => {
      const left = (perUser.get(userId) ?? 1) - 1;
      if (left > 0) perUser.set(userId, left);
      else perUser.delete(userId);
    };
    let target: { sync: SyncTarget; release: () => void };
    try {
      target =
        route.kind === "room"
          ? await roomTarget(route.roomId, route.scope)
          : await notesTarget(route.roomId, userId);
    } catch (error) {
      releaseSlot();
      throw error;
    }
    // A sign-out or a membership change while we were waiting would have missed this connection: check again.
    while (checkedAt !== accessChanges) {
      checkedAt = accessChanges;
      try {
        ({ principal, actor } = await authorize(req, route));
      } catch (error) {
        releaseSlot();
        target.release();
        throw error;
      }
    }
    if (ws.readyState !== ws.OPEN) {
      releaseSlot();
      target.release();
      return;
    }
    const userRates = rates.get(userId) ?? new UserRates();
    rates.set(userId, userRates);
    const connection = new SyncConnection(ws, userId, target.sync, userRates, logger);
    connections.set(connection, { sessionId: principal.sessionId, groupId: actor.room.groupId });
    ws.on("close", () => {
      connections.delete(connection);
      releaseSlot();
      target.release();
    });
    for (const [data, isBinary] of takeEarly()) ws.emit("message", data, isBinary);
  }

  /** Who is connecting, and whether they may read the document at all. */
  async function authorize(req: IncomingMessage, route: Route) {
    const token = req.headers.cookie ? parseCookies(req.headers.cookie)[sessionCookieName] : undefined;
    const principal = token ? await authenticate(ctx, token) : undefined;
    if (!principal) throw new AppError("unauthenticated", "Sign in first.");
    const actor = await loadRoomActor(ctx, route.roomId, principal.user.id);
    if (route.kind === "room" && route.scope === "instructors" && !can(actor, "room.readInstructorNotes")) {
      throw new AppError("not_found", "No such sync document.");
    }
    return { principal, actor };
  }

  // Access checked at the handshake is re-checked when it changes: a signed-out session or a removed member
  // stops receiving at once; a changed role reconnects and is authorised again.
  /** Counts access changes, so that a handshake can tell whether one happened while it was being checked. */
  let accessChanges = 0;
  const onSessionRevoked = (sessionId: string) => {
    accessChanges += 1;
    for (const [connection, meta] of connections) {
      if (meta.sessionId === sessionId) connection.close(closeCode.unauthenticated, "Signed out.");
    }
  };
  const onMembershipChanged = ({ groupId, userId }: { groupId: string; userId: string }) => {
    accessChanges += 1;
    for (const [connection, meta] of connections) {
      if (connection.userId === userId && meta.groupId === groupId) {
        connection.close(closeCode.accessChanged, "Your access to this group changed; reconnect.");
      }
    }
  };
  ctx.access.on("session-revoked", onSessionRevoked);
  ctx.access.on("membership-changed", onMembershipChanged);

  async function roomTarget(roomId: string, scope: RoomScope) {
    const document = await ctx.rooms.open(roomId, scope);
    const sync: SyncTarget = {
      // Read when needed, so that a cold room's first full-state reader does not wait for the Y.Doc to be built.
      get doc() {
        return document.committed;
      },
      encodedState: () => document.encodedState(),
      listeners: document.listeners,
    };
    return { sync, release: () => undefined };
  }

  async function notesTarget(roomId: string, userId: string) {
    const document = await notes.open(roomId, userId);
    const sync: SyncTarget = {
      doc: document.doc,
      encodedState: () => Y.encodeStateAsUpdate(document.doc),
      listeners: document.listeners,
      write: (update, from) => document.write(update, from),
    };
    return { sync, release: () => notes.release(document) };
  }

  // Keep-alive: an empty awareness message keeps y-websocket clients from timing out; pings find dead peers.
  const timer = setInterval(() => {
    for (const [userId, userRates] of rates)
      if (!perUser.has(userId) && userRates.idle()) rates.delete(userId);
    for (const connection of connections.keys()) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      connection.send(keepAliveMessage);
    }
  }, keepAliveIntervalMs);
  timer.unref();

  return {
    connectionCount: () => connections.size,
    close() {
      clearInterval(timer);
      ctx.access.off("session-revoked", onSessionRevoked);
      ctx.access.off("membership-changed", onMembershipChanged);
      for (const connection of connections.keys())
        connection.close(closeCode.shuttingDown, "Server restarting.");
      wss.close();
    },
  };
}

function closeFor(error: unknown): [number, string] {
  if (error instanceof AppError) {
    if (error.code === "unauthenticated") return [closeCode.unauthenticated, error.message];
    if (error.code === "not_found") return [closeCode.notFound, error.message];
    if (error.code === "forbidden") return [closeCode.forbidden, error.message];
    if (error.code === "rate_limited") return [closeCode.tooManyConnections, error.message];
  }
  return [closeCode.shuttingDown, "The server could not open this document; try again."];
}
