// The /yjs/* WebSocket endpoints: refuses foreign origins, authenticates the handshake, checks membership before any
// document byte is sent, and attaches a SyncConnection to the room (read-only) or private-notes (owner-writable)
// document.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import { limits } from "../../shared/limits.ts";
import type { RoomScope } from "../../shared/room-doc.ts";
import { closeCode, keepAliveIntervalMs } from "../../shared/sync-protocol.ts";
import { AppError } from "../domain/app-error.ts";
import { endWithStatus } from "../http/server-sockets.ts";
import { can } from "../domain/policies.ts";
import type { ServiceContext } from "../services/context.ts";
import { loadRoomActor } from "../services/threads/load-room-actor.ts";
import { hiddenUntilPostedNotice } from "../../shared/hide-until-posted.ts";
import { sectionNotice } from "../../shared/sections.ts";
import { CloseRefusal, closeFor, closeWebSocket } from "./close.ts";
import { ConnectionRegistry } from "./connection-registry.ts";
import type { WindowCounter } from "./fanout/shared-limits.ts";
import { encodeUpdateMessage, keepAliveMessage } from "./sync-messages.ts";
import type { RoomDocument } from "../services/room-store/room-document.ts";
import { VeiledView } from "../services/room-store/veiled-view.ts";
import { loadVeil } from "../services/threads/load-veil.ts";
import type { Veil } from "../domain/hide-until-posted.ts";
import { SyncConnection, UserRates, type SyncTarget } from "./sync-connection.ts";
import { authenticateUpgrade, isForeignOrigin } from "./upgrade-auth.ts";
import type { UpgradeHandler } from "./upgrade-router.ts";
import { findLostLiveAccess } from "../services/auth/find-lost-access.ts";
import { viewFingerprint } from "../services/threads/room-view.ts";
import type { ConnectionLedger } from "./fanout/shared-connections.ts";

/** Silence (no pong, no message) after which a peer is taken for dead and its socket terminated. */
const peerSilenceLimitMs = 4 * keepAliveIntervalMs;

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const roomPath = new RegExp(`^/yjs/rooms/(${uuid})(/instructors)?/?$`, "i");
const veiledPath = new RegExp(`^/yjs/rooms/(${uuid})/veiled/?$`, "i");
const notesPath = new RegExp(`^/yjs/notes/(${uuid})/?$`, "i");
/** What a client may send before it is authorised (a sync request and an awareness message are a few bytes). */
const maxEarlyBytes = 64 * 1024;
const maxEarlyMessages = 8;

type Route =
  | { kind: "room"; roomId: string; scope: RoomScope }
  | { kind: "veiled"; roomId: string }
  | { kind: "notes"; roomId: string };

function routeOf(url: string): Route | undefined {
  const path = url.split("?")[0] ?? "";
  const room = roomPath.exec(path);
  if (room) return { kind: "room", roomId: room[1]!.toLowerCase(), scope: room[2] ? "instructors" : "group" };
  const veiled = veiledPath.exec(path);
  if (veiled) return { kind: "veiled", roomId: veiled[1]!.toLowerCase() };
  const notes = notesPath.exec(path);
  if (notes) return { kind: "notes", roomId: notes[1]!.toLowerCase() };
  return undefined;
}

export interface SyncServer extends UpgradeHandler {
  connectionCount(): number;
}

