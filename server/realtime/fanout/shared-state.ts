// What the server processes of one deployment share through Redis besides room updates: access events, rate limits
// and job leases; without Redis, each process keeps them to itself as a single server always did.
import type { Logger } from "pino";
import type { AccessEvents } from "../../services/access-events.ts";
import { AccessRelay } from "./access-relay.ts";
import { RedisJobLease, soleLease, type JobLease, type WhenRedisDown } from "./job-lease.ts";
import { connectRedis, type RedisSettings } from "./redis-clients.ts";
import { redisLimits, type SharedLimits } from "./shared-limits.ts";

export interface SharedState {
  /** Limits counted in Redis; undefined without Redis (each limiter counts in memory). */
  limits: SharedLimits | undefined;
  /** Whether access events emitted here reach the other processes (and theirs reach this one). */
  accessRelayed: boolean;
  /**
   * The lease of periodic job `name` (key `<prefix>:lease:<name>`), expiring `ttlMs` after its holder stops renewing
   * it; always held without Redis.
   */
  lease(name: string, ttlMs: number, whenRedisDown: WhenRedisDown): JobLease;
  /** Stops relaying and closes the Redis connections. */
  close(): Promise<void>;
}

/**
 * Connects to Redis (two connections: commands and the access-event subscription) and starts relaying `access`.
 * Without `settings`, resolves at once with per-process state. Rejects when Redis cannot be reached.
 */
export async function connectSharedState(
  settings: RedisSettings | undefined,
  access: AccessEvents,
  logger: Logger,
): Promise<SharedState> {
  if (!settings)
    return { limits: undefined, accessRelayed: false, lease: () => soleLease, close: async () => undefined };
  const client = await connectRedis(settings.url, logger, "access events, rate limits and job leases");
  let relay: AccessRelay;
  try {
    relay = await AccessRelay.start(access, client, settings, logger);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return {
    limits: redisLimits(client, settings.prefix, logger),
    accessRelayed: true,
    lease: (name, ttlMs, whenRedisDown) =>
      new RedisJobLease(client, `${settings.prefix}:lease:${name}`, ttlMs, whenRedisDown, logger),
    async close() {
      await relay.close();
      await client.close().catch(() => undefined);
    },
  };
}
