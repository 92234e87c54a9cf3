// /api/rooms/:roomId/assignment*: what a room's readers are asked to do and by when, extensions, snapshots.
import { Router, type Request } from "express";
import { z } from "zod";
import {
  extensionInputSchema,
  roomStateSchema,
  snapshotSchema,
  type ExtensionInput,
} from "../../../shared/schemas/assignments.ts";
import { participationCsv } from "../../domain/export/participation-csv.ts";
import { presentRoomState, presentSnapshot } from "../../presenters/assignment.ts";
import type { ServiceContext } from "../../services/context.ts";
import { grantExtension, revokeExtension } from "../../services/rooms/assignment/extensions.ts";
import {
  listRoomSnapshots,
  loadRoomSnapshot,
  takeSnapshot,
} from "../../services/rooms/assignment/participation-snapshots.ts";
import { loadRoomStateFor } from "../../services/rooms/assignment/room-state.ts";
import { setAttachment } from "../attachment.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";

const param = (req: Request, name: string) => parseOrThrow(uuidParam, req.params[name], name);
const snapshotQuerySchema = z.object({
  format: z.enum(["json", "csv"], { error: "must be json or csv" }).default("json"),
});

export function assignmentRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  const signedIn = requireUser(ctx);
  const doc = { tag: "assignments", auth: true } as const;

  const stateOf = async (req: Request, userId: string) => {
    const { state, viewer } = await loadRoomStateFor(ctx, userId, param(req, "roomId"));
    return presentRoomState(state, viewer);
  };

  route(
    router,
    docs,
    {
      ...doc,
      method: "get",
      path: "/api/rooms/:roomId/assignment",
      summary:
        "Whether the room is archived, and its assignment: instructions, opening and due date in the group's time zone, my extension (owners and instructors: everyone's)",
      response: roomStateSchema,
    },
    signedIn,
    async (req, res) => {
      res.json(await stateOf(req, principalOf(res).user.id));
    },
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "put",
      path: "/api/rooms/:roomId/assignment/extensions/:userId",
      summary:
        "Give a member a later due date, a local date-time in the group's time zone (owners and instructors); their late marks follow",
      body: extensionInputSchema,
      response: roomStateSchema,
    },
    signedIn,
    async (req, res) => {
      const me = principalOf(res).user.id;
      await grantExtension(ctx, me, param(req, "roomId"), param(req, "userId"), req.body as ExtensionInput);
      res.json(await stateOf(req, me));
    },
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "delete",
      path: "/api/rooms/:roomId/assignment/extensions/:userId",
      summary: "Take a member's extension back (owners and instructors)",
      status: 204,
    },
    signedIn,
    async (req, res) => {
      await revokeExtension(ctx, principalOf(res).user.id, param(req, "roomId"), param(req, "userId"));
      res.status(204).end();
    },
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "post",
      path: "/api/rooms/:roomId/assignment/snapshot",
      summary:
        "Count each member's threads, replies and late ones now and keep the figures (owners and instructors)",
      response: z.object({ snapshot: snapshotSchema }),
      status: 201,
    },
    signedIn,
    async (req, res) => {
      const { snapshot, timeZone } = await takeSnapshot(ctx, principalOf(res).user.id, param(req, "roomId"));
      res.status(201).json({ snapshot: presentSnapshot(snapshot, timeZone) });
    },
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "get",
      path: "/api/rooms/:roomId/assignment/snapshots",
      summary: "The room's participation snapshots, newest first (owners and instructors)",
      response: z.object({ snapshots: z.array(snapshotSchema) }),
    },
    signedIn,
    async (req, res) => {
      const { snapshots, timeZone } = await listRoomSnapshots(
        ctx,
        principalOf(res).user.id,
        param(req, "roomId"),
      );
      res.json({ snapshots: snapshots.map((row) => presentSnapshot(row, timeZone)) });
    },
  );

  route(
    router,
    docs,
    {
      ...doc,
      method: "get",
      path: "/api/rooms/:roomId/assignment/snapshots/:snapshotId",
      summary: "One participation snapshot, as JSON or (format=csv) a CSV download (owners and instructors)",
      query: { format: "json (default) | csv" },
      response: z.object({ snapshot: snapshotSchema }),
      download: ["text/csv"],
    },
    signedIn,
    async (req, res) => {
      const { format } = parseOrThrow(snapshotQuerySchema, req.query, "query");
      const { snapshot, timeZone } = await loadRoomSnapshot(
        ctx,
        principalOf(res).user.id,
        param(req, "roomId"),
        param(req, "snapshotId"),
      );
      const dto = presentSnapshot(snapshot, timeZone);
      if (format === "json") {
        res.json({ snapshot: dto });
        return;
      }
      setAttachment(res, `participation-${dto.takenAt.local.replace(":", "")}.csv`);
      res.type("text/csv; charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.send(participationCsv(dto));
    },
  );

  return router;
}
