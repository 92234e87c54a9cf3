// Bringing an element into view without jumping: the scrolling container that holds it decides how (the reader's
// margin knows where its cards are going, a sheet scrolls itself), and only without one does the window scroll.

/** The event `reveal` sends; a container that handles it calls preventDefault(). */
export const revealEvent = "scholia:reveal";

/**
 * Asks the container of `element` to bring it into view once laid out; when no container answers, scrolls the
 * window just enough to show it.
 */
export function reveal(element: HTMLElement): void {
  const unhandled = element.dispatchEvent(new Event(revealEvent, { bubbles: true, cancelable: true }));
  if (unhandled) element.scrollIntoView?.({ block: "nearest" });
}

/** Focuses `element` without the browser's own scrolling, then reveals it. */
export function focusInPlace(element: HTMLElement): void {
  element.focus({ preventScroll: true });
  reveal(element);
}
