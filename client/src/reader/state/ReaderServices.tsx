// The services the reader's parts reach through context: the highlight bus, the loaders of hidden text and of a
// thread's Markdown, and who is replying in which thread.
import type { ReactNode } from "react";
import { TypingContext, type Typing } from "../../realtime/use-typing.ts";
import { HiddenTextContext, type HiddenTextLoader } from "./hidden-text.ts";
import { HighlightBusContext, type HighlightBus } from "./highlight-bus.ts";
import { ThreadMarkdownContext, type ThreadMarkdownLoader } from "./thread-markdown.ts";

/** Provides `bus`, `loadHidden`, `loadMarkdown` and `typing` to everything inside. */
export function ReaderServices(props: {
  bus: HighlightBus;
  loadHidden: HiddenTextLoader;
  loadMarkdown: ThreadMarkdownLoader;
  typing: Typing;
  children: ReactNode;
}) {
  return (
    <HighlightBusContext.Provider value={props.bus}>
      <HiddenTextContext.Provider value={props.loadHidden}>
        <ThreadMarkdownContext.Provider value={props.loadMarkdown}>
          <TypingContext.Provider value={props.typing}>{props.children}</TypingContext.Provider>
        </ThreadMarkdownContext.Provider>
      </HiddenTextContext.Provider>
    </HighlightBusContext.Provider>
  );
}
