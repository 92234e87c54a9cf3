// The per-user caps on open live connections, counted across every server process of a deployment in Redis. Each
// process records, per user, how many connections it holds under a name it renews while it lives, so that the
// connections of a process that crashed stop counting once its name has gone quiet.
import { randomUUID } from "node:crypto";
import { withTimeout, type RedisClient } from "./redis-clients.ts";

/** One cap's slots across processes. */
export interface ConnectionLedger {
  /**
   * Takes one of `userId`'s slots when fewer than `max` are held across processes: false when every slot is taken.
   * While Redis cannot be asked it takes the slot (the process's own cap still holds) and says nothing.
   */
  take(userId: string, max: number): Promise<boolean>;
  /** Gives back a slot `take` gave. */
  give(userId: string): void;
  /**
   * Stops renewing this process's name (its slots stop counting once it has been quiet for long enough); done by
   * itself once its Redis client is closed.
   */
  close(): void;
}

/** How often a process renews its name, and after how long without a renewal its slots stop counting (ms). */
export interface LedgerTimings {
  renewEveryMs: number;
  quietMs: number;
}

const defaultTimings: LedgerTimings = { renewEveryMs: 10_000, quietMs: 30_000 };
/** How long a user's record outlives its last slot taken (its entries are forgotten once their process is quiet). */
const dayMs = 86_400_000;

// Redis's clock, not the processes': they may disagree by more than a renewal.
const nowScript = `local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000)`;

/**
 * KEYS: the user's hash (process → slots), the processes' zset (process → last renewal). ARGV: process, max, quietMs,
 * the hash's lifetime (ms).
 */
const takeScript = `
local now = (function() ${nowScript} end)()
redis.call('ZADD', KEYS[2], now, ARGV[1])
local total = 0
local held = redis.call('HGETALL', KEYS[1])
for i = 1, #held, 2 do
  local seen = redis.call('ZSCORE', KEYS[2], held[i])
  if seen and tonumber(seen) > now - tonumber(ARGV[3]) then
    total = total + tonumber(held[i + 1])
  else
    redis.call('HDEL', KEYS[1], held[i])
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/** KEYS: the user's hash. ARGV: process. */
const giveScript = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;

/** KEYS: the processes' zset. ARGV: process, quietMs. Renews the name and forgets names long gone. */
const renewScript = `
local now = (function() ${nowScript} end)()
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 10 * tonumber(ARGV[2]))
return 1`;

/**
 * The ledger of one cap under `<prefix>:conns:<cap>:`. A slot taken or given while Redis does not answer is counted
 * here only; once Redis answers again the process takes a new name and records what it holds under it, so that what
 * Redis missed meanwhile (slots given back) never counts against anyone.
 */
export class RedisConnectionLedger implements ConnectionLedger {
  private name = randomUUID();
  /** Slots held here, by user: what is recorded under a new name. */
  private readonly held = new Map<string, number>();
  /** Set when Redis missed a take or a give: the next renewal records the slots afresh. */
  private stale = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly warn: (err: unknown) => void,
    private readonly timings: LedgerTimings = defaultTimings,
  ) {
    this.timer = setInterval(() => void this.renew(), timings.renewEveryMs);
    this.timer.unref();
  }

  private get processesKey(): string {
    return `${this.prefix}processes`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}user:${userId}`;
  }

  async take(userId: string, max: number): Promise<boolean> {
    try {
      const taken = await withTimeout(
        this.client.eval(takeScript, {
          keys: [this.userKey(userId), this.processesKey],
          arguments: [this.name, String(max), String(this.timings.quietMs), String(dayMs)],
        }),
      );
      if (Number(taken) !== 1) return false;
    } catch (err) {
      this.warn(err);
      this.stale = true;
    }
    this.held.set(userId, (this.held.get(userId) ?? 0) + 1);
    return true;
  }

  give(userId: string): void {
    const left = (this.held.get(userId) ?? 1) - 1;
    if (left > 0) this.held.set(userId, left);
    else this.held.delete(userId);
    withTimeout(this.client.eval(giveScript, { keys: [this.userKey(userId)], arguments: [this.name] })).catch(
      (err: unknown) => {
        this.warn(err);
        this.stale = true;
      },
    );
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** Renews this process's name; after Redis missed something, records what is held under a new one instead. */
  private async renew(): Promise<void> {
    // Closed for good (the server is stopping): nothing to renew ever again. A client reconnecting stays open.
    if (!this.client.isOpen) return this.close();
    try {
      const name = this.stale ? randomUUID() : this.name;
      // Named first: another process's take forgets the slots of names it does not find renewed.
      await withTimeout(
        this.client.eval(renewScript, {
          keys: [this.processesKey],
          arguments: [name, String(this.timings.quietMs)],
        }),
      );
      if (name === this.name) return;
      const record = this.client.multi();
      for (const [userId, slots] of this.held) {
        record.hIncrBy(this.userKey(userId), name, slots).pExpire(this.userKey(userId), dayMs);
      }
      record.zRem(this.processesKey, this.name);
      this.name = name;
      this.stale = false;
      await withTimeout(record.exec());
    } catch (err) {
      this.warn(err);
      this.stale = true;
    }
  }
}
