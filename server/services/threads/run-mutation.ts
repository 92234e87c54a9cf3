// The one path by which a room document changes: apply to staging, commit the Yjs update, the relational rows and
// the idempotency record in one transaction, and only then publish to readers and answer. Mutations that arrive
// while a commit is in flight are committed together in the next transaction (group commit), so one busy room
// is not limited to one database round trip per mutation.
import * as Y from "yjs";
import { RoomDoc, type RoomScope } from "../../../shared/room-doc.ts";
import { AppError } from "../../domain/app-error.ts";
import { findMutations, insertMutations, type StoredMutation } from "../../data/mutations.ts";
import { appendRoomUpdate } from "../../data/room-updates.ts";
import { inTransaction, type SqlTx } from "../../data/sql.ts";
import type { ServiceContext } from "../context.ts";
import type { RoomDocument } from "../room-store/room-document.ts";

/** What a mutation does: change the document, then write the matching rows. */
export interface MutationPlan<R> {
  /** The response body sent now and to every retry. */
  response: R;
  persist(tx: SqlTx): Promise<unknown>;
}

export interface MutationRequest {
  roomId: string;
  scope: RoomScope;
  userId: string;
  /** The client's idempotency key. */
  key: string;
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
  /** Set after a failed group commit: this job is retried in a transaction of its own. */
  alone?: boolean;
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
    const size = queue[0]!.alone ? 1 : Math.min(maxBatch, queue.length);
    const batch = queue.slice(0, size);
    try {
      await commitBatch(ctx, document, batch, queue);
    } catch (error) {
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
  // Batches skip the idempotency lookup, a round trip every commit would pay for the rare retry: a key used
  // before fails the Mutation insert, which rolls the whole transaction back, and a refusal may be a retry of
  // something that succeeded. Either way the job is retried alone, and alone jobs look for an earlier result first.
  const checked = batch[0]!.alone === true;
  const earlier = checked
    ? new Map(
        (
          await findMutations(
            ctx.sql,
            roomId,
            batch.map((job) => job.request.key),
          )
        ).map((row) => [row.key, row]),
      )
    : new Map<string, StoredMutation>();
  const staging = document.staging;
  const start = Y.encodeStateVector(staging);
  const accepted: { job: Job; plan: MutationPlan<unknown> }[] = [];
  const retryAlone: Job[] = [];
  for (const [index, job] of batch.entries()) {
    const replay = earlier.get(job.request.key);
    if (replay) {
      settle(job, () => outcomeOf(replay, job.request));
      continue;
    }
    let changed = false;
    const onUpdate = () => (changed = true);
    staging.on("update", onUpdate);
    try {
      let plan: MutationPlan<unknown> | undefined;
      staging.transact(() => {
        plan = job.change(new RoomDoc(staging));
      });
      accepted.push({ job, plan: plan! });
    } catch (error) {
      if (checked) job.reject(error);
      else retryAlone.push(job);
      if (changed) {
        // A refusal must come before any change; if one slipped through, start this batch again without it.
        document.resetStaging();
        requeueAlone(queue, batch.length, [
          ...accepted.map((entry) => entry.job),
          ...retryAlone,
          ...batch.slice(index + 1),
        ]);
        return;
      }
    } finally {
      staging.off("update", onUpdate);
    }
  }
  if (accepted.length === 0) {
    requeueAlone(queue, batch.length, retryAlone);
    return;
  }
  const update = Y.encodeStateAsUpdate(staging, start);
  try {
    await inTransaction(ctx.sql, async (tx) => {
      await appendRoomUpdate(tx, roomId, document.scope, update);
      for (const { plan } of accepted) await plan.persist(tx);
      await insertMutations(
        tx,
        roomId,
        accepted.map(({ job, plan }) => ({
          key: job.request.key,
          userId: job.request.userId,
          status: job.request.status,
          response: plan.response,
        })),
      );
    });
  } catch (error) {
    document.resetStaging();
    if (checked) throw error; // an alone job: nothing left to separate
    // One bad mutation must not fail the others: retry each in a transaction of its own.
    requeueAlone(queue, batch.length, [...accepted.map((entry) => entry.job), ...retryAlone]);
    return;
  }
  document.commit(update);
  ctx.rooms.noteCommitted(document);
  for (const { job, plan } of accepted) {
    job.resolve({ status: job.request.status, body: plan.response, replayed: false });
  }
  requeueAlone(queue, batch.length, retryAlone);
}

/**
 * Queues `jobs` to be committed one transaction each, right after the current batch, which drain() removes
 * (`batchLength` entries) once this returns. Jobs already answered (replays, refusals) are not passed in.
 */
function requeueAlone(queue: Job[], batchLength: number, jobs: Job[]): void {
  queue.splice(batchLength, 0, ...jobs.map((job) => ({ ...job, alone: true })));
}

function settle(job: Job, outcome: () => MutationOutcome<unknown>): void {
  try {
    job.resolve(outcome());
  } catch (error) {
    job.reject(error);
  }
}

function outcomeOf(stored: StoredMutation, request: MutationRequest): MutationOutcome<unknown> {
  if (stored.userId !== request.userId) {
    throw new AppError(
      "conflict",
      "This Idempotency-Key was already used by someone else; generate a new one.",
    );
  }
  return { status: stored.status, body: stored.response, replayed: true };
}
