// The one path by which a room document changes: under the room document's write lock (shared by every server on
// the database), bring the copy up to the log, apply to staging, commit the Yjs update at the next log position,
// the relational rows and the idempotency record in one transaction (refused whole if the room is archived), and
// only then publish to readers and the other servers, and answer. Mutations that arrive while a commit is in flight
// are committed together in the next transaction (group commit), so one busy room is not limited to one database
// round trip per mutation.
import * as Y from "yjs";
import { RoomDoc, type RoomScope } from "../../../shared/room-doc.ts";
import { AppError } from "../../domain/app-error.ts";
import { assertNotArchived } from "../../domain/assignments.ts";
import { inSqlTransaction, type SqlTx } from "../../data/db.ts";
import { isDiscussionIdTaken } from "../../data/discussion-rows.ts";
import { findMutations, insertMutations, type StoredMutation } from "../../data/mutations.ts";
import { roomLogLockAndRead, roomLogOpened } from "../../data/room-updates.ts";
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
  let staged: Staged | undefined;
  /** Whether staging sent the batch back to the queue (its jobs are answered when they run again). */
  let requeued = false;
  let seq = 0;
  let notifications: StoredNotification[];
  try {
    // Every server sharing the database writes this document one transaction at a time (the lock is taken with
    // BEGIN): records are replaced whole in the Y.Doc, so two servers applying mutations to copies that each lack
    // the other's would leave the document ordered by Yjs client ids and the rows by commit order. Under the lock,
    // the copy first takes what others committed, and the batch is applied to it only then.
    notifications = await inSqlTransaction(
      ctx.db,
      async (tx, opened) => {
        const { head, archivedAt } = roomLogOpened(opened);
        await ctx.rooms.catchUp(document, tx, head);
        staged = await stage(ctx, tx, document, batch, queue);
        if (!staged) requeued = true;
        if (!staged || staged.accepted.length === 0) return [];
        const { accepted, update } = staged;
        seq = head + 1;
        // Read under the lock, not before it: a room archived while this batch waited must refuse it (archiving locks
        // the room's row, which this transaction now holds for share). Refused after staging, so that retried keys
        // are still answered from their records.
        assertNotArchived({ archivedAt });
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
          { scope: document.scope, seq, update },
        );
        return stored;
      },
      roomLogLockAndRead(roomId, document.scope),
    );
  } catch (error) {
    document.resetStaging();
    if (requeued) return; // the empty transaction failed; the jobs wait in the queue to be tried again
    // Failed before any job was tried (the lock or the log could not be read): nothing to separate.
    if (!staged) throw error;
    // A COMMIT whose answer was lost may have gone through: the next batch finds it in the log (catchUp) and its
    // retried keys answered from their records.
    const { accepted, repeats, checked } = staged;
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
  // Every job was answered (replayed or refused) or sent back to the queue: nothing was written.
  if (!staged || staged.accepted.length === 0) return;
  const { accepted, repeats, update } = staged;
  document.commit(update);
  ctx.rooms.published(document, [{ seq, update }]);
  ctx.rooms.noteCommitted(document);
  publishNotifications(ctx, notifications);
  for (const { job, plan } of accepted) {
    job.resolve({ status: job.request.status, body: plan.response, replayed: false });
  }
  requeue(queue, batch.length, repeats, "alone");
}

/** What a batch left to commit after it was tried on staging. */
interface Staged {
  accepted: { job: Job; plan: MutationPlan<unknown> }[];
  /** Refused repeats of a key accepted earlier in this batch: answered with its result once it is committed. */
  repeats: Job[];
  /** Everything the accepted jobs changed in staging, as one Yjs update. */
  update: Uint8Array;
  /** Whether the batch looked its keys up first (see Job.retry). */
  checked: boolean;
}

/**
 * Tries the batch's jobs on staging, answering replays and refusals on the spot. Returns what is left to commit,
 * or undefined when a refusal changed staging and the batch was sent back to the queue to start again without it.
 */
async function stage(
  ctx: ServiceContext,
  tx: SqlTx,
  document: RoomDocument,
  batch: Job[],
  queue: Job[],
): Promise<Staged | undefined> {
  const roomId = batch[0]!.request.roomId;
  const lookUp = async (keys: string[]) =>
    new Map((await findMutations(tx, roomId, keys)).map((row) => [row.key, row]));
  // Fresh batches skip the idempotency lookup, a round trip every commit would pay for the rare retry: a key used
  // before fails the Mutation insert, which rolls the whole transaction back, and the batch is tried again after
  // one lookup. A refusal may be the retry of something that succeeded, so it looks its key up before answering.
  const checked = batch.some((job) => job.retry !== undefined);
  const earlier = checked
    ? await lookUp(batch.map((job) => job.request.key))
    : new Map<string, StoredMutation>();
  const staging = document.staging;
  // Each accepted job's change as its transaction reported it: encoding the batch afterwards as a diff against the
  // state before it would also walk every deletion the document holds, on every commit.
  const changes: Uint8Array[] = [];
  const accepted: Staged["accepted"] = [];
  const acceptedKeys = new Set<string>();
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
    const onUpdate = (update: Uint8Array) => {
      changed = true;
      changes.push(update);
    };
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
      return undefined;
    }
    if (checked) job.reject(refusal.error);
    else {
      // Answered in its place in the batch, so a refused mutation is never re-run after later ones.
      const found = (await lookUp([job.request.key])).get(job.request.key);
      if (found) settle(job, () => outcomeOf(found, job.request));
      else job.reject(refusal.error);
    }
  }
  return { accepted, repeats, update: Y.mergeUpdates(changes), checked };
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
 * The refusal of a new thread or reply whose id (its idempotency key) already names a thread or reply, in this room
 * or another: ids are the client's, and one must never shadow another's content or be claimed by an outsider.
 */
export const idTaken = () =>
  new AppError(
    "id_taken",
    "This id is already taken; send the new thread or reply with a new Idempotency-Key.",
    [{ field: "Idempotency-Key", message: "is already the id of another thread or reply" }],
  );

/** A creation that raced another one to the same id (in another room, so no record of ours names it) lost. */
function explainCommitFailure(error: unknown): unknown {
  return isDiscussionIdTaken(error) ? idTaken() : error;
}
