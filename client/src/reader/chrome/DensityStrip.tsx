// The density strip beside the scrollbar: where in the text the discussion is.
import { useLayoutEffect, useState } from "react";
import { blockRowId } from "../dom-ids.ts";

/** A strip beside the scrollbar with a tick per discussed block, placed where the block sits in the text. */
export function DensityStrip(props: { byBlock: ReadonlyMap<string, readonly unknown[]> }) {
  const [ticks, setTicks] = useState<{ id: string; top: number; count: number }[]>([]);
  const key = [...props.byBlock].map(([id, list]) => `${id}:${list.length}`).join(",");
  useLayoutEffect(() => {
    const measure = () => {
      const height = document.documentElement.scrollHeight || 1;
      setTicks(
        [...props.byBlock].map(([id, list]) => {
          const element = document.getElementById(blockRowId(id));
          const top = element ? (element.getBoundingClientRect().top + window.scrollY) / height : 0;
          return { id, top: Math.min(0.995, Math.max(0, top)), count: list.length };
        }),
      );
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- key summarises byBlock
  }, [key]);
  const max = Math.max(1, ...ticks.map((tick) => tick.count));
  return (
    <nav className="density" aria-label="Where the discussion is">
      {ticks.map((tick) => (
        <button
          key={tick.id}
          type="button"
          className="tick"
          style={{ top: `${tick.top * 100}%`, opacity: 0.35 + 0.65 * (tick.count / max) }}
          aria-label={`${tick.count} ${tick.count === 1 ? "thread" : "threads"}; go to the paragraph`}
          onClick={() => document.getElementById(blockRowId(tick.id))?.scrollIntoView({ block: "center" })}
        />
      ))}
    </nav>
  );
}
