// /api/groups/*: groups, members, roles and invites.
import { Router, type Request } from "express";
import { z } from "zod";
import {
  auditPageSchema,
  auditQuerySchema,
  changeRoleSchema,
  createGroupSchema,
  createInviteSchema,
  groupSchema,
  inviteSchema,
  inviteTokenSchema,
  memberSchema,
  updateGroupSettingsSchema,
  type ChangeRoleInput,
  type CreateGroupInput,
  type CreateInviteInput,
  type UpdateGroupSettingsInput,
} from "../../../shared/schemas/groups.ts";
import type { ServiceContext } from "../../services/context.ts";
import { invitePreviewSchema } from "../../../shared/schemas/invite-preview.ts";
import { authenticate } from "../../services/auth/authenticate.ts";
import { acceptInvite } from "../../services/groups/accept-invite.ts";
import { changeMemberRole } from "../../services/groups/change-member-role.ts";
import { createGroup } from "../../services/groups/create-group.ts";
import { createInvite } from "../../services/groups/create-invite.ts";
import { listAudit } from "../../services/groups/list-audit.ts";
import { listGroupMembers } from "../../services/groups/list-group-members.ts";
import { listInvites } from "../../services/groups/list-invites.ts";
import { listMyGroups } from "../../services/groups/list-my-groups.ts";
import { previewInvite } from "../../services/groups/preview-invite.ts";
import { removeMember } from "../../services/groups/remove-member.ts";
import { revokeInvite } from "../../services/groups/revoke-invite.ts";
import { updateGroup } from "../../services/groups/update-group-settings.ts";
import { presentAuditEvent } from "../../presenters/audit-event.ts";
import { presentGroup } from "../../presenters/group.ts";
import { presentInvite } from "../../presenters/invite.ts";
import { presentMember } from "../../presenters/member.ts";
import { principalOf, readSessionToken, requireUser } from "../middleware/auth.ts";
import { authAddressLimiter, type AuthRateLimits } from "../middleware/rate-limit.ts";
import type { SharedLimits } from "../../realtime/fanout/shared-limits.ts";
import { parseOrThrow, uuidParam } from "../middleware/validate.ts";
import type { ApiDocs } from "../openapi.ts";
import { route } from "../route.ts";

const param = (req: Request, name: string) => parseOrThrow(uuidParam, req.params[name], name);