/** The sync endpoints, to be routed the handshakes under /yjs/ (see UpgradeRouter). */
export function createSyncServer(deps: {
  ctx: ServiceContext;
  logger: Logger;
  /** Counts the per-user sync limits across server processes (Redis); unset: in this process. */
  sharedCounter?: WindowCounter;
  /** Counts the per-user connection cap across server processes (Redis); unset: in this process. */
  connectionLedger?: ConnectionLedger;
}): SyncServer {
  const { ctx, logger } = deps;
  const sharedRates = deps.sharedCounter && {
    counter: deps.sharedCounter,
    onError: (err: unknown) =>
      logger.debug({ err }, "counting a sync limit in Redis failed; counted here only"),
  };
  const wss = new WebSocketServer({
    noServer: true,
    // Messages a little over the limit reach SyncConnection, which refuses them with a close code that tells the
    // client not to resend; ws itself closes with 1009 above this, which y-websocket would retry in a loop.
    maxPayload: 2 * limits.syncMessageBytes,
    perMessageDeflate: false,
  });
  const registry = new ConnectionRegistry<SyncConnection>(
    ctx.access,
    limits.syncConnectionsPerUser,
    () => ctx.now().getTime(),
    (owners) => findLostLiveAccess(ctx, logger, owners),
    deps.connectionLedger,
  );
  /** Rate limits by user, kept after their last connection closes until the windows are empty. */
  const rates = new Map<string, UserRates>();
  let closed = false;

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closed) return endWithStatus(socket, 503);
    // Browsers send cookies with cross-site WebSocket handshakes: refuse other origins before anything else.
    if (isForeignOrigin(req, ctx.publicUrl)) return endWithStatus(socket, 403);
    wss.handleUpgrade(req, socket, head, (ws) => {
      logProtocolErrors(ws, logger, req.url, req.socket.remoteAddress);
      const takeEarly = holdEarlyMessages(ws);
      void accept(ws, req, takeEarly).catch((error: unknown) => {
        const [code, reason] = closeFor(error, [
          closeCode.shuttingDown,
          "The server could not open this document; try again.",
        ]);
        if (code === closeCode.shuttingDown)
          logger.error({ err: error, url: req.url }, "sync connection failed");
        closeWebSocket(ws, code, reason);
      });
    });
  }

  async function accept(
    ws: WebSocket,
    req: IncomingMessage,
    takeEarly: () => [Buffer, boolean][],
  ): Promise<void> {
    // Until the checks below pass, nothing is sent and incoming messages are held.
    const route = routeOf(req.url ?? "");
    if (!route) throw new AppError("not_found", "No such sync document.");
    let checkedAt = registry.accessChanges;
    let { principal, actor, veil } = await authorize(req, route);
    const userId = principal.user.id;
    const releaseSlot = await registry.reserveAcross(userId);
    let target: { sync: SyncTarget; release: () => void } | undefined;
    const open = () => {
      if (route.kind === "notes") return notesTarget(route.roomId, userId);
      return route.kind === "room"
        ? roomTarget(route.roomId, route.scope)
        : veiledTarget(route.roomId, veil!);
    };
    try {
      target = await open();
      // A sign-out, a membership change or a changed view (a first thread, a setting) while we were waiting would
      // have missed this connection: check again, and serve the view that applies now.
      while (checkedAt !== registry.accessChanges) {
        checkedAt = registry.accessChanges;
        const before = veil;
        ({ principal, actor, veil } = await authorize(req, route));
        if (route.kind === "veiled" && JSON.stringify(before) !== JSON.stringify(veil)) {
          target.release();
          target = await open();
        }
      }
    } catch (error) {
      releaseSlot();
      target?.release();
      throw error;
    }
    if (ws.readyState !== ws.OPEN || closed) {
      releaseSlot();
      target.release();
      return;
    }
    const userRates = rates.get(userId) ?? new UserRates(userId, sharedRates);
    rates.set(userId, userRates);
    const connection = new SyncConnection(ws, userId, target.sync, userRates, logger);
    const unregister = registry.add(connection, {
      sessionId: principal.sessionId,
      userId,
      groupId: actor.room.groupId,
      role: actor.role,
      expiresAt: principal.expiresAt,
      ...(route.kind === "notes"
        ? {}
        : {
            roomView: {
              roomId: route.roomId,
              veiled: route.kind === "veiled",
              served: viewFingerprint(veil),
              seesAll: can(actor, "room.readBeforePosting") && can(actor, "room.readAllSections"),
            },
          }),
    });
    const release = target.release;
    ws.on("close", () => {
      unregister();
      releaseSlot();
      release();
    });
    for (const [data, isBinary] of takeEarly()) ws.emit("message", data, isBinary);
  }

  /**
   * Who is connecting, whether they may read the document at all, and the veil they read the room through while it
   * hides the class's threads from them (hide until posted). A veiled reader is sent to the veiled document and
   * back with a close code of its own (shared/sync-protocol.ts): the two are different Y.Docs whose records would
   * fight in one replica, so the client keeps them apart.
   */
  async function authorize(req: IncomingMessage, route: Route) {
    const principal = await authenticateUpgrade(ctx, req);
    const actor = await loadRoomActor(ctx, route.roomId, principal.user.id);
    if (route.kind === "room" && route.scope === "instructors" && !can(actor, "room.readInstructorNotes")) {
      throw new AppError("not_found", "No such sync document.");
    }
    const veil = route.kind === "notes" ? undefined : await loadVeil(ctx, actor);
    if (veil && route.kind === "room")
      throw new CloseRefusal(
        closeCode.hiddenUntilPosted,
        veil.untilPosted ? hiddenUntilPostedNotice : sectionNotice,
      );
    if (!veil && route.kind === "veiled") {
      throw new CloseRefusal(closeCode.roomOpened, "This room shows you every thread now.");
    }
    return { principal, actor, veil };
  }

  /**
   * A veiled reader's own view of the room's document (room-store/veiled-view.ts): built for this connection and
   * dropped with it, since it holds one reader's view and lives only until the room opens to them.
   */
  async function veiledTarget(roomId: string, veil: Veil) {
    const view = new VeiledView(await ctx.rooms.open(roomId, "group"), veil, encodeUpdateMessage);
    const sync: SyncTarget = {
      doc: view.doc,
      encodedState: () => view.encodedState(),
      listeners: view.listeners,
    };
    return { sync, release: () => view.destroy() };
  }

  async function roomTarget(roomId: string, scope: RoomScope) {
    const document = await ctx.rooms.open(roomId, scope);
    let sync = roomTargets.get(document);
    if (!sync) {
      sync = {
        // Read when needed, so that a cold room's first full-state reader does not wait for the Y.Doc to be built.
        get doc() {
          return document.committed;
        },
        encodedState: () => document.encodedState(),
        listeners: document.listeners,
      };
      roomTargets.set(document, sync);
    }
    return { sync, release: keepLoaded };
  }

  async function notesTarget(roomId: string, userId: string) {
    const document = await ctx.notes.open(roomId, userId);
    const sync: SyncTarget = {
      doc: document.doc,
      encodedState: () => Y.encodeStateAsUpdate(document.doc),
      listeners: document.listeners,
      write: (update, from) => document.write(update, from),
    };
    return { sync, release: () => ctx.notes.release(document) };
  }

  // Keep-alive: an empty awareness message keeps y-websocket clients from timing out; pings find dead peers. A peer
  // is dead only after several silent intervals: a phone still reading a large first sync answers pings late.
  const timer = setInterval(() => {
    const deadBefore = Date.now() - peerSilenceLimitMs;
    for (const [userId, userRates] of rates)
      if (!registry.holds(userId) && userRates.idle()) rates.delete(userId);
    for (const connection of registry.connections()) {
      if (connection.lastHeardAt < deadBefore) {
        connection.socket.terminate();
        continue;
      }
      connection.keepAlive(keepAliveMessage);
    }
  }, keepAliveIntervalMs);
  timer.unref();

  return {
    handleUpgrade,
    connectionCount: () => registry.size,
    close() {
      closed = true;
      clearInterval(timer);
      registry.close(closeCode.shuttingDown, "Server restarting.");
      // Handshakes still being checked are not registered yet.
      for (const ws of wss.clients) closeWebSocket(ws, closeCode.shuttingDown, "Server restarting.");
      wss.close();
    },
  };
}

