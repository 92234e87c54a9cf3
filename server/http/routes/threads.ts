// /api/rooms/:roomId/*: the read API and every mutation of threads, replies, reactions and moderation.
import { Router, type Request, type Response } from "express";
import {
  createCommentSchema,
  createThreadSchema,
  editCommentSchema,
  editThreadSchema,
  hideSchema,
  idempotencyHeader,
  idempotencyKeySchema,
  reactionSchema,
  threadFiltersSchema,
  type CreateCommentInput,
  type CreateThreadInput,
  type EditCommentInput,
  type EditThreadInput,
  type HideInput,
  type ReactionInput,
} from "../../../shared/schemas/threads.ts";
import type { ServiceContext } from "../../services/context.ts";
import {
  createComment,
  deleteComment,
  editComment,
  hideComment,
} from "../../services/threads/comment-mutations.ts";
import { createThread } from "../../services/threads/create-thread.ts";
import { listThreads } from "../../services/threads/list-threads.ts";
import type { MutationOutcome, MutationTarget } from "../../services/threads/run-mutation.ts";
import {
  deleteThread,
  editThread,
  hideThread,
  reattachThread,
  setThreadPin,
  setThreadStatus,
} from "../../services/threads/thread-mutations.ts";
import { reattachThreadSchema, type ReattachThreadInput } from "../../../shared/schemas/room-version.ts";
import { toggleReaction } from "../../services/threads/toggle-reaction.ts";
import { presentThread } from "../../presenters/thread.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { userMutationLimiter } from "../middleware/rate-limit.ts";
import type { SharedLimits } from "../../realtime/fanout/shared-limits.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs, RouteDoc } from "../openapi.ts";
import { requestFingerprint } from "../request-fingerprint.ts";
import { route } from "../route.ts";

const withKey =
  "Send an Idempotency-Key header (a UUID); a retry with the same key returns the first result.";

/** What a mutation route needs: the room, the signed-in user, the client's idempotency key and what it is for. */
function mutationTarget(req: Request, res: Response): MutationTarget {
  const userId = principalOf(res).user.id;
  return {
    // Postgres hands uuids back in lower case, and document keys must match row ids: normalise what clients send.
    roomId: parseOrThrow(uuidParam, req.params.roomId, "roomId").toLowerCase(),
    userId,
    key: parseOrThrow(idempotencyKeySchema, req.get(idempotencyHeader), "Idempotency-Key").toLowerCase(),
    fingerprint: requestFingerprint(req, userId),
  };
}

const idParam = (req: Request, name: string) => parseOrThrow(uuidParam, req.params[name], name).toLowerCase();

function reply<R>(res: Response, outcome: MutationOutcome<R>): void {
  if (outcome.replayed) res.setHeader("Idempotent-Replayed", "true");
  res.status(outcome.status).json(outcome.body);
}

