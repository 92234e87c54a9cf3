// Request and response schemas for groups, memberships and invites.
import { z } from "zod";
import { limits } from "../limits.ts";
import { isTimeZone } from "../time-zone.ts";
import { decimalInteger } from "./decimal.ts";
import { someOf } from "./some-of.ts";
import { text } from "./text.ts";

export const roles = ["owner", "instructor", "member", "observer"] as const;
export const roleSchema = z.enum(roles, { error: `must be one of ${roles.join(", ")}` });
export type Role = z.infer<typeof roleSchema>;

const groupName = text()
  .trim()
  .min(1, "must not be empty")
  .max(limits.groupNameMax, `must be at most ${limits.groupNameMax} characters`);
const groupDescription = text({ controls: "whitespace" })
  .trim()
  .max(limits.groupDescriptionMax, `must be at most ${limits.groupDescriptionMax} characters`);

export const createGroupSchema = z.strictObject({
  name: groupName,
  description: groupDescription.default(""),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

export const createInviteSchema = z.strictObject({
  role: roleSchema.exclude(["owner"], { error: "must be instructor, member or observer" }).default("member"),
  /**
   * Whole days, as the invite form offers them: a fraction (1e-320) made an invite that had expired when it was
   * created.
   */
  expiresInDays: z
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(limits.inviteMaxDays, `must be at most ${limits.inviteMaxDays} days`)
    .default(7),
  maxUses: z
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(limits.inviteMaxUses, `must be at most ${limits.inviteMaxUses}`)
    .default(25),
});
export type CreateInviteInput = z.infer<typeof createInviteSchema>;

/** The secret part of an invite link, as a path parameter. */
export const inviteTokenSchema = text()
  .min(20, "is not a valid invite token")
  .max(128, "is not a valid invite token");

export const changeRoleSchema = z.strictObject({ role: roleSchema });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

/** An IANA time zone name ("Europe/Berlin", "UTC"), in which the group's dates are entered and shown. */
export const timeZoneSchema = text()
  .max(64, "must be at most 64 characters")
  .refine(isTimeZone, "must be an IANA time zone name such as Europe/Berlin or UTC");

/** An owner's changes to the group: its name, its description, the people channel's switches; at least one. */
export const updateGroupSettingsSchema = someOf({
  name: groupName.optional(),
  description: groupDescription.optional(),
  /** Whether readers' time per paragraph is recorded for the instructors' analytics. */
  recordReadingTime: z.boolean().optional(),
  /** Whether members (not only owners and instructors) may lead a "follow me". */
  membersMayLead: z.boolean().optional(),
  /** The time zone of the group's assignments' dates. */
  timeZone: timeZoneSchema.optional(),
});
export type UpdateGroupSettingsInput = z.infer<typeof updateGroupSettingsSchema>;

export const groupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  role: roleSchema,
  memberCount: z.number().int(),
  createdAt: z.iso.datetime(),
  recordReadingTime: z.boolean(),
  membersMayLead: z.boolean(),
  timeZone: z.string(),
});
export type GroupDto = z.infer<typeof groupSchema>;

export const memberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string().optional(),
  role: roleSchema,
  joinedAt: z.iso.datetime(),
});
export type MemberDto = z.infer<typeof memberSchema>;

export const inviteSchema = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  role: roleSchema,
  expiresAt: z.iso.datetime(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  createdAt: z.iso.datetime(),
  token: z.string().optional(),
  url: z.string().optional(),
});
export type InviteDto = z.infer<typeof inviteSchema>;

/** A page of the audit log: `before` is the `nextCursor` of the previous page (newest first). */
export const auditQuerySchema = z.strictObject({
  before: z.uuid({ error: "must be the nextCursor of the previous page" }).optional(),
  limit: decimalInteger(
    "must be a whole number",
    z
      .number()
      .min(1, "must be at least 1")
      .max(limits.auditPageMax, `must be at most ${limits.auditPageMax}`),
  ).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One membership or moderation event, with the names of the people it involves as they are now. */
export const auditEventSchema = z.object({
  id: z.uuid(),
  action: z.string(),
  createdAt: z.iso.datetime(),
  /** Who did it; null once their account is gone. */
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** What it was done to: an id, with a name when it is a person or a text. */
  target: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `before` for older events; null on the last page. */
  nextCursor: z.uuid().nullable(),
});
export type AuditPageDto = z.infer<typeof auditPageSchema>;
