// What the Export dialog asks for, and the download address it makes: the reader's filters carried over.
import type { ExportFormat, ExportLayout } from "../../../../shared/schemas/exports.ts";
import type { Filters } from "../state/filters.ts";

export interface ExportChoice {
  format: ExportFormat;
  layout: ExportLayout;
  /** Export only what the reader's filters show now. */
  filtered: boolean;
  includeResolved: boolean;
  /** CSV with a byte order mark, for Excel. */
  excel: boolean;
  /** The reader's own private notes too. */
  notes: boolean;
}

/** The formats that come in the two layouts (discussion, annotated text). */
export const hasLayouts = (format: ExportFormat) => format === "md" || format === "html" || format === "pdf";

/** True when some filter narrows what the reader shows. */
export const isFiltering = (filters: Filters) =>
  filters.mine ||
  filters.status !== "all" ||
  filters.tag !== null ||
  filters.member !== null ||
  filters.query.trim() !== "";

/**
 * The download address of the room's export for `choice`, with `filters` applied when it says so; for a PDF
 * (`path` "export-jobs"), the address that starts building it.
 */
export function exportUrl(
  roomId: string,
  choice: ExportChoice,
  filters: Filters,
  userId: string,
  path: "export" | "export-jobs" = "export",
): string {
  const params = new URLSearchParams({ format: choice.format });
  if (hasLayouts(choice.format)) params.set("layout", choice.layout);
  if (choice.format === "csv" && choice.excel) params.set("bom", "true");
  if (choice.filtered) {
    const author = filters.mine ? userId : filters.member;
    if (author) params.set("authorId", author);
    if (filters.status !== "all") params.set("status", filters.status);
    if (filters.tag) params.set("tag", filters.tag);
    // The reader's own words rule, so the file holds exactly the threads the filter shows.
    if (filters.query.trim()) params.set("match", filters.query.trim());
  }
  // A status filter already says which threads; otherwise the box decides.
  if (!params.has("status") && !choice.includeResolved) params.set("includeResolved", "false");
  if (choice.notes) params.set("includeNotes", "true");
  return `/api/rooms/${encodeURIComponent(roomId)}/${path}?${params}`;
}
