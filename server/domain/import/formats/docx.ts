// A Word (.docx) file to blocks: mammoth turns it into HTML (styles to elements, notes to linked lists), read as HTML.
import { zipSync } from "fflate";
import mammoth from "mammoth";
import type { ConvertedDocument } from "./converted.ts";
import { firstText, parseHtml, parseXml } from "./dom.ts";
import { htmlToBlocks } from "./html-blocks.ts";
import { collectNotes } from "./notes.ts";
import { readZip } from "./safe-zip.ts";
import type { ZipLimits } from "./safe-zip.ts";

/** Word's styles mammoth does not map by default: the title, quotations, code. */
const styleMap = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "r[style-name='HTML Code'] => code",
  "r[style-name='Emphasis'] => em",
];

const utf8 = new TextDecoder("utf-8");

/**
 * Converts a .docx file to blocks. The archive is unpacked within `limits` first (a zip bomb is refused before it
 * is inflated) and mammoth is given a copy rebuilt from the checked files, so it reads exactly what was checked.
 * mammoth maps Word's styles to HTML (Title to the title, Heading n to headings, Quote to a block quote, numbered
 * and bulleted paragraphs to list items, italic/bold to em/strong) and footnotes and endnotes to linked lists, which
 * htmlToBlocks attaches to their markers. Images are dropped; files outside the document are never read.
 * Title and author from docProps/core.xml (dc:title, dc:creator) when set.
 * Errors: AppError "payload_too_large" (zip bomb), "unprocessable_content" (not a readable .docx).
 */
export async function convertDocx(bytes: Uint8Array, limits?: ZipLimits): Promise<ConvertedDocument> {
  const files = await readZip(bytes, "Word file", limits ? { limits } : {});
  const checked = zipSync(Object.fromEntries([...files].map(([path, data]) => [path, [data, { level: 0 }]])));
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength) },
    {
      styleMap,
      includeEmbeddedStyleMap: false,
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
    },
  );
  const document = parseHtml(`<!doctype html><html><body>${html}</body></html>`);
  const notes = collectNotes([{ path: "", document }]);
  const blocks = htmlToBlocks(document.getElementsByTagName("body")[0] ?? document.documentElement, {
    notes: notes.contextFor("", document),
    titleRule: "title-class",
  });
  const core = files.get("docProps/core.xml");
  const properties = core === undefined ? undefined : parseXml(utf8.decode(core));
  const title = properties && firstText(properties, "dc:title");
  const author = properties && firstText(properties, "dc:creator");
  return { blocks, ...(title ? { title } : {}), ...(author ? { author } : {}) };
}
