// Whether the window is narrow enough for the one-column reader (the discussion in a bottom sheet).
import { useEffect, useState } from "react";

/** The media query of the one-column reader; styles.css switches layout at the same width. */
export const narrowQuery = "(max-width: 1099px)";

/** True while the window matches `narrowQuery`. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(narrowQuery).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(narrowQuery);
    if (!list) return;
    const onChange = () => setNarrow(list.matches);
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  }, []);
  return narrow;
}
