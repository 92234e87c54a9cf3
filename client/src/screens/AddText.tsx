// "Add a text" (or a new version of one): paste or drop a file, watch it upload, check and correct the import (and,
// for a new version, what changed since the latest one), then publish it.
import { useCallback, useMemo, useRef, useState } from "react";
import type { BlockKind } from "../../../shared/schemas/documents.ts";
import { blockKinds } from "../../../shared/schemas/documents.ts";
import { ApiError, type Block, type UploadResult } from "../api/http.ts";
import {
  previewUploadTo,
  publishUploadTo,
  type ImportCorrection,
  type UploadPreviewDto,
  type UploadProgress,
  type UploadTarget,
} from "../api/upload.ts";
import { Comparison } from "../components/comparison/Comparison.tsx";
import { api } from "../api/http.ts";
import { counted, ImportReportDetails } from "./ImportReportDetails.tsx";

/** File types the server reads (or will: the converters answer a clear error for what they cannot read). */
const accepted = ".txt,.md,.markdown,.pdf,.docx,.epub,.html,.htm,text/plain,text/markdown";

/** Blocks shown before "Show all": a long book's preview stays quick to render. */
const firstBlocks = 60;

/** "12.3 KB": a byte count for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const messageOf = (caught: unknown) =>
  caught instanceof ApiError
    ? [caught.message, ...caught.details.map((detail) => `${detail.field}: ${detail.message}`)].join(" ")
    : "Something went wrong. Try again.";

type Phase =
  | { step: "choose" }
  | { step: "sending"; progress: UploadProgress | null; what: "preview" | "publish" }
  | { step: "preview" };

/**
 * The upload, preview and publish steps for `target`: a new document of a group, or the next version of a document
 * (whose preview also shows its mapping from the latest version, and publishes nothing when identical to one).
 */
