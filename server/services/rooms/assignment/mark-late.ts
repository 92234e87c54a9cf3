// Brings the "late" marks of a room's Y.Docs in line with its assignment after the due date or an extension changed.
import { randomUUID } from "node:crypto";
import { roomScopes, type RoomDoc } from "../../../../shared/room-doc.ts";
import { isLate, neverLateRoles } from "../../../domain/assignments.ts";
import { listWrittenEntries, loadDueDates } from "../../../data/assignments.ts";
import type { ServiceContext } from "../../context.ts";
import { runMutation } from "../../threads/run-mutation.ts";

/**
 * Recomputes every thread's and reply's mark from the rows (who wrote it, when) and rewrites the records whose
 * mark changed, in both documents of the room, through the ordinary mutation path so that live readers see it.
 * REST answers compute lateness at read time and need none of this; the Y.Doc carries a stored mark because
 * students' extensions are theirs alone and cannot be sent to every reader to compute it there.
 */
export async function remarkLate(ctx: ServiceContext, roomId: string, userId: string): Promise<void> {
  const [entries, due] = await Promise.all([
    listWrittenEntries(ctx.db, roomId),
    loadDueDates(ctx.db, roomId, neverLateRoles()),
  ]);
  const marks = new Map(entries.map((entry) => [entry.id, isLate(entry.createdAt, entry.authorId, due)]));
  for (const scope of roomScopes) {
    const key = randomUUID();
    await runMutation(
      ctx,
      { roomId, userId, key, fingerprint: `late-marks:${key}`, scope, status: 200 },
      (doc) => {
        applyMarks(doc, marks);
        return { response: {}, persist: async () => {} };
      },
    );
  }
}

function applyMarks(doc: RoomDoc, marks: ReadonlyMap<string, boolean>): void {
  for (const thread of doc.threads.values()) {
    const late = marks.get(thread.id);
    if (late !== undefined && (thread.late ?? false) !== late) doc.putThread({ ...thread, late });
  }
  for (const comment of doc.comments.values()) {
    const late = marks.get(comment.id);
    if (late !== undefined && (comment.late ?? false) !== late) doc.putComment({ ...comment, late });
  }
}
