// Page footers ("2 / 4") an extractor glued to the word cut at the page's end ("dis2/4" / "tinct"): taken off again.
import { isBlank } from "./lines.ts";
import type { Line } from "./lines.ts";

/** A word's head with a page footer "n/N" or "n / N" glued to it, at the end of a line. */
const gluedFooter = /(?<=\p{L})(\d{1,4}) ?\/ ?(\d{1,4})$/u;

/**
 * Takes page footers of the form "n / N" off the line ends they were glued to. pdftotext's default mode joins a line
 * ending in a hyphen to the line that follows and drops the hyphen; at a page's end that line is the footer, so the
 * first half of the cut word ends in "2/4" and its second half opens the next page. A line is repaired only when it
 * ends in letters and "n/N" with 1 ≤ n ≤ N, the next text line comes after a page break and goes on in lower case;
 * the footer gives way to the hyphen it displaced, which the hyphenation repair then resolves like any other.
 * Returns the lines (the same objects where nothing changed) and how many footers were removed.
 */
export function unglueFooters(lines: readonly Line[]): { lines: Line[]; removed: number } {
  let removed = 0;
  const result = lines.map((line, index) => {
    const match = gluedFooter.exec(line.text);
    if (!match) return line;
    const [page, pages] = [Number(match[1]), Number(match[2])];
    if (page < 1 || page > pages) return line;
    let at = index + 1;
    while (at < lines.length && isBlank(lines[at] as Line)) at++;
    const next = lines[at];
    if (!next?.pageBreakBefore || !/^\p{Ll}/u.test(next.text)) return line;
    removed++;
    return { ...line, text: `${line.text.slice(0, match.index)}-` };
  });
  return { lines: result, removed };
}
