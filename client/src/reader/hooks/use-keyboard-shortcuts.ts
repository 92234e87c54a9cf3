// Listens for the reader's keys on the document and carries out their commands.
import { useEffect, useEffectEvent } from "react";
import { commandForKey, type KeyCommand, type KeyPermissions, type ReadingPlace } from "../state/keyboard.ts";
import type { ReaderState } from "../state/reader-state.ts";
import type { ViewThread } from "../state/thread-view.ts";

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Commands the reader does not take care of by default (x and c need the room and the selection). */
const unprevented = new Set<KeyCommand["type"]>(["escape", "resolve"]);

/**
 * Runs `run` for each key the reader understands, ignoring keys typed into fields or pressed with a modifier
 * (Escape counts everywhere). `place` tells where the reader is when a key needs it (j or k with no thread open).
 */
export function useKeyboardShortcuts(
  state: Pick<ReaderState, "activeId" | "selection">,
  visible: readonly ViewThread[],
  may: KeyPermissions,
  place: () => ReadingPlace,
  run: (command: KeyCommand) => void,
) {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    // Keys that drive an input method's composition (Japanese, Chinese…) are the input method's, Escape included.
    if (event.isComposing) return;
    if (
      event.key !== "Escape" &&
      (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey)
    ) {
      return;
    }
    const command = commandForKey(
      event.key,
      state,
      visible,
      may,
      event.key === "j" || event.key === "k" ? place() : undefined,
    );
    if (!command) return;
    if (!unprevented.has(command.type)) event.preventDefault();
    run(command);
  });
  useEffect(() => {
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
