// The people channel: socket.io at /socket.io (WebSocket only) handed its handshakes by the UpgradeRouter. Refuses
// foreign origins, checks the protocol version and the session cookie at the handshake, caps sockets per user,
// disconnects signed-out and expired sessions and flooding sockets, re-checks rooms on membership and group-settings
// changes (on every process), delivers notifications to `user:<id>`,
// and records reading time. With a Redis URL, rooms span every server process (see presence-hub.ts).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Server as Engine } from "engine.io";
import type { Logger } from "pino";
import { Server } from "socket.io";
import {
  peopleMaxMessageBytes,
  peoplePingIntervalMs,
  peoplePingTimeoutMs,
  peopleProtocolVersion,
  peopleSocketPath,
  type SocketErrorDto,
} from "../../../shared/people-protocol.ts";
import { closeCode } from "../../../shared/sync-protocol.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../../services/context.ts";
import type { PeopleEventMap } from "../../services/people-events.ts";
import { recordReadingTime } from "../../services/people/record-reading-time.ts";
import { endWithStatus } from "../../http/server-sockets.ts";
import { ConnectionRegistry } from "../connection-registry.ts";
import { authenticateUpgrade, isForeignOrigin } from "../upgrade-auth.ts";
import type { UpgradeHandler } from "../upgrade-router.ts";
import { PresenceHub } from "./presence-hub.ts";
import { ReadingTimeMeter } from "./reading-time-meter.ts";
import { connectRedisAdapter } from "./redis-adapter.ts";
import { userRoom } from "./rooms.ts";
import { SocketSession } from "./socket-session.ts";
import { SocketRate, UserRates } from "./socket-rates.ts";
import type { PeopleIo, PeopleSocket } from "./types.ts";
import type { ConnectionLedger } from "../fanout/shared-connections.ts";
import { findLostLiveAccess } from "../../services/auth/find-lost-access.ts";

/** socket.io connections one user may hold at once (tabs, devices). */
export const peopleSocketsPerUser = 20;

export interface PeopleOptions {
  /** Redis to share rooms with other server processes (REDIS_URL); unset: this process only. */
  redisUrl?: string;
  /** Prefix of the Redis channels, so that several deployments (or test runs) can share one Redis. */
  redisPrefix?: string;
  /**
   * Whether every access event already reaches every process (fanout/access-relay.ts): then this channel does not
   * pass group-settings, room-view and sections changes on itself, which would tell the other processes twice.
   */
  accessRelayed?: boolean;
  /** How often reading time is written, in ms (default 30 s). */
  readingTimeFlushMs?: number;
}

export interface PeopleServer extends UpgradeHandler {
  /** Resolves once the Redis adapter is connected (at once without Redis); rejects when Redis is unreachable. */
  ready: Promise<void>;
  socketCount(): number;
  /** After close(): writes the reading time still in memory and disconnects from Redis. */
  stop(): Promise<void>;
}

