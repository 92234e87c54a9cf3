// Rate limits counted in Redis, so that every server process of a deployment counts the same attempts: the REST
// limits (rate-limit-redis), the sign-in lockout and the per-user sync limits. Each falls back to this process's own
// count while Redis is unreachable.
import {
  MemoryStore,
  type ClientRateLimitInfo,
  type IncrementResponse,
  type Options,
  type Store,
} from "express-rate-limit";
import type { Logger } from "pino";
import { RedisStore } from "rate-limit-redis";
import {
  SignInFailures,
  type LockoutLimits,
  type SignInLedger,
} from "../../http/middleware/sign-in-failures.ts";
import { withTimeout, type RedisClient } from "./redis-clients.ts";
import { RedisConnectionLedger, type ConnectionLedger } from "./shared-connections.ts";

/** Counts events per key in fixed windows shared by every server process. */
export interface WindowCounter {
  /**
   * Counts one event under `key` in the fixed window of `windowMs` holding `now` (epoch ms) and resolves with the
   * window's count so far, this one included. Rejects when Redis is unreachable.
   */
  hit(key: string, windowMs: number, now: number): Promise<number>;
}

/** Where limits are counted when several server processes share them. */
export interface SharedLimits {
  /** An express-rate-limit store for the limiter named `name`, whose keys are kept apart from other limiters'. */
  store(name: string): Store;
  /** The sign-in lockout's counts, with windows of `windowMs`. */
  signInLedger(windowMs: number): SignInLedger;
  /** Per-user counts for the sync limits (sync-connection.ts UserRates). */
  counter: WindowCounter;
  /** The ledger of a per-user cap on open connections named `cap` ("sync", "people"), a new one each call. */
  connections(cap: string): ConnectionLedger;
}

/** Limits kept in Redis under `<prefix>:rl:`, `<prefix>:signin:`, `<prefix>:rate:` and `<prefix>:conns:`. */
export function redisLimits(client: RedisClient, prefix: string, logger: Logger): SharedLimits {
  const warn = outageWarning(logger);
  return {
    store: (name) =>
      new FallbackStore(
        new RedisStore({
          sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<never>,
          prefix: `${prefix}:rl:${name}:`,
        }),
        warn,
      ),
    signInLedger: (windowMs) => new RedisSignInLedger(client, `${prefix}:signin:`, windowMs, warn),
    connections: (cap) => new RedisConnectionLedger(client, `${prefix}:conns:${cap}:`, warn),
    counter: {
      async hit(key, windowMs, now) {
        const windowKey = `${prefix}:rate:${key}:${Math.floor(now / windowMs)}`;
        const [count] = await withTimeout(
          client
            .multi()
            .incr(windowKey)
            .pExpire(windowKey, windowMs * 2)
            .exec(),
        );
        return Number(count);
      },
    },
  };
}

/** Logs that limits are counted per process, once per outage of at most a minute's worth of requests. */
function outageWarning(logger: Logger): (err: unknown) => void {
  let lastAt = 0;
  return (err) => {
    const now = Date.now();
    if (now - lastAt < 60_000) return;
    lastAt = now;
    logger.warn(
      { err },
      "Redis is unreachable: rate limits, connection caps and the sign-in lockout count in this server process only meanwhile",
    );
  };
}

/**
 * rate-limit-redis with this process's memory behind it. While Redis is unreachable, limits are counted here
 * (failing open across processes, not within one) with a logged warning: a Redis outage must never turn sign-ins
 * into errors, and a per-process count still bounds what one client can do to one server meanwhile.
 */
export class FallbackStore implements Store {
  readonly localKeys = false;
  private readonly memory = new MemoryStore();
  private options: Options | undefined;
  /** Set after a failure: rate-limit-redis loads its scripts once, in init(), so they are loaded again. */
  private reload = false;

  constructor(
    private readonly redis: RedisStore,
    private readonly warn: (err: unknown) => void,
  ) {}

