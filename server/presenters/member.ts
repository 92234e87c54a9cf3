// Membership → MemberDto; emails are shown only to those who manage the group.
import type { MemberDto, Role } from "../../shared/schemas/groups.ts";

export function presentMember(
  row: { role: Role; createdAt: Date; user: { id: string; displayName: string; email: string } },
  viewerRole: Role,
): MemberDto {
  const managesGroup = viewerRole === "owner" || viewerRole === "instructor";
  return {
    userId: row.user.id,
    displayName: row.user.displayName,
    ...(managesGroup ? { email: row.user.email } : {}),
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  };
}
