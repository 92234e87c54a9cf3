// The density strip beside the scrollbar: where in the text the discussion is, and where the others are reading.
import { useLayoutEffect, useState } from "react";
import type { PresencePerson } from "../../../../shared/people-protocol.ts";
import { blockRowId } from "../dom-ids.ts";
import { colourOf } from "../people/people-view.ts";

/** Where block `id`'s row sits down the page, from 0 (top) to just under 1 (bottom). */
function placeOnPage(id: string): number {
  const height = document.documentElement.scrollHeight || 1;
  const element = document.getElementById(blockRowId(id));
  const top = element ? (element.getBoundingClientRect().top + window.scrollY) / height : 0;
  return Math.min(0.995, Math.max(0, top));
}

const goTo = (id: string) => document.getElementById(blockRowId(id))?.scrollIntoView({ block: "center" });

/**
 * A strip beside the scrollbar with a tick per discussed block and a dot in their colour per other reader, placed
 * where the block sits in the text.
 */
export function DensityStrip(props: {
  byBlock: ReadonlyMap<string, readonly unknown[]>;
  readers: ReadonlyMap<string, readonly PresencePerson[]>;
}) {
  const [ticks, setTicks] = useState<{ id: string; top: number; count: number }[]>([]);
  const [dots, setDots] = useState<{ id: string; top: number; people: readonly PresencePerson[] }[]>([]);
  const key = [...props.byBlock].map(([id, list]) => `${id}:${list.length}`).join(",");
  const readersKey = [...props.readers]
    .map(([id, list]) => `${id}:${list.map((person) => person.userId).join("+")}`)
    .join(",");
  useLayoutEffect(() => {
    const measure = () => {
      setTicks([...props.byBlock].map(([id, list]) => ({ id, top: placeOnPage(id), count: list.length })));
      setDots([...props.readers].map(([id, people]) => ({ id, top: placeOnPage(id), people })));
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the keys summarise byBlock and readers
  }, [key, readersKey]);
  const max = Math.max(1, ...ticks.map((tick) => tick.count));
  return (
    <nav className="density" aria-label="Where the discussion and the readers are">
      {ticks.map((tick) => (
        <button
          key={tick.id}
          type="button"
          className="tick"
          style={{ top: `${tick.top * 100}%`, opacity: 0.35 + 0.65 * (tick.count / max) }}
          aria-label={`${tick.count} ${tick.count === 1 ? "thread" : "threads"}; go to the paragraph`}
          onClick={() => goTo(tick.id)}
        />
      ))}
      {dots.map((dot) => (
        <button
          key={`reader-${dot.id}`}
          type="button"
          className="reader-dot"
          style={{ top: `${dot.top * 100}%`, backgroundColor: colourOf(dot.people[0]!.userId) }}
          aria-label={`${dot.people.map((person) => person.name).join(", ")} reading here; go to the paragraph`}
          onClick={() => goTo(dot.id)}
        />
      ))}
    </nav>
  );
}
