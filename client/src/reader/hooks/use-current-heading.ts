// The heading of the section being read, for the contents.
import { useEffect, useState } from "react";
import type { Block } from "../../../../shared/schemas/documents.ts";

/** The anchor id of the last heading above the upper third of the window, updated as the reader scrolls. */
export function useCurrentHeading(headings: readonly Block[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      let found: string | null = null;
      for (const heading of headings) {
        const row = document.getElementById(`p-${heading.anchorId}`);
        if (row && row.getBoundingClientRect().top < window.innerHeight / 3) found = heading.anchorId;
      }
      setCurrent(found);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
    };
  }, [headings]);
  return current;
}
