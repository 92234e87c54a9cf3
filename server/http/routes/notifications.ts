// /api/notifications (list, mark read, settings) and the per-room choices: mute a room, follow a thread.
import { Router, type Request } from "express";
import {
  markReadSchema,
  notificationListQuerySchema,
  notificationSettingsSchema,
  type MarkReadInput,
  type NotificationSettingsInput,
} from "../../../shared/schemas/notifications.ts";
import type { ServiceContext } from "../../services/context.ts";
import { followThread, listFollowedThreads } from "../../services/notifications/follow-thread.ts";
import {
  defaultNotificationLimit,
  listMyNotifications,
} from "../../services/notifications/list-notifications.ts";
import { markMyNotificationsRead } from "../../services/notifications/mark-notifications-read.ts";
import { muteRoom } from "../../services/notifications/mute-room.ts";
import {
  getNotificationSettings,
  updateNotificationSettings,
} from "../../services/notifications/notification-settings.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";

type ChoiceRun = (req: Request, userId: string, on: boolean) => Promise<void>;

// Postgres hands uuids back in lower case: normalise what clients send, as the thread routes do.
const idParam = (req: Request, name: string) => parseOrThrow(uuidParam, req.params[name], name).toLowerCase();

export function notificationRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  const signedIn = requireUser(ctx);
  const doc = { tag: "notifications", auth: true } as const;

  route(
    router,
    docs,
    {
      ...doc,
      method: "get",
      path: "/api/notifications",
      summary:
        "My notifications, newest first, and the unread count; those whose thread I can no longer read are left out",
      query: {
        unread: "true: unread only",
        before: "ISO 8601: the createdAt of the last one shown (paging: only those after it)",
        beforeId:
          "with before: the id of the last one shown, so that those created at the same instant are not skipped",
        limit: `1–100 (default ${defaultNotificationLimit})`,
      },
    },
    signedIn,
    async (req, res) => {
      const query = parseOrThrow(notificationListQuerySchema, req.query, "query");
      res.json(
        await listMyNotifications(ctx, principalOf(res).user.id, {
          unreadOnly: query.unread === "true",
          before: query.before ? { createdAt: new Date(query.before), id: query.beforeId ?? null } : null,
          limit: query.limit ?? defaultNotificationLimit,
        }),
      );
    },
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "post",
      path: "/api/notifications/read",
      summary: "Mark my notifications read: { ids } those, {} all; answers the unread count",
      body: markReadSchema,
    },
    signedIn,
    async (req, res) => {
      const { ids } = req.body as MarkReadInput;
      const lowered = ids?.map((id) => id.toLowerCase());
      res.json(await markMyNotificationsRead(ctx, principalOf(res).user.id, lowered ?? "all"));
    },
  );

  route(
    router,
    docs,
    { ...doc, method: "get", path: "/api/notifications/settings", summary: "My e-mail mode and muted rooms" },
    signedIn,
    async (_req, res) => res.json(await getNotificationSettings(ctx, principalOf(res).user.id)),
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "patch",
      path: "/api/notifications/settings",
      summary: "Set my e-mail mode (never, immediate, daily)",
      body: notificationSettingsSchema,
    },
    signedIn,
    async (req, res) =>
      res.json(
        await updateNotificationSettings(
          ctx,
          principalOf(res).user.id,
          req.body as NotificationSettingsInput,
        ),
      ),
  );

  /** PUT turns a per-room choice on, DELETE off; both answer 204 and may be repeated. */
  const choice = (path: string, summaries: { put: string; delete: string }, run: ChoiceRun) => {
    for (const [method, on] of [
      ["put", true],
      ["delete", false],
    ] as const) {
      route(
        router,
        docs,
        { ...doc, method, path, summary: summaries[method], status: 204 },
        signedIn,
        async (req, res) => {
          await run(req, principalOf(res).user.id, on);
          res.status(204).end();
        },
      );
    }
  };
  choice(
    "/api/rooms/:roomId/mute",
    { put: "Mute a room: it notifies me of nothing", delete: "Unmute a room" },
    (req, userId, on) => muteRoom(ctx, userId, idParam(req, "roomId"), on),
  );
  choice(
    "/api/rooms/:roomId/threads/:threadId/follow",
    { put: "Follow a thread: each reply notifies me", delete: "Stop following a thread" },
    (req, userId, on) =>
      followThread(ctx, userId, { roomId: idParam(req, "roomId"), threadId: idParam(req, "threadId") }, on),
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "get",
      path: "/api/rooms/:roomId/follows",
      summary: "The threads of this room I follow: { threadIds }",
    },
    signedIn,
    async (req, res) =>
      res.json(await listFollowedThreads(ctx, principalOf(res).user.id, idParam(req, "roomId"))),
  );

  return router;
}
