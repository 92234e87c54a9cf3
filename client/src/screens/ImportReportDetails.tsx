// What the importer did to a text, in words a reader can check: counts, repairs in context, doubts in their sentence.
import type { ImportReport } from "../../../shared/schemas/documents.ts";

const repairNames = {
  ligature: "Repaired glyphs",
  dehyphenation: "Rejoined words",
  footnoteMarker: "Footnote markers separated",
} as const;

/**
 * `text` with each invisible character (controls, format characters such as U+00AD, U+FEFF) written as its code
 * point, "⟨U+001C⟩": a broken font's glyph can be one, and a repair of nothing visible reads as no repair at all.
 */
export function showInvisible(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}]/gu,
    (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
}

/** "1 paragraph", "40 paragraphs": a count with its noun, in the plural unless one. */
export const counted = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** Unresolved tokens listed before "and N more". */
const unresolvedShown = 10;

export function ImportReportDetails({ report }: { report: ImportReport }) {
  const examples = report.examples ?? [];
  return (
    <div className="report-details">
      <ul>
        <li>
          Read as {report.format}, {counted(report.lines, "line")}
        </li>
        <li>
          Blocks:{" "}
          {Object.entries(report.blocks)
            .filter(([, count]) => count > 0)
            .map(([kind, count]) => counted(count, kind))
            .join(", ")}
        </li>
        {report.ligatures.length > 0 && (
          <li>
            Repaired glyphs:{" "}
            {report.ligatures
              .map(
                (repair) => `“${showInvisible(repair.glyph)}” → “${repair.replacement}” (${repair.count}×)`,
              )
              .join(", ")}
          </li>
        )}
        <li>
          Rejoined hyphenated words: {report.dehyphenated.lineBreak + report.dehyphenated.pageBreak} (kept{" "}
          {counted(report.dehyphenated.keptCompound, "compound")})
        </li>
        <li>
          Page breaks: {report.pageBreaks}; page furniture removed: {report.pageArtefactsRemoved}; footnote
          markers separated: {report.footnoteMarkersSeparated}
        </li>
        {report.unresolved.length > 0 && (
          <li>
            To check by hand:{" "}
            {report.unresolved
              .slice(0, unresolvedShown)
              .map((token) => `“${showInvisible(token.token)}” (${token.reason})`)
              .join(", ")}
            {report.unresolved.length > unresolvedShown
              ? ` and ${report.unresolved.length - unresolvedShown} more`
              : ""}
          </li>
        )}
      </ul>
      {examples.length > 0 && (
        <details className="report-examples">
          <summary>Repairs in context ({examples.length})</summary>
          <dl>
            {examples.map((example, index) => (
              <div key={index}>
                <dt>{repairNames[example.repair]}</dt>
                <dd>
                  <span className="before">{showInvisible(example.before)}</span> →{" "}
                  <span className="after">{example.after}</span>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {report.unresolved.some((token) => token.sentence) && (
        <details className="report-unresolved">
          <summary>Doubts in their sentences ({report.unresolved.length})</summary>
          <ul>
            {report.unresolved.map((token, index) => (
              <li key={index}>
                <Highlighted
                  sentence={showInvisible(token.sentence ?? token.token)}
                  token={showInvisible(token.token)}
                />{" "}
                <span className="muted">
                  — {token.reason}
                  {token.blockOrdinal === undefined ? "" : ` (block ${token.blockOrdinal + 1})`}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.corrections && report.corrections.length > 0 && (
        <p>Corrected by the uploader: {report.corrections.length} changes to the blocks.</p>
      )}
    </div>
  );
}

/** The sentence with the token marked. */
function Highlighted(props: { sentence: string; token: string }) {
  const at = props.sentence.indexOf(props.token);
  if (at === -1 || !props.token) return <>{props.sentence}</>;
  return (
    <>
      {props.sentence.slice(0, at)}
      <mark>{props.token}</mark>
      {props.sentence.slice(at + props.token.length)}
    </>
  );
}
