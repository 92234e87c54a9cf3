// Fan-out across servers: one writer and N raw readers spread over several Scholia servers on one Postgres and
// Redis, against the bare @y/websocket-server with the same readers in the same run; then the server's memory per
// idle sync connection on one server, up to 10,000 connections.
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { limits } from "../shared/limits.ts";
import { RoomDoc } from "../shared/room-doc.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { runInterleaved, type FanoutRound, type FanoutTarget } from "./lib/fanout-rounds.ts";
import { currentLoad, loadNote, ms, percentile, progress } from "./lib/measure.ts";
import { ReaderPool } from "./lib/reader-pool.ts";
import { report } from "./lib/report.ts";
import {
  buildGroup,
  buildThreadRecord,
  markedBody,
  openBareWriter,
  postThread,
  readerCookies,
  startBareServer,
  startScholia,
  type BenchRoom,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";
import { seedSignedInMembers } from "./lib/seed-members.ts";
import { inspectEnv, inspectServer, mib, settledMemory, type MemoryReading } from "./lib/settled-memory.ts";

const sizes = (process.env.BENCH_READERS ?? "200,1500").split(",").map(Number);
/** Scholia server processes the readers are spread over (the writer posts to the first). */
const serverCount = Number(process.env.BENCH_SERVERS ?? 3);
const mutations = Number(process.env.BENCH_MUTATIONS ?? 500);
const perSecond = Number(process.env.BENCH_RATE ?? 10);
const readerProcesses = Number(process.env.BENCH_READER_PROCESSES ?? 4);
/** Idle connections held on one server for the memory figures, cumulative ("" skips that part). */
const idleSizes = (process.env.BENCH_IDLE ?? "2000,10000").split(",").filter(Boolean).map(Number);
const warmConnections = 20;
const settings = { mutations, perSecond, warmUp: 20, arrivalTimeoutMs: 30_000 };
const idleTargetBytes = 10_000;
/** Open files a process may hold, beyond its sockets (Postgres pool, Redis, logs, modules). */
const spareFiles = 500;
/** Readers' sync connections per seeded user: the per-user limit, which is kept (the bench seeds more users). */
const perUser = limits.syncConnectionsPerUser;

/**
 * The hard limit on open files (/proc/self/limits). Node raises its soft limit to the hard one at start, so every
 * process of the bench (servers, readers) may hold this many.
 */
function openFilesLimit(): number {
  const line = readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("Max open files"));
  const hard = line?.trim().split(/\s+/)[4];
  return hard === "unlimited" ? Infinity : Number(hard);
}

const maxIdle = Math.max(0, ...idleSizes);
const filesLimit = openFilesLimit();
const filesNeeded = Math.max(maxIdle, ...sizes) + spareFiles;
if (filesLimit < filesNeeded) {
  throw new Error(
    `${maxIdle} connections on one server need ${filesNeeded} open files; the hard limit is ${filesLimit} (raise it: ulimit -Hn as root, or LimitNOFILE)`,
  );
}

const loadAtStart = currentLoad();
const database = await createScratchDatabase("scholia_bench");
const sessionSecret = randomBytes(32).toString("base64url");
const redisPrefix = `bench-fanout-${randomUUID().slice(0, 8)}`;
const serverEnv = {
  // One bench user writes far more than a person would: the per-user mutation limit is turned off.
  MUTATIONS_PER_MINUTE: "0",
  // Every server must read the sessions the bench writes (and each other's).
  SESSION_SECRET: sessionSecret,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_PREFIX: redisPrefix,
};
const pool = ReaderPool.start(readerProcesses, "bench/lib/raw-reader-process.ts");
const running: ServerProcess[] = [];

/** The readers' cookies dealt over `servers` in turn: reader i connects to server i mod n. */
function spread(servers: ServerProcess[], cookies: string[]): [ServerProcess, string[]][] {
  return servers.map((server, s) => [server, cookies.filter((_, i) => i % servers.length === s)]);
}

