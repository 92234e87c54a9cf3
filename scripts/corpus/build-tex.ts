// Typesets the corpus's TeX PDFs (pdfTeX, pdfTeX without ToUnicode maps, XeLaTeX, LuaLaTeX) and extracts their text.
// Needs TeX Live (pdflatex, xelatex, lualatex, fancyhdr, lastpage) and poppler-utils; CI does not run it.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { entryDir, extractText, run, writeExpectations } from "./corpus-paths.ts";
import { renderLatex } from "./latex.ts";
import type { LatexOptions } from "./latex.ts";
import { readSourceText } from "./text-format.ts";

/** The TeX entries: folder name, source text, and how it is typeset. */
export const texEntries: { name: string; text: string; options: LatexOptions; made: string }[] = [
  {
    name: "pdftex-mill",
    text: "mill",
    options: {
      textheight: 14,
      engine: "pdflatex",
      toUnicode: true,
      fonts: ["\\usepackage[utf8]{inputenc}"],
    },
    made: "pdfTeX (pdflatex), Computer Modern Type 1 fonts, \\pdfgentounicode=1 with glyphtounicode",
  },
  {
    name: "pdftex-bees-no-tounicode",
    text: "bees",
    options: {
      textheight: 14.8,
      engine: "pdflatex",
      toUnicode: false,
      fonts: ["\\usepackage[utf8]{inputenc}", "\\usepackage[T1]{fontenc}"],
    },
    made: "pdfTeX (pdflatex), T1-encoded EC fonts as Type 3 bitmaps, \\pdfgentounicode=0 (no ToUnicode maps)",
  },
  {
    name: "xetex-lighthouse",
    text: "lighthouse",
    options: {
      textheight: 15.2,
      engine: "xelatex",
      fonts: ["\\usepackage{fontspec}"],
    },
    made: "XeLaTeX (xdvipdfmx), Latin Modern OpenType via fontspec; one section set in two columns (multicol)",
  },
  {
    name: "luatex-reading",
    text: "reading",
    options: {
      textheight: 16.4,
      engine: "lualatex",
      fonts: ["\\usepackage{fontspec}", "\\setmainfont{DejaVu Serif}"],
    },
    made: "LuaLaTeX, DejaVu Serif (TrueType) via fontspec",
  },
];

function typeset(entry: (typeof texEntries)[number]): void {
  const text = readSourceText(entry.text);
  const dir = entryDir(entry.name);
  const tex = renderLatex(text, entry.options);
  writeFileSync(join(dir, "source.tex"), tex);
  const work = mkdtempSync(join(tmpdir(), "corpus-tex-"));
  try {
    writeFileSync(join(work, "source.tex"), tex);
    // Twice: the "n / N" footers need the last page's number from the first run.
    for (let pass = 0; pass < 2; pass++)
      run(entry.options.engine, ["-interaction=nonstopmode", "source.tex"], work);
    copyFileSync(join(work, "source.pdf"), join(dir, "source.pdf"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  extractText(dir);
  writeExpectations(dir, text, entry.made);
}

const only = process.argv.slice(2);
for (const entry of texEntries) if (only.length === 0 || only.includes(entry.name)) typeset(entry);
