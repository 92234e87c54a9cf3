// Whether a CSS media query matches, kept up to date as the window changes.
import { useEffect, useState } from "react";

/** A phone's width: styles.css gives the bar and popovers their phone layout at the same width. */
export const phoneQuery = "(max-width: 640px)";

/**
 * Where the reader bar gathers its secondary actions behind "More": phones, tablets and small laptops whose bar
 * cannot hold the title, people, bell and every action in one row (at 700 px an instructor's bar was 48 px too wide;
 * at 920 px its title had 40 px; at 1001 px, with Contents in the bar, 16 px).
 */
export const compactBarQuery = "(max-width: 1179px)";

/** Where the reader has no room for the contents column beside the text (styles.css hides it at the same width). */
export const noContentsColumnQuery = "(max-width: 1279px)";

/** True while the window matches `query` (false where matchMedia is missing). */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    setMatches(list.matches);
    const onChange = () => setMatches(list.matches);
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  }, [query]);
  return matches;
}
