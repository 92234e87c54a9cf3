// The reader's private note on a block: a different material from the group's cards, seen only by its writer.
import { useEffect, useRef, useState } from "react";
import { DiscardPrompt } from "../../components/DiscardPrompt.tsx";
import { focusInPlace } from "../../components/reveal.ts";
import { useDiscardGuard } from "../../components/use-discard-guard.ts";

/** The note, shown as text until `editing`; `problem` says why the server stopped taking notes, if it did. */
export function PrivateNote(props: {
  text: string;
  problem: string | null;
  editing: boolean;
  onEdit: () => void;
  onSave: (text: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(props.text);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setValue(props.text), [props.text]);
  // Closing without saving drops the edit, so reopening shows the note as saved.
  const close = () => {
    setValue(props.text);
    props.onClose();
  };
  const guard = useDiscardGuard(value, value !== props.text, close);
  useEffect(() => {
    if (props.editing && box.current) focusInPlace(box.current);
  }, [props.editing]);
  return (
    <aside className="private-note" aria-label="Private note">
      <p className="private-label">
        <span aria-hidden="true">🔒</span> Private note · only you
      </p>
      {props.problem && (
        <p className="error" role="alert">
          Kept in this browser only: {props.problem}
        </p>
      )}
      {props.editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onSave(value);
          }}
        >
          <textarea
            aria-label="Private note"
            value={value}
            rows={3}
            ref={box}
            onChange={(event) => setValue(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                props.onSave(value);
              } else if (event.key === "Escape") {
                event.preventDefault();
                event.stopPropagation();
                guard.escape();
              }
            }}
          />
          <DiscardPrompt guard={guard} />
          <div className="composer-actions">
            <span className="hint" aria-hidden="true">
              Ctrl+Enter
            </span>
            <button type="button" className="button quiet" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button primary">
              Save note
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="note-text" onClick={props.onEdit}>
          {props.text}
        </button>
      )}
    </aside>
  );
}
