// Thread and comment rows → DTOs; who reads which body is domain/visibility.ts.
import type { Role } from "../../shared/schemas/groups.ts";
import { isLate, type DueDates } from "../domain/assignments.ts";
import { shownAuthorName } from "../domain/shown-author.ts";
import { visibleBody } from "../domain/visibility.ts";

interface Author {
  id: string;
  displayName: string;
}

interface CommentRow {
  id: string;
  threadId: string;
  parentId: string | null;
  author: Author;
  /** The name an imported file gave the author; null (or absent) for words written here. */
  importedAuthorName?: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

interface ThreadRow {
  id: string;
  blockId: string;
  anchor: unknown;
  visibility: string;
  author: Author;
  /** The name an imported file gave the author; null (or absent) for words written here. */
  importedAuthorName?: string | null;
  body: string;
  tags: string[];
  status: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  /** Absent in rows built before announcements: false. */
  announcement?: boolean;
  /** When it was pinned (null: not pinned; absent in rows built before pins). */
  pinnedAt?: Date | null;
  /** After the room's last version move (absent in rows built before moves: "unchanged"). */
  anchorStatus?: string;
  /** AnchorChange (shared/room-doc.ts) of the last move or re-attachment that changed the anchor. */
  anchorChange?: unknown;
  /** The text version the thread was written on (null: not known). */
  versionNumber?: number | null;
  _count: { comments: number };
}

/** The author as readers see them: "imported: <name>" (and imported: true) for words an import brought in. */
const authorOf = (row: { author: Author; importedAuthorName?: string | null }) => ({
  id: row.author.id,
  name: shownAuthorName({
    displayName: row.author.displayName,
    importedAuthorName: row.importedAuthorName ?? null,
  }),
  imported: (row.importedAuthorName ?? null) !== null,
});

/** Imported words were not written for this assignment: never late. */
const lateOf = (
  row: { createdAt: Date; author: Author; importedAuthorName?: string | null },
  due: DueDates | undefined,
) => (row.importedAuthorName ?? null) === null && isLate(row.createdAt, row.author.id, due);

/**
 * A reply. `due` is the room's assignment: lateness is worked out here from createdAt, so a due date moved or an
 * extension granted afterwards is reflected in every answer.
 */
export function presentComment(row: CommentRow, moderator: boolean, due?: DueDates) {
  return {
    id: row.id,
    threadId: row.threadId,
    parentId: row.parentId,
    author: authorOf(row),
    body: visibleBody(row, moderator),
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "" } : null,
    late: lateOf(row, due),
  };
}

/**
 * A thread; its author carries their role in the group now (`roles`, by user id; null once they have left), which
 * the reader shows as a badge. With `comments` (replies by thread id), its replies are included in order. `due` as
 * presentComment.
 */
export function presentThread(
  row: ThreadRow,
  moderator: boolean,
  comments?: Map<string, CommentRow[]>,
  roles: ReadonlyMap<string, Role> = new Map(),
  due?: DueDates,
) {
  return {
    id: row.id,
    blockId: row.blockId,
    anchor: row.anchor,
    visibility: row.visibility,
    // An imported author holds no role here, whoever's id the thread stands under.
    author: { ...authorOf(row), role: row.importedAuthorName ? null : (roles.get(row.author.id) ?? null) },
    body: visibleBody(row, moderator),
    tags: row.tags,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "" } : null,
    announcement: row.announcement ?? false,
    pinnedAt: row.pinnedAt?.toISOString() ?? null,
    anchorStatus: row.anchorStatus ?? "unchanged",
    anchorChange: row.anchorChange ?? null,
    version: row.versionNumber ?? null,
    late: lateOf(row, due),
    commentCount: row._count.comments,
    ...(comments
      ? {
          comments: (comments.get(row.id) ?? []).map((comment) => presentComment(comment, moderator, due)),
        }
      : {}),
  };
}
