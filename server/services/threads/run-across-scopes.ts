// A change to both documents of a room at once (a version move re-anchors the group's threads and the
// instructors'): both documents' Yjs updates and the rows commit in one SQL transaction, or nothing does.
//
// Why not two runMutation calls: each commits on its own, so a crash or a refused second commit would leave one
// document on the new version and the other on the old, and the rows agreeing with only one of them. Here both
// documents' in-process locks are held throughout (always in roomScopes order, so two such changes cannot deadlock;
// runMutation takes only one lock, so it never waits on a second while holding one), mutations queued meanwhile wait
// behind them and then run against staging documents that already hold this change. Other servers are not held
// up while the change is worked out: their writes are looked for at commit, under both documents' write locks, and
// the change is worked out again on top of them if there were any.
//
// A change may be large (a version move rewrites thousands of records), so it writes in several Yjs transactions
// with the event loop given a turn between them, and the committed documents take those updates one at a time the
// same way: readers get the change in a few updates, all committed to Postgres before the first is published.
import { setImmediate } from "node:timers/promises";
import { RoomDoc, roomScopes, type RoomScope } from "../../../shared/room-doc.ts";
import { CommitOutcomeUnknown, inSqlTransaction, type Db, type SqlTx } from "../../data/db.ts";
import { appendRoomUpdate, lockRoomLog } from "../../data/room-updates.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomDocument } from "../room-store/room-document.ts";

/** What a change across scopes does: change the documents, then write the matching rows. */
export interface ScopesPlan<R> {
  response: R;
  /** Writes the rows (and checks what must hold under the transaction's row locks, throwing to refuse). */
  persist(tx: SqlTx): Promise<unknown>;
  /** Whether the transaction committed after all, when COMMIT got no answer (read back from the rows). */
  committedAfterAll(db: Db): Promise<boolean>;
}

/**
 * Changes the staging documents and answers the plan. It may take its time and write in several transactions (the
 * locks are held, so nothing else writes meanwhile); throwing (an AppError) refuses the change.
 */
export type ScopesChange<R> = (docs: Record<RoomScope, RoomDoc>) => Promise<ScopesPlan<R>>;

/**
 * Runs `change` on the staging documents of every scope of room `roomId` under both documents' locks, commits the
 * documents' updates and `persist` in one transaction, then publishes the updates to readers. Whatever was done
 * to staging is thrown away when anything throws. Resolves with the plan's response once committed and published.
 */
export async function runAcrossScopes<R>(
  ctx: ServiceContext,
  roomId: string,
  change: ScopesChange<R>,
): Promise<R> {
  const documents = await Promise.all(roomScopes.map((scope) => ctx.rooms.open(roomId, scope)));
  return holdingAll(documents, async () => {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await attemptAcrossScopes(ctx, roomId, documents, change);
      if (outcome.done) return outcome.response;
      if (attempt === maxAttempts) throw roomTooBusy();
    }
  });
}

/** Tries before giving up when other servers keep writing to the room while the change is worked out. */
const maxAttempts = 5;

/**
 * One try: bring the copies level with the log, work the change out on staging (outside any transaction: a version
 * move's re-anchoring takes seconds and reads the database, which must not wait on a connection this holds), then
 * take both documents' write locks, shared by every server (in roomScopes order, so two such changes cannot
 * deadlock), and commit only if no other server wrote to the room meanwhile. Otherwise nothing is written, staging
 * is thrown away, and the caller tries again from the new log position.
 */
async function attemptAcrossScopes<R>(
  ctx: ServiceContext,
  roomId: string,
  documents: RoomDocument[],
  change: ScopesChange<R>,
): Promise<{ done: true; response: R } | { done: false }> {
  let plan: ScopesPlan<R> | undefined;
  let slices: Uint8Array[][] = [];
  const heads: number[] = [];
  try {
    for (const document of documents) await ctx.rooms.catchUp(document, ctx.db);
    heads.push(...documents.map((document) => document.seq));
    const docs = Object.fromEntries(
      documents.map((document) => [document.scope, new RoomDoc(document.staging)]),
    ) as Record<RoomScope, RoomDoc>;
    slices = await recordingUpdates(documents, async () => (plan = await change(docs)));
    const level = await inSqlTransaction(ctx.db, async (tx) => {
      for (const [index, document] of documents.entries()) {
        if ((await lockRoomLog(tx, roomId, document.scope)) !== heads[index]) return false;
      }
      // Slice by slice, as the documents took them: merging megabytes of updates would hold the event loop.
      for (const [index, document] of documents.entries()) {
        for (const [at, slice] of slices[index]!.entries()) {
          await appendRoomUpdate(tx, roomId, document.scope, slice, heads[index]! + 1 + at);
        }
      }
      await plan!.persist(tx);
      return true;
    });
    if (!level) {
      for (const document of documents) document.resetStaging();
      return { done: false };
    }
  } catch (error) {
    for (const document of documents) document.resetStaging();
    const committed =
      error instanceof CommitOutcomeUnknown && plan !== undefined && (await plan.committedAfterAll(ctx.db));
    if (!committed) throw error;
  }
  for (const [index, document] of documents.entries()) {
    const entries = slices[index]!.map((update, at) => ({ seq: heads[index]! + 1 + at, update }));
    for (const [at, { update }] of entries.entries()) {
      if (at > 0) await setImmediate();
      document.commit(update);
    }
    ctx.rooms.published(document, entries);
    ctx.rooms.noteCommitted(document);
  }
  return { done: true, response: plan!.response };
}

const roomTooBusy = () =>
  new AppError(
    "unavailable",
    "The room kept changing on other servers while this change was being prepared; nothing was changed. Try again in a moment.",
  );

/** The updates each document's staging copy emits while `work` runs, transaction by transaction. */
async function recordingUpdates(documents: readonly RoomDocument[], work: () => Promise<unknown>) {
  const slices = documents.map(() => [] as Uint8Array[]);
  const listeners = documents.map((document, index) => {
    const listener = (update: Uint8Array) => slices[index]!.push(update);
    document.staging.on("update", listener);
    return listener;
  });
  try {
    await work();
  } finally {
    for (const [index, document] of documents.entries()) document.staging.off("update", listeners[index]!);
  }
  return slices;
}

/** Runs `work` holding the locks of `documents`, taken one after the other in the order given. */
function holdingAll<T>(documents: readonly RoomDocument[], work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = documents;
  return first ? first.lock.run(() => holdingAll(rest, work)) : work();
}
