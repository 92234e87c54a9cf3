// The Export dialog: which format (each with what it is for), which layout, and which threads; downloads directly,
// or for a PDF builds it on the server first, showing its progress.
import { useEffect, useRef, useState } from "react";
import type { ExportFormat } from "../../../../shared/schemas/exports.ts";
import { BottomSheet } from "../chrome/BottomSheet.tsx";
import type { Filters } from "../state/filters.ts";
import { fetchExport, saveFile } from "./download.ts";
import { exportUrl, hasLayouts, isFiltering, type ExportChoice } from "./export-request.ts";
import { ImportAnnotations } from "./ImportAnnotations.tsx";
import { buildPdf } from "./pdf-job.ts";

const formats: [ExportFormat, string, string][] = [
  ["md", "Markdown", "Plain text with headings and quotes: to keep, publish, or paste into notes."],
  ["html", "Web page", "One file that opens in any browser and prints (or saves as PDF) with page numbers."],
  ["pdf", "PDF", "Pages with numbers and the fonts inside: to print or archive. Built on the server first."],
  ["csv", "Spreadsheet (CSV)", "One row per thread and reply: for grading, counting and analysis."],
  [
    "jsonld",
    "Web Annotations (JSON-LD)",
    "The W3C standard: for other annotation tools, or to import into another room.",
  ],
];

const layouts = [
  ["discussion", "The discussion", "Threads under their sections and paragraphs, each after its quote."],
  [
    "annotated",
    "Annotated text",
    "The whole text, each paragraph followed by its threads: a reading record.",
  ],
] as const;

type Progress =
  | { state: "idle" }
  | { state: "running"; bytes: number }
  | { state: "building"; done: number; total: number }
  | { state: "done"; name: string; fileUrl?: string }
  | { state: "failed"; message: string };

function statusText(progress: Progress): string {
  if (progress.state === "building") return `Building PDF… ${progress.done} of ${progress.total} paragraphs`;
  if (progress.state === "running")
    return progress.bytes ? `Preparing… ${(progress.bytes / 1024).toFixed(0)} KB received` : "Preparing…";
  return progress.state === "done" ? `Saved as ${progress.name}.` : "";
}

/** Modal; closes on Close or the backdrop, and stays open after a download so another format can follow. */
export function ExportDialog(props: {
  roomId: string;
  userId: string;
  filters: Filters;
  /** Owners and instructors may also import annotations here. */
  canImport?: boolean;
  onClose: () => void;
}) {
  const filtering = isFiltering(props.filters);
  const [choice, setChoice] = useState<ExportChoice>({
    format: "md",
    layout: "discussion",
    filtered: filtering,
    includeResolved: true,
    excel: false,
    notes: false,
  });
  const [progress, setProgress] = useState<Progress>({ state: "idle" });
  const running = useRef<AbortController | null>(null);
  // Closing the dialog stops a download still running, and a PDF still being built on the server (pdf-job.ts).
  useEffect(() => () => running.current?.abort(), []);
  const set = (patch: Partial<ExportChoice>) => {
    if (progress.state !== "running" && progress.state !== "building") setProgress({ state: "idle" });
    setChoice((current) => ({ ...current, ...patch }));
  };
  async function download() {
    const controller = new AbortController();
    running.current = controller;
    setProgress({ state: "running", bytes: 0 });
    try {
      const pdf =
        choice.format === "pdf"
          ? await buildPdf(
              exportUrl(props.roomId, choice, props.filters, props.userId, "export-jobs"),
              ({ progress: { done, total } }) => setProgress({ state: "building", done, total }),
              controller.signal,
            )
          : null;
      const { file, name } = await fetchExport(
        pdf?.fileUrl ?? exportUrl(props.roomId, choice, props.filters, props.userId),
        (bytes) => setProgress({ state: "running", bytes }),
        controller.signal,
      );
      saveFile(file, name);
      setProgress({ state: "done", name, ...(pdf?.fileUrl ? { fileUrl: pdf.fileUrl } : {}) });
    } catch (error) {
      if (controller.signal.aborted) setProgress({ state: "idle" });
      else setProgress({ state: "failed", message: (error as Error).message });
    } finally {
      running.current = null;
    }
  }
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
        {hasLayouts(choice.format) && (
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
          <label className="choice">
            <input
              type="checkbox"
              checked={choice.notes}
              onChange={(event) => set({ notes: event.target.checked })}
            />
            <span>
              Include my private notes{" "}
              <span className="hint">(only yours; nobody else&apos;s are ever exported)</span>
            </span>
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
          {progress.state === "running" || progress.state === "building" ? (
            <button type="button" className="button" onClick={() => running.current?.abort()}>
              Cancel
            </button>
          ) : (
            <button type="button" className="button primary" onClick={() => void download()}>
              Download
            </button>
          )}
          <span role="status">{statusText(progress)}</span>
          {progress.state === "building" && (
            <progress max={progress.total} value={progress.done} aria-label="PDF progress" />
          )}
          {progress.state === "done" && progress.fileUrl && (
            <a href={progress.fileUrl} download={progress.name}>
              Download PDF
            </a>
          )}
        </p>
        {progress.state === "failed" && (
          <p className="error" role="alert">
            The export failed: {progress.message}
          </p>
        )}
      </form>
      {props.canImport && (
        <div className="export-form import-section">
          <ImportAnnotations roomId={props.roomId} />
        </div>
      )}
    </BottomSheet>
  );
}
