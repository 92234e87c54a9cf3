// Writes the corpus's EPUB 3: a title page and one XHTML chapter per section, footnotes as EPUB noterefs and asides.
// Needs the zip command; CI does not run it.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { entryDir, run, writeExpectations } from "./corpus-paths.ts";
import { escapeHtml, renderBlocksHtml } from "./html.ts";
import type { SourceBlock } from "./text-format.ts";
import { readSourceText } from "./text-format.ts";

const text = readSourceText("garden");

const xhtml = (title: string, body: string[]) =>
  [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">`,
    `<head><title>${escapeHtml(title)}</title><link rel="stylesheet" href="style.css"/></head>`,
    `<body>`,
    ...body,
    `</body>`,
    `</html>`,
    "",
  ].join("\n");

// One chapter per heading; footnote numbers run through the book.
const chapters: SourceBlock[][] = [];
for (const block of text.blocks) {
  if (block.kind === "heading" || chapters.length === 0) chapters.push([]);
  chapters.at(-1)?.push(block);
}
const files = new Map<string, string>();
files.set("mimetype", "application/epub+zip");
files.set(
  "META-INF/container.xml",
  `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`,
);
files.set(
  "OEBPS/style.css",
  "p { text-indent: 1.2em; margin: 0; }\nblockquote { margin: 1em 2em; font-style: italic; }\n",
);
files.set(
  "OEBPS/title.xhtml",
  xhtml(text.title, [
    `<section epub:type="titlepage">`,
    `<h1 class="title">${escapeHtml(text.title)}</h1>`,
    `<p class="author">${escapeHtml(text.byline)}</p>`,
    `</section>`,
  ]),
);
let notesBefore = 0;
chapters.forEach((blocks, index) => {
  const notes: string[] = [];
  const body = renderBlocksHtml(blocks, notes)
    .join("\n")
    // EPUB 3 footnotes: the reference is a noteref, numbered through the book, its note an aside in the chapter.
    .replace(
      /<sup id="fnref-(\d+)"><a href="#fn-\d+" class="footnote-ref">\d+<\/a><\/sup>/gu,
      (_, n: string) =>
        `<a epub:type="noteref" id="ref${Number(n) + notesBefore}" href="#note${Number(n) + notesBefore}">${Number(n) + notesBefore}</a>`,
    );
  const asides = notes.map(
    (note, i) =>
      `<aside epub:type="footnote" id="note${notesBefore + i + 1}"><p>${notesBefore + i + 1}. ${escapeHtml(note)}</p></aside>`,
  );
  notesBefore += notes.length;
  files.set(`OEBPS/chapter${index + 1}.xhtml`, xhtml(text.title, [body, ...asides]));
});
const chapterIds = chapters.map((_, index) => `chapter${index + 1}`);
files.set(
  "OEBPS/nav.xhtml",
  xhtml("Contents", [
    `<nav epub:type="toc"><h1>Contents</h1><ol>`,
    `<li><a href="title.xhtml">${escapeHtml(text.title)}</a></li>`,
    ...chapters.map((blocks, index) => {
      const heading = blocks[0];
      const label =
        heading && heading.kind === "heading" ? heading.inlines.map((i) => i.text).join("") : "Start";
      return `<li><a href="chapter${index + 1}.xhtml">${escapeHtml(label)}</a></li>`;
    }),
    `</ol></nav>`,
  ]),
);
files.set(
  "OEBPS/content.opf",
  `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:scholia:corpus:epub-garden</dc:identifier>
    <dc:title>${escapeHtml(text.title)}</dc:title>
    <dc:creator>${escapeHtml(text.author)}</dc:creator>
    <dc:language>en</dc:language>
    <dc:rights>Public domain (CC0 1.0)</dc:rights>
    <meta property="dcterms:modified">2026-11-30T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="css" href="style.css" media-type="text/css"/>
    <item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>
${chapterIds.map((id) => `    <item id="${id}" href="${id}.xhtml" media-type="application/xhtml+xml"/>`).join("\n")}
  </manifest>
  <spine>
    <itemref idref="title"/>
${chapterIds.map((id) => `    <itemref idref="${id}"/>`).join("\n")}
  </spine>
</package>
`,
);

const work = mkdtempSync(join(tmpdir(), "corpus-epub-"));
try {
  const fixed = new Date("2026-11-30T00:00:00Z");
  for (const [path, content] of files) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), content);
    utimesSync(join(work, path), fixed, fixed);
  }
  const out = join(entryDir("epub-garden"), "source.epub");
  rmSync(out, { force: true });
  // The mimetype entry first and stored uncompressed, as the EPUB container format requires.
  run("zip", ["-X0q", out, "mimetype"], work);
  run("zip", ["-X9rq", out, "META-INF", "OEBPS"], work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeExpectations(
  entryDir("epub-garden"),
  text,
  "scripts/corpus/build-epub.ts: EPUB 3 (XHTML chapters, OPF, nav) zipped with zip",
);
