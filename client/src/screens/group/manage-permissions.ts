// What a role may do to run a group, mirroring server/domain/policies.ts so the library offers only what will succeed.
import type { Role } from "../../api/http.ts";

const rank: Record<Role, number> = { observer: 0, member: 1, instructor: 2, owner: 3 };
const teaches = (role: Role) => role === "owner" || role === "instructor";

/** Owners change roles, rename the group and describe it. */
export const canChangeRoles = (role: Role) => role === "owner";
export const canEditGroup = (role: Role) => role === "owner";

/** Owners remove anyone; instructors remove members and observers. */
export const canRemove = (role: Role, targetRole: Role) =>
  role === "owner" || (role === "instructor" && rank[targetRole] < rank.instructor);

/** The roles `role` may hand out in an invite (nobody invites owners; only owners invite instructors). */
export const invitableRoles = (role: Role): Role[] =>
  role === "owner" ? ["member", "observer", "instructor"] : teaches(role) ? ["member", "observer"] : [];

/** Revoking follows inviting: instructors revoke learners' invites only. */
export const canRevoke = (role: Role, grantedRole: Role) => invitableRoles(role).includes(grantedRole);

/** Owners and instructors see open invites and the audit log, and rename or remove texts. */
export const canManage = teaches;
