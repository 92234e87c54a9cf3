// In the reader's bar: how many changes were not saved, and a panel listing each with its reason, where it belongs,
// and Show / Retry / Discard — also for changes whose thread is gone or filtered out of view.
import { useContext, useEffect, useId, useRef, useState } from "react";
import { focusInPlace } from "../../components/reveal.ts";
import type { ViewThread } from "../state/thread-view.ts";
import { capitalize, UnsavedChangesContext } from "../state/unsaved-changes.ts";
import { UnsavedItem } from "./UnsavedItem.tsx";

export interface UnsavedChangesProps {
  /** Every thread the reader holds, to name where a change belongs. */
  threads: readonly ViewThread[];
  userId: string;
  /** Opens thread `threadId` and brings it into view. */
  onShow: (threadId: string) => void;
}

const count = (n: number) => `${n} ${n === 1 ? "change" : "changes"} not saved`;

/** The button with the count (nothing when every change was saved) and the panel it opens. */
export function UnsavedChanges(props: UnsavedChangesProps) {
  const unsaved = useContext(UnsavedChangesContext);
  const { failures } = unsaved;
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelId = useId();
  const shown = open && failures.length > 0;
  useEffect(() => {
    if (shown && headingRef.current) focusInPlace(headingRef.current);
  }, [shown]);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus({ preventScroll: true });
  };
  const roots = failures.filter((item) => !item.failure.dependsOn);

  return (
    <>
      <span className="sr-only" role="status">
        {failures.length > 0 ? count(failures.length) : ""}
      </span>
      {failures.length > 0 && (
        <button
          ref={buttonRef}
          type="button"
          className="unsaved-button"
          aria-expanded={shown}
          aria-controls={panelId}
          // The name starts with the words shown (WCAG 2.5.3), then says what pressing does.
          aria-label={`${failures.length} not saved: review ${failures.length === 1 ? "this change" : "these changes"}`}
          onClick={() => (shown ? close() : setOpen(true))}
        >
          <span aria-hidden="true">!</span> {failures.length} not saved
        </button>
      )}
      {shown && (
        <section
          id={panelId}
          className="unsaved-panel"
          aria-labelledby={`${panelId}-title`}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.stopPropagation(); // the reader's own Escape would close the open thread too
            close();
          }}
        >
          <header>
            <h2 id={`${panelId}-title`} ref={headingRef} tabIndex={-1}>
              {capitalize(count(failures.length))}
            </h2>
            <button type="button" className="button quiet" aria-label="Close the list" onClick={close}>
              ✕
            </button>
          </header>
          <p className="muted">
            {failures.length === 1
              ? "The server did not save it. Retry once the problem is solved, or discard it."
              : "The server did not save these. Retry them once the problem is solved, or discard them."}
          </p>
          {roots.length > 1 && (
            <button
              type="button"
              className="button"
              onClick={() => roots.forEach((item) => unsaved.retry(item.key))}
            >
              Retry all
            </button>
          )}
          <ol>
            {failures.map((item) => (
              <li key={item.key}>
                <UnsavedItem
                  item={item}
                  threads={props.threads}
                  userId={props.userId}
                  onShow={(threadId) => {
                    setOpen(false);
                    props.onShow(threadId);
                  }}
                />
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
