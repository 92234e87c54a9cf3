// Keeping the reader's place across a reload of the page: the text arrives after the browser's own scroll
// restoration has given up (the page was empty then), so the paragraph being read is kept for the tab
// (sessionStorage, by room) and found again once the text is shown.
import { useEffect, useRef } from "react";
import { measureReadingPlace, restoreReadingPlace, type ReadingPlace } from "./use-place-across-widths.ts";

const storageKey = (roomId: string) => `scholia-place-${roomId}`;
/** The place is saved once the reader has stopped scrolling for this long (and when the page goes away). */
const saveAfterMs = 250;
/** How long after restoring the page follows the text while it settles (the margin's cards placed). */
const settleMs = 800;
/** What the reader does that ends the page's following of the text: their own scrolling, typing or touching. */
const readerMoves = ["wheel", "touchstart", "keydown"];

function savedPlace(roomId: string): ReadingPlace | null {
  try {
    const place = JSON.parse(sessionStorage.getItem(storageKey(roomId)) ?? "null") as ReadingPlace | null;
    return typeof place?.blockId === "string" && typeof place.fraction === "number" ? place : null;
  } catch {
    return null; // unreadable (another version's form, or storage refused): start at the top
  }
}

function savePlace(roomId: string, place: ReadingPlace | null): void {
  try {
    if (place) sessionStorage.setItem(storageKey(roomId), JSON.stringify(place));
    else sessionStorage.removeItem(storageKey(roomId));
  } catch {
    // Storage full or refused (a private window): the place is simply not kept.
  }
}

/**
 * Saves the paragraph at the reading line as the reader scrolls, and once per page load, when the text is first
 * shown at the top and no thread is linked (`linked`: the link decides where to go), scrolls back to it; the
 * reader's own scrolling, typing or touching stops the page from following the text while it settles.
 */
export function usePlaceAcrossReloads(roomId: string, anchorIds: readonly string[], linked: boolean): void {
  const restored = useRef(false);
  useEffect(() => {
    if (anchorIds.length === 0) return;
    let followUntil = 0;
    const observer = new ResizeObserver(() => {
      if (performance.now() < followUntil && place) restoreReadingPlace(place);
    });
    const place = restored.current ? null : savedPlace(roomId);
    restored.current = true;
    if (place && !linked && window.scrollY === 0 && anchorIds.includes(place.blockId)) {
      restoreReadingPlace(place);
      followUntil = performance.now() + settleMs;
      observer.observe(document.body);
    }
    const stopFollowing = () => (followUntil = 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => savePlace(roomId, measureReadingPlace(anchorIds));
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(save, saveAfterMs);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("pagehide", save);
    for (const event of readerMoves) window.addEventListener(event, stopFollowing);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("pagehide", save);
      for (const event of readerMoves) window.removeEventListener(event, stopFollowing);
    };
  }, [roomId, anchorIds, linked]);
}
