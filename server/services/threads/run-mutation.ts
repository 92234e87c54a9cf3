// The one path by which a room document changes: apply to staging, commit the Yjs update, the relational rows and
// the idempotency record in one transaction (refused whole if the room is archived), and only then publish to readers and answer. Mutations that arrive
// while a commit is in flight are committed together in the next transaction (group commit), so one busy room
// is not limited to one database round trip per mutation.
import * as Y from "yjs";
import { RoomDoc, type RoomScope } from "../../../shared/room-doc.ts";
import { AppError } from "../../domain/app-error.ts";
import { assertNotArchived } from "../../domain/assignments.ts";
import { lockArchivedAt } from "../../data/assignments.ts";
import { CommitOutcomeUnknown, inSqlTransaction, type SqlTx } from "../../data/db.ts";
import { isDiscussionIdTaken } from "../../data/discussion-rows.ts";
import { findMutations, insertMutations, isIdTaken, type StoredMutation } from "../../data/mutations.ts";
import { appendRoomUpdate } from "../../data/room-updates.ts";
import type { DiscussionEvent } from "../../domain/notifications/events.ts";
import type { ServiceContext } from "../context.ts";
import {
  publishNotifications,
  recordBatchNotifications,
  type StoredNotification,
} from "../notifications/record-notifications.ts";
import type { RoomDocument } from "../room-store/room-document.ts";

/** What a mutation does: change the document, then write the matching rows. */
export interface MutationPlan<R> {
  /** The response body sent now and to every retry. */
  response: R;
  persist(tx: SqlTx): Promise<unknown>;
  /** What happened, for notifications: recorded in the same transaction, delivered after it commits. */
  events?: DiscussionEvent[];
}

/** Who asks for a mutation, in which room, under which idempotency key, for what exactly. */
export interface MutationTarget {
  roomId: string;
  userId: string;
  /** The client's idempotency key (the new id, for creations). */
  key: string;
  /**
   * A digest of the whole request (user, method, route, room, ids, parsed body): a key is answered from its
   * record only for the request it was first used for.
   */
  fingerprint: string;
}

export interface MutationRequest extends MutationTarget {
  scope: RoomScope;
  /** HTTP status of a first success (201 for creations). */
  status: number;
}

export interface MutationOutcome<R> {
  status: number;
  body: R;
  replayed: boolean;
}

interface Job {
  request: MutationRequest;
  change: (doc: RoomDoc) => MutationPlan<unknown>;
  resolve: (outcome: MutationOutcome<unknown>) => void;
  reject: (error: unknown) => void;
  /**
   * How a job is retried after its batch failed: "checked" in a batch that first looks up earlier results,
   * "alone" (checked too) in a transaction of its own.
   */
  retry?: "checked" | "alone";
}

/** Largest number of mutations committed in one transaction. */
const maxBatch = 64;
const queues = new WeakMap<RoomDocument, Job[]>();
/**
 * Updates of transactions that failed without saying whether they committed (CommitOutcomeUnknown), by mutation
 * key. Whichever idempotency lookup next sees one of these keys settles it: found, the update is published after
 * all; not found, it is forgotten.
 */
const uncertain = new WeakMap<RoomDocument, Map<string, Uint8Array>>();
/** Uncertain updates remembered per document; the oldest are forgotten first (a room reload reads the truth). */
const maxUncertain = 1_000;

/**
 * Runs `change` against the staging document. `change` validates (throwing AppError before touching the
 * document) and mutates the document through RoomDoc, returning the plan to persist.
 */
export async function runMutation<R>(
  ctx: ServiceContext,
  request: MutationRequest,
  change: (doc: RoomDoc) => MutationPlan<R>,
): Promise<MutationOutcome<R>> {
  const document = await ctx.rooms.open(request.roomId, request.scope);
  return new Promise((resolve, reject) => {
    const queue = queues.get(document) ?? [];
    queues.set(document, queue);
    queue.push({ request, change, resolve: resolve as Job["resolve"], reject });
    if (queue.length === 1) void document.lock.run(() => drain(ctx, document, queue));
  });
}

