// /api/groups/:groupId/rooms: the documents a group reads.
import { Router, type Request } from "express";
import { z } from "zod";
import { createRoomSchema, roomSchema, type CreateRoomInput } from "../../../shared/schemas/document-api.ts";
import type { ServiceContext } from "../../services/context.ts";
import { createRoom } from "../../services/rooms/create-room.ts";
import { listRooms } from "../../services/rooms/list-rooms.ts";
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
      summary: "The documents a group reads",
      tag: "rooms",
      auth: true,
      response: z.object({ rooms: z.array(roomSchema) }),
    },
    signedIn,
    async (req, res) => {
      const rows = await listRooms(ctx, principalOf(res).user.id, groupId(req));
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

  return router;
}
