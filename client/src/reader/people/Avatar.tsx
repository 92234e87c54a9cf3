// A person's initials on their own colour, dimmed while they are idle.
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import { colourOf, initialsOf } from "./people-view.ts";

/** Decorative: the surrounding control names the person. `size` "small" is for markers beside the text. */
export function Avatar(props: { person: PresencePerson; size?: "small" }) {
  const { person } = props;
  return (
    <span
      className={`avatar${props.size ? ` avatar-${props.size}` : ""}${person.idle ? " idle" : ""}`}
      style={{ backgroundColor: colourOf(person.userId) }}
      aria-hidden="true"
    >
      {initialsOf(person.name)}
    </span>
  );
}