async function fanoutRows(
  servers: ServerProcess[],
  bare: ServerProcess,
  rooms: BenchRoom[],
  owner: { id: string; cookie: string },
  cookies: string[],
) {
  const rows: Record<string, string | number>[] = [];
  const ratios: string[] = [];
  const cpuRatios: string[] = [];
  const readerShares: string[] = [];
  /** Scholia's CPU per mutation, server by server (the writer's first). */
  const eachServer: string[] = [];
  for (const [index, readers] of sizes.entries()) {
    const room = rooms[index]!;
    const blockId = room.anchorIds[0]!;
    const bareRoom = `bench-${readers}-${randomUUID()}`;
    const bareWriter = await openBareWriter(bare, bareRoom);
    const bareRoomDoc = new RoomDoc(bareWriter.doc);
    const writerServer = servers[0]!;
    const targets: FanoutTarget[] = [
      {
        name: `Scholia × ${servers.length} (REST → Postgres commit → ${servers.length > 1 ? "Redis → " : ""}broadcast)`,
        servers,
        open: async (some) => {
          for (const [server, dealt] of spread(servers, some)) {
            await pool.open(`${server.wsBase}/yjs/rooms`, room.roomId, dealt, 25);
          }
        },
        send: async (id) =>
          (await postThread(writerServer.base, owner.cookie, room.roomId, blockId, id, markedBody(id)))
            .status === 201,
      },
      {
        name: "bare @y/websocket-server 0.1.1 (client write, memory only)",
        servers: [bare],
        open: (some) => pool.open(bare.wsBase, bareRoom, some, 25),
        send: async (id) => {
          // The record Scholia's createThread stores, in the same form, so both servers carry updates of one size.
          bareRoomDoc.putThread(
            buildThreadRecord({
              id,
              anchor: { blockId },
              authorId: owner.id,
              authorName: "Bench Owner",
              createdAt: new Date().toISOString(),
              body: markedBody(id),
            }),
          );
          return true;
        },
      },
    ];
    progress(
      `${readers} readers on each kind (${servers.length} Scholia server${servers.length > 1 ? "s" : ""}, one bare server); ${mutations} mutations each at ${perSecond}/s, interleaved…`,
    );
    const result = await runInterleaved(pool, targets, cookies.slice(0, readers), settings);
    bareWriter.close();
    const [scholiaRound, bareRound] = result.rounds as [FanoutRound, FanoutRound];
    const ratio = percentile(scholiaRound.latencies, 99) / percentile(bareRound.latencies, 99);
    const cpuRatio = scholiaRound.serverCpuPerMutation / bareRound.serverCpuPerMutation;
    ratios.push(`${readers}: ${ratio.toFixed(2)}`);
    cpuRatios.push(`${readers}: ${cpuRatio.toFixed(2)}`);
    readerShares.push(`${readers}: ${(result.busiestReaderShare * 100).toFixed(0)} %`);
    for (const [which, round] of result.rounds.entries()) {
      const isScholia = which === 0;
      rows.push({
        readers,
        server: targets[which]!.name,
        "p50 ms": ms(percentile(round.latencies, 50)),
        "p99 ms": ms(percentile(round.latencies, 99)),
        "max ms": ms(Math.max(...round.latencies)),
        "first reader p50 ms": ms(percentile(round.firstLatencies, 50)),
        "p99 ÷ bare p99": isScholia ? ratio.toFixed(2) : "1",
        "POST answered p50 ms": isScholia ? ms(percentile(round.answered, 50)) : "–",
        "server CPU ms/mutation (all servers)": round.serverCpuPerMutation.toFixed(1),
        "÷ bare": isScholia ? cpuRatio.toFixed(2) : "1",
        "of which kernel ms": round.serverSystemCpuPerMutation.toFixed(1),
        "idle CPU ms/s (no mutations)": round.idleCpuPerSecond.toFixed(1),
        "readers CPU ms/mutation": result.readerCpuPerMutation.toFixed(2),
        "busiest reader process, % of a core": (result.busiestReaderShare * 100).toFixed(0),
        "incomplete / errors": `${round.missing} / ${round.errors}`,
        "open+sync s": round.openSeconds.toFixed(1),
      });
    }
    const each = scholiaRound.serverCpuEach.map((value) => value.toFixed(1)).join(" + ");
    eachServer.push(`${readers}: ${each}`);
    if (result.reconnects > 0) progress(`  ${result.reconnects} reader connections closed during the round`);
    progress(
      `  p99 Scholia ${ms(percentile(scholiaRound.latencies, 99))} ms, bare ${ms(percentile(bareRound.latencies, 99))} ms; CPU/mutation Scholia ${scholiaRound.serverCpuPerMutation.toFixed(1)} ms (${each}), bare ${bareRound.serverCpuPerMutation.toFixed(1)} ms; busiest reader process ${(result.busiestReaderShare * 100).toFixed(0)} % of a core`,
    );
  }
  return { rows, ratios, cpuRatios, readerShares, eachServer };
}

