// Tells what an uploaded file is from its first bytes (magic numbers, a zip's entries), checked against what the
// client said it was (content type, file name).
import type { SourceFormat } from "../../../shared/schemas/documents.ts";
import { AppError } from "../app-error.ts";

/** What the client said the upload was: the raw body's or the multipart part's content type, and the file name. */
export interface DeclaredType {
  contentType: string | undefined;
  fileName: string | undefined;
}

/** The formats a file is converted from (the rest, text and Markdown, are read as text). */
export type FileFormat = Exclude<SourceFormat, "text" | "markdown">;

/** Content types of the formats, as registered with IANA (plus the ones browsers send for Markdown). */
const contentTypes: Record<SourceFormat, readonly string[]> = {
  text: ["text/plain"],
  markdown: ["text/markdown", "text/x-markdown"],
  pdf: ["application/pdf", "application/x-pdf"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  epub: ["application/epub+zip"],
  html: ["text/html", "application/xhtml+xml"],
};

const extensions: Record<SourceFormat, readonly string[]> = {
  text: ["txt", "text"],
  markdown: ["md", "markdown"],
  pdf: ["pdf"],
  docx: ["docx"],
  epub: ["epub"],
  html: ["html", "htm", "xhtml"],
};

/** Every content type an upload may be sent as (raw body), besides multipart/form-data. */
export const uploadContentTypes: readonly string[] = [
  ...Object.values(contentTypes).flat(),
  "application/octet-stream",
];

/** What the upload is: a text to read as text or Markdown, or a file to convert. */
export type SniffedUpload = { kind: "text"; markdown: boolean } | { kind: "file"; format: FileFormat };

const accepted = "plain text, Markdown, PDF, Word (.docx), EPUB or HTML";
const formatNames: Record<SourceFormat, string> = {
  text: "plain text",
  markdown: "Markdown",
  pdf: "a PDF",
  docx: "a Word document (.docx)",
  epub: "an EPUB",
  html: "an HTML page",
};

/**
 * The format of `bytes`: `%PDF-` is a PDF; a zip holding `word/document.xml` is a .docx; a zip whose first entry
 * `mimetype` says `application/epub+zip` is an EPUB (EPUB OCF 3.3 §4.3); a text starting with `<!doctype html` or
 * `<html` (after a BOM, white space and comments) is HTML; anything else without NUL bytes is text. The declared
 * content type or file name must agree (a generic type such as application/octet-stream, or none, lets the bytes
 * decide; a page declared as HTML is HTML even without a doctype).
 * @throws AppError unsupported_media_type (415) for an unknown binary file (other zips included) or a file whose
 *   bytes contradict its declared type, naming both and what is accepted.
 */
export function sniffFormat(bytes: Uint8Array, declared: DeclaredType): SniffedUpload {
  const claimed = declaredFormat(declared);
  const found = formatOfBytes(bytes);
  const describe = () =>
    [
      declared.fileName ? `"${declared.fileName.slice(0, 80)}"` : undefined,
      declared.contentType ? `sent as ${declared.contentType}` : undefined,
    ]
      .filter(Boolean)
      .join(", ");
  // Declared as text and starting as text, a NUL byte further on is the text's own fault (a stray byte): the text
  // decoder names it (400). A file that starts binary (an image's signature) is a file of another kind (415).
  const strayNul =
    found === "binary" && (claimed === "text" || claimed === "markdown") && startsAsText(bytes);
  if (found === "zip" || (found === "binary" && !strayNul)) {
    throw new AppError(
      "unsupported_media_type",
      `The upload (${describe() || "no type given"}) is ${found === "zip" ? "a zip archive that is neither a Word document nor an EPUB" : "a binary file of a kind Scholia does not read"}. Upload ${accepted}.`,
    );
  }
  if (found === "binary") return { kind: "text", markdown: claimed === "markdown" };
  const isText = found === "text" || found === "html";
  if (claimed === undefined) {
    return found === "text" ? { kind: "text", markdown: false } : { kind: "file", format: found };
  }
  if (claimed === "html" && isText) return { kind: "file", format: "html" };
  if ((claimed === "text" || claimed === "markdown") && isText) {
    // A page sent as text/plain is still a page; Markdown may hold HTML, so it stays Markdown.
    if (claimed === "text" && found === "html") return { kind: "file", format: "html" };
    return { kind: "text", markdown: claimed === "markdown" };
  }
  if (claimed === found && found !== "text") return { kind: "file", format: found };
  throw new AppError(
    "unsupported_media_type",
    `The upload (${describe()}) claims to be ${formatNames[claimed]} but its content is ${formatNames[found]}. Send it with the right file name or content type; Scholia reads ${accepted}.`,
  );
}

/** The format the content type or file name names; undefined when they name none (or only a generic type). */
function declaredFormat({ contentType, fileName }: DeclaredType): SourceFormat | undefined {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const byType = (Object.keys(contentTypes) as SourceFormat[]).find((format) =>
    contentTypes[format].includes(type),
  );
  if (byType && byType !== "text") return byType;
  // A browser sends text/plain or octet-stream for files it has no type for; the extension then says more.
  const extension = /\.([a-z]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase() ?? "";
  const byName = (Object.keys(extensions) as SourceFormat[]).find((format) =>
    extensions[format].includes(extension),
  );
  return byName ?? byType;
}

/** Whether the first bytes read as text: no NUL among the first 8 (a signature's length), an ASCII or BOM first byte. */
function startsAsText(bytes: Uint8Array): boolean {
  const first = bytes[0] ?? 0;
  return !bytes.subarray(0, 8).includes(0) && (first < 0x80 || first === 0xef);
}

/** What the bytes themselves say. */
function formatOfBytes(bytes: Uint8Array): FileFormat | "text" | "zip" | "binary" {
  if (startsWith(bytes, 0, "%PDF-")) return "pdf";
  if (startsWith(bytes, 0, "PK\u0003\u0004")) {
    const names = zipEntryNames(bytes);
    if (names[0] === "mimetype" && startsWith(bytes, 30 + "mimetype".length, "application/epub+zip"))
      return "epub";
    if (names.includes("word/document.xml")) return "docx";
    return "zip";
  }
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 1024));
  if (/^\uFEFF?\s*(<!--[\s\S]*?-->\s*|<\?xml[^>]*>\s*)*<(!doctype\s+html|html)[\s>]/i.test(head))
    return "html";
  return bytes.subarray(0, 8192).includes(0) ? "binary" : "text";
}

function startsWith(bytes: Uint8Array, at: number, ascii: string): boolean {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/**
 * The names of a zip's entries, in the order of its central directory (PKWARE APPNOTE 6.3.10 §4.3.12, §4.3.16);
 * none when the directory cannot be found (a truncated zip is refused later, by the converter).
 */
function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes, at the end.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder("utf-8");
  for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
