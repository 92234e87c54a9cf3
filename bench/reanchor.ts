// Benchmark: moving a room of 10,000 passage threads to a corrected version of a 5 MB text
// (POST /api/rooms/:roomId/version), with /healthz probed throughout. References in the same run: the same
// re-anchoring as pure code in the bench process, and one bulk UPDATE of the 10,000 thread rows. Appends to
// BENCHMARKS.md.
import { randomUUID } from "node:crypto";
import pg from "pg";
import WebSocket from "ws";
import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { prepareReanchor } from "../server/domain/anchoring/reanchor.ts";
import { RoomDoc, type ThreadRecord } from "../shared/room-doc.ts";
import type { Block } from "../shared/schemas/documents.ts";
import { createScratchDatabase, dropDatabase } from "../test/helpers/postgres.ts";
import { probeHealth } from "./lib/health-probe.ts";
import { buildLargeText, readEssay } from "./lib/large-text.ts";
import { currentLoad, loadNote, median, ms, percentile, progress } from "./lib/measure.ts";
import { report } from "./lib/report.ts";
import { buildThreads, correctText, threadCount } from "./lib/reanchor-workload.ts";
import { call, openOwnedRoom, startScholia, type ServerProcess } from "./lib/scholia-fixture.ts";
import { storeRoom } from "./lib/store-room.ts";

const targetMs = 2_000;
const healthTargetMs = 50;
/** Moves timed: to the corrected version, back, and to it again. */
const moves = [2, 1, 2];

const versionBlocks = async (server: ServerProcess, cookie: string, documentId: string, n: number) =>
  (
    await call<{ version: { blocks: Block[] } }>(
      server.base,
      "GET",
      `/api/documents/${documentId}/versions/${n}`,
      { cookie },
    )
  ).version.blocks;

/** A reader's replica of the room's group document over the real sync endpoint, resolved once it has synced. */
async function openReplica(server: ServerProcess, roomId: string, cookie: string) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const provider = new WebsocketProvider(`${server.wsBase}/yjs/rooms`, roomId, doc, {
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    } as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    awareness,
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const room = new RoomDoc(doc);
  return {
    /** Resolves when the replica reads version `number`. */
    reads: (number: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (room.roomVersion()?.number !== number) return;
          doc.off("update", check);
          resolve();
        };
        doc.on("update", check);
        check();
      }),
    close: () => {
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
}

/** The reference: one UPDATE … FROM unnest of every thread's anchor, in a transaction rolled back. */
async function timeBulkUpdate(databaseUrl: string, threads: ThreadRecord[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const started = performance.now();
    await client.query(
      `UPDATE "Thread" t SET anchor = u.anchor, "blockId" = u.block
         FROM unnest($1::uuid[], $2::jsonb[], $3::text[]) AS u(id, anchor, block) WHERE t.id = u.id`,
      [
        threads.map((thread) => thread.id),
        threads.map((thread) => JSON.stringify({ ...thread.anchor, moved: true })),
        threads.map((thread) => thread.anchor.blockId),
      ],
    );
    const elapsed = performance.now() - started;
    await client.query("ROLLBACK");
    return elapsed;
  } finally {
    await client.end();
  }
}

