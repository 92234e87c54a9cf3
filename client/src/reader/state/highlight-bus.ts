// How the discussion side points at passages of the text without reaching into it: hover by thread id.
import { createContext } from "react";

/** A passage is shown while a card about it is hovered; listeners are the text side. */
export interface HighlightBus {
  /** Shows (`on`) or stops showing which passage thread `threadId` is about. */
  hover(threadId: string, on: boolean): void;
  /** Calls `listener` on every hover change; returns the unsubscribe function. */
  onHover(listener: (threadId: string, on: boolean) => void): () => void;
}

/** A bus for one reader. */
export function createHighlightBus(): HighlightBus {
  const listeners = new Set<(threadId: string, on: boolean) => void>();
  return {
    hover: (threadId, on) => {
      for (const listener of listeners) listener(threadId, on);
    },
    onHover: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The reader's bus; without a provider, hovers go nowhere. */
export const HighlightBusContext = createContext<HighlightBus>(createHighlightBus());
