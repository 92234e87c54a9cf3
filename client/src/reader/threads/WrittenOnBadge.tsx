// The mark on a thread written on another version of the text than the one the room reads now.
import { useContext } from "react";
import { RoomVersionContext } from "../history/room-version.ts";

/** "written on version N" when `version` (the thread's) is known and is not the room's; nothing otherwise. */
export function WrittenOnBadge(props: { version: number | undefined }) {
  const roomVersion = useContext(RoomVersionContext);
  if (props.version === undefined || roomVersion === undefined || props.version === roomVersion) return null;
  return (
    <span
      className="badge version-badge"
      title={`Written on version ${props.version} of the text; the room reads version ${roomVersion}`}
    >
      written on version {props.version}
    </span>
  );
}
