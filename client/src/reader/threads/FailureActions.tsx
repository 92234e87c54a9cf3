// Retry (unless sending it again cannot help) and Discard for one change that was not saved; Discard first says what else goes with it, and asks when
// words the user typed would be lost.
import { useContext, useEffect, useRef, useState } from "react";
import { focusInPlace } from "../../components/reveal.ts";
import type { FailedMutation } from "../../../../shared/room-client/room-client.ts";
import {
  describeChange,
  discardQuestion,
  retryCannotHelp,
  UnsavedChangesContext,
} from "../state/unsaved-changes.ts";

/** The choices for failed mutation `item`. */
export function FailureActions(props: { item: FailedMutation }) {
  const unsaved = useContext(UnsavedChangesContext);
  const [question, setQuestion] = useState<string | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const what = describeChange(props.item);
  useEffect(() => {
    if (question && keepRef.current) focusInPlace(keepRef.current);
  }, [question]);

  if (question) {
    return (
      <div className="discard-confirm" role="group" aria-label={`Discard ${what}?`}>
        <p>{question}</p>
        <div className="failure-buttons">
          <button type="button" className="button danger" onClick={() => unsaved.discard(props.item.key)}>
            Discard
          </button>
          <button ref={keepRef} type="button" className="button quiet" onClick={() => setQuestion(null)}>
            Keep
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="failure-buttons">
      {!retryCannotHelp(props.item) && (
        <button
          type="button"
          className="button"
          aria-label={`Retry ${what}`}
          onClick={() => unsaved.retry(props.item.key)}
        >
          Retry
        </button>
      )}
      <button
        type="button"
        className="button quiet"
        aria-label={`Discard ${what}`}
        onClick={() => {
          const asked = discardQuestion(unsaved.discardGroup(props.item.key));
          if (asked) setQuestion(asked);
          else unsaved.discard(props.item.key);
        }}
      >
        Discard
      </button>
    </div>
  );
}
