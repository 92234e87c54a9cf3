// Whether the window is narrow enough for the one-column reader (the discussion in a bottom sheet).
import { useMediaQuery } from "../../components/use-media-query.ts";

/** The media query of the one-column reader; styles.css switches layout at the same width. */
export const narrowQuery = "(max-width: 1099px)";

/** True while the window matches `narrowQuery`. */
export const useNarrow = (): boolean => useMediaQuery(narrowQuery);
