// Who else is in the room, in the top bar: a few avatars and a count; a list, on click, of where each is reading.
import { useEffect, useId, useRef, useState } from "react";
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import { Avatar } from "./Avatar.tsx";
import type { Places } from "./people-view.ts";

/** Avatars shown in the bar (fewer on a phone, by CSS); the rest are in the count and the list. */
const inBar = 3;

export interface PeopleBarProps {
  /** The others in the room, one entry each (see othersInRoom). */
  others: readonly PresencePerson[];
  places: Places;
  /** Brings `blockId` to the reading line. */
  onGo: (blockId: string) => void;
}

/** "3 here" with the first avatars; opens a list naming each other reader and where they are. */
export function PeopleBar(props: PeopleBarProps) {
  const { others } = props;
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const count = others.length + 1;
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);
  return (
    <div
      className="people"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          event.nativeEvent.stopImmediatePropagation();
          setOpen(false);
          root.current?.querySelector("button")?.focus();
        }
      }}
    >
      <button
        type="button"
        className="people-button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {others.slice(0, inBar).map((person) => (
          <Avatar key={person.userId} person={person} />
        ))}
        <span className="people-count">
          {count}
          <span className="people-here"> here</span>
        </span>
        <span className="sr-only">
          {` (${others.length === 0 ? "only you" : `you and ${others.map((person) => person.name).join(", ")}`})`}
        </span>
      </button>
      <div id={listId} className="people-list" hidden={!open}>
        {others.length === 0 ? (
          <p className="muted">No one else is reading now.</p>
        ) : (
          <ul aria-label="Readers in this room">
            {others.map((person) => {
              const where = props.places.label(person.blockId);
              const state = [person.leading && "leading", person.idle && "idle"].filter(Boolean).join(", ");
              return (
                <li key={person.userId}>
                  <button
                    type="button"
                    className="person"
                    disabled={person.blockId === null}
                    onClick={() => {
                      if (person.blockId) props.onGo(person.blockId);
                      setOpen(false);
                    }}
                  >
                    <Avatar person={person} />
                    <span className="person-text">
                      <span className="person-name">
                        {person.name}
                        {state && <span className="muted"> · {state}</span>}
                      </span>
                      <span className="person-place">{where}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
