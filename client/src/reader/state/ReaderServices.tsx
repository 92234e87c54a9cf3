// The services the reader's parts reach through context: the highlight bus and the loader of hidden text.
import type { ReactNode } from "react";
import { HiddenTextContext, type HiddenTextLoader } from "./hidden-text.ts";
import { HighlightBusContext, type HighlightBus } from "./highlight-bus.ts";

/** Provides `bus` and `loadHidden` to everything inside. */
export function ReaderServices(props: {
  bus: HighlightBus;
  loadHidden: HiddenTextLoader;
  children: ReactNode;
}) {
  return (
    <HighlightBusContext.Provider value={props.bus}>
      <HiddenTextContext.Provider value={props.loadHidden}>{props.children}</HiddenTextContext.Provider>
    </HighlightBusContext.Provider>
  );
}