async function main() {
  const loadAtStart = currentLoad();
  const database = await createScratchDatabase("scholia_bench_reanchor");
  let server: ServerProcess | undefined;
  try {
    server = await startScholia(database.url);
    const original = buildLargeText(readEssay());
    progress(`importing the ${(original.length / 1e6).toFixed(1)} MB text…`);
    const room = await openOwnedRoom(server.base, "Bench versions", original);
    const cookie = room.owner.cookie;
    const v1 = await versionBlocks(server, cookie, room.documentId, 1);
    const corrected = correctText(original);
    progress("importing the corrected version…");
    await call(server.base, "POST", `/api/documents/${room.documentId}/versions`, {
      cookie,
      text: corrected.text,
    });
    const v2 = await versionBlocks(server, cookie, room.documentId, 2);

    progress(`writing ${threadCount.toLocaleString("en")} threads…`);
    const paragraphs = v1.filter((block) => block.kind === "paragraph");
    const threads = buildThreads(paragraphs, { id: room.owner.id, name: "Bench Owner" });
    const doc = new Y.Doc();
    const roomDoc = new RoomDoc(doc);
    doc.transact(() => threads.forEach((thread) => roomDoc.putThread(thread)));
    await storeRoom(database.url, room.roomId, {
      state: Y.encodeStateAsUpdate(doc),
      threads,
      comments: [],
    });

    progress("reference: re-anchoring as pure code…");
    const pureTimes: number[] = [];
    const outcome = { unchanged: 0, moved: 0, detached: 0 };
    for (const [index, to] of moves.entries()) {
      const [from, onto] = to === 2 ? [v1, v2] : [v2, v1];
      const started = performance.now();
      const reanchorer = prepareReanchor(from, onto);
      for (const thread of threads) {
        const { status } = reanchorer.reanchor(thread.anchor);
        if (index === 0) outcome[status] += 1;
      }
      pureTimes.push(performance.now() - started);
    }
    const bulkMs = await timeBulkUpdate(database.url, threads);

    const rows: Record<string, string | number>[] = [
      {
        step: "reference: prepareReanchor + reanchor of every thread, pure, in the bench process",
        "median ms": ms(median(pureTimes)),
        "max ms": ms(Math.max(...pureTimes)),
        "reader has it, median ms": "–",
        "/healthz p99 ms": "–",
        "/healthz max ms": "–",
        target: "reference",
      },
      {
        step: `reference: one UPDATE … FROM unnest of ${threadCount.toLocaleString("en")} thread rows (SQL)`,
        "median ms": ms(bulkMs),
        "max ms": ms(bulkMs),
        "reader has it, median ms": "–",
        "/healthz p99 ms": "–",
        "/healthz max ms": "–",
        target: "reference",
      },
    ];
    // A reader in the room: it loads the room (as a room being moved has readers) and times the live arrival.
    const replica = await openReplica(server, room.roomId, cookie);
    // And one writer: the room's first mutation since it was loaded sets up its staging copy (a one-off of every
    // room, not of a move), as a room in use has done long before anyone moves it.
    await call(server.base, "POST", `/api/rooms/${room.roomId}/threads`, {
      cookie,
      headers: { "idempotency-key": randomUUID() },
      json: { anchor: { blockId: v1[1]!.anchorId }, body: "A thread written before the move." },
    });
    const moveTimes: number[] = [];
    const arrivalTimes: number[] = [];
    const probes: number[] = [];
    const counts: string[] = [];
    for (const to of moves) {
      progress(`moving the room to version ${to}…`);
      const probe = probeHealth(server.base);
      const started = performance.now();
      const arrived = replica.reads(to).then(() => arrivalTimes.push(performance.now() - started));
      const moved = await call<{ threads: Record<string, number> }>(
        server.base,
        "POST",
        `/api/rooms/${room.roomId}/version`,
        { cookie, json: { version: to } },
      );
      moveTimes.push(performance.now() - started);
      await arrived;
      probes.push(...(await probe.stop()));
      counts.push(`to ${to}: ${JSON.stringify(moved.threads)}`);
    }
    replica.close();
    console.log(
      server
        .output()
        .split("\n")
        .filter((l) => l.includes("TIMING"))
        .join("\n"),
    );
    rows.push({
      step: `POST /api/rooms/:roomId/version (${moves.join(" → ")})`,
      "median ms": ms(median(moveTimes)),
      "max ms": ms(Math.max(...moveTimes)),
      "reader has it, median ms": ms(median(arrivalTimes)),
      "/healthz p99 ms": ms(percentile(probes, 99)),
      "/healthz max ms": ms(Math.max(...probes)),
      target: `≤ ${targetMs} ms, /healthz p99 ≤ ${healthTargetMs} ms: ${
        Math.max(...moveTimes) <= targetMs && percentile(probes, 99) <= healthTargetMs ? "met" : "NOT met"
      }`,
    });
    await report(
      `Re-anchoring ${threadCount.toLocaleString("en")} threads onto a new version of a ${(original.length / 1e6).toFixed(1)} MB text`,
      rows,
      [
        `The text: the essay repeated with rotated paragraphs (bench/lib/large-text.ts), ${v1.length.toLocaleString("en")} blocks; every paragraph occurs in each copy, so each quote has look-alikes throughout the text. The corrected version (${v2.length.toLocaleString("en")} blocks): ${Object.entries(
          corrected.edits,
        )
          .map(([edit, n]) => `${n} paragraphs ${edit}`)
          .join(", ")}.`,
        `${threadCount.toLocaleString("en")} group threads written into the room's snapshot and rows (one in five on a whole paragraph, the rest on words 4–10 of a paragraph). Outcome of the first move, pure: ${JSON.stringify(outcome)}; from the server: ${counts.join("; ")}.`,
        `Each move is one request to a real server process (re-anchor, one commit of the room documents and rows, fan-out), timed by the client, and until a reader's replica connected over the sync endpoint has the new version; /healthz is asked every 20 ms during the moves (${probes.length} answers). The pure reference runs the same re-anchoring in the bench process (median of ${moves.length}); the SQL reference updates the same rows in one statement on one connection and rolls back.`,
        loadNote(loadAtStart),
      ],
    );
  } catch (error) {
    if (server) console.error(`The server's output:\n${server.output().slice(-3000)}`);
    throw error;
  } finally {
    await server?.stop();
    await dropDatabase(database.name);
  }
}

await main();