export function threadRoutes(
  ctx: ServiceContext,
  docs: ApiDocs,
  mutationsPerMinute: number,
  shared?: SharedLimits,
): Router {
  const router = Router();
  const signedIn = requireUser(ctx);
  const limited = userMutationLimiter(mutationsPerMinute, shared);
  const mutation = (
    doc: Omit<RouteDoc, "tag" | "auth">,
    run: (req: Request, res: Response) => Promise<MutationOutcome<unknown>>,
  ) =>
    route(
      router,
      docs,
      { ...doc, summary: `${doc.summary}. ${withKey}`, tag: "threads", auth: true },
      signedIn,
      limited,
      async (req, res) => reply(res, await run(req, res)),
    );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/rooms/:roomId/threads",
      summary:
        "A room's threads (filters: blockId, authorId, tag, status, q full-text, include=comments) and counts per block",
      tag: "threads",
      auth: true,
      query: {
        blockId: "",
        authorId: "",
        tag: "",
        status: "open | resolved",
        q: "full-text search",
        include: "comments",
      },
    },
    signedIn,
    async (req, res) => {
      const roomId = parseOrThrow(uuidParam, req.params.roomId, "roomId");
      const filters = parseOrThrow(threadFiltersSchema, req.query, "query");
      const result = await listThreads(
        ctx,
        roomId,
        principalOf(res).user.id,
        filters,
        req.query.include === "comments",
      );
      res.json({
        threads: result.rows.map((row) =>
          presentThread(row, result.moderator, result.comments, result.roles, result.due),
        ),
        blockCounts: result.blockCounts,
        truncated: result.truncated,
      });
    },
  );

  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads",
      summary: "Start a thread; its id is the Idempotency-Key",
      body: createThreadSchema,
      status: 201,
    },
    (req, res) => createThread(ctx, mutationTarget(req, res), req.body as CreateThreadInput),
  );
  mutation(
    {
      method: "patch",
      path: "/api/rooms/:roomId/threads/:threadId",
      summary: "Edit a thread's body (author) or tags (author, moderators)",
      body: editThreadSchema,
    },
    (req, res) =>
      editThread(
        ctx,
        { ...mutationTarget(req, res), threadId: idParam(req, "threadId") },
        req.body as EditThreadInput,
      ),
  );
  mutation(
    {
      method: "delete",
      path: "/api/rooms/:roomId/threads/:threadId",
      summary: "Delete one's own thread (its replies stay)",
    },
    (req, res) => deleteThread(ctx, { ...mutationTarget(req, res), threadId: idParam(req, "threadId") }),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/resolve",
      summary: "Resolve (author, instructors, owners)",
    },
    (req, res) =>
      setThreadStatus(ctx, { ...mutationTarget(req, res), threadId: idParam(req, "threadId") }, "resolved"),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/reopen",
      summary: "Reopen (author, instructors, owners)",
    },
    (req, res) =>
      setThreadStatus(ctx, { ...mutationTarget(req, res), threadId: idParam(req, "threadId") }, "open"),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/hide",
      summary: "Hide a thread with a reason (moderators)",
      body: hideSchema,
    },
    (req, res) =>
      hideThread(
        ctx,
        { ...mutationTarget(req, res), threadId: idParam(req, "threadId") },
        (req.body as HideInput).reason,
      ),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/unhide",
      summary: "Unhide a thread (moderators)",
    },
    (req, res) => hideThread(ctx, { ...mutationTarget(req, res), threadId: idParam(req, "threadId") }, null),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/pin",
      summary: "Pin a thread: it leads the margin and the thread list (instructors, owners)",
    },
    (req, res) =>
      setThreadPin(ctx, { ...mutationTarget(req, res), threadId: idParam(req, "threadId") }, true),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/unpin",
      summary: "Unpin a thread (instructors, owners)",
    },
    (req, res) =>
      setThreadPin(ctx, { ...mutationTarget(req, res), threadId: idParam(req, "threadId") }, false),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/anchor",
      summary:
        "Re-attach a thread (typically one a version move detached) to a passage or block of the room's current version (instructors, owners; audited); it then reads as moved",
      body: reattachThreadSchema,
    },
    (req, res) =>
      reattachThread(
        ctx,
        { ...mutationTarget(req, res), threadId: idParam(req, "threadId") },
        (req.body as ReattachThreadInput).anchor,
      ),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/threads/:threadId/comments",
      summary: "Reply (parentId for a nested reply); its id is the Idempotency-Key",
      body: createCommentSchema,
      status: 201,
    },
    (req, res) =>
      createComment(
        ctx,
        { ...mutationTarget(req, res), threadId: idParam(req, "threadId") },
        req.body as CreateCommentInput,
      ),
  );
  mutation(
    {
      method: "patch",
      path: "/api/rooms/:roomId/comments/:commentId",
      summary: "Edit one's own reply",
      body: editCommentSchema,
    },
    (req, res) =>
      editComment(
        ctx,
        { ...mutationTarget(req, res), commentId: idParam(req, "commentId") },
        (req.body as EditCommentInput).body,
      ),
  );
  mutation(
    {
      method: "delete",
      path: "/api/rooms/:roomId/comments/:commentId",
      summary: 'Delete one\'s own reply (it stays as "deleted")',
    },
    (req, res) => deleteComment(ctx, { ...mutationTarget(req, res), commentId: idParam(req, "commentId") }),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/comments/:commentId/hide",
      summary: "Hide a reply with a reason (moderators)",
      body: hideSchema,
    },
    (req, res) =>
      hideComment(
        ctx,
        { ...mutationTarget(req, res), commentId: idParam(req, "commentId") },
        (req.body as HideInput).reason,
      ),
  );
  mutation(
    {
      method: "post",
      path: "/api/rooms/:roomId/comments/:commentId/unhide",
      summary: "Unhide a reply (moderators)",
    },
    (req, res) =>
      hideComment(ctx, { ...mutationTarget(req, res), commentId: idParam(req, "commentId") }, null),
  );
  mutation(
    {
      method: "put",
      path: "/api/rooms/:roomId/reactions/:targetId",
      summary: "React to a thread or reply",
      body: reactionSchema,
    },
    (req, res) =>
      toggleReaction(
        ctx,
        { ...mutationTarget(req, res), targetId: idParam(req, "targetId") },
        (req.body as ReactionInput).emoji,
        true,
      ),
  );
  mutation(
    {
      method: "delete",
      path: "/api/rooms/:roomId/reactions/:targetId",
      summary: "Take back a reaction",
      body: reactionSchema,
    },
    (req, res) =>
      toggleReaction(
        ctx,
        { ...mutationTarget(req, res), targetId: idParam(req, "targetId") },
        (req.body as ReactionInput).emoji,
        false,
      ),
  );

  return router;
}
