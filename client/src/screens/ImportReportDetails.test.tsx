// The import report in words: invisible glyphs named by code point, and only the block kinds the text has.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ImportReport } from "../../../shared/schemas/documents.ts";
import { ImportReportDetails, showInvisible } from "./ImportReportDetails.tsx";

const report: ImportReport = {
  format: "text",
  lines: 12,
  blocks: { title: 1, paragraph: 3, quote: 0, item: 0 },
  ligatures: [{ glyph: "\u001c", replacement: "fi", count: 4 }],
  dehyphenated: { lineBreak: 0, pageBreak: 0, keptCompound: 0 },
  pageBreaks: 0,
  pageArtefactsRemoved: 0,
  paragraphsJoinedAcrossPages: 0,
  footnoteMarkersSeparated: 0,
  unresolved: [{ token: "\u001bx", reason: "not a word", sentence: "A \u001bx here." }],
  examples: [{ repair: "ligature", before: "\u001crst", after: "first" }],
} as ImportReport;

afterEach(cleanup);

describe("ImportReportDetails", () => {
  it("names invisible glyphs by code point wherever the report shows text", () => {
    render(<ImportReportDetails report={report} />);
    expect(screen.getByText(/^Repaired glyphs:/, { selector: "li" }).textContent).toContain(
      "“⟨U+001C⟩” → “fi” (4×)",
    );
    expect(screen.getByText(/^To check by hand:/, { selector: "li" }).textContent).toContain("“⟨U+001B⟩x”");
    expect(screen.getByText("⟨U+001C⟩rst")).toBeTruthy();
    expect(screen.getByText("⟨U+001B⟩x", { selector: "mark" })).toBeTruthy();
  });

  it("lists only the kinds of block the text has", () => {
    render(<ImportReportDetails report={report} />);
    expect(screen.getByText(/^Blocks:/, { selector: "li" }).textContent).toBe(
      "Blocks: 1 title, 3 paragraphs",
    );
    expect(screen.getByText(/^Read as/, { selector: "li" }).textContent).toBe("Read as text, 12 lines");
    cleanup();
    render(
      <ImportReportDetails report={{ ...report, lines: 1, blocks: { paragraph: 1 } } as ImportReport} />,
    );
    expect(screen.getByText(/^Blocks:/, { selector: "li" }).textContent).toBe("Blocks: 1 paragraph");
    expect(screen.getByText(/^Read as/, { selector: "li" }).textContent).toBe("Read as text, 1 line");
  });

  it("leaves visible text alone, soft hyphens and byte-order marks shown", () => {
    expect(showInvisible("ﬁrst “quoted” é")).toBe("ﬁrst “quoted” é");
    expect(showInvisible("Po\u00adlitik\ufeff")).toBe("Po⟨U+00AD⟩litik⟨U+FEFF⟩");
  });
});
