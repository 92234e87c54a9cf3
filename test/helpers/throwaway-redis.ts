// A Redis server a test starts and stops itself (/usr/bin/redis-server on a free loopback port, nothing saved), so
// that it can take Redis away from running servers without touching the machine's Redis.
import net from "node:net";
import { freePort } from "./free-port.ts";
import { spawnCommand, waitFor } from "./processes.ts";

const redisServer = process.env.TEST_REDIS_SERVER ?? "/usr/bin/redis-server";

export interface ThrowawayRedis {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  /** Starts it (again) on the same port, empty; resolves once it accepts connections. Running already: no-op. */
  start(): Promise<void>;
  /** Kills it (SIGKILL: connections drop as when its host dies) and resolves once it has exited. */
  stop(): Promise<void>;
  /** Stops it if running. Safe to call twice. */
  destroy(): Promise<void>;
}

/** Resolves true once something accepts a TCP connection on `port`, false on refusal. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Starts a redis-server with no persistence on a free loopback port. Call destroy() in afterAll. */
export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let current: ReturnType<typeof spawnCommand> | undefined;
  // If the test process ends without destroy(), the server would outlive it.
  const onExit = () => current?.child.kill("SIGKILL");
  process.once("exit", onExit);
  const handle: ThrowawayRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (current && current.child.exitCode === null && current.child.signalCode === null) return;
      const started = spawnCommand(
        redisServer,
        [
          "--port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--save",
          "",
          "--appendonly",
          "no",
          "--daemonize",
          "no",
        ],
        {},
      );
      current = started;
      await waitFor(
        async () => {
          if (started.child.exitCode !== null) {
            throw new Error(`redis-server exited at start: ${started.output().slice(-500)}`);
          }
          return (await accepts(port)) || undefined;
        },
        10_000,
        `redis-server to listen on ${port}`,
      );
    },
    async stop() {
      const stopping = current;
      current = undefined;
      if (!stopping || stopping.child.exitCode !== null) return;
      stopping.child.kill("SIGKILL");
      await stopping.exited;
    },
    async destroy() {
      process.off("exit", onExit);
      await handle.stop();
    },
  };
  await handle.start();
  return handle;
}
