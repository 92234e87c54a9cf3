// The room bus over Redis pub/sub: every server publishes the updates it committed on one channel and applies the
// others'. Redis only carries news; the database log is the record, so a message lost here is found there.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import { roomScopes, type RoomScope } from "../../../shared/room-doc.ts";
import type { BusListener, BusNotice, RoomBus } from "../../services/room-store/room-bus.ts";
import { connectRedis, type RedisClient, type RedisSettings, onResubscribed } from "./redis-clients.ts";

/** `resync`: "notices of mine may have been lost: read what you hold from the database" (see publish). */
const kindCode = { room: 0, notes: 1, resync: 2 } as const;
/** Bytes of the HMAC-SHA256 that starts every message. */
const macBytes = 32;

/** Wire form: origin, kind, room id, then scope and log position (room) or user id (notes), then the update. */
export function encodeNotice(origin: string, notice: BusNotice): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, origin);
  encoding.writeVarUint(encoder, kindCode[notice.kind]);
  encoding.writeVarString(encoder, notice.roomId);
  if (notice.kind === "room") {
    encoding.writeVarString(encoder, notice.scope);
    encoding.writeVarUint(encoder, notice.seq);
  } else encoding.writeVarString(encoder, notice.userId);
  encoding.writeVarUint8Array(encoder, notice.update);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** Wire form of a resync request: origin, then its kind. */
export function encodeResync(origin: string): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, origin);
  encoding.writeVarUint(encoder, kindCode.resync);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** Reads encodeNotice's (or encodeResync's) form; throws on anything else (a foreign publisher on our channel). */
export function decodeNotice(
  message: Uint8Array,
): { origin: string; notice: BusNotice } | { origin: string; resync: true } {
  const decoder = decoding.createDecoder(message);
  const origin = decoding.readVarString(decoder);
  const kind = decoding.readVarUint(decoder);
  if (kind === kindCode.resync) return { origin, resync: true };
  const roomId = decoding.readVarString(decoder);
  if (kind === kindCode.room) {
    const scope = decoding.readVarString(decoder);
    if (!roomScopes.includes(scope as RoomScope)) throw new Error(`unknown room scope ${scope}`);
    const seq = decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    return { origin, notice: { kind: "room", roomId, scope: scope as RoomScope, seq, update } };
  }
  if (kind === kindCode.notes) {
    const userId = decoding.readVarString(decoder);
    return { origin, notice: { kind: "notes", roomId, userId, update: decoding.readVarUint8Array(decoder) } };
  }
  throw new Error(`unknown notice kind ${kind}`);
}

export class RedisRoomBus implements RoomBus {
  readonly shared = true;
  /** This process, so that it skips its own messages (Redis sends them to every subscriber, the sender included). */
  private readonly origin = randomUUID();
  private readonly listeners: BusListener[] = [];
  private readonly channel: string;
  /** Whether a publish failure has been logged since the last success (one line per outage, not per update). */
  private publishFailing = false;
  /**
   * Set when a notice could not be published; cleared once the others have been asked to resync. A server whose own
   * subscription never dropped would otherwise miss it for good where no periodic check finds it (private notes).
   */
  private unsent = false;
  /**
   * Signs every message: whoever else can publish on this Redis (another deployment, a compromised client of it)
   * must not be able to put content into rooms or private notes, or make a server skip a log position.
   */
  private readonly key: Buffer;
  private lastForgeryLogged = 0;
  /** How every message this process publishes begins after its MAC (its origin, as encodeNotice writes it). */
  private readonly ownStart: Buffer;

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    prefix: string,
    secret: string,
    private readonly logger: Logger,
  ) {
    this.channel = `${prefix}:room-updates`;
    this.key = createHmac("sha256", secret).update("scholia room bus").digest();
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.origin);
    this.ownStart = Buffer.from(encoding.toUint8Array(encoder));
  }

  /**
   * Connects and subscribes; rejects when Redis cannot be reached. `secret` is shared by every server of the
   * deployment (SESSION_SECRET): messages not signed with it are dropped.
   */
  static async connect(settings: RedisSettings, secret: string, logger: Logger): Promise<RedisRoomBus> {
    const publisher = await connectRedis(settings.url, logger, "room updates (publishing)");
    const subscriber = await connectRedis(settings.url, logger, "room updates (listening)").catch(
      async (error: unknown) => {
        await publisher.close();
        throw error;
      },
    );
    const bus = new RedisRoomBus(publisher, subscriber, settings.prefix, secret, logger);
    await subscriber.subscribe(bus.channel, (message) => bus.receive(message), true);
    onResubscribed(subscriber, () => {
      for (const listener of bus.listeners) listener.resync();
    });
    publisher.on("ready", () => bus.askResync());
    return bus;
  }

  publish(notice: BusNotice): void {
    const body = encodeNotice(this.origin, notice);
    this.publisher.publish(this.channel, Buffer.concat([this.mac(body), body])).then(
      () => (this.publishFailing = false),
      (error: unknown) => {
        this.unsent = true;
        if (this.publishFailing) return;
        this.publishFailing = true;
        this.logger.warn(
          { err: error },
          "could not publish a room update to the other servers; they will read it from the database log",
        );
      },
    );
  }

  /** Once the publisher is back after a failed publish: the others read what they hold from the database. */
  private askResync(): void {
    if (!this.unsent) return;
    this.unsent = false;
    const body = encodeResync(this.origin);
    this.publisher
      .publish(this.channel, Buffer.concat([this.mac(body), body]))
      .catch(() => (this.unsent = true)); // asked at the next "ready"
  }

  listen(listener: BusListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.subscriber.close(), this.publisher.close()]);
  }

  private mac(body: Uint8Array): Buffer {
    return createHmac("sha256", this.key).update(body).digest();
  }

  private receive(message: Buffer): void {
    const body = message.subarray(macBytes);
    // Its own notices come back from Redis with every update it commits: skipped before the MAC is computed. One
    // forged to look like ours is dropped as well, which only costs what a lost notice costs (the log has it).
    if (body.subarray(0, this.ownStart.length).equals(this.ownStart)) return;
    if (message.length < macBytes || !timingSafeEqual(message.subarray(0, macBytes), this.mac(body))) {
      if (Date.now() - this.lastForgeryLogged < 60_000) return; // a flood of them writes one line a minute
      this.lastForgeryLogged = Date.now();
      this.logger.warn(
        { channel: this.channel },
        "ignored a message on the room updates channel that is not signed with this deployment's SESSION_SECRET " +
          "(another deployment on this Redis with the same REDIS_PREFIX, or a server with a different secret)",
      );
      return;
    }
    let decoded;
    try {
      decoded = decodeNotice(body);
    } catch (error) {
      this.logger.warn({ err: error }, "ignored a malformed message on the room updates channel");
      return;
    }
    if ("resync" in decoded) for (const listener of this.listeners) listener.resync();
    else for (const listener of this.listeners) listener.notice(decoded.notice);
  }
}
