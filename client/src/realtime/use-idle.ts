// Whether the reader has stepped away: no input for a while, or the tab hidden.
import { useEffect, useState } from "react";

const inputEvents = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll"] as const;

/** True after `afterMs` without keyboard, pointer or scroll input, or while the tab is hidden; false on input. */
export function useIdle(afterMs: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = setTimeout(() => setIdle(true), afterMs);
    const onInput = () => {
      clearTimeout(timer);
      setIdle(document.visibilityState === "hidden");
      timer = setTimeout(() => setIdle(true), afterMs);
    };
    for (const type of inputEvents) window.addEventListener(type, onInput, { passive: true });
    document.addEventListener("visibilitychange", onInput);
    return () => {
      clearTimeout(timer);
      for (const type of inputEvents) window.removeEventListener(type, onInput);
      document.removeEventListener("visibilitychange", onInput);
    };
  }, [afterMs]);
  return idle;
}
