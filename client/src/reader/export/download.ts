// Fetches an export with progress and the server's error in words, then hands the file to the browser to save.
import { ApiError } from "../../api/http.ts";

/** The file name a Content-Disposition header gives (RFC 6266: `filename*` in UTF-8 first), or `fallback`. */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/iu.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: the plain name below still serves.
    }
  }
  return /filename="?([^";]+)"?/iu.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads `url`, calling `onProgress` with the bytes received so far; resolves with the file and its name.
 * Errors: ApiError with the server's code and message (a refused request), or status 0 when the server cannot be
 * reached; an AbortError when `signal` aborts.
 */
export async function fetchExport(
  url: string,
  onProgress: (bytes: number) => void,
  signal: AbortSignal,
): Promise<{ file: Blob; name: string }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, "network", "The server cannot be reached. Check your connection and try again.");
  }
  if (!response.ok) {
    const payload = (await response.json().catch(() => undefined)) as {
      error?: { code?: string; message?: string };
    };
    throw new ApiError(
      response.status,
      payload?.error?.code ?? "error",
      payload?.error?.message ?? `The server answered ${response.status}.`,
    );
  }
  const chunks: BlobPart[] = [];
  let received = 0;
  const reader = response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
    received += next.value.byteLength;
    onProgress(received);
  }
  const type = response.headers.get("Content-Type") ?? "application/octet-stream";
  return {
    file: new Blob(chunks, { type }),
    name: fileNameOf(response.headers.get("Content-Disposition"), "export"),
  };
}

/** Saves `file` as `name` through the browser's own download. */
export function saveFile(file: Blob, name: string): void {
  const href = URL.createObjectURL(file);
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers read the address after the click returns.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
