// A person's initials on their own colour, greyed while they are idle.
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import { colourOf, initialsOf } from "./people-view.ts";

/** Decorative: the surrounding control names the person (and says when they are idle). `size` "small" is for markers beside the text. */
export function Avatar(props: { person: PresencePerson; size?: "small" }) {
  const { person } = props;
  return (
    <span
      className={`avatar${props.size ? ` avatar-${props.size}` : ""}${person.idle ? " idle" : ""}`}
      // Grey rather than faded: faded initials would be too faint to read.
      style={{ backgroundColor: person.idle ? "var(--idle)" : colourOf(person.userId) }}
      aria-hidden="true"
    >
      {initialsOf(person.name)}
    </span>
  );
}
