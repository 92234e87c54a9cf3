// A text box that offers the room's members after `@`: a listbox to filter as one types, ↑/↓ to move, Enter or Tab to
// pick, Escape to close, or the mouse; what is picked shows as `@Name` and is kept as a mention range.
import { useId, useLayoutEffect, useRef, useState, type RefObject } from "react";
import {
  editDraft,
  matchCandidates,
  pickMention,
  queryAt,
  type MentionCandidate,
  type MentionDraft,
} from "./mention-text.ts";

export interface MentionTextareaProps {
  label: string;
  draft: MentionDraft;
  onChange: (draft: MentionDraft) => void;
  candidates: readonly MentionCandidate[];
  /** The text box, for the composer to focus. */
  boxRef: RefObject<HTMLTextAreaElement | null>;
  rows?: number;
  placeholder?: string;
}

/** The composer's text box with the `@` autocomplete (ARIA: a textbox with `aria-autocomplete` owning a listbox). */
export function MentionTextarea(props: MentionTextareaProps) {
  const { draft, onChange, boxRef: box } = props;
  const id = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // The `@` whose list was closed with Escape: it stays closed until another `@` is typed.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const nextCaret = useRef<number | null>(null);

  const query = caret === null ? null : queryAt(draft, caret);
  const matches = query && query.start !== dismissed ? matchCandidates(props.candidates, query.query) : [];
  const open = matches.length > 0;
  const current = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${id}-option-${index}`;

  // The list opens below the box unless it would run past the window's bottom where there is more room above (a
  // composer near the bottom of the screen), measured before it is painted.
  const listRef = useRef<HTMLUListElement>(null);
  const [above, setAbove] = useState(false);
  useLayoutEffect(() => {
    if (!open || !listRef.current || !box.current) return;
    const listHeight = listRef.current.getBoundingClientRect().height;
    const { top, bottom } = box.current.getBoundingClientRect();
    const roomBelow = window.innerHeight - bottom;
    setAbove(listHeight > roomBelow && top > roomBelow);
  }, [open, matches.length, box]);

  useLayoutEffect(() => {
    if (nextCaret.current === null || !box.current) return;
    box.current.setSelectionRange(nextCaret.current, nextCaret.current);
    nextCaret.current = null;
  });

  const pick = (who: MentionCandidate) => {
    if (!query || caret === null) return;
    const picked = pickMention(draft, query, caret, who);
    nextCaret.current = picked.caret;
    setCaret(picked.caret);
    onChange(picked.draft);
    box.current?.focus();
  };
  const track = (element: HTMLTextAreaElement) => {
    setCaret(element.selectionStart === element.selectionEnd ? element.selectionStart : null);
  };

  return (
    <div className="mention-box">
      <textarea
        ref={box}
        aria-label={props.label}
        aria-autocomplete="list"
        aria-controls={open ? `${id}-list` : undefined}
        aria-activedescendant={open ? optionId(current) : undefined}
        value={draft.text}
        rows={props.rows}
        placeholder={props.placeholder}
        onChange={(event) => {
          onChange(editDraft(draft, event.target.value));
          setActive(0);
          track(event.target);
        }}
        onSelect={(event) => track(event.currentTarget)}
        onBlur={() => setCaret(null)}
        onKeyDown={(event) => {
          // While an input method composes (Japanese, Chinese…), Enter, Tab, the arrows and Escape are its own.
          if (!open || event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing)
            return;
          const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
          if (step !== undefined) setActive((current + step + matches.length) % matches.length);
          else if (event.key === "Enter" || event.key === "Tab") pick(matches[current]!);
          else if (event.key === "Escape") setDismissed(query!.start);
          else return;
          // Keys the list used are not the composer's (Escape would cancel it, Enter start a new line).
          event.preventDefault();
          event.stopPropagation();
        }}
      />
      {open && (
        <ul
          ref={listRef}
          id={`${id}-list`}
          role="listbox"
          aria-label="People to mention"
          className={above ? "mention-list above" : "mention-list"}
        >
          {matches.map((who, index) => (
            <li
              key={who.userId}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              // Keep focus (and the caret) in the text box.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => pick(who)}
            >
              {who.name}
            </li>
          ))}
        </ul>
      )}
      <span className="sr-only" role="status" aria-live="polite">
        {open
          ? `${matches.length} ${matches.length === 1 ? "person" : "people"} to mention. ↑ ↓ to choose, Enter to pick.`
          : ""}
      </span>
    </div>
  );
}