export function AddText(props: {
  target: UploadTarget;
  /** The section's heading and name: "Add a text" unless told. */
  heading?: string;
  onPublished: (result: UploadResult) => Promise<void> | void;
  /** Shows a Close button (absent where a dialog around it has its own). */
  onClose?: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const [pasted, setPasted] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<UploadPreviewDto | null>(null);
  const [corrections, setCorrections] = useState<ImportCorrection[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  /** The new text's title as the review screen edits it (a text that gives no title of its own). */
  const [title, setTitle] = useState("");
  const heading = props.heading ?? "Add a text";

  const send = async (chosen: File, next: ImportCorrection[], what: "preview" | "publish") => {
    setError(null);
    const back: Phase = preview ? { step: "preview" } : { step: "choose" };
    setPhase({ step: "sending", progress: null, what });
    const onProgress = (progress: UploadProgress) => setPhase({ step: "sending", progress, what });
    try {
      if (what === "publish") {
        const published = await publishUploadTo(props.target, chosen, next, onProgress);
        const renamed = title.trim();
        if ("groupId" in props.target && renamed && renamed !== published.document.title) {
          await api.renameDocument(published.document.id, { title: renamed });
          published.document = { ...published.document, title: renamed };
        }
        await props.onPublished(published);
        return;
      }
      const answer = await previewUploadTo(props.target, chosen, next, onProgress);
      setFile(chosen);
      if (!preview) setTitle(answer.document.title);
      setPreview(answer);
      setCorrections(next);
      setPhase({ step: "preview" });
    } catch (caught) {
      setError(messageOf(caught));
      setPhase(back);
    }
  };

  const start = (chosen: File) => {
    setPreview(null);
    setCorrections([]);
    void send(chosen, [], "preview");
  };

  return (
    <section className="add-text" aria-label={heading}>
      <div className="add-text-head">
        <h3>{heading}</h3>
        {props.onClose && (
          <button type="button" className="button quiet" onClick={props.onClose}>
            Close
          </button>
        )}
      </div>
      {phase.step === "choose" && (
        <>
          <form
            className="paste"
            onSubmit={(event) => {
              event.preventDefault();
              if (!pasted.trim()) {
                setError("Paste some text first, or choose a file.");
                return;
              }
              // The server names a text that gives no title after its file: a pasted one is "Untitled".
              start(new File([pasted], "Untitled.txt", { type: "text/plain" }));
            }}
          >
            <label htmlFor="add-text-paste">Paste the text</label>
            <textarea
              id="add-text-paste"
              rows={6}
              value={pasted}
              onChange={(event) => setPasted(event.target.value)}
            />
            <button type="submit" className="button primary">
              Preview
            </button>
          </form>
          <div
            className={`drop-zone${dragging ? " dragging" : ""}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              const dropped = event.dataTransfer.files[0];
              if (dropped) start(dropped);
            }}
          >
            <p>Or drop a file here (text, Markdown, PDF, Word, EPUB or a saved web page), or</p>
            <label className="button file">
              Choose a file
              <input
                type="file"
                accept={accepted}
                className="sr-only"
                onChange={(event) => {
                  const chosen = event.target.files?.[0];
                  if (chosen) start(chosen);
                  event.target.value = "";
                }}
              />
            </label>
          </div>
        </>
      )}
      {phase.step === "sending" && <Sending progress={phase.progress} what={phase.what} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {phase.step !== "choose" && preview && file && (
        <PreviewPanel
          busy={phase.step === "sending"}
          preview={preview}
          {...("groupId" in props.target ? { title, onTitle: setTitle } : {})}
          corrections={corrections}
          onCorrect={(operation) => void send(file, [...corrections, operation], "preview")}
          onUndo={() => void send(file, corrections.slice(0, -1), "preview")}
          onPublish={() => void send(file, corrections, "publish")}
          onStartOver={() => {
            setPreview(null);
            setFile(null);
            setCorrections([]);
            setError(null);
            setPhase({ step: "choose" });
          }}
        />
      )}
    </section>
  );
}

/** What the import is doing at each stage after its pages are read (import-text.ts's stages). */
const stageNames: Record<string, string> = {
  queued: "Waiting for the importer…",
  lines: "Reading the text…",
  pages: "Taking out page numbers, headers and footers…",
  glyphs: "Repairing broken glyphs…",
  blocks: "Finding paragraphs, headings and notes…",
  footnotes: "Attaching footnotes…",
  anchors: "Finishing…",
};

/**
 * Upload progress (a byte counter and a bar), then the server's import: the page of a PDF read last of how many
 * (a bar), or what the import is doing.
 */
function Sending(props: { progress: UploadProgress | null; what: "preview" | "publish" }) {
  const { progress } = props;
  if (progress?.sent) {
    const imported = progress.imported;
    const reading = imported?.page !== undefined && imported.pages !== undefined;
    return (
      <div className="upload-progress" role="status">
        <p>{props.what === "publish" ? "Publishing…" : "Reading the file…"}</p>
        {reading && (
          <>
            <p>
              Page {imported.page} of {imported.pages}
            </p>
            <progress aria-label="Pages read" max={imported.pages} value={imported.page} />
          </>
        )}
        {!reading && imported && stageNames[imported.stage] && <p>{stageNames[imported.stage]}</p>}
      </div>
    );
  }
  return (
    <div className="upload-progress" role="status">
      <p>Sending{progress ? ` ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}` : "…"}</p>
      <progress aria-label="Upload progress" max={progress?.total || 1} value={progress?.loaded ?? 0} />
    </div>
  );
}

function PreviewPanel(props: {
  /** A correction or the publishing is on its way: the controls wait for it. */
  busy: boolean;
  preview: UploadPreviewDto;
  /** A new text's title, edited here when the text has no title block of its own (else it follows that block). */
  title?: string;
  onTitle?: (title: string) => void;
  corrections: ImportCorrection[];
  onCorrect: (operation: ImportCorrection) => void;
  onUndo: () => void;
  onPublish: () => void;
  onStartOver: () => void;
}) {
  const { preview } = props;
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? preview.blocks : preview.blocks.slice(0, firstBlocks);
  const identical = preview.identicalTo !== undefined;
  // The text gives no title (it was named after its file, or is untitled): the uploader names it here.
  const editTitle = props.onTitle !== undefined && !preview.blocks.some((block) => block.kind === "title");
  const texts = useMemo(
    () => new Map(preview.blocks.map((block) => [block.anchorId, block.text])),
    [preview.blocks],
  );
  const textOf = useCallback((anchorId: string) => texts.get(anchorId), [texts]);
  return (
    <fieldset className="preview" disabled={props.busy} aria-busy={props.busy}>
      <p>
        <strong>{editTitle ? props.title : preview.document.title}</strong>
        {preview.document.author ? ` by ${preview.document.author}` : ""} —{" "}
        {counted(preview.blocks.length, "block")}. Check the text, correct what the import got wrong, then
        publish it.
      </p>
      {editTitle && (
        <label className="preview-title">
          Title{" "}
          <input
            value={props.title}
            required
            maxLength={300}
            onChange={(event) => props.onTitle!(event.target.value)}
          />
        </label>
      )}
      <ImportReportDetails report={preview.report} />
      {identical && (
        <p className="preview-identical" role="status">
          This text is identical to version {preview.identicalTo} — nothing to publish.
        </p>
      )}
      {preview.mapping && !identical && (
        <section className="preview-mapping" aria-label={`Changes since version ${preview.mapping.from}`}>
          <h4>Changes since version {preview.mapping.from}</h4>
          <Comparison comparison={preview.mapping} textOf={textOf} excerpts />
        </section>
      )}
      <ol className="preview-blocks" aria-label="Blocks">
        {shown.map((block) => (
          <PreviewBlock
            key={`${block.ordinal}:${block.anchorId}`}
            block={block}
            last={block.ordinal === preview.blocks.length - 1}
            onCorrect={props.onCorrect}
          />
        ))}
      </ol>
      {!showAll && preview.blocks.length > firstBlocks && (
        <button type="button" className="button quiet" onClick={() => setShowAll(true)}>
          Show all {counted(preview.blocks.length, "block")}
        </button>
      )}
      <div className="preview-actions">
        {!identical && (
          <button
            type="button"
            className="button primary"
            disabled={editTitle && !props.title?.trim()}
            onClick={props.onPublish}
          >
            Publish
          </button>
        )}
        {props.corrections.length > 0 && (
          <button type="button" className="button" onClick={props.onUndo}>
            Undo last correction
          </button>
        )}
        <button type="button" className="button quiet" onClick={props.onStartOver}>
          Start over
        </button>
        {props.corrections.length > 0 && (
          <span className="muted">
            {props.corrections.length} {props.corrections.length === 1 ? "correction" : "corrections"}
          </span>
        )}
      </div>
    </fieldset>
  );
}

/** One block: its kind and text, with controls to change the kind, edit, split at the caret or merge with the next. */
function PreviewBlock(props: {
  block: Block;
  last: boolean;
  onCorrect: (operation: ImportCorrection) => void;
}) {
  const { block } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(block.text);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const label = `block ${block.ordinal + 1}`;
  return (
    <li className={`preview-block kind-${block.kind}`}>
      <div className="preview-block-tools">
        <select
          aria-label={`Kind of ${label}`}
          value={block.kind}
          onChange={(event) =>
            props.onCorrect({ op: "kind", block: block.ordinal, kind: event.target.value as BlockKind })
          }
        >
          {blockKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
        {!editing && (
          <button
            type="button"
            className="button quiet"
            aria-label={`Edit ${label}`}
            onClick={() => {
              setDraft(block.text);
              setEditing(true);
            }}
          >
            Edit
          </button>
        )}
        {!props.last && (
          <button
            type="button"
            className="button quiet"
            aria-label={`Merge with next (${label})`}
            onClick={() => props.onCorrect({ op: "merge", block: block.ordinal })}
          >
            Merge with next
          </button>
        )}
      </div>
      {editing ? (
        <div className="preview-block-edit">
          <textarea
            ref={textarea}
            aria-label={`Text of ${label}`}
            rows={Math.min(12, Math.max(3, Math.ceil(draft.length / 60)))}
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
          />
          <div className="preview-block-tools">
            <button
              type="button"
              className="button"
              disabled={draft === block.text}
              onClick={() => props.onCorrect({ op: "edit", block: block.ordinal, text: draft })}
            >
              Save text
            </button>
            <button
              type="button"
              className="button"
              disabled={draft !== block.text}
              title={draft !== block.text ? "Save or undo your edit first" : undefined}
              onClick={() =>
                props.onCorrect({
                  op: "split",
                  block: block.ordinal,
                  offset: textarea.current?.selectionStart ?? 0,
                })
              }
            >
              Split at caret
            </button>
            <button type="button" className="button quiet" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p className="preview-block-text">{block.text}</p>
      )}
    </li>
  );
}
