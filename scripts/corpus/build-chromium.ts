// Prints the corpus's browser PDF: an HTML page through headless chromium's print to PDF, with its header and footer.
// Needs chromium and poppler-utils; CI does not run it.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { entryDir, extractText, run, writeExpectations } from "./corpus-paths.ts";
import { renderPrintHtml } from "./html.ts";
import { readSourceText } from "./text-format.ts";

const name = "chromium-ferry";
const text = readSourceText("ferry");
const dir = entryDir(name);
const html = renderPrintHtml(text);
writeFileSync(join(dir, "print.html"), html);
// Printed from a fixed neutral path: chromium's footer shows the page's URL, which should not change between builds.
const work = join(tmpdir(), "scholia-corpus-print");
mkdirSync(work, { recursive: true });
try {
  writeFileSync(join(work, "ferry.html"), html);
  run(
    "chromium",
    ["--headless", "--no-sandbox", "--disable-gpu", "--print-to-pdf=source.pdf", "ferry.html"],
    work,
  );
  copyFileSync(join(work, "source.pdf"), join(dir, "source.pdf"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
extractText(dir);
writeExpectations(
  dir,
  text,
  "chromium --headless --print-to-pdf of print.html (its default header: date and title; footer: URL and page n/N); footnotes printed as endnotes",
);
