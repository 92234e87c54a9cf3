// Thread and comment rows → DTOs; who reads which body is domain/visibility.ts.
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
  body: string;
  tags: string[];
  status: string;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  _count: { comments: number };
}

export function presentComment(row: CommentRow, moderator: boolean) {
  return {
    id: row.id,
    threadId: row.threadId,
    parentId: row.parentId,
    author: { id: row.author.id, name: row.author.displayName },
    body: visibleBody(row, moderator),
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "" } : null,
  };
}

/** A thread; with `comments` (replies by thread id), its replies are included in order. */
export function presentThread(row: ThreadRow, moderator: boolean, comments?: Map<string, CommentRow[]>) {
  return {
    id: row.id,
    blockId: row.blockId,
    anchor: row.anchor,
    visibility: row.visibility,
    author: { id: row.author.id, name: row.author.displayName },
    body: visibleBody(row, moderator),
    tags: row.tags,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deleted: row.deletedAt !== null,
    hidden: row.hiddenAt ? { reason: row.hiddenReason ?? "" } : null,
    commentCount: row._count.comments,
    ...(comments
      ? {
          comments: (comments.get(row.id) ?? []).map((comment) => presentComment(comment, moderator)),
        }
      : {}),
  };
}
