// Opens node-redis connections for the features that span server processes (room updates, access notices, rate
// limits, job leases), each reporting its failures to the log instead of ending the process.
import type { Logger } from "pino";
import type { createClient } from "redis";

/** A node-redis client as connectRedis() makes it. */
export type RedisClient = ReturnType<typeof createRedisClient>;

/** Where the servers of one deployment meet: the Redis URL and the prefix of every key and channel they use. */
export interface RedisSettings {
  url: string;
  /** Prefix of keys and channels, so that several deployments (or test runs) can share one Redis. */
  prefix: string;
}

/**
 * A client for `purpose` (named in log lines), connected before it is returned. node-redis reconnects by itself
 * (waits growing to 2 s); while it is down, commands reject at once rather than queueing without bound.
 * Rejects when Redis cannot be reached at start: a server configured with REDIS_URL must not run alone silently.
 */
export async function connectRedis(url: string, logger: Logger, purpose: string): Promise<RedisClient> {
  // Loaded here: a server without REDIS_URL never needs it, and it costs the start ~150 ms.
  const client = createRedisClient((await import("redis")).createClient, url);
  let down = false;
  client.on("error", (err: unknown) => {
    if (down) return; // once per outage: node-redis reports every failed reconnect
    down = true;
    logger.warn({ err, purpose }, `lost the Redis connection for ${purpose}; reconnecting`);
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info({ purpose }, `Redis connection for ${purpose} is back`);
  });
  await client.connect();
  return client;
}

function createRedisClient(create: typeof createClient, url: string) {
  return create({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000), connectTimeout: 5_000 },
  });
}

/**
 * Calls `resubscribed` each time `subscriber` is ready again after losing its connection: node-redis subscribes
 * again by itself, but whatever was published meanwhile never arrives, so the listener catches up another way.
 */
export function onResubscribed(subscriber: RedisClient, resubscribed: () => void): void {
  let lost = false;
  subscriber.on("error", () => (lost = true));
  subscriber.on("ready", () => {
    if (!lost) return;
    lost = false;
    resubscribed();
  });
}

/**
 * Longest wait for Redis on a request's path (ms). A Redis that hangs rather than refuses must not hold sign-ins up:
 * past this the request is counted in this process only.
 */
export const redisLimitTimeoutMs = 1_000;

/** `promise`, or a rejection once Redis has not answered within redisLimitTimeoutMs. */
export function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not answer within ${redisLimitTimeoutMs} ms`)),
      redisLimitTimeoutMs,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
