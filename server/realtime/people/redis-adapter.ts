// socket.io's Redis adapter over two node-redis clients, so that broadcasts and server-side events reach every
// server process sharing the Redis.
import type { Logger } from "pino";
import type { PeopleIo } from "./types.ts";

/**
 * Connects a publishing and a subscribing client to `url` and installs the adapter on `io` once both are up.
 * `prefix` names the channels (`<prefix>#…`). `ready` rejects when Redis cannot be reached.
 */
export function connectRedisAdapter(io: PeopleIo, url: string, prefix: string, logger: Logger) {
  // Loaded here, not at the top: a server without REDIS_URL never needs them, and they cost its start ~180 ms.
  const clients = Promise.all([import("redis"), import("@socket.io/redis-adapter")]).then(
    ([{ createClient }, { createAdapter }]) => {
      // While Redis is down, publishes fail at once instead of queueing without bound (presence and typing are
      // stale by the time it is back); node-redis still reconnects by itself, and the subscriber resubscribes.
      const pub = createClient({ url, disableOfflineQueue: true });
      const sub = createClient({ url });
      // node-redis reconnects by itself; an unheard error event would end the process.
      for (const client of [pub, sub])
        client.on("error", (err: unknown) =>
          logger.warn({ err }, "the Redis connection of socket.io failed"),
        );
      // The adapter publishes every broadcast without awaiting it: a publish refused while Redis is down, or cut off
      // when the connection drops, would be an unhandled rejection and end the process. Other processes miss that
      // one event; this process's own sockets already had it (the adapter delivers locally either way).
      const publish = pub.publish.bind(pub);
      const settledPublish = (...args: Parameters<typeof publish>) =>
        publish(...args).catch((err: unknown) => {
          logger.debug({ err }, "a socket.io broadcast was not published to Redis");
          return 0;
        });
      Object.defineProperty(pub, "publish", { value: settledPublish, configurable: true, writable: true });
      const ready = Promise.all([pub.connect(), sub.connect()]).then(() => {
        io.adapter(createAdapter(pub, sub, { key: prefix }));
      });
      return { pub, sub, ready };
    },
  );
  return {
    ready: clients.then(({ ready }) => ready),
    async close() {
      const opened = await clients.catch(() => undefined); // not loaded: nothing to close
      if (opened) await Promise.allSettled([opened.pub.close(), opened.sub.close()]);
    },
  };
}
