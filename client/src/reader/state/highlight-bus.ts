// How the discussion side points at passages of the text without reaching into it: hover by thread id, and where a
// passage is on screen (so the margin can sit a card or a composer beside it).
import { createContext } from "react";
import type { Anchor } from "../../../../shared/room-doc.ts";

/** Where a passage is on screen (viewport pixels), or null when it is not shown. */
export type PassageLocator = (anchor: Anchor) => DOMRect | null;

/** Between the text side (which answers) and the discussion side (which asks). */
export interface HighlightBus {
  /** Shows (`on`) or stops showing which passage thread `threadId` is about. */
  hover(threadId: string, on: boolean): void;
  /** Calls `listener` on every hover change; returns the unsubscribe function. */
  onHover(listener: (threadId: string, on: boolean) => void): () => void;
  /** The box of the first line of `anchor`'s passage (of its whole block for a block anchor). */
  locate: PassageLocator;
  /** Registers the text side's locator; returns the function that removes it. */
  provideLocator(locator: PassageLocator): () => void;
}

/** A bus for one reader. */
export function createHighlightBus(): HighlightBus {
  const listeners = new Set<(threadId: string, on: boolean) => void>();
  let locator: PassageLocator | null = null;
  return {
    hover: (threadId, on) => {
      for (const listener of listeners) listener(threadId, on);
    },
    onHover: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    locate: (anchor) => locator?.(anchor) ?? null,
    provideLocator: (next) => {
      locator = next;
      return () => {
        if (locator === next) locator = null;
      };
    },
  };
}

/** The reader's bus; without a provider, hovers go nowhere and no passage is found. */
export const HighlightBusContext = createContext<HighlightBus>(createHighlightBus());
