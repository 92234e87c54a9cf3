// A title from an uploaded file's name, for a text that gives none: "the_river-notes.txt" reads "the river notes".
import { limits } from "../../../shared/limits.ts";

/** The file's name without its extension or folder, underscores and runs of spaces made one space; undefined if empty. */
export function titleOfFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/u).pop() ?? "";
  const title = base
    .replace(/\.[^.\s]{1,8}$/u, "")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/[_\s]+/gu, " ")
    .trim()
    .normalize("NFC")
    .slice(0, limits.documentTitleMax)
    .trim();
  return title || undefined;
}
