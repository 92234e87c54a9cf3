// Uploads a text or file with progress (XMLHttpRequest: fetch cannot report upload progress), for preview or publish,
// then follows the server's import of it (the pages of a PDF) until the answer comes.
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import type { ImportProgress, UploadPreviewDto } from "../../../shared/schemas/document-api.ts";
import { ApiError, request, type UploadResult } from "./http.ts";

export type { ImportCorrection, ImportProgress, UploadPreviewDto };

/** Bytes of the request body sent so far, of `total`; then how far the server's import of it has got. */
export interface UploadProgress {
  loaded: number;
  total: number;
  /** True once the whole body is sent and the server is reading it. */
  sent: boolean;
  /** Once sent: the server's latest word on the import (its stage; for a PDF, the page read last of how many). */
  imported?: ImportProgress;
}

/** How often to ask how far the import has got while waiting for the answer. */
const followEveryMs = 250;

/** A random UUID (v4) naming one upload's import; made by hand because crypto.randomUUID needs HTTPS. */
function newProgressId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Asks how far import `id` has got at once and then every followEveryMs until `answered()`, passing each answer on.
 * Answers of 404 (the body is still being read, or the answer is on its way) are skipped.
 */
async function followImport(
  id: string,
  answered: () => boolean,
  onImported: (progress: ImportProgress) => void,
) {
  while (!answered()) {
    try {
      const { progress } = await request<{ progress: ImportProgress }>(`/api/import-progress/${id}`);
      if (!answered()) onImported(progress);
    } catch {
      // Not running yet, or just finished: the upload's own answer says what happened.
    }
    await new Promise((resolve) => setTimeout(resolve, followEveryMs));
  }
}

/**
 * POSTs `form` to `path` and resolves with the JSON answer; calls `onProgress` as the body goes out and, when
 * `followId` names the import (the form's progress field), as the server imports it. Rejects with the server's
 * ApiError (status, code, message, details), or status 0 when the server cannot be reached.
 */
export function postWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
  followId?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let answered = false;
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.total, sent: false });
    xhr.upload.onload = () => {
      onProgress({ loaded: 1, total: 1, sent: true });
      if (followId) {
        void followImport(
          followId,
          () => answered,
          (imported) => onProgress({ loaded: 1, total: 1, sent: true, imported }),
        );
      }
    };
    // However the request ends (answer, network error, abort, timeout), stop following the import.
    xhr.onloadend = () => {
      answered = true;
    };
    xhr.onerror = xhr.ontimeout = () =>
      reject(
        new ApiError(0, "network", "The server cannot be reached. Check your connection and try again."),
      );
    xhr.onabort = () =>
      reject(new ApiError(0, "aborted", "The upload was stopped before the server answered."));
    xhr.onload = () => {
      answered = true;
      let payload: unknown;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      const error = (payload as { error?: { code?: string; message?: string; details?: [] } } | undefined)
        ?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? "error",
          error?.message ?? `The server answered ${xhr.status}.`,
          error?.details ?? [],
        ),
      );
    };
    xhr.send(form);
  });
}

/** The upload form: the file, and the corrections, preview flag and the id to follow its import by before it. */
function uploadForm(
  file: File,
  corrections: readonly ImportCorrection[],
  preview: boolean,
  progressId: string,
): FormData {
  const form = new FormData();
  if (preview) form.append("preview", "true");
  if (corrections.length > 0) form.append("corrections", JSON.stringify(corrections));
  form.append("progress", progressId);
  form.append("file", file, file.name);
  return form;
}

/** Uploads `file` to `path` as a preview or to publish, following its import. */
function upload<T>(
  path: string,
  file: File,
  corrections: readonly ImportCorrection[],
  preview: boolean,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  const id = newProgressId();
  return postWithProgress<T>(path, uploadForm(file, corrections, preview, id), onProgress, id);
}

const newDocumentPath = (groupId: string) => `/api/documents?groupId=${encodeURIComponent(groupId)}`;

const newVersionPath = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/versions`;

/** Where an upload goes: a new document of a group, or the next version of a document. */
export type UploadTarget = { groupId: string } | { documentId: string };

const pathOf = (target: UploadTarget) =>
  "documentId" in target ? newVersionPath(target.documentId) : newDocumentPath(target.groupId);

/**
 * What the server would store for `file` with `corrections` at `target`; nothing is stored. A new version's preview
 * also carries its mapping from the latest version, and `identicalTo` when it is an existing version.
 */
export const previewUploadTo = (
  target: UploadTarget,
  file: File,
  corrections: readonly ImportCorrection[],
  onProgress: (progress: UploadProgress) => void,
) => upload<UploadPreviewDto>(pathOf(target), file, corrections, true, onProgress);

/** Stores `file` with `corrections` at `target`; `created: false` when a new version is identical to one stored. */
export const publishUploadTo = (
  target: UploadTarget,
  file: File,
  corrections: readonly ImportCorrection[],
  onProgress: (progress: UploadProgress) => void,
) => upload<UploadResult>(pathOf(target), file, corrections, false, onProgress);
