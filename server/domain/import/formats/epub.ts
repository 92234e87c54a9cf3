// An EPUB (2 or 3) to blocks: the package's spine in order, each XHTML document read as HTML, notes on their markers.
import { posix } from "node:path";
import { AppError } from "../../app-error.ts";
import type { ConvertedDocument } from "./converted.ts";
import { firstText, parseHtml, parseXml } from "./dom.ts";
import { htmlToBlocks } from "./html-blocks.ts";
import { collectNotes } from "./notes.ts";
import type { LinkedDocument } from "./notes.ts";
import { readZip } from "./safe-zip.ts";
import type { ZipLimits } from "./safe-zip.ts";

const utf8 = new TextDecoder("utf-8");

const notAnEpub = (what: string) =>
  new AppError(
    "unprocessable_content",
    `This EPUB has no ${what}, so its chapters cannot be found. Check that the file is a whole EPUB, or export it again.`,
  );

/**
 * The spine's XHTML documents, in reading order, as paths inside the archive, each once: a spine may not name a
 * document twice (epubcheck OPF-034), and one that names a chapter thousands of times would multiply its text.
 */
function spinePaths(opf: ReturnType<typeof parseXml>, opfPath: string): string[] {
  const base = posix.dirname(opfPath);
  const manifest = new Map(
    Array.from(opf.getElementsByTagName("item")).map((item) => [
      item.getAttribute("id") ?? "",
      {
        path: posix.normalize(posix.join(base, decodeURIComponent(item.getAttribute("href") ?? ""))),
        type: item.getAttribute("media-type") ?? "",
      },
    ]),
  );
  const paths = Array.from(opf.getElementsByTagName("itemref"))
    .map((ref) => manifest.get(ref.getAttribute("idref") ?? ""))
    .filter((item) => item !== undefined && /html/u.test(item.type))
    .map((item) => (item as { path: string }).path);
  return [...new Set(paths)];
}

/**
 * Converts an EPUB file to blocks. The archive is unpacked within `limits` (a zip bomb is refused before it is
 * inflated); META-INF/container.xml names the package (OPF), whose spine gives the documents in reading order, each
 * read by htmlToBlocks: the book's first h1 is its title, later ones headings. Notes (EPUB 3 `epub:type="noteref"`
 * to a `footnote`/`endnote` aside, EPUB 2 numbered links to a notes page) ride on their markers, in whichever
 * document they stand. Title and author come from the package's dc:title and first dc:creator. XML is parsed without
 * expanding entities; nothing is fetched.
 * Errors: AppError "payload_too_large" (zip bomb), "unprocessable_content" (not a zip, no container or package).
 */
export async function convertEpub(bytes: Uint8Array, limits?: ZipLimits): Promise<ConvertedDocument> {
  const files = await readZip(bytes, "EPUB", limits ? { limits } : {});
  const read = (path: string) => {
    const file = files.get(path);
    return file === undefined ? undefined : utf8.decode(file);
  };
  const container = read("META-INF/container.xml");
  if (container === undefined) throw notAnEpub("META-INF/container.xml");
  const opfPath = parseXml(container).getElementsByTagName("rootfile")[0]?.getAttribute("full-path");
  const opfText = opfPath ? read(opfPath) : undefined;
  if (!opfPath || opfText === undefined) throw notAnEpub("package document (OPF)");
  const opf = parseXml(opfText);
  const documents: LinkedDocument[] = spinePaths(opf, opfPath).flatMap((path) => {
    const text = read(path);
    return text === undefined ? [] : [{ path, document: parseHtml(text) }];
  });
  const notes = collectNotes(documents);
  let titled = false;
  const blocks = documents.flatMap(({ path, document }) => {
    const found = htmlToBlocks(document.getElementsByTagName("body")[0] ?? document.documentElement, {
      notes: notes.contextFor(path, document),
    });
    return found.map((block) => {
      if (block.kind !== "title") return block;
      const kind = titled ? "heading" : "title";
      titled = true;
      return { ...block, kind } as typeof block;
    });
  });
  const title = firstText(opf, "dc:title");
  const author = firstText(opf, "dc:creator");
  return { blocks, ...(title ? { title } : {}), ...(author ? { author } : {}) };
}
