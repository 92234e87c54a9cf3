// The reader's private note on a block: a different material from the group's cards, seen only by its writer.
import { useEffect, useRef, useState } from "react";
import { focusInPlace } from "../../components/reveal.ts";

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
              if (event.key === "Escape") {
                event.stopPropagation();
                props.onClose();
              }
            }}
          />
          <div className="composer-actions">
            <button type="button" className="button quiet" onClick={props.onClose}>
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
