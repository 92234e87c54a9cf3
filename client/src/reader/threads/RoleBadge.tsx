// The badge beside an instructor's or owner's name: their role in the group now, from the member list.
import { useContext } from "react";
import { MembersContext } from "../../components/mentions/members.ts";

/** Imported words stand under the importer's id with this label: they carry nobody's role. */
const importedPrefix = "imported: ";

/** "Instructor" or "Owner" beside the author of a thread, nothing for members, observers and imported words. */
export function RoleBadge(props: { authorId: string; authorName: string }) {
  const role = useContext(MembersContext).roleOf(props.authorId);
  if (props.authorName.startsWith(importedPrefix)) return null;
  if (role !== "instructor" && role !== "owner") return null;
  return <span className={`badge role-badge ${role}`}>{role === "owner" ? "Owner" : "Instructor"}</span>;
}