export function createPeopleServer(deps: {
  ctx: ServiceContext;
  logger: Logger;
  options?: PeopleOptions;
  /** Counts the per-user socket cap across server processes (Redis); unset: in this process. */
  connectionLedger?: ConnectionLedger;
}): PeopleServer {
  const { ctx, logger, options = {} } = deps;
  const engineOptions = {
    transports: ["websocket" as const],
    maxHttpBufferSize: peopleMaxMessageBytes,
    pingInterval: peoplePingIntervalMs,
    pingTimeout: peoplePingTimeoutMs,
    perMessageDeflate: false,
  };
  const io: PeopleIo = new Server({ ...engineOptions, path: peopleSocketPath, serveClient: false });
  // Bound to an engine of its own rather than attached to the http.Server: attached, engine.io would take over the
  // server's `upgrade` event (see UpgradeRouter). Nothing reaches it but the handshakes routed here.
  const engine = new Engine(engineOptions);
  io.bind(engine);

  const registry = new ConnectionRegistry<{ close(code: number, reason: string): void }>(
    ctx.access,
    peopleSocketsPerUser,
    () => ctx.now().getTime(),
    (owners) => findLostLiveAccess(ctx, logger, owners),
    deps.connectionLedger,
  );
  const sessions = new Map<string, SocketSession>();
  const userRates = new UserRates();
  const meter = new ReadingTimeMeter();
  let shared = false;
  const hub = new PresenceHub(io, meter, () => shared);
  let closed = false;

  const redis = options.redisUrl
    ? connectRedisAdapter(io, options.redisUrl, options.redisPrefix ?? "scholia", logger)
    : undefined;
  const ready = (redis?.ready ?? Promise.resolve()).then(() => {
    shared = redis !== undefined;
  });
  io.on("presence.announce", (serverId, roomId, people) => hub.receive(serverId, roomId, people));
  io.on("group.settingsChanged", (groupId) => recheckGroup(groupId, () => true));
  /** Set while a change heard from another process is told here, so that it is not sent back out. */
  let relaying = false;
  /** Tells this process's access events what another process heard first. */
  const relay = (tell: () => void) => {
    relaying = true;
    try {
      tell();
    } finally {
      relaying = false;
    }
  };
  io.on("room.viewChanged", (change) => relay(() => ctx.access.emit("room-view-changed", change)));
  io.on("group.sectionsChanged", (groupId) => relay(() => ctx.access.emit("sections-changed", groupId)));

  io.use((socket, next) => {
    admit(socket).then(
      () => next(),
      (error: unknown) => next(connectError(error, logger)),
    );
  });

  /** The handshake's checks; on success the socket carries its user and holds one of the user's slots. */
  async function admit(socket: PeopleSocket): Promise<void> {
    const auth = socket.handshake.auth as { protocol?: unknown };
    if (auth.protocol !== peopleProtocolVersion) {
      throw refusal(
        "protocol_version",
        `This server speaks version ${peopleProtocolVersion} of the people protocol; reload the page.`,
      );
    }
    let checkedAt = registry.accessChanges;
    let principal = await authenticateUpgrade(ctx, socket.request);
    if (userRates.isBarred(principal.user.id)) {
      throw refusal(
        "rate_limited",
        "Your tabs sent far too many events; wait a few seconds before reconnecting.",
      );
    }
    const release = await registry.reserveAcross(principal.user.id);
    try {
      // A sign-out while we were checking would have missed this socket: check again.
      while (checkedAt !== registry.accessChanges) {
        checkedAt = registry.accessChanges;
        principal = await authenticateUpgrade(ctx, socket.request);
      }
    } catch (error) {
      release();
      throw error;
    }
    socket.data = {
      userId: principal.user.id,
      name: principal.user.displayName,
      sessionId: principal.sessionId,
    };
    const unregister = registry.add(
      { close: (code, reason) => closeSocket(socket, code, reason) },
      { sessionId: principal.sessionId, userId: principal.user.id, expiresAt: principal.expiresAt },
    );
    socket.on("disconnect", () => {
      unregister();
      release();
    });
  }

  io.on("connection", (socket) => {
    void socket.join(userRoom(socket.data.userId));
    const session = new SocketSession(socket, ctx, hub, new SocketRate(userRates.of(socket.data.userId)), {
      onError: (err, event) => logger.error({ err, event }, "a people-channel event failed"),
      onFlood: () => {
        userRates.bar(socket.data.userId);
        closeSocket(
          socket,
          closeCode.tooManyRequests,
          "Too many events, long past the rate limit; wait a few seconds before reconnecting.",
        );
      },
    });
    sessions.set(socket.id, session);
    socket.on("disconnect", () => sessions.delete(socket.id));
  });

  /** Checks again every room of group `groupId` (every group: undefined) joined by the sessions `concerned` picks. */
  function recheckGroup(groupId: string | undefined, concerned: (session: SocketSession) => boolean): void {
    for (const session of sessions.values()) {
      if (!concerned(session)) continue;
      for (const [roomId, actor] of session.joined) {
        if (groupId !== undefined && actor.room.groupId !== groupId) continue;
        session.recheck(roomId).catch((err: unknown) => {
          logger.error({ err, roomId }, "re-checking a people-channel room failed");
          closeSocket(session.socket, closeCode.accessChanged, "Your access changed; reconnect.");
        });
      }
    }
  }

  // A role change or a removal: every room of that group this user's sockets joined is checked again.
  const onMembershipChanged = ({ groupId, userId }: { groupId: string; userId: string }) =>
    recheckGroup(groupId, (session) => session.userId === userId);
  ctx.access.on("membership-changed", onMembershipChanged);
  // The group's switches changed (members may lead): everyone in its rooms, on every process, is checked again.
  const onGroupSettingsChanged = (groupId: string) => {
    recheckGroup(groupId, () => true);
    if (shared && !options.accessRelayed) io.serverSideEmit("group.settingsChanged", groupId);
  };
  ctx.access.on("group-settings-changed", onGroupSettingsChanged);
  // What a room shows someone changed (hide until posted): their sessions in that room are checked again and put in
  // the veiled or unveiled socket.io room; a change made here is passed on to the other processes.
  const onRoomViewChanged = ({ roomId, userId }: { roomId: string; userId?: string }) => {
    if (shared && !relaying && !options.accessRelayed)
      io.serverSideEmit("room.viewChanged", userId ? { roomId, userId } : { roomId });
    for (const session of sessions.values()) {
      if (!session.joined.has(roomId) || (userId && session.userId !== userId)) continue;
      session.recheck(roomId).catch((err: unknown) => {
        logger.error({ err, roomId }, "re-checking a people-channel room failed");
        closeSocket(session.socket, closeCode.accessChanged, "Your access changed; reconnect.");
      });
    }
  };
  ctx.access.on("room-view-changed", onRoomViewChanged);
  // A text was removed: everyone in the group's rooms is checked again (learners lose its rooms).
  const onGroupAccessChanged = (groupId: string) => recheckGroup(groupId, () => true);
  ctx.access.on("group-access-changed", onGroupAccessChanged);
  // Sections changed: everyone in the group's rooms is checked again and put in the veiled or unveiled room; a
  // change made here is passed on to the other processes, whose sync connections and export jobs hear it too.
  const onSectionsChanged = (groupId: string) => {
    if (shared && !relaying && !options.accessRelayed) io.serverSideEmit("group.sectionsChanged", groupId);
    recheckGroup(groupId, () => true);
  };
  ctx.access.on("sections-changed", onSectionsChanged);
  // Any of the changes above made on another process while Redis was down was missed here: every joined room is
  // checked again (sign-outs are the connection registry's).
  const onChangesMissed = () => recheckGroup(undefined, () => true);
  ctx.access.on("changes-missed", onChangesMissed);

  // Notifications are stored by the services; this only delivers them, to every tab on every process.
  const onNotification: (...args: PeopleEventMap["notification"]) => void = (userId, notification) =>
    io.to(userRoom(userId)).emit("notification", notification);
  const onRead: (...args: PeopleEventMap["notifications-read"]) => void = (userId, read) =>
    io.to(userRoom(userId)).emit("notifications.read", read);
  ctx.people.on("notification", onNotification);
  ctx.people.on("notifications-read", onRead);

  async function flushReadingTime(): Promise<void> {
    const increments = meter.take(Date.now());
    await recordReadingTime(ctx, increments);
  }
  // Every process flushes what it measured (increments added in the database): no job lease needed (job-lease.ts).
  const flushTimer = setInterval(() => {
    userRates.sweep((userId) => registry.holds(userId));
    flushReadingTime().catch((err: unknown) => logger.error({ err }, "writing reading time failed"));
  }, options.readingTimeFlushMs ?? 30_000);
  flushTimer.unref();

  return {
    ready,
    socketCount: () => registry.size,
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      if (closed) return endWithStatus(socket, 503);
      // Browsers send cookies with cross-site WebSocket handshakes: refuse other origins before anything else.
      if (isForeignOrigin(req, ctx.publicUrl)) return endWithStatus(socket, 403);
      engine.handleUpgrade(req, socket, head);
    },
    close() {
      if (closed) return;
      closed = true;
      ctx.access.off("membership-changed", onMembershipChanged);
      ctx.access.off("group-settings-changed", onGroupSettingsChanged);
      ctx.access.off("room-view-changed", onRoomViewChanged);
      ctx.access.off("group-access-changed", onGroupAccessChanged);
      ctx.access.off("sections-changed", onSectionsChanged);
      ctx.access.off("changes-missed", onChangesMissed);
      ctx.people.off("notification", onNotification);
      ctx.people.off("notifications-read", onRead);
      registry.close(closeCode.shuttingDown, "Server restarting.");
      hub.close();
      void io.close();
    },
    async stop() {
      clearInterval(flushTimer);
      try {
        await flushReadingTime();
      } catch (err) {
        logger.error({ err }, "writing reading time at shutdown failed");
      }
      await redis?.close();
    },
  };
}

/** Why a socket is closed, as the client reads it (connection.closing), then the disconnect itself. */
function closeSocket(socket: PeopleSocket, code: number, reason: string): void {
  const why: SocketErrorDto = {
    code:
      code === closeCode.unauthenticated
        ? "unauthenticated"
        : code === closeCode.tooManyRequests
          ? "rate_limited"
          : "unavailable",
    message: reason,
  };
  socket.emit("connection.closing", why);
  socket.disconnect(true);
}

function refusal(code: string, message: string): Error & { data: SocketErrorDto } {
  return Object.assign(new Error(message), { data: { code, message } });
}

/** The connect_error the client receives: message and `data` with the REST API's error code. */
function connectError(error: unknown, logger: Logger): Error {
  if (error instanceof Error && "data" in error) return error;
  if (error instanceof AppError) return refusal(error.code, error.message);
  logger.error({ err: error }, "a people-channel handshake failed");
  return refusal("unavailable", "The server could not check this connection; try again.");
}
