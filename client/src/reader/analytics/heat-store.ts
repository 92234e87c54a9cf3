// The heat map's state outside React's tree of the reader: switching it on, or to another measure, re-renders only
// the paragraphs' heat bars that read it (a few thousand on a long book), not the rows of the text nor the reader
// around them with its margin.
import { createContext, useContext, useSyncExternalStore } from "react";
import type { ParagraphAnalytics } from "../../../../shared/schemas/analytics.ts";
import { heatOf, type HeatCell, type HeatMeasure } from "./heat-map.ts";

export interface HeatChoice {
  on: boolean;
  measure: HeatMeasure;
}

export interface HeatStore {
  choice(): HeatChoice;
  choose(choice: HeatChoice): void;
  /** The figures the heat map shows (null: none loaded, or not everyone's). */
  setParagraphs(paragraphs: readonly ParagraphAnalytics[] | null): void;
  /** The cell of `blockId` while the heat map is shown. */
  cellOf(blockId: string): HeatCell | undefined;
  subscribe(listener: () => void): () => void;
}

export function createHeatStore(): HeatStore {
  let choice: HeatChoice = { on: false, measure: "reading" };
  let paragraphs: readonly ParagraphAnalytics[] | null = null;
  let cells: Map<string, HeatCell> | null = null;
  const listeners = new Set<() => void>();
  const changed = () => {
    cells = choice.on && paragraphs ? heatOf(paragraphs, choice.measure) : null;
    for (const listener of listeners) listener();
  };
  return {
    choice: () => choice,
    choose: (next) => {
      choice = next;
      changed();
    },
    setParagraphs: (next) => {
      if (next === paragraphs) return;
      paragraphs = next;
      changed();
    },
    cellOf: (blockId) => cells?.get(blockId),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The reader's heat store; a store that never shows anything outside a reader. */
export const HeatStoreContext = createContext<HeatStore>(createHeatStore());

/** The heat map's choice, kept current. */
export function useHeatChoice(store: HeatStore): HeatChoice {
  return useSyncExternalStore(store.subscribe, store.choice);
}

/** `blockId`'s cell while the heat map is shown; re-renders only when that cell changes. */
export function useHeatCell(blockId: string): HeatCell | undefined {
  const store = useContext(HeatStoreContext);
  return useSyncExternalStore(store.subscribe, () => store.cellOf(blockId));
}
