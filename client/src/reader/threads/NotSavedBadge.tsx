// The badge of a thread or reply that exists only in this browser because the server did not save it.
import type { ViewOverlay } from "../state/thread-view.ts";
import { notSaved } from "../state/unsaved-changes.ts";

/** "Not saved" when `record`'s creation failed; nothing otherwise. */
export function NotSavedBadge(props: { record: ViewOverlay & { id: string } }) {
  return notSaved(props.record) ? <span className="badge failed-badge">Not saved</span> : null;
}
