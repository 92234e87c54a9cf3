// The wide-screen margin: one group per discussed block, placed beside its block like comments in a word processor.
import { useLayoutEffect, useRef, type ReactNode } from "react";
import { blockRowId } from "../dom-ids.ts";
import { placeMarginGroups } from "./margin-layout.ts";

const marginGap = 10;

/**
 * The groups of `blockIds`, each rendered by `render`. The group being worked on (`anchorBlockId`: the open
 * thread's or the new comment's) sits exactly beside its block; the text never moves.
 */
export function Margin(props: {
  blockIds: string[];
  anchorBlockId: string | null;
  render: (blockId: string) => ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const { anchorBlockId } = props;
  useLayoutEffect(() => {
    const margin = ref.current;
    if (!margin) return;
    let frame = 0;
    const layout = () => {
      frame = 0;
      const groups = [...margin.children] as HTMLElement[];
      const items = groups.map((group) => ({
        top: document.getElementById(blockRowId(group.dataset.marginFor!))?.offsetTop ?? 0,
        height: group.offsetHeight,
      }));
      const pivot = groups.findIndex((group) => group.dataset.marginFor === anchorBlockId);
      const { tops, height } = placeMarginGroups(items, pivot, marginGap);
      groups.forEach((group, index) => {
        group.style.transform = `translateY(${tops[index]}px)`;
      });
      margin.style.minHeight = groups.length === 0 ? "" : `${height}px`;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(layout);
    };
    layout();
    // Cards grow when opened or replied to, and the text reflows when the window changes size.
    const observer = new ResizeObserver(schedule);
    for (const group of margin.children) observer.observe(group);
    const text = margin.parentElement?.querySelector(".document");
    if (text) observer.observe(text);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  });
  return (
    <section ref={ref} className="margin" aria-label="Discussion">
      {props.blockIds.map((blockId) => (
        <div key={blockId} className="margin-cell" data-margin-for={blockId}>
          {props.render(blockId)}
        </div>
      ))}
    </section>
  );
}

/** Moves focus to the first thread of `blockId`'s group in the margin, if it has one. */
export function focusMarginGroup(blockId: string) {
  document.querySelector<HTMLElement>(`[data-margin-for="${CSS.escape(blockId)}"] .thread-open`)?.focus();
}
