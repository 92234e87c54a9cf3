// What the reader's role allows, mirroring the server's policy so the UI offers only what will succeed.
import { createContext } from "react";
import type { Role } from "../api/http.ts";

/** What the reader may do in this room. */
export interface Permissions {
  /** Start threads, reply, react (everyone but observers; nobody in an archived room). */
  write: boolean;
  /** Resolve anyone's thread, hide and unhide (owners and instructors; nobody in an archived room). */
  moderate: boolean;
  /** Read instructors' threads, set the assignment, archive (owners and instructors, archived room or not). */
  teach: boolean;
}

export const PermissionsContext = createContext<Permissions>({ write: true, moderate: false, teach: false });

/**
 * The permissions of a group role in a room, archived or not (a hand copy of server/domain/policies.ts for the
 * actions the reader offers; the server refuses every change to an archived room).
 */
export const permissionsFor = (role: Role, archived = false): Permissions => {
  const teach = role === "owner" || role === "instructor";
  return { write: !archived && role !== "observer", moderate: !archived && teach, teach };
};

/** True when the reader may resolve or reopen a thread by `authorId`. */
export const canResolve = (permissions: Permissions, userId: string, authorId: string) =>
  permissions.moderate || (permissions.write && authorId === userId);

/** True when a reader of `role` may lead a "follow me", in a group that does or does not let members lead. */
export const canLead = (role: Role, membersMayLead: boolean) =>
  role === "owner" || role === "instructor" || (role === "member" && membersMayLead);

/** The reader bar's activity panel: the whole class's analytics for those who teach (archived room or not). */
export const activityPanelName = (permissions: Permissions) =>
  permissions.teach ? "Analytics" : "Your activity";
