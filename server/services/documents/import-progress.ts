// The progress of the imports running now, each under an id its uploader chose, readable only by that uploader.
import type { ImportProgress } from "../../../shared/schemas/document-api.ts";
import { AppError } from "../../domain/app-error.ts";
import type { ImportProgressListener } from "./import-runner.ts";

/**
 * Holds the latest progress of each followed import while its upload request runs; nothing outlives the request,
 * so the board holds at most one small entry per upload in flight.
 */
export class ImportProgressBoard {
  private readonly entries = new Map<string, ImportProgress>();

  /**
   * Starts following an import as `id` for `userId` ("queued" until the worker takes it). Returns the listener to
   * hand to the importer and `stop`, to call when the request ends whatever its outcome. A second upload under the
   * same id replaces the first's entry.
   */
  follow(userId: string, id: string): { onProgress: ImportProgressListener; stop: () => void } {
    const key = keyOf(userId, id);
    const mine: { latest: ImportProgress } = { latest: { stage: "queued" } };
    this.entries.set(key, mine.latest);
    return {
      onProgress: (progress) => {
        if (this.entries.get(key) !== mine.latest) return; // replaced by a later upload under the same id
        mine.latest = progress;
        this.entries.set(key, progress);
      },
      stop: () => {
        if (this.entries.get(key) === mine.latest) this.entries.delete(key);
      },
    };
  }

  /**
   * The latest progress of `userId`'s import `id`.
   * @throws AppError not_found (404) when no such import runs now (not started yet, finished, or someone else's).
   */
  read(userId: string, id: string): ImportProgress {
    const progress = this.entries.get(keyOf(userId, id));
    if (!progress) throw new AppError("not_found", "No import of yours is running under this id.");
    return progress;
  }
}

const keyOf = (userId: string, id: string) => `${userId} ${id.toLowerCase()}`;
