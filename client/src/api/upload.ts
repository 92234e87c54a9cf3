// Uploads a text or file with progress (XMLHttpRequest: fetch cannot report upload progress), for preview or publish.
import type { ImportCorrection } from "../../../shared/schemas/documents.ts";
import type { UploadPreviewDto } from "../../../shared/schemas/document-api.ts";
import { ApiError, type UploadResult } from "./http.ts";

export type { ImportCorrection, UploadPreviewDto };

/** Bytes of the request body sent so far, of `total`. */
export interface UploadProgress {
  loaded: number;
  total: number;
  /** True once the whole body is sent and the server is reading it. */
  sent: boolean;
}

/**
 * POSTs `form` to `path` and resolves with the JSON answer; calls `onProgress` as the body goes out. Rejects with
 * the server's ApiError (status, code, message, details), or status 0 when the server cannot be reached.
 */
export function postWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.total, sent: false });
    xhr.upload.onload = () => onProgress({ loaded: 1, total: 1, sent: true });
    xhr.onerror = () =>
      reject(
        new ApiError(0, "network", "The server cannot be reached. Check your connection and try again."),
      );
    xhr.onload = () => {
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

/** The upload form: the file, and the corrections (and preview flag) before it. */
function uploadForm(file: File, corrections: readonly ImportCorrection[], preview: boolean): FormData {
  const form = new FormData();
  if (preview) form.append("preview", "true");
  if (corrections.length > 0) form.append("corrections", JSON.stringify(corrections));
  form.append("file", file, file.name);
  return form;
}

const newDocumentPath = (groupId: string) => `/api/documents?groupId=${encodeURIComponent(groupId)}`;

/** What the server would store for `file` with `corrections`; nothing is stored. */
export const previewUpload = (
  groupId: string,
  file: File,
  corrections: readonly ImportCorrection[],
  onProgress: (progress: UploadProgress) => void,
) =>
  postWithProgress<UploadPreviewDto>(
    newDocumentPath(groupId),
    uploadForm(file, corrections, true),
    onProgress,
  );

/** Stores `file` with `corrections` as a new document of the group. */
export const publishUpload = (
  groupId: string,
  file: File,
  corrections: readonly ImportCorrection[],
  onProgress: (progress: UploadProgress) => void,
) =>
  postWithProgress<UploadResult>(newDocumentPath(groupId), uploadForm(file, corrections, false), onProgress);
