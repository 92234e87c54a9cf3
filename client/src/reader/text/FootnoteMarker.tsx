// A footnote marker in the text: a plain superscript when the note is not in the text, else a button that opens
// the note in place (Escape or a click elsewhere closes it).
import { useEffect, useId, useRef, useState } from "react";
import type { FootnoteNote } from "../../../../shared/schemas/documents.ts";
import { noOffsetAttr, segmentBlock } from "./anchoring.ts";
import { withMarks } from "./marks.tsx";

/** Markers and notes are not part of the block's text: selections and offsets skip them. */
const outsideText = { [noOffsetAttr]: "" };

/** The marker `marker`; with `note`, a disclosure showing it. */
export function FootnoteMarker(props: { marker: string; note?: FootnoteNote }) {
  if (!props.note?.text) {
    return (
      <sup className="footnote-ref" {...outsideText}>
        {props.marker}
      </sup>
    );
  }
  return <FootnoteWithNote marker={props.marker} note={props.note} />;
}

function FootnoteWithNote(props: { marker: string; note: FootnoteNote }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);
  return (
    <sup
      ref={root}
      className="footnote-ref has-note"
      {...outsideText}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        // The note closes, not the reader's open thread or sheet.
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        button.current?.focus({ preventScroll: true });
      }}
    >
      <button
        ref={button}
        type="button"
        className="footnote-button"
        aria-label={`Note ${props.marker}`}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        {props.marker}
      </button>
      {open && (
        <span id={id} role="note" className="footnote-note">
          <span className="footnote-note-marker">{props.marker}</span>{" "}
          {segmentBlock(props.note.text, props.note.marks ?? []).map((piece, index) =>
            piece.kind === "text" ? <span key={index}>{withMarks(piece.text, piece.marks)}</span> : null,
          )}
        </span>
      )}
    </sup>
  );
}
