// The import part of the Export dialog (owners and instructors): pick a W3C or Hypothesis annotation file, send it,
// and read the report — what was created, what could not be anchored (detached) and what was skipped, with why.
import { useState } from "react";
import type { ImportReport } from "../../../../shared/schemas/annotation-import.ts";
import { request } from "../../api/http.ts";

type State =
  | { state: "idle" }
  | { state: "running"; name: string }
  | { state: "done"; name: string; report: ImportReport }
  | { state: "failed"; message: string };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** A folded list of lines, shown only when there are some. */
function NoteList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <details>
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </details>
  );
}

function ReportView({ name, report }: { name: string; report: ImportReport }) {
  const { threads, replies } = report.created;
  return (
    <section className="import-report" aria-label="Import report">
      <p role="status">
        {name}: created {plural(threads, "thread", "threads")} and {plural(replies, "reply", "replies")};{" "}
        {plural(report.detached.length, "detached", "detached")},{" "}
        {plural(report.skipped.length, "skipped", "skipped")}.
      </p>
      {report.detached.length > 0 && (
        <>
          <h3>Detached: their quote is not in this text</h3>
          <ul className="import-detached">
            {report.detached.map((item) => (
              <li key={item.source}>
                <q>{item.quote}</q> <span className="hint">({item.reason})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <NoteList title="Skipped" items={report.skipped.map((item) => `${item.source}: ${item.reason}`)} />
      <NoteList title="Notes" items={report.warnings.map((item) => `${item.source}: ${item.message}`)} />
    </section>
  );
}

/** A file picker that imports into `roomId` on choosing; the threads then arrive in the reader live. */
export function ImportAnnotations({ roomId }: { roomId: string }) {
  const [state, setState] = useState<State>({ state: "idle" });
  async function upload(file: File) {
    setState({ state: "running", name: file.name });
    const form = new FormData();
    form.append("file", file);
    try {
      const report = await request<ImportReport>(`/api/rooms/${roomId}/import`, {
        method: "POST",
        body: form,
      });
      setState({ state: "done", name: file.name, report });
    } catch (error) {
      setState({ state: "failed", message: (error as Error).message });
    }
  }
  return (
    <fieldset className="import-annotations">
      <legend>Import annotations</legend>
      <p className="hint">
        W3C Web Annotations (JSON-LD, from Scholia or another tool) or a Hypothesis export (JSON). Each thread
        is placed by its quote; importing the same file again adds nothing.
      </p>
      <label className="choice">
        <span>Annotation file</span>{" "}
        <input
          type="file"
          accept=".json,.jsonld,application/json,application/ld+json"
          disabled={state.state === "running"}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ""; // the same file may be chosen again
            if (file) void upload(file);
          }}
        />
      </label>
      {state.state === "running" && <p role="status">Importing {state.name}…</p>}
      {state.state === "done" && <ReportView name={state.name} report={state.report} />}
      {state.state === "failed" && (
        <p className="error" role="alert">
          The import failed: {state.message}
        </p>
      )}
    </fieldset>
  );
}
