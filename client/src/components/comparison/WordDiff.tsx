// Two texts of a paragraph as one, word by word: removed words struck through, added ones underlined, each named.
import { diffWordsWithSpace } from "diff";

/** Unchanged stretches longer than this (characters) are shortened in an excerpt, keeping their ends. */
const excerptKeep = 60;

/**
 * `text` (an unchanged stretch) cut down to what touches the changes, when `shorten` and it is long: the end of a
 * leading stretch, the start of a trailing one, both ends of one between changes.
 */
function shortened(text: string, shorten: boolean, first: boolean, last: boolean): string {
  if (!shorten || text.length <= excerptKeep * 2) return text;
  const head = text.slice(0, excerptKeep);
  const tail = text.slice(-excerptKeep);
  if (first && last) return `${head} …`;
  if (first) return `… ${tail}`;
  if (last) return `${head} …`;
  return `${head} … ${tail}`;
}

/** Words removed or added, struck through or underlined and announced as such (never colour alone). */
export function Marked(props: { change: "removed" | "added"; text: string }) {
  const Tag = props.change === "removed" ? "del" : "ins";
  return (
    <Tag>
      <span className="sr-only">{props.change}: </span>
      {props.text}
    </Tag>
  );
}

/**
 * The changes from `oldText` to `newText` as <del> and <ins> (struck through and underlined, and announced as
 * "removed:" and "added:", so colour is never the only cue). With `excerpt`, long unchanged stretches between the
 * changes are cut down to their ends.
 */
export function WordDiff(props: { oldText: string; newText: string; excerpt?: boolean }) {
  const parts = diffWordsWithSpace(props.oldText, props.newText);
  return (
    <span className="word-diff">
      {parts.map((part, index) => {
        if (part.removed || part.added)
          return <Marked key={index} change={part.removed ? "removed" : "added"} text={part.value} />;
        return (
          <span key={index}>
            {shortened(part.value, props.excerpt ?? false, index === 0, index === parts.length - 1)}
          </span>
        );
      })}
    </span>
  );
}
