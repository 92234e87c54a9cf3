// People channel under load: one room of N readers, each a read replica and a socket.io tab moving its reading
// position every few seconds, and one writer. Measures document fan-out with presence on against off in the same
// run, the server's CPU per presence update, its memory per socket.io connection, and notification delivery.
import { randomUUID } from "node:crypto";
import { peoplePingTimeoutMs } from "../shared/people-protocol.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import {
  currentLoad,
  elapsedMs,
  loadNote,
  ms,
  pace,
  percentile,
  processCpuMs,
  progress,
  sleep,
} from "./lib/measure.ts";
import { ReaderPool } from "./lib/reader-pool.ts";
import { report } from "./lib/report.ts";
import {
  buildGroup,
  postThread,
  readerCookies,
  startScholia,
  type BenchUser,
  type ServerProcess,
} from "./lib/scholia-fixture.ts";
import { inspectEnv, inspectServer, mib, settledMemory } from "./lib/settled-memory.ts";

const readers = Number(process.env.BENCH_READERS ?? 500);
/** How often each reader's position changes. */
const periodMs = Number(process.env.BENCH_PRESENCE_PERIOD_MS ?? 5_000);
const perSecond = Number(process.env.BENCH_RATE ?? 10);
/** Rounds per condition (presence on, off), alternated ABBA so that drift in the machine's load hits both. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const roundMutations = Number(process.env.BENCH_ROUND_MUTATIONS ?? 100);
/** Length of the idle and the presence-only periods for the CPU reading. */
const phaseMs = Number(process.env.BENCH_PHASE_SECONDS ?? 20) * 1000;
const notifications = Number(process.env.BENCH_NOTIFICATIONS ?? 200);
const recipientCount = Math.min(Number(process.env.BENCH_RECIPIENTS ?? 50), readers);
const readerProcesses = Number(process.env.BENCH_READER_PROCESSES ?? 2);
/**
 * 0: each reader's socket.io tab lives in the process of its replica (as in a browser tab, but hundreds share one
 * event loop); n: the tabs live in n processes of their own, so decoding presence lists does not delay the replicas.
 */
const peopleProcesses = Number(process.env.BENCH_PEOPLE_PROCESSES ?? 0);
const warmUp = 20;
const arrivalTimeoutMs = 20_000;
const targetRatio = 1.5;
const targetBytes = 50 * 1024;

interface Latencies {
  all: number[];
  first: number[];
  roundP99s: number[];
  missing: number;
  errors: number;
  cpuMs: number;
  readersCpuMs: number;
  seconds: number;
}

const emptyLatencies = (): Latencies => ({
  all: [],
  first: [],
  roundP99s: [],
  missing: 0,
  errors: 0,
  cpuMs: 0,
  readersCpuMs: 0,
  seconds: 0,
});

const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + processCpuMs(pid), 0);

