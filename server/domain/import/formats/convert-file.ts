// The Word, EPUB and HTML converters as the file import calls them (import-file.ts): bytes in, drafts and report out.
import type { SourceFormat } from "../../../../shared/schemas/documents.ts";
import type { ConvertedFile } from "../import-file.ts";
import { bylineName, isNameLine } from "../byline.ts";
import { emptyReport, type DraftBlock } from "../import-text.ts";
import type { ConvertedDocument } from "./converted.ts";

/**
 * A converted document as the file import takes it: a byline under the title ("By …", a name alone right under it)
 * becomes the author block with the name only; the title and author its metadata states become blocks when the
 * text has none (the uploader's own title and author still win, in finishImport); the stored text is the blocks'
 * text separated by blank lines, and the report counts its lines.
 */
export function toConvertedFile(format: SourceFormat, converted: ConvertedDocument): ConvertedFile {
  const drafts: DraftBlock[] = [...converted.blocks];
  const byline = findByline(drafts, converted.author);
  if (byline) drafts[byline.index] = { kind: "author", text: byline.name, footnotes: [] };
  const has = (kind: DraftBlock["kind"]) => drafts.some((block) => block.kind === kind);
  if (converted.author && !has("author"))
    drafts.splice(drafts[0]?.kind === "title" ? 1 : 0, 0, {
      kind: "author",
      text: converted.author,
      footnotes: [],
    });
  if (converted.title && !has("title"))
    drafts.unshift({ kind: "title", text: converted.title, footnotes: [] });
  const text = drafts.map((block) => block.text).join("\n\n");
  return { drafts, report: emptyReport(format, text.split("\n").length), text };
}

/**
 * The block under the title that names the author: a byline ("By …", "Written by …", a paragraph or a heading) in
 * the first two blocks after the title (a subtitle may come between), or a name alone right under the title: a
 * paragraph, or a heading naming the author the file's metadata states (an EPUB title page's `<h2>`).
 */
function findByline(
  drafts: readonly DraftBlock[],
  stated: string | undefined,
): { index: number; name: string } | undefined {
  const first = drafts[0]?.kind === "title" ? 1 : 0;
  for (let index = first; index < Math.min(drafts.length, first + 2); index++) {
    const block = drafts[index]!;
    if (block.kind === "author") return undefined;
    if ((block.kind !== "paragraph" && block.kind !== "heading") || block.footnotes.length > 0) continue;
    const alone =
      index === first &&
      isNameLine(block.text) &&
      (block.kind === "paragraph" || (stated !== undefined && sameName(block.text, stated)));
    const name = bylineName(block.text) ?? (alone ? block.text : undefined);
    if (name) return { index, name };
  }
  return undefined;
}

/** Whether two spellings name the same person, whatever the order ("Peter Laidlaw", "Laidlaw, Peter"). */
const sameName = (a: string, b: string) => {
  const words = (name: string) =>
    name
      .toLowerCase()
      .split(/[\s,]+/u)
      .filter(Boolean)
      .sort()
      .join(" ");
  return words(a) === words(b);
};

const utf8 = new TextDecoder("utf-8");

/** A .docx file's blocks (formats/docx.ts). */
export const convertDocxFile = async (bytes: Uint8Array) =>
  toConvertedFile("docx", await (await import("./docx.ts")).convertDocx(bytes));

/** An EPUB's blocks (formats/epub.ts). */
export const convertEpubFile = async (bytes: Uint8Array) =>
  toConvertedFile("epub", await (await import("./epub.ts")).convertEpub(bytes));

/** A saved web page's blocks (formats/html.ts); its bytes are read as UTF-8, as the upload's text is. */
export const convertHtmlFile = async (bytes: Uint8Array) =>
  toConvertedFile("html", (await import("./html.ts")).convertHtml(utf8.decode(bytes)));
