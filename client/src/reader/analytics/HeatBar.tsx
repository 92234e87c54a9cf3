// One paragraph's heat in the margin of the text: a bar as long as its level, hatched more densely with it, and the
// figure written beside it — readable without colour.
import type { HeatCell } from "./heat-map.ts";

export function HeatBar(props: { cell: HeatCell; label: string }) {
  const { cell } = props;
  return (
    <span
      className={`heat-bar heat-${cell.level}`}
      title={cell.label}
      aria-label={`${props.label}: ${cell.label}`}
      role="img"
    >
      <span className="heat-track">
        <span className="heat-fill" style={{ width: `${cell.level * 25}%` }} />
      </span>
      <span className="heat-value">{cell.value}</span>
    </span>
  );
}