  init(options: Options): void {
    this.options = options;
    this.memory.init(options);
    this.load();
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.tryRedis(
      () => this.redis.get(key),
      () => this.memory.get(key),
    );
  }

  async increment(key: string): Promise<IncrementResponse> {
    return this.tryRedis(
      () => this.redis.increment(key),
      () => this.memory.increment(key),
    );
  }

  async decrement(key: string): Promise<void> {
    await this.tryRedis(
      () => this.redis.decrement(key),
      () => this.memory.decrement(key),
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.tryRedis(
      () => this.redis.resetKey(key),
      () => this.memory.resetKey(key),
    );
  }

  shutdown(): void {
    this.memory.shutdown();
  }

  private load(): void {
    if (!this.options) return;
    this.reload = false;
    // Rejections are also seen (and handled) by the command that awaits the scripts.
    this.redis.init(this.options).catch(() => (this.reload = true));
  }

  private async tryRedis<T>(command: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      if (this.reload) this.load();
      return await withTimeout(command());
    } catch (err) {
      this.reload = true;
      this.warn(err);
      return local();
    }
  }
}

/**
 * Checks and counts an attempt in one step (see SignInLedger.attempt and refusedUntil). KEYS: the address's and the
 * account's counters; ARGV: perAccount, perAccountTotal, windowMs. A window starts with its first failure and
 * outlives a count taken back to 0, as in SignInFailures.
 */
const attemptScript = `
local here = tonumber(redis.call('GET', KEYS[1]) or '0')
local overall = tonumber(redis.call('GET', KEYS[2]) or '0')
if here >= tonumber(ARGV[1]) then return redis.call('PTTL', KEYS[1]) end
if here > 0 and overall >= tonumber(ARGV[2]) then return redis.call('PTTL', KEYS[2]) end
for i = 1, 2 do
  redis.call('INCR', KEYS[i])
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return -1`;

/** Takes one failure back from each key still in its window with failures. */
const undoScript = `
for i = 1, #KEYS do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count > 0 then redis.call('DECR', KEYS[i]) end
end
return 0`;

/**
 * The sign-in lockout's counts in Redis, shared by every server process, with the rule of SignInFailures applied
 * atomically by a script. While Redis is unreachable, attempts are decided and counted by this process's own
 * SignInFailures (logged): the lockout keeps working per process, and no sign-in fails because of Redis.
 */
export class RedisSignInLedger implements SignInLedger {
  private readonly local: SignInFailures;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly windowMs: number,
    private readonly warn: (err: unknown) => void,
  ) {
    this.local = new SignInFailures(windowMs);
  }

  async attempt(
    fromHere: string,
    account: string,
    limits: LockoutLimits,
    now: number,
  ): Promise<number | undefined> {
    try {
      const ttl = Number(
        await withTimeout(
          this.client.eval(attemptScript, {
            keys: [this.prefix + fromHere, this.prefix + account],
            arguments: [String(limits.perAccount), String(limits.perAccountTotal), String(this.windowMs)],
          }),
        ),
      );
      return ttl < 0 ? undefined : now + ttl;
    } catch (err) {
      this.warn(err);
      return this.local.attempt(fromHere, account, limits, now);
    }
  }

  async forgive(fromHere: string, account: string, signedIn: boolean, now: number): Promise<void> {
    try {
      await withTimeout(
        signedIn
          ? Promise.all([
              this.client.eval(undoScript, { keys: [this.prefix + account] }),
              this.client.del(this.prefix + fromHere),
            ])
          : this.client.eval(undoScript, { keys: [this.prefix + account, this.prefix + fromHere] }),
      );
    } catch (err) {
      this.warn(err);
    }
    // Whichever counted the attempt, the local ledger takes it back too (a no-op where it holds nothing).
    this.local.forgive(fromHere, account, signedIn, now);
  }
}
