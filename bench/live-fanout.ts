// Live fan-out: one writer and N read replicas in one room; time from sending a mutation until every replica
// has it. Reference in the same run: the bare @y/websocket-server 0.1.1, the writer writing into its own replica.
import { randomUUID } from "node:crypto";
import { RoomDoc } from "../shared/room-doc.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { runInterleaved, type FanoutRound, type FanoutTarget } from "./lib/fanout-rounds.ts";
import { currentLoad, loadNote, ms, percentile, progress } from "./lib/measure.ts";
import { ReaderPool } from "./lib/reader-pool.ts";
import { report } from "./lib/report.ts";
import {
  benchThreadBody,
  buildGroup,
  buildThreadRecord,
  openBareWriter,
  postThread,
  readerCookies,
  startBareServer,
  startScholia,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";

const sizes = (process.env.BENCH_READERS ?? "50,200,500").split(",").map(Number);
/** Per server and size; with 200 a p99 is the third-slowest mutation, and the ratio of two such p99s swung 1.35–2.0. */
const mutations = Number(process.env.BENCH_MUTATIONS ?? 500);
const perSecond = Number(process.env.BENCH_RATE ?? 10);
const warmUp = 20;
const readerProcesses = Number(process.env.BENCH_READER_PROCESSES ?? 2);
const settings = { mutations, perSecond, warmUp, arrivalTimeoutMs: 20_000 };

const loadAtStart = currentLoad();
const rows: Record<string, string | number>[] = [];
const database = await createScratchDatabase("scholia_bench");
const pool = ReaderPool.start(readerProcesses);
let scholia: ServerProcess | undefined;
let bare: ServerProcess | undefined;
try {
  progress("starting Scholia (Postgres) and the bare @y/websocket-server…");
  // One bench user writes far more than a person would: the per-user mutation limit is turned off.
  scholia = await startScholia(database.url, { MUTATIONS_PER_MINUTE: "0" });
  bare = await startBareServer();
  const ours: ServerProcess = scholia;
  const reference: ServerProcess = bare;
  const group = await buildGroup(ours.base, { rooms: sizes.length, readerConnections: Math.max(...sizes) });
  const writer = group.owner;
  const ratios: string[] = [];
  for (const [index, replicas] of sizes.entries()) {
    const room = group.rooms[index]!;
    const blockId = room.anchorIds[0]!;
    const bareRoom = `bench-${replicas}-${randomUUID()}`;
    const bareWriter = await openBareWriter(reference, bareRoom);
    const bareRoomDoc = new RoomDoc(bareWriter.doc);
    const targets: FanoutTarget[] = [
      {
        name: "Scholia (REST → Postgres commit → broadcast)",
        servers: [ours],
        open: (cookies) => pool.open(`${ours.wsBase}/yjs/rooms`, room.roomId, cookies),
        send: async (id) =>
          (await postThread(ours.base, writer.cookie, room.roomId, blockId, id)).status === 201,
      },
      {
        name: "bare @y/websocket-server 0.1.1 (client write, memory only)",
        servers: [reference],
        open: (cookies) => pool.open(reference.wsBase, bareRoom, cookies),
        send: async (id) => {
          // The record Scholia's createThread stores, in the same form, so both servers carry updates of one size.
          bareRoomDoc.putThread(
            buildThreadRecord({
              id,
              anchor: { blockId },
              authorId: writer.id,
              authorName: "Bench Owner",
              createdAt: new Date().toISOString(),
              body: benchThreadBody,
            }),
          );
          return true;
        },
      },
    ];
    progress(
      `${replicas} readers on each server; ${mutations} mutations each at ${perSecond}/s, interleaved…`,
    );
    const result = await runInterleaved(pool, targets, readerCookies(group.readers, replicas), settings);
    bareWriter.close();

    const [scholiaRound, bareRound] = result.rounds as [FanoutRound, FanoutRound];
    const ratio = percentile(scholiaRound.latencies, 99) / percentile(bareRound.latencies, 99);
    ratios.push(`${replicas}: ${ratio.toFixed(2)}`);
    for (const [which, round] of result.rounds.entries()) {
      const isScholia = which === 0;
      rows.push({
        readers: replicas,
        server: targets[which]!.name,
        "p50 ms": ms(percentile(round.latencies, 50)),
        "p99 ms": ms(percentile(round.latencies, 99)),
        "max ms": ms(Math.max(...round.latencies)),
        "first replica p50 ms": ms(percentile(round.firstLatencies, 50)),
        "p99 ÷ bare p99": isScholia ? ratio.toFixed(2) : "1",
        "POST answered p50 / p99 ms": isScholia
          ? `${ms(percentile(round.answered, 50))} / ${ms(percentile(round.answered, 99))}`
          : "–",
        "server's POST time p50 ms": isScholia ? percentile(round.serverTimes, 50) : "–",
        "server CPU ms/mutation": round.serverCpuPerMutation.toFixed(1),
        "readers CPU ms/mutation": result.readerCpuPerMutation.toFixed(1),
        "incomplete / errors": `${round.missing} / ${round.errors}`,
        "open+sync s": round.openSeconds.toFixed(1),
      });
    }
    if (result.reconnects > 0) progress(`  ${result.reconnects} replica connections closed during the round`);
    progress(
      `  p99 Scholia ${ms(percentile(scholiaRound.latencies, 99))} ms, bare ${ms(percentile(bareRound.latencies, 99))} ms`,
    );
  }

  await report("Live fan-out: mutation → every replica", rows, [
    `One writer, N y-websocket read replicas (WebsocketProvider, disableBc, no awareness state) per server, one room each. ${warmUp} warm-up mutations, then ${mutations} per server at ${perSecond}/s each, open-loop, sent alternately to Scholia and to the bare server so both see the same background load. Latency runs from just before the send to the moment the last (and the first) replica's \`threads\` map observed the id (process.hrtime: one monotonic clock for all processes). Servers, reader processes, the writer and Postgres share the same 2 cores.`,
    `Scholia's path: POST /api/rooms/:roomId/threads → session and membership lookups → the room's commit queue (group commit) → one Postgres transaction (update row, Thread row, Mutation row, whose unique key is the idempotency check; synchronous_commit on) → broadcast → 201. "server's POST time" is Scholia's own responseTime for those requests. The bare server's path: the writer's provider sends its Y.Map update, which the server applies in memory and relays; nothing is authorised or stored. The per-user mutation limit (MUTATIONS_PER_MINUTE) is off for the bench writer.`,
    `Replicas live in ${readerProcesses} reader child processes (dealt round-robin), not in the bench process. Every replica decodes and applies every update; that client-side cost ("readers CPU ms/mutation", averaged over both servers' mutations) lands on the same 2 cores as the servers and grows with N, so the last replica's latency includes queueing behind other replicas in its process as well as the server's send loop. With 500 replicas in 1 process the bare server's p50 was ~1.5× that with 2 processes; 4 processes gained little more on 2 cores.`,
    `Targets: p99 at 200 readers ≤ 50 ms and ≤ 2× the bare server's (Scholia p99 ÷ bare p99 at N readers → ${ratios.join(", ")}).`,
    loadNote(loadAtStart),
  ]);
} finally {
  pool.stop();
  await scholia?.stop();
  await bare?.stop();
  await dropDatabase(database.name);
}
