// One paragraph's heat in the margin of the text: a bar as long as its level, hatched more densely with it, and the
// figure written beside it — readable without colour. The row's tint follows the bar in CSS (:has), so that switching
// the heat map on re-renders these bars alone, not the rows of the text around them.
import { memo } from "react";
import { useHeatCell } from "./heat-store.ts";

/** `blockId`'s bar while the heat map is shown, nothing otherwise; `label` names the paragraph ("paragraph 3"). */
export const HeatBar = memo(function HeatBar(props: { blockId: string; label: string }) {
  const cell = useHeatCell(props.blockId);
  if (!cell) return null;
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
});
