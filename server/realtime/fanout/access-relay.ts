// Passes access events (logout, role and membership changes, changed views) between server processes over Redis
// pub/sub, so that every process drops its cached access and closes or re-scopes its live sockets at once.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { z } from "zod";
import { accessEventNames, type AccessEventMap, type AccessEvents } from "../../services/access-events.ts";
import { connectRedis, type RedisClient, type RedisSettings, onResubscribed } from "./redis-clients.ts";

type AccessEventName = (typeof accessEventNames)[number];

/**
 * One access event as it travels between processes; "changes-missed" is published by a process whose notices could
 * not be published for a while, so that the others check their live connections as after an outage of their own.
 */
export type AccessNotice = {
  [K in AccessEventName | "changes-missed"]: { origin: string; name: K; args: AccessEventMap[K] };
}[AccessEventName | "changes-missed"];

const uuidLike = z.string().min(1).max(100);
const noticeSchema = z.discriminatedUnion("name", [
  z.object({ origin: z.string(), name: z.literal("session-revoked"), args: z.tuple([uuidLike]) }),
  z.object({
    origin: z.string(),
    name: z.literal("membership-changed"),
    args: z.tuple([z.object({ groupId: uuidLike, userId: uuidLike })]),
  }),
  z.object({ origin: z.string(), name: z.literal("group-settings-changed"), args: z.tuple([uuidLike]) }),
  z.object({
    origin: z.string(),
    name: z.literal("room-view-changed"),
    args: z.tuple([z.object({ roomId: uuidLike, userId: uuidLike.optional() })]),
  }),
  z.object({ origin: z.string(), name: z.literal("group-access-changed"), args: z.tuple([uuidLike]) }),
  z.object({ origin: z.string(), name: z.literal("sections-changed"), args: z.tuple([uuidLike]) }),
  z.object({ origin: z.string(), name: z.literal("changes-missed"), args: z.tuple([]) }),
]);

/** The JSON published for one event emitted in process `origin`. */
export function encodeAccessNotice(notice: AccessNotice): string {
  return JSON.stringify(notice);
}

/** The notice in `message`, or undefined when it is not one (another version's, or garbage): never throws. */
export function decodeAccessNotice(message: string): AccessNotice | undefined {
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(message));
    if (!parsed.success) return undefined;
    const notice = parsed.data;
    // zod keeps an absent optional key out; the services tell "every reader" from "one reader" by its absence.
    if (notice.name === "room-view-changed" && notice.args[0].userId === undefined)
      return { ...notice, args: [{ roomId: notice.args[0].roomId }] };
    return notice as AccessNotice;
  } catch {
    return undefined;
  }
}

/** The channel the processes of one deployment share access events on. */
export const accessChannel = (prefix: string) => `${prefix}:access`;

/**
 * Publishes every access event emitted in this process on `<prefix>:access` (JSON, tagged with this process's id),
 * and emits the events other processes publish on this process's `access`, without publishing them again.
 *
 * Publishing never holds up or fails the request that caused the event: it is fired and forgotten, and a failure
 * (Redis down) is only logged. Then the other processes learn of the change late: their AccessCache entries still
 * run out within its 5 s TTL (access-cache.ts), so a revoked session or removed member is refused there within 5 s,
 * though sockets already open there stay open until they next need their access checked or reconnect. Events
 * published while this process's subscription is down are lost to it: once it is back, "changes-missed" is emitted
 * here, and the caches and live connections are checked against the database (ConnectionRegistry). Events this
 * process could not publish are lost to the others even when their own subscriptions never dropped (this process
 * alone lost Redis): once its publisher is connected again, it publishes "changes-missed" for them.
 */
export class AccessRelay {
  /** This process, as named in the notices it publishes. */
  readonly origin = randomUUID();
  /** Set while a notice from another process is emitted here, so that it is not published back. */
  private relaying = false;
  private readonly unlisteners: (() => void)[] = [];
  /** Set when a notice could not be published; cleared once the others have been told they missed something. */
  private unsent = false;

  private constructor(
    private readonly access: AccessEvents,
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Subscribes (on a connection of its own) and starts relaying. `publisher` is a connected client shared with
   * other uses; it stays open after close(). Rejects when Redis cannot be reached.
   */
  static async start(
    access: AccessEvents,
    publisher: RedisClient,
    settings: RedisSettings,
    logger: Logger,
  ): Promise<AccessRelay> {
    const subscriber = await connectRedis(settings.url, logger, "access events (subscriber)");
    const relay = new AccessRelay(access, publisher, subscriber, accessChannel(settings.prefix), logger);
    try {
      await subscriber.subscribe(relay.channel, (message) => relay.receive(message));
    } catch (error) {
      await subscriber.close().catch(() => undefined);
      throw error;
    }
    for (const name of accessEventNames) relay.forward(name);
    onResubscribed(subscriber, () => {
      logger.info("access events from the other servers reach this one again; checking live connections");
      access.emit("changes-missed");
    });
    publisher.on("ready", relay.tellMissed);
    relay.unlisteners.push(() => publisher.off("ready", relay.tellMissed));
    return relay;
  }

  private forward<K extends AccessEventName>(name: K): void {
    const listener = (...args: AccessEventMap[K]) => {
      if (this.relaying) return;
      const message = encodeAccessNotice({ origin: this.origin, name, args } as AccessNotice);
      this.publisher.publish(this.channel, message).catch((err: unknown) => {
        this.unsent = true;
        this.logger.warn(
          { err, event: name },
          "could not pass an access change on to the other servers; their caches catch up within 5 s, and their live connections are checked once Redis answers again",
        );
      });
    };
    // The map's generic listener type does not narrow through K; the listener takes exactly K's arguments.
    const emitter = this.access as unknown as {
      on(name: string, listener: (...args: unknown[]) => void): void;
      off(name: string, listener: (...args: unknown[]) => void): void;
    };
    const untyped = listener as unknown as (...args: unknown[]) => void;
    emitter.on(name, untyped);
    this.unlisteners.push(() => emitter.off(name, untyped));
  }

  /** Once the publisher is back after a failed publish: the other processes check their live connections. */
  private readonly tellMissed = () => {
    if (!this.unsent) return;
    this.unsent = false;
    const message = encodeAccessNotice({ origin: this.origin, name: "changes-missed", args: [] });
    this.publisher.publish(this.channel, message).catch(() => (this.unsent = true)); // told at the next "ready"
  };

  private receive(message: string): void {
    const notice = decodeAccessNotice(message);
    if (!notice) {
      this.logger.warn({ channel: this.channel }, "ignored a malformed access notice from Redis");
      return;
    }
    if (notice.origin === this.origin) return; // our own, already emitted here
    this.relaying = true;
    try {
      (this.access.emit as (name: string, ...args: unknown[]) => boolean).call(
        this.access,
        notice.name,
        ...notice.args,
      );
    } catch (err) {
      this.logger.error(
        { err, event: notice.name },
        "a listener failed on an access change from another server",
      );
    } finally {
      this.relaying = false;
    }
  }

  /** Stops relaying and closes the subscription (not the publisher). */
  async close(): Promise<void> {
    for (const unlisten of this.unlisteners.splice(0)) unlisten();
    await this.subscriber.close().catch(() => undefined);
  }
}
