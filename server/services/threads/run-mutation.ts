// The one path by which a room document changes: idempotency check, apply to staging, commit the Yjs update and
// the relational rows in one transaction, and only then publish to readers and answer.
import * as Y from "yjs";
import { RoomDoc, type RoomScope } from "../../../shared/room-doc.ts";
import { AppError } from "../../domain/app-error.ts";
import type { Tx } from "../../data/audit.ts";
import { appendRoomUpdate } from "../../data/room-updates.ts";
import type { ServiceContext } from "../context.ts";

/** What a mutation does: change the document, then write the matching rows. */
export interface MutationPlan<R> {
  /** The response body sent now and to every retry. */
  response: R;
  persist(tx: Tx): Promise<unknown>;
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

/**
 * Runs `change` against the staging document under the room's lock. `change` validates (throwing AppError before
 * touching the document) and mutates the document through RoomDoc, returning the plan to persist.
 */
export async function runMutation<R>(
  ctx: ServiceContext,
  request: MutationRequest,
  change: (doc: RoomDoc) => MutationPlan<R>,
): Promise<MutationOutcome<R>> {
  const earlier = await findEarlier<R>(ctx, request);
  if (earlier) return earlier;
  const document = await ctx.rooms.open(request.roomId, request.scope);
  return document.lock.run(async () => {
    const raced = await findEarlier<R>(ctx, request);
    if (raced) return raced;
    const staging = document.staging;
    const before = Y.encodeStateVector(staging);
    let plan: MutationPlan<R> | undefined;
    try {
      staging.transact(() => {
        plan = change(new RoomDoc(staging));
      });
    } catch (error) {
      document.resetStaging(); // a refusal thrown half-way must not leave anything behind
      throw error;
    }
    const update = Y.encodeStateAsUpdate(staging, before);
    try {
      await ctx.prisma.$transaction(async (tx) => {
        await appendRoomUpdate(tx, request.roomId, request.scope, update);
        await plan!.persist(tx);
        await tx.mutation.create({
          data: {
            roomId: request.roomId,
            key: request.key,
            userId: request.userId,
            status: request.status,
            response: plan!.response as object,
          },
        });
      });
    } catch (error) {
      document.resetStaging();
      throw error;
    }
    document.commit(update);
    ctx.rooms.noteCommitted(document);
    return { status: request.status, body: plan!.response, replayed: false };
  });
}

async function findEarlier<R>(
  ctx: ServiceContext,
  request: MutationRequest,
): Promise<MutationOutcome<R> | undefined> {
  const earlier = await ctx.prisma.mutation.findUnique({
    where: { roomId_key: { roomId: request.roomId, key: request.key } },
  });
  if (!earlier) return undefined;
  if (earlier.userId !== request.userId) {
    throw new AppError(
      "conflict",
      "This Idempotency-Key was already used by someone else; generate a new one.",
    );
  }
  return { status: earlier.status, body: earlier.response as R, replayed: true };
}
