// A change to both documents of a room at once (a version move re-anchors the group's threads and the
// instructors'): both documents' Yjs updates and the rows commit in one SQL transaction, or nothing does.
//
// Why not two runMutation calls: each commits on its own, so a crash or a refused second commit would leave one
// document on the new version and the other on the old, and the rows agreeing with only one of them. Here both
// documents' locks are held (always in roomScopes order, so two such changes cannot deadlock; runMutation takes
// only one lock, so it never waits on a second while holding one), mutations queued meanwhile wait behind the
// locks, and they then run against staging documents that already hold this change.
import * as Y from "yjs";
import { RoomDoc, roomScopes, type RoomScope } from "../../../shared/room-doc.ts";
import { CommitOutcomeUnknown, inSqlTransaction, type Db, type SqlTx } from "../../data/db.ts";
import { appendRoomUpdate } from "../../data/room-updates.ts";
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
 * Runs `change` on the staging documents of every scope of room `roomId` under both documents' locks, commits the
 * documents' updates and `persist` in one transaction, then publishes the updates to readers. `change` must throw
 * (an AppError) to refuse; whatever it or persist did to staging is then thrown away. Resolves with the plan's
 * response once committed and published.
 */
export async function runAcrossScopes<R>(
  ctx: ServiceContext,
  roomId: string,
  change: (docs: Record<RoomScope, RoomDoc>) => ScopesPlan<R>,
): Promise<R> {
  const documents = await Promise.all(roomScopes.map((scope) => ctx.rooms.open(roomId, scope)));
  return holdingAll(documents, async () => {
    const starts = documents.map((document) => Y.encodeStateVector(document.staging));
    let plan: ScopesPlan<R> | undefined;
    let updates: Uint8Array[];
    try {
      const docs = Object.fromEntries(
        documents.map((document) => [document.scope, new RoomDoc(document.staging)]),
      ) as Record<RoomScope, RoomDoc>;
      transactAll(documents, () => (plan = change(docs)));
      updates = documents.map((document, index) => Y.encodeStateAsUpdate(document.staging, starts[index]));
      await inSqlTransaction(ctx.db, async (tx) => {
        for (const [index, document] of documents.entries()) {
          await appendRoomUpdate(tx, roomId, document.scope, updates[index]!);
        }
        await plan!.persist(tx);
      });
    } catch (error) {
      for (const document of documents) document.resetStaging();
      if (!(error instanceof CommitOutcomeUnknown) || !(await plan!.committedAfterAll(ctx.db))) throw error;
      for (const [index, document] of documents.entries()) document.commitLate(updates![index]!);
      for (const document of documents) ctx.rooms.noteCommitted(document);
      return plan!.response;
    }
    for (const [index, document] of documents.entries()) {
      document.commit(updates[index]!);
      ctx.rooms.noteCommitted(document);
    }
    return plan!.response;
  });
}

/** Runs `work` holding the locks of `documents`, taken one after the other in the order given. */
function holdingAll<T>(documents: readonly RoomDocument[], work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = documents;
  return first ? first.lock.run(() => holdingAll(rest, work)) : work();
}

/** Runs `work` inside one Yjs transaction on each document's staging copy, so each yields a single update. */
function transactAll(documents: readonly RoomDocument[], work: () => void): void {
  const [first, ...rest] = documents;
  if (first) first.staging.transact(() => transactAll(rest, work));
  else work();
}
