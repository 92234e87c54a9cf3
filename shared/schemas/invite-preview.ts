// What the holder of an invite link sees before accepting it: which group, which role, until when.
import { z } from "zod";
import { roleSchema } from "./groups.ts";

export const invitePreviewSchema = z.object({
  groupId: z.uuid(),
  groupName: z.string(),
  groupDescription: z.string(),
  role: roleSchema,
  expiresAt: z.iso.datetime(),
  /** Whether accepting now would join the group (false only for someone already in it, whose link ran out). */
  valid: z.boolean(),
  /** The signed-in reader's role in the group when already a member; null otherwise (or signed out). */
  memberRole: roleSchema.nullable(),
});
export type InvitePreviewDto = z.infer<typeof invitePreviewSchema>;