const loadAtStart = currentLoad();
const database = await createScratchDatabase("scholia_bench");
const pool = ReaderPool.start(readerProcesses);
const tabsPool = peopleProcesses > 0 ? ReaderPool.start(peopleProcesses) : pool;
const readerPids = tabsPool === pool ? pool.pids : [...pool.pids, ...tabsPool.pids];
let scholia: ServerProcess | undefined;
try {
  progress(
    `registering ${readers} readers, one user each, through a builder process (password hashing: a while)…`,
  );
  // Built by a server process of its own and measured in a fresh one (as live-memory does): password hashing during
  // sign-up leaves native memory that the allocator returns only slowly, which would blur the memory baseline.
  // TRUST_PROXY lets each reader sign up from an address of its own (the sign-up limit is per address).
  const builder = await startScholia(database.url, { TRUST_PROXY: "loopback" });
  const group = await buildGroup(builder.base, {
    rooms: 1,
    readerConnections: readers,
    connectionsPerReader: 1,
  }).finally(() => builder.stop());
  progress("starting Scholia (Postgres, --inspect)…");
  // The bench writer writes far more than a person would: the per-user mutation limit is off.
  scholia = await startScholia(database.url, { MUTATIONS_PER_MINUTE: "0", ...inspectEnv() });
  const server: ServerProcess = scholia;
  const room = group.rooms[0]!;
  const { roomId, anchorIds } = room;
  const cookies = readerCookies(group.readers, readers, 1);
  const writer = group.owner;
  const socketUrl = server.base;

  progress(`opening ${readers} read replicas…`);
  await pool.open(`${server.wsBase}/yjs/rooms`, roomId, cookies);

  // ---- memory per socket.io connection
  progress(`memory: ${readers} socket.io tabs joined to the room, idle, against none…`);
  const inspector = await inspectServer(server);
  const before = await settledMemory(server, inspector);
  await tabsPool.openPeople(socketUrl, roomId, cookies);
  const withTabs = await settledMemory(server, inspector);
  await tabsPool.closePeople();
  const released = await settledMemory(server, inspector);
  inspector.close();
  const baselineKiB = Math.min(before.rssKiB, released.rssKiB);
  const rssPerTab = ((withTabs.rssKiB - baselineKiB) * 1024) / readers;
  const heapPerTab = (withTabs.heapBytes - before.heapBytes) / readers;

  // ---- CPU per presence update: an idle period, then a presence-only period of the same length
  progress(
    `CPU: ${phaseMs / 1000} s idle, then ${phaseMs / 1000} s of presence updates every ${periodMs} ms…`,
  );
  await tabsPool.openPeople(socketUrl, roomId, cookies);
  await sleep(2_000); // the joins' presence lists sent
  let cpuAt = processCpuMs(server.pid);
  let readersCpuAt = cpuOf(readerPids);
  await sleep(phaseMs);
  const idleCpu = processCpuMs(server.pid) - cpuAt;
  const idleReadersCpu = cpuOf(readerPids) - readersCpuAt;
  await tabsPool.startPresence(roomId, anchorIds, periodMs);
  await sleep(periodMs); // every tab in its cycle
  const statsBefore = await tabsPool.peopleStats();
  cpuAt = processCpuMs(server.pid);
  readersCpuAt = cpuOf(readerPids);
  await sleep(phaseMs);
  const presenceCpu = processCpuMs(server.pid) - cpuAt;
  const presenceReadersCpu = cpuOf(readerPids) - readersCpuAt;
  const statsAfter = await tabsPool.peopleStats();
  await tabsPool.stopPresence();
  const updates = statsAfter.updates - statsBefore.updates;
  const lists = statsAfter.lists - statsBefore.lists;
  const listed = statsAfter.listed - statsBefore.listed;
  await tabsPool.closePeople();

  // ---- document fan-out, presence on against off
  let presenceOn = false;
  const refusals: Record<string, number> = {};
  let tabDisconnects = 0;
  let presenceUpdatesDuringRounds = 0;
  const setPresence = async (on: boolean) => {
    if (on === presenceOn) return;
    if (on) {
      await tabsPool.openPeople(socketUrl, roomId, cookies);
      await tabsPool.startPresence(roomId, anchorIds, periodMs);
      await sleep(periodMs); // every tab in its cycle before measuring
    } else {
      const stats = await tabsPool.peopleStats();
      for (const [code, count] of Object.entries(stats.refusals))
        refusals[code] = (refusals[code] ?? 0) + count;
      tabDisconnects += stats.disconnects;
      presenceUpdatesDuringRounds += stats.updates;
      await tabsPool.closePeople();
      await sleep(2_000); // the leaves' presence lists sent
    }
    presenceOn = on;
  };
  const sendThread = async (id: string) =>
    (await postThread(server.base, writer.cookie, roomId, anchorIds[0]!, id)).status === 201;

  /** One round of `count` mutations at `perSecond`; latencies from the send to the first and last replica. */
  const runRound = async (count: number, into: Latencies) => {
    await pool.reset();
    const sent = new Map<string, bigint>();
    const cpuBefore = processCpuMs(server.pid);
    const readersBefore = cpuOf(readerPids);
    const started = performance.now();
    await pace(count, perSecond, async () => {
      const id = randomUUID();
      sent.set(id, process.hrtime.bigint());
      if (!(await sendThread(id))) into.errors += 1;
    });
    into.seconds += (performance.now() - started) / 1000;
    into.cpuMs += processCpuMs(server.pid) - cpuBefore;
    into.readersCpuMs += cpuOf(readerPids) - readersBefore;
    const { arrivals } = await pool.waitForArrivals([...sent.keys()], readers, arrivalTimeoutMs);
    const latencies: number[] = [];
    for (const [id, at] of sent) {
      const arrival = arrivals.get(id);
      if (!arrival || arrival.count < readers) {
        into.missing += 1;
        continue;
      }
      latencies.push(elapsedMs(at, arrival.last));
      into.first.push(elapsedMs(at, arrival.first));
    }
    into.all.push(...latencies);
    into.roundP99s.push(percentile(latencies, 99));
  };

  progress(`fan-out: ${warmUp} warm-up mutations…`);
  await runRound(warmUp, emptyLatencies());
  const off = emptyLatencies();
  const on = emptyLatencies();
  // ABBA: off, on, on, off, off, on, …
  const order = Array.from({ length: rounds * 2 }, (_, i) => Math.floor((i + 1) / 2) % 2 === 1);
  for (const [index, withPresence] of order.entries()) {
    await setPresence(withPresence);
    progress(
      `fan-out round ${index + 1}/${order.length}: presence ${withPresence ? "ON" : "off"}, ${roundMutations} mutations at ${perSecond}/s…`,
    );
    const into = withPresence ? on : off;
    await runRound(roundMutations, into);
    progress(
      `  p50 ${ms(percentile(into.all.slice(-roundMutations), 50))} ms, p99 ${ms(into.roundP99s.at(-1)!)} ms`,
    );
  }

  // ---- notifications, with presence on
  await setPresence(true);
  progress(
    `notifications: ${notifications} replies and mentions to ${recipientCount} readers at ${perSecond}/s…`,
  );
  const recipients: { user: BenchUser; threadId: string }[] = [];
  for (const user of group.readers.slice(0, recipientCount)) {
    const { id, status } = await postThread(server.base, user.cookie, roomId, anchorIds[1]!);
    if (status !== 201) throw new Error(`a recipient's thread was refused: ${status}`);
    recipients.push({ user, threadId: id });
  }
  const { id: writerThread } = await postThread(server.base, writer.cookie, roomId, anchorIds[2]!);
  const notified = new Map<string, { sent: bigint; answered?: bigint }>();
  let notificationErrors = 0;
  await pace(notifications, perSecond, async (i) => {
    const recipient = recipients[i % recipients.length]!;
    // Even: a reply to the recipient's thread; odd: a mention of the recipient in the writer's own thread.
    const mention = i % 2 === 1;
    const threadId = mention ? writerThread : recipient.threadId;
    const body = mention
      ? `A question for <@${recipient.user.id}>: does this hold?`
      : "A reply for the benchmark: I read this paragraph the other way.";
    const commentId = randomUUID();
    const timing: { sent: bigint; answered?: bigint } = { sent: process.hrtime.bigint() };
    notified.set(commentId, timing);
    const res = await fetch(`${server.base}/api/rooms/${roomId}/threads/${threadId}/comments`, {
      method: "POST",
      headers: { cookie: writer.cookie, "content-type": "application/json", "idempotency-key": commentId },
      body: JSON.stringify({ body }),
    });
    timing.answered = process.hrtime.bigint();
    await res.arrayBuffer();
    if (res.status !== 201) notificationErrors += 1;
  });
  const deadline = Date.now() + arrivalTimeoutMs;
  let delivered = new Map<string, bigint>();
  while (Date.now() < deadline) {
    delivered = new Map((await tabsPool.peopleStats()).notifications);
    if ([...notified.keys()].every((id) => delivered.has(id))) break;
    await sleep(250);
  }
  const fromSend: number[] = [];
  const fromAnswer: number[] = [];
  for (const [commentId, timing] of notified) {
    const at = delivered.get(commentId);
    if (at === undefined) continue;
    fromSend.push(elapsedMs(timing.sent, at));
    fromAnswer.push(elapsedMs(timing.answered!, at));
  }
  await setPresence(false);

  // ---- report
  const ratio = percentile(on.all, 99) / percentile(off.all, 99);
  const fanoutRow = (name: string, l: Latencies) => ({
    presence: name,
    mutations: l.all.length,
    "p50 ms": ms(percentile(l.all, 50)),
    "p99 ms": ms(percentile(l.all, 99)),
    "max ms": ms(Math.max(...l.all)),
    "p99 per round ms": l.roundP99s.map((p) => ms(p)).join(", "),
    "first replica p50 ms": ms(percentile(l.first, 50)),
    "p99 ÷ off p99": (percentile(l.all, 99) / percentile(off.all, 99)).toFixed(2),
    "server CPU ms/s": (l.cpuMs / l.seconds).toFixed(0),
    "readers CPU ms/s": (l.readersCpuMs / l.seconds).toFixed(0),
    "incomplete / errors": `${l.missing} / ${l.errors}`,
  });
  const limitsBit = Object.entries(refusals)
    .map(([code, count]) => `${count} × ${code}`)
    .join(", ");
  await report(
    `People channel: document fan-out with ${readers} readers' presence on and off`,
    [
      fanoutRow("off (replicas only)", off),
      fanoutRow(`on (socket.io tab per reader, a move every ${periodMs / 1000} s)`, on),
    ],
    [
      `One room, ${readers} readers, each a y-websocket read replica (as in the live fan-out benchmark) and, with presence on, a socket.io-client tab of the people channel joined to the room, sending presence.update to a random paragraph every ${periodMs / 1000} s (phases spread at random); one user per reader, so the presence list names ${readers} people. One writer creates threads through POST /api/rooms/:roomId/threads at ${perSecond}/s, open-loop. ${rounds} rounds of ${roundMutations} mutations per condition, in ABBA order (off, on, on, off, …) after ${warmUp} warm-up mutations; each on round starts ${periodMs / 1000} s after the tabs joined and began moving. Latency runs from just before the send to the moment the last (and the first) replica's \`threads\` map observed the id (process.hrtime, one monotonic clock for every process). ${
        peopleProcesses > 0
          ? `Replicas live in ${readerProcesses} reader processes and the tabs in ${peopleProcesses} others`
          : `Replicas and tabs live in ${readerProcesses} reader processes (the i-th reader's replica and tab in the same process)`
      }; "readers CPU" is theirs, on the same 2 cores as the server and Postgres.`,
      `Target: presence-on p99 ≤ ${targetRatio}× presence-off p99 — ratio ${ratio.toFixed(2)} (${ratio <= targetRatio ? "met" : "not met"}). Reference (DESIGN §7, an earlier run of the same load): the y-websocket server relaying awareness reached p99 6.1 s at 500 readers, Hocuspocus 0.33 s.`,
      `Rate limits (40 events/10 s per socket, 100 per user): ${limitsBit === "" ? "never refused an event" : `refused ${limitsBit}`}; ${presenceUpdatesDuringRounds} presence updates sent during the on rounds; ${tabDisconnects} tabs disconnected (the server drops a tab that does not answer its ping within ${peoplePingTimeoutMs / 1000} s).`,
      loadNote(loadAtStart),
    ],
  );

  const perUpdateMs = (presenceCpu - idleCpu) / updates;
  await report(
    `People channel: cost of presence, memory per connection, notification delivery (${readers} readers)`,
    [
      {
        measure: "server CPU per presence update (µs)",
        value: (perUpdateMs * 1000).toFixed(0),
        detail: `${presenceCpu} ms over ${phaseMs / 1000} s with ${updates} updates (${(updates / (phaseMs / 1000)).toFixed(0)}/s) − ${idleCpu} ms idle (tabs joined, still); ${lists} presence lists received (${(lists / readers / (phaseMs / 1000)).toFixed(2)} per tab per s, ${(listed / Math.max(lists, 1)).toFixed(0)} people each); readers' CPU ${presenceReadersCpu} ms against ${idleReadersCpu} ms idle`,
        target: "—",
      },
      {
        measure: "server RSS per socket.io connection (KB)",
        value: (rssPerTab / 1000).toFixed(1),
        detail: `RSS ${mib(before)} MiB → ${mib(withTabs)} MiB with ${readers} tabs joined and idle → ${mib(released)} MiB after closing them`,
        target: `≤ ${targetBytes / 1024} KB`,
      },
      {
        measure: "server JS heap per socket.io connection (KB)",
        value: (heapPerTab / 1000).toFixed(1),
        detail: `heapUsed + external, ${(before.heapBytes / 2 ** 20).toFixed(1)} → ${(withTabs.heapBytes / 2 ** 20).toFixed(1)} MiB`,
        target: `≤ ${targetBytes / 1024} KB`,
      },
      {
        measure: "notification delivery from send, p50 / p99 / max (ms)",
        value: `${ms(percentile(fromSend, 50))} / ${ms(percentile(fromSend, 99))} / ${ms(Math.max(...fromSend))}`,
        detail: `${fromSend.length} of ${notifications} delivered (${notificationErrors} POSTs refused); from just before the writer's POST …/threads/:threadId/comments to the recipient's tab receiving \`notification\``,
        target: "—",
      },
      {
        measure: "notification delivery from the POST's answer, p50 / p99 (ms)",
        value: `${ms(percentile(fromAnswer, 50))} / ${ms(percentile(fromAnswer, 99))}`,
        detail:
          "from the 201 reaching the writer (the commit happened before it) to the recipient's tab; negative: the socket was first",
        target: "—",
      },
    ],
    [
      `Same server process and room as the table above. Memory: ${readers} socket.io tabs (one per reader user) connected and joined to the room but sending nothing, next to the ${readers} read replicas that stay open throughout; each reading waits for RSS to settle over 8 one-second readings after forced GCs (inspector), per connection = (with − the lower of before and after closing) / ${readers}. CPU: server process CPU (/proc, 10 ms ticks) over ${phaseMs / 1000} s of presence updates (no mutations) minus the same length with the tabs joined and still, divided by the updates sent; it includes sending the coalesced lists (paced by the room's size, see presenceMoveBroadcastMs) to every tab.`,
      `Notifications: with presence on, the writer (the group's owner) sends ${notifications} comments at ${perSecond}/s, alternately a reply to one of ${recipientCount} readers' threads (kind reply) and a mention \`<@userId>\` of that reader in the writer's own thread (kind mention); each is stored in the comment's transaction and delivered on commit to the recipient's \`user:<id>\` room. Measured from the send (primary) and from the POST's answer, to the \`notification\` event in the recipient's reader process (process.hrtime).`,
      loadNote(loadAtStart),
    ],
  );
} finally {
  pool.stop();
  if (tabsPool !== pool) tabsPool.stop();
  await scholia?.stop();
  await dropDatabase(database.name);
}
