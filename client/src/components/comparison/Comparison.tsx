// A comparison of two versions of a text, paragraph by paragraph: unchanged runs folded, changes word by word.
import type { ComparisonEntry, VersionComparisonDto } from "../../api/http.ts";
import { Marked, WordDiff } from "./WordDiff.tsx";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "2 unchanged, 1 changed, 0 removed, 1 added": the counts in words. */
export function countsText(counts: VersionComparisonDto["counts"]): string {
  return `${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.removed} removed, ${counts.added} added`;
}

/**
 * The entries of `comparison` in reading order. Changed blocks show their words struck and inserted (cut to
 * excerpts when `excerpts`), with their similarity; removed and added blocks say so in words as well as style.
 * A run of unchanged blocks is folded; `textOf` (the newer text's blocks by anchor id) lets the reader unfold it.
 */
export function Comparison(props: {
  comparison: VersionComparisonDto;
  textOf?: (anchorId: string) => string | undefined;
  excerpts?: boolean;
}) {
  const { comparison } = props;
  return (
    <div className="comparison">
      <p className="comparison-counts">
        Blocks: {countsText(comparison.counts)}
        {comparison.to !== null && ` (version ${comparison.from} → version ${comparison.to})`}.
      </p>
      <ol className="comparison-entries" aria-label="Changes, in reading order">
        {comparison.entries.map((entry) => (
          <li key={keyOf(entry)} className={`comparison-entry is-${entry.status}`}>
            <Entry entry={entry} textOf={props.textOf} excerpts={props.excerpts ?? false} />
          </li>
        ))}
      </ol>
    </div>
  );
}

const keyOf = (entry: ComparisonEntry) =>
  entry.status === "unchanged"
    ? `u:${entry.anchorIds[0]}`
    : entry.status === "removed"
      ? `r:${entry.oldAnchorId}`
      : `${entry.status[0]}:${entry.newAnchorId}`;

function Entry(props: {
  entry: ComparisonEntry;
  textOf?: (anchorId: string) => string | undefined;
  excerpts: boolean;
}) {
  const { entry } = props;
  switch (entry.status) {
    case "unchanged": {
      const label = plural(entry.anchorIds.length, "unchanged block");
      const texts = props.textOf ? entry.anchorIds.map((id) => props.textOf!(id) ?? "") : [];
      if (!texts.length) return <p className="comparison-label">{label}</p>;
      return (
        <details>
          <summary className="comparison-label">{label}</summary>
          {texts.map((text, index) => (
            <p key={entry.anchorIds[index]} className="comparison-text">
              {text}
            </p>
          ))}
        </details>
      );
    }
    case "changed":
      return (
        <>
          <p className="comparison-label">
            Changed {entry.kind} ({Math.round(entry.similarity * 100)}% similar)
          </p>
          <p className="comparison-text">
            <WordDiff oldText={entry.oldText} newText={entry.newText} excerpt={props.excerpts} />
          </p>
        </>
      );
    case "removed":
    case "added":
      return (
        <>
          <p className="comparison-label">
            {entry.status === "removed" ? "Removed" : "Added"} {entry.kind}
          </p>
          <p className="comparison-text">
            <Marked change={entry.status} text={entry.text} />
          </p>
        </>
      );
  }
}
