// Renders a source text as a LaTeX book-like article: title and byline, running headers, "n / N" footers, footnotes.
import type { Inline, SourceText } from "./text-format.ts";

/** How one corpus PDF is typeset. */
export interface LatexOptions {
  engine: "pdflatex" | "xelatex" | "lualatex";
  /** pdfTeX only: write ToUnicode maps (\pdfgentounicode=1); without them ligatures extract as broken glyphs. */
  toUnicode?: boolean;
  /** Preamble lines choosing the fonts. */
  fonts: string[];
  /** Text block height in cm, chosen so that a word is hyphenated across a page break. */
  textheight: number;
}

const specials: Record<string, string> = {
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "\\": "\\textbackslash{}",
};

/** Escapes LaTeX's special characters in prose. */
export function escapeLatex(text: string): string {
  return text.replace(/[&%$#_{}~^\\]/gu, (character) => specials[character] ?? character);
}

function renderInlines(inlines: Inline[]): string {
  return inlines
    .map((inline) => {
      if (inline.type === "em") return `\\emph{${escapeLatex(inline.text)}}`;
      if (inline.type === "note") return `\\footnote{${escapeLatex(inline.text)}}`;
      return escapeLatex(inline.text);
    })
    .join("");
}

/** The whole .tex file for one source text. */
export function renderLatex(text: SourceText, options: LatexOptions): string {
  const preamble = [
    "\\documentclass[10pt,twoside]{article}",
    ...(options.engine === "pdflatex"
      ? [
          `\\pdfgentounicode=${options.toUnicode === false ? 0 : 1}`,
          ...(options.toUnicode === false ? [] : ["\\input{glyphtounicode}"]),
        ]
      : []),
    ...options.fonts,
    `\\usepackage[a5paper,textwidth=8.4cm,textheight=${options.textheight}cm,headsep=0.6cm,footskip=0.9cm]{geometry}`,
    "\\usepackage{multicol}",
    "\\usepackage{lastpage}",
    "\\usepackage{fancyhdr}",
    "\\pagestyle{fancy}",
    "\\fancyhf{}",
    `\\fancyhead[LE]{\\small\\itshape ${escapeLatex(text.running)}}`,
    "\\fancyhead[RO]{\\small\\itshape\\rightmark}",
    "\\fancyfoot[C]{\\small\\thepage\\ / \\pageref{LastPage}}",
    "\\renewcommand{\\headrulewidth}{0pt}",
    "\\fancypagestyle{plain}{\\fancyhf{}\\fancyfoot[C]{\\small\\thepage\\ / \\pageref{LastPage}}}",
    "\\setlength{\\columnsep}{0.5cm}",
  ];
  const body: string[] = [
    "\\begin{document}",
    "\\thispagestyle{plain}",
    "\\begin{center}",
    `{\\LARGE ${escapeLatex(text.title)}\\par}`,
    "\\vspace{0.8em}",
    `{\\large ${escapeLatex(text.byline)}\\par}`,
    "\\end{center}",
    "\\vspace{1.5em}",
  ];
  for (const block of text.blocks) {
    if (block.kind === "columns") {
      body.push(block.count === 2 ? "\\begin{multicols}{2}" : "\\end{multicols}");
    } else if (block.kind === "heading") {
      const heading = renderInlines(block.inlines);
      body.push("", `\\section*{${heading}}`, `\\markright{${heading}}`);
    } else {
      body.push("", renderInlines(block.inlines));
    }
  }
  body.push("", "\\end{document}", "");
  return [...preamble, ...body].join("\n");
}
