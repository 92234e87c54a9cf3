// /api/groups/:groupId/sections/*: a class split into discussion sections (owners and instructors).
import { Router, type Request } from "express";
import {
  autoSplitSchema,
  createSectionSchema,
  placeMemberSchema,
  renameSectionSchema,
  sectionListSchema,
  type AutoSplitInput,
  type CreateSectionInput,
  type PlaceMemberInput,
  type RenameSectionInput,
} from "../../../shared/schemas/sections.ts";
import type { ServiceContext } from "../../services/context.ts";
import { autoSplitSections } from "../../services/sections/auto-split-sections.ts";
import { createSection } from "../../services/sections/create-section.ts";
import { deleteSection } from "../../services/sections/delete-section.ts";
import { listGroupSections } from "../../services/sections/list-sections.ts";
import { placeMember } from "../../services/sections/place-member.ts";
import { renameSection } from "../../services/sections/rename-section.ts";
import { principalOf, requireUser } from "../middleware/auth.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";

const param = (req: Request, name: string) => parseOrThrow(uuidParam, req.params[name], name);

/** Every route answers with the group's whole section list after the change, so a client needs no second read. */
export function sectionRoutes(ctx: ServiceContext, docs: ApiDocs): Router {
  const router = Router();
  const signedIn = requireUser(ctx);
  const base = "/api/groups/:groupId/sections";
  const common = { tag: "groups", auth: true, response: sectionListSchema } as const;

  route(
    router,
    docs,
    { ...common, method: "get", path: base, summary: "The group's discussion sections and who is in which" },
    signedIn,
    async (req, res) => {
      res.json(await listGroupSections(ctx, principalOf(res).user.id, param(req, "groupId")));
    },
  );

  route(
    router,
    docs,
    {
      ...common,
      method: "post",
      path: base,
      summary: "Create a discussion section",
      body: createSectionSchema,
      status: 201,
    },
    signedIn,
    async (req, res) => {
      const input = req.body as CreateSectionInput;
      res.status(201).json(await createSection(ctx, principalOf(res).user.id, param(req, "groupId"), input));
    },
  );

  route(
    router,
    docs,
    {
      ...common,
      method: "post",
      path: `${base}/auto`,
      summary:
        "Split the class automatically into sections of at most perSection members (or count sections), by join order, replacing the sections it had",
      body: autoSplitSchema,
    },
    signedIn,
    async (req, res) => {
      const input = req.body as AutoSplitInput;
      res.json(await autoSplitSections(ctx, principalOf(res).user.id, param(req, "groupId"), input));
    },
  );

  route(
    router,
    docs,
    {
      ...common,
      method: "patch",
      path: `${base}/:sectionId`,
      summary: "Rename a discussion section",
      body: renameSectionSchema,
    },
    signedIn,
    async (req, res) => {
      const input = req.body as RenameSectionInput;
      const groupId = param(req, "groupId");
      res.json(await renameSection(ctx, principalOf(res).user.id, groupId, param(req, "sectionId"), input));
    },
  );

  route(
    router,
    docs,
    {
      ...common,
      method: "delete",
      path: `${base}/:sectionId`,
      summary: "Delete a discussion section; its members are left in none",
    },
    signedIn,
    async (req, res) => {
      res.json(
        await deleteSection(ctx, principalOf(res).user.id, param(req, "groupId"), param(req, "sectionId")),
      );
    },
  );

  route(
    router,
    docs,
    {
      ...common,
      method: "put",
      path: `${base}/members/:userId`,
      summary: "Put a member or observer in a section ({ sectionId }), or in none ({ sectionId: null })",
      body: placeMemberSchema,
    },
    signedIn,
    async (req, res) => {
      const input = req.body as PlaceMemberInput;
      const groupId = param(req, "groupId");
      res.json(await placeMember(ctx, principalOf(res).user.id, groupId, param(req, "userId"), input));
    },
  );

  return router;
}
