// Several Scholia server processes on one Postgres and one Redis, as an operator runs them behind a load balancer:
// started from the real entry point, each on its own port and data directory, with one killed or restarted at will.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnScript, waitFor } from "./processes.ts";

export interface ClusterOptions {
  /** How many server processes. */
  count: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of Redis keys and channels; by default one unique to this cluster, so parallel runs do not meet. */
  redisPrefix?: string;
  /** More environment variables for every process (they win over the cluster's own). */
  env?: Record<string, string | undefined>;
  /** How long one process may take to listen (ms); default 60 s (three start at once on a small machine). */
  startTimeoutMs?: number;
}

/** One server process of the cluster; its URL stays the same across restarts. */
export interface ClusterServer {
  index: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  /** Whether the process is running (started and not yet exited). */
  alive(): boolean;
  /** Everything the process (and its earlier runs) wrote, for failure messages. */
  output(): string;
}

export interface ServerCluster {
  servers: ClusterServer[];
  redisPrefix: string;
  sessionSecret: string;
  /** SIGKILLs server `index` (no shutdown: sockets drop, requests in flight get no answer); resolves once it exited. */
  kill(index: number): Promise<void>;
  /** Starts server `index` again on its port; resolves once it listens. */
  restart(index: number): Promise<void>;
  /** The last `chars` characters of every server's output, labelled, for failure messages. */
  logs(chars?: number): string;
  /** SIGTERMs every running process (SIGKILL after 10 s) and removes the data directories. */
  stop(): Promise<void>;
}

const listening = /Scholia is listening on (http:\/\/[\d.:]+)/;

/**
 * Starts `count` servers at once (the first start applies the migrations; the others wait on the migration lock)
 * with one session secret, so a session cookie from one is good on all. Rate limits on mutations are off: the
 * tests send bursts from a few people.
 */
export async function startServerCluster(options: ClusterOptions): Promise<ServerCluster> {
  const redisPrefix = options.redisPrefix ?? `scholia-test-${randomUUID()}`;
  const sessionSecret = randomBytes(32).toString("hex");
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const runs: (ReturnType<typeof spawnScript> | undefined)[] = [];
  const earlierOutput: string[] = [];
  const dataDirs: string[] = [];
  const ports: (number | undefined)[] = [];
  const servers: ClusterServer[] = [];

  const launch = async (index: number): Promise<string> => {
    const port = ports[index];
    const run = spawnScript("server/index.ts", {
      PORT: String(port ?? 0),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDirs[index],
      DEMO: "off",
      SESSION_SECRET: sessionSecret,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: redisPrefix,
      MUTATIONS_PER_MINUTE: "0",
      ...options.env,
    });
    runs[index] = run;
    const url = await waitFor(
      () => {
        if (run.child.exitCode !== null || run.child.signalCode !== null) {
          throw new Error(`server ${index} exited while starting: ${run.output().slice(-2_000)}`);
        }
        return listening.exec(run.output())?.[1];
      },
      startTimeoutMs,
      `server ${index} to listen (output so far: ${run.output().slice(-500)})`,
    );
    ports[index] = Number(new URL(url).port);
    return url;
  };

  const cluster: ServerCluster = {
    servers,
    redisPrefix,
    sessionSecret,
    async kill(index) {
      const run = runs[index];
      if (!run || run.child.exitCode !== null || run.child.signalCode !== null) return;
      run.child.kill("SIGKILL");
      await run.exited;
    },
    async restart(index) {
      await cluster.kill(index);
      earlierOutput[index] = (earlierOutput[index] ?? "") + (runs[index]?.output() ?? "");
      await launch(index);
    },
    logs(chars = 3_000) {
      return servers
        .map((server) => `--- server ${server.index}:\n${server.output().slice(-chars)}`)
        .join("\n");
    },
    async stop() {
      await Promise.all(
        runs.map(async (run) => {
          if (!run || run.child.exitCode !== null || run.child.signalCode !== null) return;
          const force = setTimeout(() => run.child.kill("SIGKILL"), 10_000);
          run.child.kill("SIGTERM");
          await run.exited;
          clearTimeout(force);
        }),
      );
      await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };

  try {
    for (let index = 0; index < options.count; index += 1) {
      dataDirs.push(await mkdtemp(path.join(tmpdir(), `scholia-server-${index}-`)));
    }
    const urls = await Promise.all(dataDirs.map((_dir, index) => launch(index)));
    urls.forEach((url, index) =>
      servers.push({
        index,
        url,
        wsUrl: url.replace(/^http/, "ws"),
        alive: () => {
          const run = runs[index];
          return run !== undefined && run.child.exitCode === null && run.child.signalCode === null;
        },
        output: () => (earlierOutput[index] ?? "") + (runs[index]?.output() ?? ""),
      }),
    );
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