/** Commits queued jobs batch by batch until the queue is empty. Runs under the document's lock. */
async function drain(ctx: ServiceContext, document: RoomDocument, queue: Job[]): Promise<void> {
  while (queue.length > 0) {
    let size = 1;
    if (queue[0]!.retry !== "alone") {
      while (size < Math.min(maxBatch, queue.length) && queue[size]!.retry !== "alone") size += 1;
    }
    const batch = queue.slice(0, size);
    try {
      await commitBatch(ctx, document, batch, queue);
    } catch (error) {
      // Whatever the batch applied to staging was not committed: the next batch must not build on it.
      document.resetStaging();
      for (const job of batch) job.reject(error);
    }
    queue.splice(0, size);
  }
}

async function commitBatch(
  ctx: ServiceContext,
  document: RoomDocument,
  batch: Job[],
  queue: Job[],
): Promise<void> {
  const roomId = batch[0]!.request.roomId;
  const lookUp = async (keys: string[]) => {
    const found = new Map((await findMutations(ctx.db, roomId, keys)).map((row) => [row.key, row]));
    settleUncertain(ctx, document, keys, found);
    return found;
  };
  // Fresh batches skip the idempotency lookup, a round trip every commit would pay for the rare retry: a key used
  // before fails the Mutation insert, which rolls the whole transaction back, and the batch is tried again after
  // one lookup. A refusal may be the retry of something that succeeded, so it looks its key up before answering.
  const checked = batch.some((job) => job.retry !== undefined);
  const earlier = checked
    ? await lookUp(batch.map((job) => job.request.key))
    : new Map<string, StoredMutation>();
  const staging = document.staging;
  const start = Y.encodeStateVector(staging);
  const accepted: { job: Job; plan: MutationPlan<unknown> }[] = [];
  const acceptedKeys = new Set<string>();
  /** Refused repeats of a key accepted earlier in this batch: answered with its result once it is committed. */
  const repeats: Job[] = [];
  for (const [index, job] of batch.entries()) {
    const replay = earlier.get(job.request.key);
    if (replay) {
      settle(job, () => outcomeOf(replay, job.request));
      continue;
    }
    if (acceptedKeys.has(job.request.key)) {
      repeats.push(job); // answered from the record of the first once it is committed
      continue;
    }
    let changed = false;
    const onUpdate = () => (changed = true);
    staging.on("update", onUpdate);
    let refusal: { error: unknown } | undefined;
    try {
      let plan: MutationPlan<unknown> | undefined;
      staging.transact(() => {
        plan = job.change(new RoomDoc(staging));
      });
      accepted.push({ job, plan: plan! });
      acceptedKeys.add(job.request.key);
    } catch (error) {
      refusal = { error };
    } finally {
      staging.off("update", onUpdate);
    }
    if (!refusal) continue;
    if (changed) {
      // A refusal must come before any change; if one slipped through, start this batch again without it.
      job.reject(refusal.error);
      document.resetStaging();
      requeue(
        queue,
        batch.length,
        [...accepted.map((entry) => entry.job), ...repeats, ...batch.slice(index + 1)],
        "alone",
      );
      return;
    }
    if (checked) job.reject(refusal.error);
    else {
      // Answered in its place in the batch, so a refused mutation is never re-run after later ones.
      const found = (await lookUp([job.request.key])).get(job.request.key);
      if (found) settle(job, () => outcomeOf(found, job.request));
      else job.reject(refusal.error);
    }
  }
  // Every job was answered (replayed or refused); repeats only follow an accepted key, so there are none.
  if (accepted.length === 0) return;
  const update = Y.encodeStateAsUpdate(staging, start);
  let notifications: StoredNotification[];
  try {
    notifications = await inSqlTransaction(ctx.db, async (tx) => {
      // Here, not before: a room archived while this batch waited must refuse it (archiving locks the row).
      assertNotArchived({ archivedAt: (await lockArchivedAt(tx, roomId)) ?? null });
      await appendRoomUpdate(tx, roomId, document.scope, update);
      for (const { plan } of accepted) await plan.persist(tx);
      // After the rows: who may be notified depends on the thread as this batch leaves it.
      const stored = await recordBatchNotifications(
        tx,
        roomId,
        accepted.flatMap(({ job, plan }) =>
          (plan.events ?? []).map((event) => ({ key: job.request.key, event })),
        ),
        ctx.now(),
      );
      await insertMutations(
        tx,
        roomId,
        accepted.map(({ job, plan }) => ({
          key: job.request.key,
          userId: job.request.userId,
          status: job.request.status,
          response: plan.response,
          fingerprint: job.request.fingerprint,
        })),
      );
      return stored;
    });
  } catch (error) {
    document.resetStaging();
    if (error instanceof CommitOutcomeUnknown) {
      rememberUncertain(
        document,
        accepted.map(({ job }) => job.request.key),
        update,
      );
    }
    if (batch[0]!.retry === "alone") throw explainCommitFailure(error); // nothing left to separate
    // Unchecked, the likely cause is a retried key: try the batch again after one lookup. Checked, one bad mutation
    // must not fail the others: retry each in a transaction of its own.
    requeue(
      queue,
      batch.length,
      [...accepted.map((entry) => entry.job), ...repeats],
      checked ? "alone" : "checked",
    );
    return;
  }
  document.commit(update);
  ctx.rooms.noteCommitted(document);
  publishNotifications(ctx, notifications);
  // An earlier attempt of these keys whose outcome was unknown did not commit after all (this one did).
  const stale = uncertain.get(document);
  for (const { job } of accepted) stale?.delete(job.request.key);
  for (const { job, plan } of accepted) {
    job.resolve({ status: job.request.status, body: plan.response, replayed: false });
  }
  requeue(queue, batch.length, repeats, "alone");
}