/**
 * `server` (inspector on, for forced GCs; started at the beginning of the run, so that by now it has given back its
 * start-up memory) holding `warmConnections` readers, then the cumulative `idleSizes`; RSS and JS heap settled at
 * each step, then after closing them all.
 */
async function idleMemory(server: ServerProcess, room: BenchRoom, cookies: string[]) {
  const inspector = await inspectServer(server);
  try {
    await pool.open(`${server.wsBase}/yjs/rooms`, room.roomId, cookies.slice(0, warmConnections), 50);
    const before = await settledMemory(server, inspector);
    const steps: { connections: number; reading: MemoryReading; openSeconds: number }[] = [];
    let open = warmConnections;
    for (const size of idleSizes) {
      progress(`  idle: opening connections ${open}…${size} on one server…`);
      const started = performance.now();
      await pool.open(`${server.wsBase}/yjs/rooms`, room.roomId, cookies.slice(open, size), 50);
      const openSeconds = (performance.now() - started) / 1000;
      open = size;
      steps.push({ connections: size, reading: await settledMemory(server, inspector), openSeconds });
    }
    await pool.close();
    const released = await settledMemory(server, inspector);
    return { before, steps, released };
  } finally {
    inspector.close();
  }
}

try {
  progress(`open files: hard limit ${filesLimit} per process (needed ${filesNeeded})`);
  progress(
    `starting ${serverCount} Scholia server(s) (Postgres, Redis prefix ${redisPrefix}) and the bare server…`,
  );
  // One at a time: the first applies the migrations to the empty database.
  for (let i = 0; i < serverCount; i++) running.push(await startScholia(database.url, serverEnv));
  const servers = [...running];
  const bare = await startBareServer();
  running.push(bare);
  // Started now and measured last: a fresh Node process goes on giving back start-up memory for minutes, which
  // would read as negative memory per connection.
  const idleServer =
    idleSizes.length > 0 ? await startScholia(database.url, { ...serverEnv, ...inspectEnv() }) : undefined;
  if (idleServer) running.push(idleServer);
  const group = await buildGroup(servers[0]!.base, { rooms: sizes.length, readerConnections: 0 });
  const readerUsers = Math.ceil(Math.max(maxIdle, ...sizes) / perUser);
  progress(`seeding ${readerUsers} signed-in members in Postgres…`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const userCookies = await seedSignedInMembers(client, group.groupId, readerUsers, sessionSecret).finally(
    () => client.end(),
  );
  const cookies = readerCookies(
    userCookies.map((cookie) => ({ id: "", cookie })),
    readerUsers * perUser,
  );

  const fanout = await fanoutRows(servers, bare, group.rooms, group.owner, cookies);
  await report(
    `Fan-out across ${servers.length} server${servers.length > 1 ? "s" : ""}: mutation → every raw reader`,
    fanout.rows,
    [
      `One writer (REST, to the first Scholia server) and N raw readers of one room, dealt round-robin over ${servers.length} Scholia server process(es) on one Postgres database and the machine's Redis (prefix ${redisPrefix}); the same N readers also read the bare @y/websocket-server 0.1.1, the writer writing into its own replica there. ${settings.warmUp} warm-up mutations, then ${mutations} per kind at ${perSecond}/s each, open-loop, sent alternately to Scholia and to the bare server so both see the same background load. Latency runs from just before the send to the moment the last (and the first) reader received the update carrying the mutation's marker (process.hrtime: one monotonic clock for all processes).`,
      `Readers: ws clients in ${readerProcesses} child processes (bench/lib/raw-reader-process.ts) that ask for the document once, timestamp each message as it arrives and only search sync updates for the mutation's marker (\`${"#m:"}\` + id in the thread body); nothing is applied with Yjs. So that the readers are not what saturates, the busiest reader process's CPU over each measured phase is reported (${fanout.readerShares.join(", ")} of one core), with all reader processes' CPU per mutation. Each reader user holds at most ${perUser} connections (the per-user limit, kept): ${readerUsers} members with live sessions were written into Postgres by the bench (bench/lib/seed-members.ts), as registering them through REST would take minutes of argon2.`,
      `Server CPU per mutation: the user + system time (/proc/<pid>/stat) of every Scholia server process summed over the measured phase (Postgres's and Redis's own processes are not counted), against the bare server process's, divided by the measured mutations. "of which kernel" is the system-time part (socket writes; on loopback the kernel also delivers each segment to the reader's socket within the writer's system call). "idle CPU" is the same servers' CPU per second over 5 s with the readers open and nothing sent, just before the measured mutations (keep-alives, timers, each server's periodic check of its rooms against the log): at ${perSecond} mutations/s, 1/${perSecond} of it lands in each mutation's figure. Scholia's by server, the writer's first (ms): ${fanout.eachServer.join("; ")}. Ratios Scholia ÷ bare: ${fanout.cpuRatios.join(", ")} (target: below 1 at 1,500 readers). p99 ratios: ${fanout.ratios.join(", ")} (target at 200 readers: ≤ 1.2).`,
      `Scholia writes each committed update as one WebSocket frame built once and handed to every reader's TCP socket (server/realtime/shared-frames.ts); the bare server calls ws.send per reader.`,
      loadNote(loadAtStart),
    ],
  );

  if (idleServer) {
    const memoryLoadAtStart = currentLoad();
    progress(`idle connections on one server, up to ${maxIdle}…`);
    const memory = await idleMemory(idleServer, group.rooms.at(-1)!, cookies);
    const rows = memory.steps.map(({ connections, reading, openSeconds }) => {
      const added = connections - warmConnections;
      const rssPer = ((reading.rssKiB - memory.before.rssKiB) * 1024) / added;
      const heapPer = (reading.heapBytes - memory.before.heapBytes) / added;
      return {
        "idle connections": connections,
        "RSS MiB": mib(reading),
        "RSS with 20 / after closing MiB": `${mib(memory.before)} / ${mib(memory.released)}`,
        "RSS KB / connection": (rssPer / 1000).toFixed(1),
        "JS heap KB / connection": (heapPer / 1000).toFixed(1),
        "opening s": openSeconds.toFixed(0),
        target: `≤ ${idleTargetBytes / 1000} KB: ${rssPer <= idleTargetBytes ? "met" : "not met"}`,
      };
    });
    await report("Idle sync connections on one server: memory per connection", rows, [
      `One Scholia server process (inspector on, for forced GCs; started at the beginning of the run and idle until now, so that it had given back its start-up memory) holding raw reader connections (bench/lib/raw-reader-process.ts, ${readerProcesses} processes) to one room (the ${sizes.at(-1)}-reader round's, with its threads), opened after ${warmConnections} warm ones, cumulatively; each reader asked for the document once and then stays idle (the server's keep-alive every 15 s, pings answered by ws). Each reading waits until RSS has moved by ≤ 1 MiB over 8 one-second readings, each after a full GC. Per connection: (RSS with N − RSS with ${warmConnections}) ÷ (N − ${warmConnections}); JS heap (heapUsed + external) the same way. Kernel socket buffers are not in RSS. ${readerUsers} seeded members hold ≤ ${perUser} connections each (the per-user limit, kept).`,
      `Open files: every process of the bench may hold ${filesLimit} (the hard limit, read from /proc/self/limits; Node raises its soft limit to it at start), checked against the ${filesNeeded} the largest step needs before anything starts.`,
      loadNote(memoryLoadAtStart),
    ]);
  }
} finally {
  pool.stop();
  for (const server of running.splice(0)) await server.stop();
  await dropDatabase(database.name);
}
