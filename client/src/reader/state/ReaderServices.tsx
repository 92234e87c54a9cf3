// The services the reader's parts reach through context: the highlight bus, and the loaders of hidden text and of a
// thread's Markdown.
import type { ReactNode } from "react";
import { HiddenTextContext, type HiddenTextLoader } from "./hidden-text.ts";
import { HighlightBusContext, type HighlightBus } from "./highlight-bus.ts";
import { ThreadMarkdownContext, type ThreadMarkdownLoader } from "./thread-markdown.ts";

/** Provides `bus`, `loadHidden` and `loadMarkdown` to everything inside. */
export function ReaderServices(props: {
  bus: HighlightBus;
  loadHidden: HiddenTextLoader;
  loadMarkdown: ThreadMarkdownLoader;
  children: ReactNode;
}) {
  return (
    <HighlightBusContext.Provider value={props.bus}>
      <HiddenTextContext.Provider value={props.loadHidden}>
        <ThreadMarkdownContext.Provider value={props.loadMarkdown}>
          {props.children}
        </ThreadMarkdownContext.Provider>
      </HiddenTextContext.Provider>
    </HighlightBusContext.Provider>
  );
}
