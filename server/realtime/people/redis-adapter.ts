// socket.io's Redis adapter over two node-redis clients, so that broadcasts and server-side events reach every
// server process sharing the Redis.
import { createAdapter } from "@socket.io/redis-adapter";
import type { Logger } from "pino";
import { createClient } from "redis";
import type { PeopleIo } from "./types.ts";

/**
 * Connects a publishing and a subscribing client to `url` and installs the adapter on `io` once both are up.
 * `prefix` names the channels (`<prefix>#…`). `ready` rejects when Redis cannot be reached.
 */
export function connectRedisAdapter(io: PeopleIo, url: string, prefix: string, logger: Logger) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // node-redis reconnects by itself; an unheard error event would end the process.
  for (const client of [pub, sub])
    client.on("error", (err: unknown) => logger.warn({ err }, "the Redis connection of socket.io failed"));
  const ready = Promise.all([pub.connect(), sub.connect()]).then(() => {
    io.adapter(createAdapter(pub, sub, { key: prefix }));
  });
  return {
    ready,
    async close() {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
