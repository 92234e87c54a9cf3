// The contents beside the text on wide screens: its headings (the current one marked) and the keyboard shortcuts.
import { useMemo } from "react";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { useRowAtReadingLine } from "../hooks/use-row-at-reading-line.ts";
import { blockRowId } from "../dom-ids.ts";

/**
 * Links to `headings` in reading order, the section being read marked (aria-current="location"); `onChoose` runs
 * when one is followed (the link itself scrolls the window to its heading).
 */
export function HeadingLinks(props: { headings: readonly Block[]; onChoose?: () => void }) {
  const ids = useMemo(() => props.headings.map((heading) => heading.anchorId), [props.headings]);
  const current = useRowAtReadingLine(ids);
  return (
    <ol className="heading-links">
      {props.headings.map((heading) => (
        <li key={heading.anchorId}>
          <a
            href={`#${blockRowId(heading.anchorId)}`}
            aria-current={heading.anchorId === current ? "location" : undefined}
            onClick={props.onChoose}
          >
            {heading.text}
          </a>
        </li>
      ))}
    </ol>
  );
}

/** The reader's keyboard shortcuts, folded away until asked for. */
export function KeyboardShortcuts() {
  return (
    <details className="shortcuts">
      <summary>Keyboard shortcuts</summary>
      <dl>
        <dt>j / k</dt>
        <dd>next / previous thread</dd>
        <dt>r</dt>
        <dd>reply to the open thread</dd>
        <dt>x</dt>
        <dd>resolve or reopen it</dd>
        <dt>c</dt>
        <dd>comment on the selected passage</dd>
        <dt>Esc</dt>
        <dd>stop following, or close</dd>
      </dl>
    </details>
  );
}

/**
 * The column of links to `headings` and the shortcuts. A text without headings keeps the column (with the
 * shortcuts only), so its text sits where every other text's does.
 */
export function Contents(props: { headings: readonly Block[] }) {
  return (
    <nav className="toc" aria-label={props.headings.length > 0 ? "Contents" : "Keyboard shortcuts"}>
      {props.headings.length > 0 && (
        <>
          <h2 className="toc-title">Contents</h2>
          <HeadingLinks headings={props.headings} />
        </>
      )}
      <KeyboardShortcuts />
    </nav>
  );
}
