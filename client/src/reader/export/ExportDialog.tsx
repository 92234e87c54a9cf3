// The Export dialog: which format (each with what it is for), which layout, and which threads; downloads directly.
import { useState } from "react";
import type { ExportFormat } from "../../../../shared/schemas/exports.ts";
import { BottomSheet } from "../chrome/BottomSheet.tsx";
import type { Filters } from "../state/filters.ts";
import { exportUrl, isFiltering, type ExportChoice } from "./export-request.ts";

const formats: [ExportFormat, string, string][] = [
  ["md", "Markdown", "Plain text with headings and quotes: to keep, publish, or paste into notes."],
  ["html", "Web page", "One file that opens in any browser and prints (or saves as PDF) with page numbers."],
  ["csv", "Spreadsheet (CSV)", "One row per thread and reply: for grading, counting and analysis."],
];

const layouts = [
  ["discussion", "The discussion", "Threads under their sections and paragraphs, each after its quote."],
  [
    "annotated",
    "Annotated text",
    "The whole text, each paragraph followed by its threads: a reading record.",
  ],
] as const;

/** Modal; closes on Close or the backdrop, and stays open after a download so another format can follow. */
export function ExportDialog(props: {
  roomId: string;
  userId: string;
  filters: Filters;
  onClose: () => void;
}) {
  const filtering = isFiltering(props.filters);
  const [choice, setChoice] = useState<ExportChoice>({
    format: "md",
    layout: "discussion",
    filtered: filtering,
    includeResolved: true,
    excel: false,
  });
  const [started, setStarted] = useState(false);
  const set = (patch: Partial<ExportChoice>) => {
    setStarted(false);
    setChoice((current) => ({ ...current, ...patch }));
  };
  const statusFiltered = choice.filtered && props.filters.status !== "all";
  return (
    <BottomSheet title="Export the discussion" variant="dialog" onClose={props.onClose}>
      <form className="export-form" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Format</legend>
          {formats.map(([format, name, use]) => (
            <label key={format} className="choice">
              <input
                type="radio"
                name="format"
                value={format}
                checked={choice.format === format}
                onChange={() => set({ format })}
              />
              <span>
                <strong>{name}</strong> <span className="hint">{use}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {choice.format !== "csv" && (
          <fieldset>
            <legend>Layout</legend>
            {layouts.map(([layout, name, use]) => (
              <label key={layout} className="choice">
                <input
                  type="radio"
                  name="layout"
                  value={layout}
                  checked={choice.layout === layout}
                  onChange={() => set({ layout })}
                />
                <span>
                  <strong>{name}</strong> <span className="hint">{use}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>Threads</legend>
          {filtering && (
            <label className="choice">
              <input
                type="checkbox"
                checked={choice.filtered}
                onChange={(event) => set({ filtered: event.target.checked })}
              />
              <span>Only those the current filters show</span>
            </label>
          )}
          <label className="choice">
            <input
              type="checkbox"
              checked={statusFiltered ? props.filters.status === "resolved" : choice.includeResolved}
              disabled={statusFiltered}
              onChange={(event) => set({ includeResolved: event.target.checked })}
            />
            <span>Include resolved threads</span>
          </label>
          {choice.format === "csv" && (
            <label className="choice">
              <input
                type="checkbox"
                checked={choice.excel}
                onChange={(event) => set({ excel: event.target.checked })}
              />
              <span>
                For Excel <span className="hint">(marks the file as UTF-8 so accents and emoji survive)</span>
              </span>
            </label>
          )}
        </fieldset>
        <p className="hint">The file holds what you can see in this room, nothing more.</p>
        <p className="export-actions">
          <a
            className="button primary"
            href={exportUrl(props.roomId, choice, props.filters, props.userId)}
            download
            onClick={() => setStarted(true)}
          >
            Download
          </a>
          <span role="status">{started ? "Your download has started." : ""}</span>
        </p>
      </form>
    </BottomSheet>
  );
}
