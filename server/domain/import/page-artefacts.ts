// Page-break artefacts: page numbers and running headers removed, page starts found from layout cues.
import { isBlank } from "./lines.ts";
import type { Line } from "./lines.ts";

/** The lines without page artefacts, each page start flagged, and what was found. */
export interface PageScan {
  lines: Line[];
  pageBreaks: number;
  artefactsRemoved: number;
  /** Whether paragraphs are separated by blank lines (so an indented line inside a run of text is a page cue). */
  blankSeparated: boolean;
}

const pageNumber = /^(?:[Pp]age\s+)?[-–—([]?\s*(?:\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})\s*[-–—)\]]?$/u;

/** Whether a line is only a page number ("12", "- 12 -", "Page 12", "xiv"). */
export function isPageNumberLine(text: string): boolean {
  return text.length <= 12 && pageNumber.test(text);
}

function headerKey(text: string): string {
  return text
    .replace(/\d/gu, "")
    .replace(/[\s\-–—|·•]+/gu, " ")
    .trim()
    .toLowerCase();
}

function isIsolated(lines: readonly Line[], index: number, artefact: ReadonlySet<number>): boolean {
  const around = [lines[index - 1], lines[index + 1]];
  return (
    around.some((line) => line === undefined || isBlank(line)) ||
    artefact.has(index - 1) ||
    artefact.has(index + 1)
  );
}

/**
 * Whether a repeated line sits where page furniture does: it carries a page number itself, or a page number
 * or form feed is within two lines. Repeated headings ("Notes") and repeated prose lack this.
 */
function hasPageContext(lines: readonly Line[], index: number, pageNumbers: ReadonlySet<number>): boolean {
  const line = lines[index] as Line;
  if (/^\d{1,4}\s|\s\d{1,4}$/u.test(line.text) || line.pageBreakBefore) return true;
  for (const near of [index - 2, index - 1, index + 1, index + 2]) {
    if (pageNumbers.has(near) || lines[near]?.pageBreakBefore) return true;
  }
  return false;
}

function findArtefacts(lines: readonly Line[]): Set<number> {
  const artefact = new Set<number>();
  const firstText = lines.findIndex((line) => !isBlank(line));
  lines.forEach((line, index) => {
    if (index !== firstText && isPageNumberLine(line.text)) artefact.add(index);
  });
  for (const index of [...artefact]) if (!isIsolated(lines, index, artefact)) artefact.delete(index);

  const byKey = new Map<string, number[]>();
  lines.forEach((line, index) => {
    if (index === firstText || line.text.length > 80 || artefact.has(index)) return;
    const key = headerKey(line.text);
    if (key.replace(/\P{L}/gu, "").length < 3) return;
    const indexes = byKey.get(key);
    if (indexes) indexes.push(index);
    else byKey.set(key, [index]);
  });
  const pageNumbers = new Set(artefact);
  for (const indexes of byKey.values()) {
    const isolated = indexes.filter((index) => isIsolated(lines, index, artefact));
    const paged = isolated.filter((index) => hasPageContext(lines, index, pageNumbers));
    if (isolated.length >= 3 && paged.length >= Math.max(2, isolated.length / 2)) {
      for (const index of isolated) artefact.add(index);
    }
  }
  return artefact;
}

/**
 * Removes page numbers and running headers (with the blank lines around them) and flags the line after each
 * page break. In texts whose paragraphs are separated by blank lines, a line indented more than the line
 * before it, with no blank line between, is also taken as a page start (extractors indent the first line
 * of a page), and so is one indented more than the line after it; whether it continues the paragraph is
 * decided later.
 */
export function scanPages(input: readonly Line[]): PageScan {
  const artefact = findArtefacts(input);
  const lines: Line[] = [];
  let pendingBreak = false;
  for (let index = 0; index < input.length; index++) {
    const line = input[index] as Line;
    if (artefact.has(index)) {
      pendingBreak = true;
      while (lines.length > 0 && isBlank(lines[lines.length - 1] as Line)) lines.pop();
      continue;
    }
    if (pendingBreak && isBlank(line)) continue;
    lines.push(pendingBreak ? { ...line, pageBreakBefore: true } : line);
    pendingBreak = false;
  }

  const blankCount = lines.filter(isBlank).length;
  const blankSeparated = blankCount >= 0.04 * lines.length;
  if (blankSeparated) {
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index] as Line;
      const previous = lines[index - 1] as Line;
      const next = lines[index + 1];
      const deeperThanNext = next !== undefined && !isBlank(next) && line.indent > next.indent;
      if (!isBlank(line) && !isBlank(previous) && (line.indent > previous.indent || deeperThanNext)) {
        lines[index] = { ...line, pageBreakBefore: true };
      }
    }
  }
  return {
    lines,
    pageBreaks: lines.filter((line) => line.pageBreakBefore).length,
    artefactsRemoved: artefact.size,
    blankSeparated,
  };
}
