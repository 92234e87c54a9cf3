// Loads each room document once (under a single-flight load), keeps it in memory, compacts its update log, and
// keeps it level with the log when other servers write to it too (their notices on the bus, the log for the rest).
import type { Logger } from "pino";
import type { RoomScope } from "../../../shared/room-doc.ts";
import type { Db, SqlTx } from "../../data/db.ts";
import { compactRoomState, loadRoomLogPositions, loadRoomState } from "../../data/room-updates.ts";
import { LocalRoomBus, type RoomBus, type RoomUpdateNotice } from "./room-bus.ts";
import { RoomDocument } from "./room-document.ts";
import { StateMerger } from "./state-merger.ts";

/** Merge the update log into the snapshot after this many appended updates. */
const compactEvery = 500;
/** A room nobody reads or writes is dropped from memory after this long (it reloads from the database). */
const idleUnloadMs = 10 * 60 * 1000;
/**
 * With other servers, how often the loaded documents' log positions are compared with the database: a notice lost
 * on the way (and not followed by another, which would show the gap) is picked up within this long.
 */
const logCheckMs = 2_000;

export class RoomRegistry {
  private readonly loaded = new Map<string, Promise<RoomDocument>>();
  /** Compactions in flight, by room and scope. */
  private readonly compacting = new Map<string, Promise<void>>();
  private readonly lastUsed = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly logCheck: NodeJS.Timeout | undefined;
  private readonly merger: StateMerger;
  /** The log check running now, which a second caller joins rather than starting another. */
  private checkingLog: Promise<void> | undefined;
  private logCheckFailing = false;
  /** Documents whose catch-up from the log is queued or running. */
  private readonly catchingUp = new Set<RoomDocument>();