export function groupRoutes(
  ctx: ServiceContext,
  docs: ApiDocs,
  limits: AuthRateLimits,
  shared?: SharedLimits,
): Router {
  const router = Router();
  const signedIn = requireUser(ctx);
  // Invite tokens are bearer secrets: attempts to use or read them are limited per address, as sign-ins are.
  const inviteLimited = authAddressLimiter(limits, "invites", shared);

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/groups",
      summary: "Groups I belong to",
      tag: "groups",
      auth: true,
      response: z.object({ groups: z.array(groupSchema) }),
    },
    signedIn,
    async (_req, res) => {
      const groups = await listMyGroups(ctx, principalOf(res).user.id);
      res.json({ groups: groups.map(presentGroup) });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/groups",
      summary: "Create a group; I become its owner",
      tag: "groups",
      auth: true,
      body: createGroupSchema,
      response: z.object({ group: groupSchema }),
      status: 201,
    },
    signedIn,
    async (req, res) => {
      const created = await createGroup(ctx, principalOf(res).user.id, req.body as CreateGroupInput);
      res.status(201).json({ group: presentGroup(created) });
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/groups/:groupId/members",
      summary: "A group's members and roles",
      tag: "groups",
      auth: true,
      response: z.object({ members: z.array(memberSchema) }),
    },
    signedIn,
    async (req, res) => {
      const { viewerRole, members } = await listGroupMembers(
        ctx,
        principalOf(res).user.id,
        param(req, "groupId"),
      );
      res.json({ members: members.map((row) => presentMember(row, viewerRole)) });
    },
  );

  route(
    router,
    docs,
    {
      method: "patch",
      path: "/api/groups/:groupId",
      summary:
        "Change the group's name, description or settings: reading time recorded, members may lead, time zone (owners)",
      tag: "groups",
      auth: true,
      body: updateGroupSettingsSchema,
      response: z.object({ group: groupSchema }),
    },
    signedIn,
    async (req, res) => {
      const updated = await updateGroup(
        ctx,
        principalOf(res).user.id,
        param(req, "groupId"),
        req.body as UpdateGroupSettingsInput,
      );
      res.json({ group: presentGroup(updated) });
    },
  );

  route(
    router,
    docs,
    {
      method: "patch",
      path: "/api/groups/:groupId/members/:userId",
      summary: "Change a member's role (owners)",
      tag: "groups",
      auth: true,
      body: changeRoleSchema,
    },
    signedIn,
    async (req, res) => {
      const { role } = req.body as ChangeRoleInput;
      const result = await changeMemberRole(
        ctx,
        principalOf(res).user.id,
        param(req, "groupId"),
        param(req, "userId"),
        role,
      );
      res.json({ member: result });
    },
  );

  route(
    router,
    docs,
    {
      method: "delete",
      path: "/api/groups/:groupId/members/:userId",
      summary: "Remove a member, or leave when it is me",
      tag: "groups",
      auth: true,
      status: 204,
    },
    signedIn,
    async (req, res) => {
      await removeMember(ctx, principalOf(res).user.id, param(req, "groupId"), param(req, "userId"));
      res.status(204).end();
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/groups/:groupId/leave",
      summary: "Leave a group",
      tag: "groups",
      auth: true,
      status: 204,
    },
    signedIn,
    async (req, res) => {
      const me = principalOf(res).user.id;
      await removeMember(ctx, me, param(req, "groupId"), me);
      res.status(204).end();
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/groups/:groupId/invites",
      summary: "Create an invite link (owners, instructors)",
      tag: "groups",
      auth: true,
      body: createInviteSchema,
      response: z.object({ invite: inviteSchema }),
      status: 201,
    },
    signedIn,
    async (req, res) => {
      const { invite, token, url } = await createInvite(
        ctx,
        principalOf(res).user.id,
        param(req, "groupId"),
        req.body as CreateInviteInput,
      );
      res.status(201).json({ invite: presentInvite(invite, { token, url }) });
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/groups/:groupId/invites",
      summary: "The group's open invites: role, expiry, uses (owners, instructors); never their links",
      tag: "groups",
      auth: true,
      response: z.object({ invites: z.array(inviteSchema) }),
    },
    signedIn,
    async (req, res) => {
      const invites = await listInvites(ctx, principalOf(res).user.id, param(req, "groupId"));
      res.json({ invites: invites.map((invite) => presentInvite(invite)) });
    },
  );

  route(
    router,
    docs,
    {
      method: "delete",
      path: "/api/groups/:groupId/invites/:inviteId",
      summary: "Revoke an invite link (owners; instructors for member and observer invites)",
      tag: "groups",
      auth: true,
      status: 204,
    },
    signedIn,
    async (req, res) => {
      await revokeInvite(ctx, principalOf(res).user.id, param(req, "groupId"), param(req, "inviteId"));
      res.status(204).end();
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/groups/:groupId/audit",
      summary:
        "The group's audit log, newest first: membership, invite, moderation and text events (owners, instructors)",
      tag: "groups",
      auth: true,
      query: { before: "nextCursor of the previous page", limit: "events per page (1–200, default 50)" },
      response: auditPageSchema,
    },
    signedIn,
    async (req, res) => {
      const query = parseOrThrow(auditQuerySchema, req.query, "query");
      const page = await listAudit(ctx, principalOf(res).user.id, param(req, "groupId"), query);
      res.json({ events: page.events.map(presentAuditEvent), nextCursor: page.nextCursor });
    },
  );

  route(
    router,
    docs,
    {
      method: "get",
      path: "/api/invites/:token",
      summary:
        "What an invite link is for: the group, the role and the expiry (404 unknown, 410 expired or used up); no sign-in needed, the link is the credential",
      tag: "groups",
      auth: false,
      response: z.object({ invite: invitePreviewSchema }),
    },
    inviteLimited,
    async (req, res) => {
      const token = parseOrThrow(inviteTokenSchema, req.params.token, "token");
      const session = readSessionToken(req);
      const principal = session ? await authenticate(ctx, session) : undefined;
      res.json({ invite: await previewInvite(ctx, token, principal?.user.id) });
    },
  );

  route(
    router,
    docs,
    {
      method: "post",
      path: "/api/invites/:token/accept",
      summary: "Join a group through an invite link",
      tag: "groups",
      auth: true,
    },
    inviteLimited,
    signedIn,
    async (req, res) => {
      const token = parseOrThrow(inviteTokenSchema, req.params.token, "token");
      const result = await acceptInvite(ctx, principalOf(res).user.id, token);
      res.status(result.joined ? 201 : 200).json({ membership: result });
    },
  );

  return router;
}
