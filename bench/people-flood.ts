// A flood on the people channel: one member's 20 sockets send presence updates as fast as they can for 10 s (in a
// process of their own, reconnecting at once when cut off) while this process times GET /healthz on the server
// (a process of its own too). Prints /healthz latency before and during the flood, and what the flooder saw.
import { io, type Socket } from "socket.io-client";
import { peopleProtocolVersion, peopleSocketPath } from "../shared/people-protocol.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { spawnScript } from "../test/helpers/processes.ts";
import { ms, percentile, processCpuMs, progress, sleep } from "./lib/measure.ts";
import { buildGroup, startScholia } from "./lib/scholia-fixture.ts";

const floodSeconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 10);
const sockets = Number(process.env.BENCH_FLOOD_SOCKETS ?? 20);

interface FloodResult {
  sent: number;
  refusals: number;
  closings: Record<string, number>;
  connects: number;
}

/** The flooder: `sockets` tabs of one person, each joining the room and sending as fast as the loop allows. */
async function flood(base: string, cookie: string, roomId: string, blockId: string): Promise<FloodResult> {
  const result: FloodResult = { sent: 0, refusals: 0, closings: {}, connects: 0 };
  const until = Date.now() + floodSeconds * 1000;
  const open = (): void => {
    if (Date.now() >= until) return;
    const socket: Socket = io(base, {
      path: peopleSocketPath,
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      auth: { protocol: peopleProtocolVersion },
      extraHeaders: { cookie },
    });
    socket.on("error.event", () => (result.refusals += 1));
    socket.on("connection.closing", ({ code }: { code: string }) => {
      result.closings[code] = (result.closings[code] ?? 0) + 1;
    });
    socket.on("connect_error", () => setTimeout(open, 50));
    socket.on("disconnect", () => open()); // hostile: straight back in
    socket.on("connect", () => {
      result.connects += 1;
      socket.emit("room.join", { roomId }, () => {
        const burst = () => {
          if (!socket.connected || Date.now() >= until) return void socket.close();
          for (let i = 0; i < 200; i++) {
            socket.emit("presence.update", { roomId, blockId });
            result.sent += 1;
          }
          setImmediate(burst);
        };
        burst();
      });
    });
  };
  for (let i = 0; i < sockets; i++) open();
  await sleep(floodSeconds * 1000 + 1_000);
  return result;
}

/** Times GET /healthz one after another for `seconds`; latencies in ms. */
async function timeHealth(base: string, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const start = performance.now();
    await fetch(`${base}/healthz`).then((res) => res.arrayBuffer());
    latencies.push(performance.now() - start);
    await sleep(20);
  }
  return latencies;
}

const line = (what: string, values: number[]) =>
  `${what}: n=${values.length} p50=${ms(percentile(values, 50))} p95=${ms(percentile(values, 95))} max=${ms(percentile(values, 100))} ms`;

async function main(): Promise<void> {
  const database = await createScratchDatabase("scholia_flood");
  const server = await startScholia(database.url);
  try {
    const group = await buildGroup(server.base, { rooms: 1, readerConnections: 0 });
    const room = group.rooms[0]!;
    const baseline = await timeHealth(server.base, 5);
    const cpuBefore = processCpuMs(server.pid);
    const flooder = spawnScript("bench/people-flood.ts", {}, [
      "--flood",
      server.base,
      group.owner.cookie,
      room.roomId,
      room.anchorIds[0]!,
    ]);
    await sleep(500);
    const during = await timeHealth(server.base, floodSeconds - 1);
    const cpuMs = processCpuMs(server.pid) - cpuBefore;
    const finished = await flooder.finished;
    const after = await timeHealth(server.base, 3);
    console.log(line("/healthz before the flood", baseline));
    console.log(line("/healthz during the flood", during));
    console.log(line("/healthz after the flood", after));
    console.log(`server CPU during the flood: ${Math.round(cpuMs)} ms over ${floodSeconds} s`);
    console.log(`flooder: ${finished.stdout.trim() || finished.stderr.trim()}`);
  } finally {
    await server.stop();
    await dropDatabase(database.name);
  }
}

if (process.argv[2] === "--flood") {
  const [base, cookie, roomId, blockId] = process.argv.slice(3) as [string, string, string, string];
  void flood(base, cookie, roomId, blockId).then((result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  });
} else {
  main().catch((error: unknown) => {
    progress(String(error));
    process.exitCode = 1;
  });
}
