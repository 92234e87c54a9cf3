// /api/groups/:groupId/rooms: the documents a group reads; /api/rooms/:roomId: one room's settings and text version.
import { Router, type Request } from "express";
import { z } from "zod";
import {
  createRoomSchema,
  roomListQuerySchema,
  roomSchema,
  type CreateRoomInput,
} from "../../../shared/schemas/document-api.ts";
import {
  updateRoomSettingsSchema,
  type UpdateRoomSettingsInput,
} from "../../../shared/schemas/room-settings.ts";
import {
  moveRoomVersionResponseSchema,
  moveRoomVersionSchema,
  type MoveRoomVersionInput,
} from "../../../shared/schemas/room-version.ts";
import type { ServiceContext } from "../../services/context.ts";
import { createRoom } from "../../services/rooms/create-room.ts";
import { moveRoomVersion } from "../../services/rooms/move-room-version.ts";
import { listRooms } from "../../services/rooms/list-rooms.ts";
import { updateRoomSettings } from "../../services/rooms/update-room-settings.ts";
import { presentRoom } from "../../presenters/room.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";

export function roomRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  const signedIn = requireUser(ctx);
  const groupId = (req: Request) => parseOrThrow(uuidParam, req.params.groupId, "groupId");

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/groups/:groupId/rooms",
      summary:
        "The documents a group reads; removed=true: the rooms of removed texts, still exportable (owners, instructors)",
      tag: "rooms",
      auth: true,
      query: { removed: '"true": the rooms of removed texts instead' },
      response: z.object({ rooms: z.array(roomSchema) }),
    },
    signedIn,
    async (req, res) => {
      const { removed } = parseOrThrow(roomListQuerySchema, req.query, "query");
      const rows = await listRooms(ctx, principalOf(res).user.id, groupId(req), removed === "true");
      res.json({ rooms: rows.map(presentRoom) });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/groups/:groupId/rooms",
      summary: "Attach a document to a group (owners and instructors); idempotent",
      tag: "rooms",
      auth: true,
      body: createRoomSchema,
      response: z.object({ room: roomSchema }),
      status: 201,
    },
    signedIn,
    async (req, res) => {
      const { room, created } = await createRoom(
        ctx,
        principalOf(res).user.id,
        groupId(req),
        req.body as CreateRoomInput,
      );
      res.status(created ? 201 : 200).json({ room: presentRoom(room) });
    },
  );

  route(
    router,
    docs,
    {
      method: "patch",
      path: "/api/rooms/:roomId",
      summary:
        "Change a room's settings (owners and instructors): hide others' threads until one posts; the assignment (instructions in Markdown, opensAt and dueAt as local date-times in the group's time zone, null to remove it); archived (read-only, still exportable)",
      tag: "rooms",
      auth: true,
      body: updateRoomSettingsSchema,
      response: z.object({ room: roomSchema }),
    },
    signedIn,
    async (req, res) => {
      const room = await updateRoomSettings(
        ctx,
        principalOf(res).user.id,
        parseOrThrow(uuidParam, req.params.roomId, "roomId"),
        req.body as UpdateRoomSettingsInput,
      );
      res.json({ room: presentRoom(room) });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/rooms/:roomId/version",
      summary:
        "Move a room to another version of its text (owners and instructors): every thread is re-anchored in one commit and says anchorStatus (unchanged, moved, detached); answers the counts. 409 when the room already reads that version or is archived",
      tag: "rooms",
      auth: true,
      body: moveRoomVersionSchema,
      response: moveRoomVersionResponseSchema,
    },
    signedIn,
    async (req, res) => {
      const { room, threads } = await moveRoomVersion(
        ctx,
        principalOf(res).user.id,
        parseOrThrow(uuidParam, req.params.roomId, "roomId").toLowerCase(),
        req.body as MoveRoomVersionInput,
      );
      res.json({ room: presentRoom(room), threads });
    },
  );

  return router;
}