/** What closing a room connection releases: nothing (the registry unloads rooms nobody reads). */
const keepLoaded = (): void => undefined;
/**
 * One sync target per loaded room document, shared by its readers: a connection that may stay open for hours holds
 * no objects or closures of its own for it (memory per idle connection).
 */
const roomTargets = new WeakMap<RoomDocument, SyncTarget>();

/**
 * Logs the error ws emits once, after closing the connection itself (1002, 1007, 1009) over a frame that breaks the
 * protocol; unheard, it would end the process. Made out here, with the two strings it logs, so that the listener
 * does not keep the handshake's request (its headers and streams) alive for as long as the connection.
 */
function logProtocolErrors(
  ws: WebSocket,
  logger: Logger,
  url: string | undefined,
  remoteAddress?: string,
): void {
  ws.on("error", (error: Error & { code?: string }) =>
    logger.warn(
      { code: error.code, reason: error.message, url, remoteAddress },
      "closed a WebSocket after a protocol error",
    ),
  );
}

/**
 * Holds what a client sends while its handshake is checked (it speaks first: sync step 1, an awareness message);
 * too much closes the connection. Returns the function that stops holding and hands the messages over.
 */
function holdEarlyMessages(ws: WebSocket): () => [Buffer, boolean][] {
  const early: [Buffer, boolean][] = [];
  let earlyBytes = 0;
  const hold = (data: Buffer, isBinary: boolean) => {
    earlyBytes += data.byteLength;
    if (early.length < maxEarlyMessages && earlyBytes <= maxEarlyBytes) early.push([data, isBinary]);
    else closeWebSocket(ws, closeCode.malformed, "Too much sent before the connection was ready.");
  };
  ws.on("message", hold);
  return () => {
    ws.off("message", hold);
    return early;
  };
}
