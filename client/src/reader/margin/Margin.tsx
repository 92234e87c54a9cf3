// The wide-screen margin: one group per discussed block, placed beside its block like comments in a word processor.
import { useContext, useLayoutEffect, useRef, type ReactNode } from "react";
import { focusInPlace, revealEvent } from "../../components/reveal.ts";
import { blockRowId } from "../dom-ids.ts";
import { HighlightBusContext } from "../state/highlight-bus.ts";
import { choosePivot, placeMarginGroups, type MarginGroupState } from "./margin-layout.ts";
import type { MarginTarget } from "./margin-target.ts";

const marginGap = 10;

/** The vertical offset of `element` inside `ancestor` (an offset parent on its chain), unaffected by transforms. */
function offsetWithin(element: HTMLElement, ancestor: HTMLElement): number {
  let offset = 0;
  for (
    let node: HTMLElement | null = element;
    node && node !== ancestor;
    node = node.offsetParent as HTMLElement
  ) {
    offset += node.offsetTop;
  }
  return offset;
}

/**
 * How much of the window's top the sticky bars cover (--covered-top, the page's scroll-padding-top while nothing in
 * the bars has focus), in pixels.
 */
const coveredTop = () => {
  const root = getComputedStyle(document.documentElement);
  const covered = root.getPropertyValue("--covered-top").trim();
  const size = parseFloat(covered) || 0;
  return covered.endsWith("rem") ? size * (parseFloat(root.fontSize) || 16) : size;
};

/**
 * The groups of `blockIds`, each rendered by `render`. The group being worked on (`target`) sits beside its passage;
 * otherwise the group the reader is looking at stays where it is, so changes elsewhere (another reader's thread
 * above) move nothing in view. The text never moves. A request to reveal something inside (an opened composer or
 * thread) scrolls the window just enough to show it where it will settle, not where it is while moving.
 */
export function Margin(props: {
  blockIds: string[];
  target: MarginTarget | null;
  render: (blockId: string) => ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const bus = useContext(HighlightBusContext);
  /** Where each group was put, and where its block was then. */
  const placed = useRef(new Map<string, { top: number; blockTop: number }>());
  /** The last target laid out, so a new one is placed even when its passage is out of view. */
  const lastTarget = useRef("");
  /** An element waiting to be revealed once laid out. */
  const revealing = useRef<HTMLElement | null>(null);
  const schedule = useRef<() => void>(() => undefined);
  const { target } = props;

  useLayoutEffect(() => {
    const margin = ref.current;
    if (!margin) return;
    let frame = 0;
    const layout = () => {
      frame = 0;
      const cells = [...margin.children] as HTMLElement[];
      const origin = margin.getBoundingClientRect().top;
      const groups: MarginGroupState[] = cells.map((cell) => {
        const row = document.getElementById(blockRowId(cell.dataset.marginFor!));
        const top = row ? row.getBoundingClientRect().top - origin : 0;
        const last = placed.current.get(cell.dataset.marginFor!);
        return { top, height: cell.offsetHeight, ...(last ? { last } : {}) };
      });
      const key = target ? `${target.blockId} ${target.elementId ?? ""}` : "";
      const index = target ? cells.findIndex((cell) => cell.dataset.marginFor === target.blockId) : -1;
      let focus = null;
      if (target && index >= 0) {
        const cell = cells[index]!;
        const passage = target.passage ? bus.locate(target.passage) : null;
        const element = target.elementId ? document.getElementById(target.elementId) : null;
        const top =
          (passage ? passage.top - origin : groups[index]!.top) - (element ? offsetWithin(element, cell) : 0);
        focus = { index, top, fresh: key !== lastTarget.current };
      }
      lastTarget.current = key;
      const view = { top: coveredTop() - origin, bottom: window.innerHeight - origin };
      const { tops, height } = placeMarginGroups(groups, choosePivot(groups, focus, view), marginGap);
      placed.current = new Map(
        cells.map((cell, i) => [cell.dataset.marginFor!, { top: tops[i]!, blockTop: groups[i]!.top }]),
      );
      cells.forEach((cell, i) => {
        cell.style.transform = `translateY(${tops[i]}px)`;
        if (!cell.hasAttribute("data-placed")) {
          // A group's first placement must not animate from the margin's top (and drag a focused composer along):
          // the transition applies only once the first position has been styled.
          void getComputedStyle(cell).transform;
          cell.setAttribute("data-placed", "");
        }
      });
      margin.style.minHeight = cells.length === 0 ? "" : `${height}px`;
      const element = revealing.current;
      revealing.current = null;
      const cell = element?.closest<HTMLElement>(".margin-cell");
      if (element && cell && margin.contains(cell)) {
        const top = origin + tops[cells.indexOf(cell)]! + offsetWithin(element, cell);
        const bottom = top + element.offsetHeight;
        const covered = coveredTop();
        const below = bottom - window.innerHeight;
        const by =
          below > 0 ? Math.min(below + 16, top - covered - 16) : top < covered ? top - covered - 16 : 0;
        if (by !== 0) window.scrollBy({ top: by, behavior: "instant" });
      }
    };
    schedule.current = () => {
      if (!frame) frame = requestAnimationFrame(layout);
    };
    layout();
    // Cards grow when opened or replied to, and the text reflows when the window changes size.
    const observer = new ResizeObserver(schedule.current);
    for (const cell of margin.children) observer.observe(cell);
    const text = margin.parentElement?.querySelector(".document");
    if (text) observer.observe(text);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  });

  // Requests come from children's first effects, after this component's layout effects: listen from one too.
  useLayoutEffect(() => {
    const margin = ref.current;
    if (!margin) return;
    const onReveal = (event: Event) => {
      event.preventDefault();
      revealing.current = event.target as HTMLElement;
      schedule.current();
    };
    margin.addEventListener(revealEvent, onReveal);
    return () => margin.removeEventListener(revealEvent, onReveal);
  }, []);

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

/** Moves focus to the first thread of `blockId`'s group in the margin, if it has one, and brings it into view. */
export function focusMarginGroup(blockId: string) {
  const first = document.querySelector<HTMLElement>(
    `[data-margin-for="${CSS.escape(blockId)}"] .thread-open`,
  );
  if (first) focusInPlace(first);
}
