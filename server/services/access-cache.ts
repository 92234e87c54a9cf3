// Remembers for a few seconds who a session token belongs to and each user's role in a room: every request and
// every sync handshake asks both. Access events drop entries at once, so a logout, a role change or a removal
// takes effect immediately in this process, and in the others as soon as the Redis relay brings it
// (realtime/fanout/access-relay.ts); without it (Redis down or unset), another process sees the change within `ttlMs`.
import { LRUCache } from "lru-cache";
import type { AccessEvents } from "./access-events.ts";
import type { Principal } from "./auth/authenticate.ts";
import type { RoomActor } from "./threads/load-room-actor.ts";

interface Entry<V> {
  value: V;
  /** Epoch ms (by the service clock) after which the entry is not used. */
  until: number;
}

const defaultTtlMs = 5_000;
const maxEntries = 20_000;

class TimedCache<V extends object> {
  private readonly entries = new LRUCache<string, Entry<V>>({ max: maxEntries });
  /**
   * Bumped by every invalidation. A lookup that was in flight when access changed may have read the old state,
   * so set() drops what it brings back unless the epoch it started in is still current.
   */
  epoch = 0;

  constructor(private readonly ttlMs: number) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.until > now) return entry.value;
    if (entry) this.entries.delete(key);
    return undefined;
  }

  /** Keeps `value`, looked up from `startedEpoch` on, until `ttlMs` from `now` or `notAfter` if sooner. */
  set(key: string, value: V, startedEpoch: number, now: number, notAfter = Number.POSITIVE_INFINITY): void {
    if (startedEpoch !== this.epoch) return;
    this.entries.set(key, { value, until: Math.min(now + this.ttlMs, notAfter) });
  }

  deleteWhere(matches: (value: V) => boolean): void {
    this.epoch += 1;
    for (const [key, entry] of this.entries.entries()) if (matches(entry.value)) this.entries.delete(key);
  }
}

export class AccessCache {
  /** By session token hash. Only live sessions are kept: an unknown token is looked up every time. */
  readonly sessions: TimedCache<Principal>;
  /** By `${roomId}:${userId}`. Only members are kept, so someone who just joined is let in at once. */
  readonly roomActors: TimedCache<RoomActor>;

  constructor(access: AccessEvents, ttlMs = defaultTtlMs) {
    this.sessions = new TimedCache(ttlMs);
    this.roomActors = new TimedCache(ttlMs);
    access.on("session-revoked", (sessionId) =>
      this.sessions.deleteWhere((principal) => principal.sessionId === sessionId),
    );
    access.on("membership-changed", ({ groupId, userId }) =>
      this.roomActors.deleteWhere((actor) => actor.userId === userId && actor.room.groupId === groupId),
    );
    access.on("group-access-changed", (groupId) =>
      this.roomActors.deleteWhere((actor) => actor.room.groupId === groupId),
    );
    access.on("changes-missed", () => {
      this.sessions.deleteWhere(() => true);
      this.roomActors.deleteWhere(() => true);
    });
  }
}