  /**
   * @param encodeUpdateMessage wraps a committed update in the wire message readers receive (encoded once per
   *   update, shared by every reader).
   * @param bus where committed updates are published to the other servers and theirs heard of.
   */
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly encodeUpdateMessage: (update: Uint8Array) => Uint8Array,
    private readonly bus: RoomBus = new LocalRoomBus(),
  ) {
    this.merger = new StateMerger(logger);
    this.sweeper = setInterval(() => void this.unloadIdle(Date.now() - idleUnloadMs), 60_000);
    this.sweeper.unref();
    if (bus.shared) {
      bus.listen({
        notice: (notice) => {
          if (notice.kind === "room") this.hear(notice);
        },
        resync: () => void this.checkLog(),
      });
      this.logCheck = setInterval(() => void this.checkLog(), logCheckMs);
      this.logCheck.unref();
    }
  }

  /**
   * Records that `document` now holds the log up to the last of `entries` (just committed by this server, in log
   * order) and tells the other servers. Called under the document's lock.
   */
  published(document: RoomDocument, entries: { seq: number; update: Uint8Array }[]): void {
    for (const { seq, update } of entries) {
      document.seq = Math.max(document.seq, seq);
      this.bus.publish({ kind: "room", roomId: document.roomId, scope: document.scope, seq, update });
    }
  }

  /**
   * Brings `document` up to the log's position `head` (read under the write lock; without it, whatever the log
   * holds now), reading what it lacks through `source` (the caller's transaction, so that it reads what the lock
   * protects). Called under the document's lock.
   */
  async catchUp(document: RoomDocument, source: Db | SqlTx, head?: number): Promise<void> {
    if (head !== undefined && head <= document.seq) return;
    document.catchUp(await loadRoomState(source, document.roomId, document.scope, document.seq));
  }

  /** Another server committed `notice`: the next update in the log is applied, a gap is filled from the log. */
  private hear(notice: RoomUpdateNotice): void {
    const pending = this.loaded.get(`${notice.roomId}:${notice.scope}`);
    if (!pending) return; // not loaded here: a later load reads it from the database
    void pending
      .then((document) =>
        document.lock.run(async () => {
          if (notice.seq <= document.seq) return;
          if (notice.seq === document.seq + 1) {
            document.commitLate(notice.update);
            document.seq = notice.seq;
          } else await this.catchUp(document, this.db, notice.seq);
        }),
      )
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, roomId: notice.roomId, scope: notice.scope },
          "could not catch up with another server's room update; retried from the log within seconds",
        ),
      );
  }

  /** Compares every loaded document with the log and catches up those behind it (lost notices, a Redis outage). */
  async checkLog(): Promise<void> {
    if (this.checkingLog) return this.checkingLog;
    this.checkingLog = this.checkLogNow().finally(() => (this.checkingLog = undefined));
    return this.checkingLog;
  }

  private async checkLogNow(): Promise<void> {
    const documents: RoomDocument[] = [];
    for (const pending of this.loaded.values()) {
      const document = await pending.catch(() => undefined);
      if (document) documents.push(document);
    }
    let heads: Map<string, number>;
    try {
      heads = await loadRoomLogPositions(this.db, documents);
    } catch (error) {
      if (this.logCheckFailing) return; // one line per outage, not one every 2 s
      this.logCheckFailing = true;
      this.logger.warn(
        { err: error },
        "could not compare loaded rooms with the database log (is the database reachable?); retrying every 2 s",
      );
      return;
    }
    if (this.logCheckFailing) this.logger.info("comparing loaded rooms with the database log again");
    this.logCheckFailing = false;
    for (const document of documents) {
      const head = heads.get(`${document.roomId}:${document.scope}`) ?? 0;
      // Not waited for: a room whose lock is busy (a long queue of commits, which catch up by themselves) must not
      // hold up the others' catch-up, and a room already catching up is not queued twice.
      if (head <= document.seq || this.catchingUp.has(document)) continue;
      this.catchingUp.add(document);
      void document.lock
        .run(() => this.catchUp(document, this.db, head))
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, roomId: document.roomId, scope: document.scope },
            "could not catch up a room with the database log; retried at the next check",
          ),
        )
        .finally(() => this.catchingUp.delete(document));
    }
  }

  /** The loaded document; concurrent callers share one load, and a failed load is not kept. */
  open(roomId: string, scope: RoomScope): Promise<RoomDocument> {
    const key = `${roomId}:${scope}`;
    this.lastUsed.set(key, Date.now());
    let pending = this.loaded.get(key);
    if (!pending) {
      pending = this.load(roomId, scope);
      this.loaded.set(key, pending);
      pending.catch(() => this.loaded.delete(key));
    }
    return pending;
  }

  /** Counts a committed update and compacts in the background when the log has grown. */
  noteCommitted(document: RoomDocument): void {
    document.updatesSinceCompaction += 1;
    if (document.updatesSinceCompaction >= compactEvery) void this.compact(document);
  }

  /**
   * Drops documents unused since `before` that have no readers, compacting their log first. Safe without a lock:
   * every committed update is already in the database, so a later open() reloads the same content.
   */
  async unloadIdle(before: number): Promise<number> {
    let unloaded = 0;
    for (const [key, pending] of this.loaded) {
      if ((this.lastUsed.get(key) ?? 0) >= before) continue;
      const document = await pending.catch(() => undefined);
      if (!document || document.listeners.size > 0) continue;
      if (document.updatesSinceCompaction > 0) await this.compact(document);
      if ((this.lastUsed.get(key) ?? 0) >= before) continue; // used again while compacting
      this.loaded.delete(key);
      this.lastUsed.delete(key);
      document.destroy();
      unloaded += 1;
    }
    return unloaded;
  }

  /** Compacts the logs of loaded rooms (for at most `compactMs`), so that the next start serves snapshots. */
  async close(compactMs = 5_000): Promise<void> {
    clearInterval(this.sweeper);
    clearInterval(this.logCheck);
    const pending = [...this.loaded.values()].map(async (loading) => {
      const document = await loading.catch(() => undefined);
      if (document && document.updatesSinceCompaction > 0) await this.compact(document);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...pending, this.whenCompacted()]),
      new Promise((resolve) => (timer = setTimeout(resolve, compactMs))),
    ]);
    clearTimeout(timer);
    await this.merger.close();
  }

  /** Resolves once the compactions running now have finished. */
  async whenCompacted(): Promise<void> {
    await Promise.all(this.compacting.values());
  }

  /** Merges the room's log into its snapshot; while one merge of the room runs, callers share it. */
  compact(document: RoomDocument): Promise<void> {
    const key = `${document.roomId}:${document.scope}`;
    let running = this.compacting.get(key);
    if (!running) {
      running = this.compactNow(document).finally(() => this.compacting.delete(key));
      this.compacting.set(key, running);
    }
    return running;
  }

  private async compactNow(document: RoomDocument): Promise<void> {
    document.updatesSinceCompaction = 0;
    try {
      const merged = await compactRoomState(this.db, document.roomId, document.scope, this.merger.merge);
      this.logger.debug(
        { roomId: document.roomId, scope: document.scope, merged },
        "compacted room update log",
      );
    } catch (error) {
      this.logger.warn(
        { err: error, roomId: document.roomId },
        "room compaction failed; the log is kept and retried later",
      );
    }
  }

  private async load(roomId: string, scope: RoomScope): Promise<RoomDocument> {
    const started = performance.now();
    const state = await loadRoomState(this.db, roomId, scope);
    const updates = [...(state.snapshot ? [state.snapshot] : []), ...state.updates.map((row) => row.update)];
    const document = new RoomDocument(roomId, scope, updates, this.encodeUpdateMessage);
    document.seq = state.seq;
    document.updatesSinceCompaction = state.updates.length;
    // Logged updates make the next cold load build the Y.Doc before its first reader is served (see RoomDocument):
    // merging them now lets that load send the snapshot as it is.
    if (state.updates.length > 0) void this.compact(document);
    this.logger.info(
      {
        roomId,
        scope,
        snapshotBytes: state.snapshot?.byteLength ?? 0,
        loggedUpdates: state.updates.length,
        loadMs: Math.round(performance.now() - started),
      },
      "loaded room document from the database",
    );
    return document;
  }
}