function rememberUncertain(document: RoomDocument, keys: string[], update: Uint8Array): void {
  const updates = uncertain.get(document) ?? new Map<string, Uint8Array>();
  uncertain.set(document, updates);
  for (const key of keys) updates.set(key, update);
  for (const key of updates.keys()) {
    if (updates.size <= maxUncertain) break;
    updates.delete(key);
  }
}

/** Publishes the uncertain updates whose keys turned out to be committed, and forgets those that were not. */
function settleUncertain(
  ctx: ServiceContext,
  document: RoomDocument,
  keys: string[],
  found: Map<string, StoredMutation>,
): void {
  const updates = uncertain.get(document);
  if (!updates) return;
  const committed = new Set<Uint8Array>();
  for (const key of keys) {
    const update = updates.get(key);
    if (!update) continue;
    updates.delete(key);
    if (found.has(key)) committed.add(update);
  }
  for (const update of committed) {
    document.commitLate(update);
    ctx.rooms.noteCommitted(document);
  }
}

/**
 * Queues `jobs` to be retried (see Job.retry) right after the current batch, which drain() removes (`batchLength`
 * entries) once this returns. Jobs already answered (replays, refusals) are not passed in.
 */
function requeue(queue: Job[], batchLength: number, jobs: Job[], retry: "checked" | "alone"): void {
  queue.splice(batchLength, 0, ...jobs.map((job) => ({ ...job, retry })));
}

function settle(job: Job, outcome: () => MutationOutcome<unknown>): void {
  try {
    job.resolve(outcome());
  } catch (error) {
    job.reject(error);
  }
}

/** The first answer to a retried request; a key reused for anything else changes nothing and is refused. */
function outcomeOf(stored: StoredMutation, request: MutationRequest): MutationOutcome<unknown> {
  const same =
    stored.userId === request.userId && (stored.fingerprint ?? request.fingerprint) === request.fingerprint;
  if (!same) throw keyReused();
  return { status: stored.status, body: stored.response, replayed: true };
}

const keyReused = () =>
  new AppError(
    "idempotency_key_reused",
    "This Idempotency-Key was already used for a different request, which it still stands for; nothing was " +
      "changed. Send each new change with a new key, and reuse a key only to retry the very same request.",
    [{ field: "Idempotency-Key", message: "was already used for a different request" }],
  );

/**
 * Refuses a new thread or reply whose id (its idempotency key) already names a thread or reply, in this room or
 * another: ids are the client's, and one must never shadow another's content or be claimed by an outsider.
 */
export async function assertNewId(ctx: ServiceContext, target: MutationTarget): Promise<void> {
  if (await isIdTaken(ctx.db, target.roomId, target.key)) throw idTaken();
}

const idTaken = () =>
  new AppError(
    "id_taken",
    "This id is already taken; send the new thread or reply with a new Idempotency-Key.",
    [{ field: "Idempotency-Key", message: "is already the id of another thread or reply" }],
  );

/** A creation that raced another one to the same id (in another room, so no record of ours names it) lost. */
function explainCommitFailure(error: unknown): unknown {
  return isDiscussionIdTaken(error) ? idTaken() : error;
}
