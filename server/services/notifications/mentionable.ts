// The group members a body mentions, looked up once before the mutation runs (the check itself is pure, under the
// room lock: domain/notifications/mentions.ts).
import { mentionedUserIds } from "../../../shared/mentions.ts";
import { findMembersAmong } from "../../data/memberships.ts";
import type { Mentionable } from "../../domain/notifications/mentions.ts";
import type { ServiceContext } from "../context.ts";

/** The members of `groupId` that `body` mentions, by user id; people who are not members are absent. */
export async function loadMentionable(
  ctx: ServiceContext,
  groupId: string,
  body: string | undefined,
): Promise<Map<string, Mentionable>> {
  const ids = body === undefined ? [] : mentionedUserIds(body);
  const members = await findMembersAmong(ctx.db, groupId, ids);
  return new Map(members.map(({ userId, ...member }) => [userId, member]));
}
