// The initials of the others reading a paragraph, in the gutter beside it.
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import { Avatar } from "./Avatar.tsx";

/** How many initials fit beside a paragraph; more are counted. */
const shown = 2;

/** Markers for `people` reading this block; the list names them for screen readers. */
export function ReaderMarks(props: { people: readonly PresencePerson[] }) {
  const { people } = props;
  const names = people.map((person) => person.name).join(", ");
  return (
    <span className="reader-marks" role="img" aria-label={`Reading here: ${names}`} title={names}>
      {people.slice(0, shown).map((person) => (
        <Avatar key={person.userId} person={person} size="small" />
      ))}
      {people.length > shown && <span className="more">+{people.length - shown}</span>}
    </span>
  );
}
