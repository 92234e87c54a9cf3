// Reads an uploaded file as bytes, or as a text with UTF-8 checks (raw body of an accepted type, or a multipart file),
// with size and type checks, after a permission check that runs before the body is read.
import type { Request } from "express";
import busboy from "busboy";
import { limits } from "../../shared/limits.ts";
import { AppError } from "../domain/app-error.ts";
import { givenOnce } from "./middleware/query-once.ts";
import { firstInvalidUtf8Offset } from "./utf8-input.ts";

/** The uploaded text and any form fields sent with it (multipart) or in the query string. */
export interface TextUpload {
  text: string;
  /** "markdown" when the client said so by content type or file name; otherwise undefined. */
  declaredFormat: "text" | "markdown" | undefined;
  fields: Record<string, string>;
}

/** The uploaded file's bytes, what the client said it was, and the form fields sent with it or in the query. */
export interface FileUpload {
  bytes: Buffer;
  /** The raw body's Content-Type header, or the multipart part's. */
  contentType: string | undefined;
  /** The multipart part's file name; undefined for a raw body. */
  fileName: string | undefined;
  fields: Record<string, string>;
}

/**
 * Decides, from the query string and the form fields sent before the file, whether the upload may go ahead;
 * throws (403, 404…) to refuse it before its text is read.
 */
export type UploadCheck = (fields: Record<string, string>) => Promise<unknown>;

const rawTypes = ["text/plain", "text/markdown", "text/x-markdown"];

const tooLarge = () =>
  new AppError(
    "payload_too_large",
    `The file is larger than ${limits.documentUploadBytes / 1024 / 1024} MB.`,
  );

/**
 * Runs `check`, then reads the request body as an uploaded text; throws a 400/413/415 that says what was wrong, or
 * what `check` threw. A refused upload is never read: the connection closes after the answer.
 */
export async function readTextUpload(
  req: Request,
  check: UploadCheck,
  /** The content types taken as the raw body (other than a multipart form with a file). */
  accepted: readonly string[] = rawTypes,
): Promise<TextUpload> {
  if (!req.is("multipart/form-data")) {
    requireRawType(req, accepted, accepted === rawTypes ? "text" : "file");
    requireUtf8(req.get("content-type"));
  }
  const upload = await readFileUpload(req, check, accepted);
  const type = upload.contentType ?? "";
  const markdown =
    upload.fileName === undefined
      ? !/^text\/plain\b/i.test(type)
      : /\.(md|markdown)$/i.test(upload.fileName) || /markdown/.test(type);
  return {
    text: decodeText(upload.bytes),
    declaredFormat: markdown ? "markdown" : undefined,
    fields: upload.fields,
  };
}

/**
 * Runs `check`, then reads the request body (raw, of one of the `accepted` types, or a multipart form's field
 * "file") as bytes; throws a 400/413/415 that says what was wrong, or what `check` threw. A refused upload is never
 * read: the connection closes after the answer.
 */
export async function readFileUpload(
  req: Request,
  check: UploadCheck,
  /** The content types taken as the raw body (other than a multipart form with a file). */
  accepted: readonly string[],
): Promise<FileUpload> {
  const query = Object.fromEntries(
    Object.entries(req.query).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  if (req.is("multipart/form-data")) return readMultipart(req, query, check);
  requireRawType(req, accepted, "file");
  await runCheck(check, query).catch((error: unknown) => {
    closeAfterAnswer(req);
    throw error;
  });
  return {
    bytes: await readBody(req),
    contentType: req.get("content-type"),
    fileName: undefined,
    fields: query,
  };
}

function requireRawType(req: Request, accepted: readonly string[], what: string): void {
  if (req.is([...accepted])) return;
  throw new AppError(
    "unsupported_media_type",
    `Upload the ${what} as ${accepted.slice(0, 2).join(", ")} or multipart/form-data (got ${req.get("content-type") ?? "no content type"}).`,
  );
}

/** Throws 415 unless the content type names no charset or UTF-8. */
export function requireUtf8(contentType: string | undefined): void {
  const charset = /charset=([^;]+)/i
    .exec(contentType ?? "")?.[1]
    ?.trim()
    .toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new AppError("unsupported_media_type", `Send the text as UTF-8 (got charset ${charset}).`);
  }
}

/** `check` as a promise, also when it throws at once. */
const runCheck = (check: UploadCheck, fields: Record<string, string>) => Promise.resolve(fields).then(check);

/**
 * For a refused upload: the socket closes after the answer, rather than taking in the rest of the body to keep the
 * connection alive.
 */
function closeAfterAnswer(req: Request): void {
  if (!req.complete) req.res?.setHeader("Connection", "close");
}

async function readBody(req: Request): Promise<Buffer> {
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > limits.documentUploadBytes) throw tooLarge();
  // With a declared length, one buffer filled in place (no second copy to join the chunks).
  const whole = declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size + chunk.length > (whole?.length ?? limits.documentUploadBytes)) {
      req.unpipe();
      throw tooLarge();
    }
    if (whole) chunk.copy(whole, size);
    else chunks.push(chunk);
    size += chunk.length;
  }
  return whole ? whole.subarray(0, size) : Buffer.concat(chunks);
}

function readMultipart(req: Request, query: Record<string, string>, check: UploadCheck): Promise<FileUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: limits.documentUploadBytes,
          files: 1,
          fields: 10,
          fieldSize: limits.importCorrectionsBytes,
          parts: 12,
        },
      });
    } catch (error) {
      reject(
        new AppError("bad_request", `The multipart body could not be read: ${(error as Error).message}.`),
      );
      return;
    }
    const fields: Record<string, string> = { ...query };
    let file: { bytes: Buffer; name: string; mimeType: string } | undefined;
    let failure: AppError | undefined;
    parser.on("field", (name, value, info) => {
      // busboy cuts a longer value short; read as it stands, a cut JSON list would be named "not JSON".
      if (info.valueTruncated) {
        failure ??= new AppError(
          "payload_too_large",
          `The form field ${JSON.stringify(name.slice(0, 64))} is longer than ${limits.importCorrectionsBytes} bytes.`,
          [{ field: name.slice(0, 64), message: `must be at most ${limits.importCorrectionsBytes} bytes` }],
        );
        return;
      }
      // One value a field, in the form or the query: a second would leave the route to take either.
      if (Object.hasOwn(fields, name)) {
        const field = name.slice(0, 64);
        failure ??= new AppError("validation_failed", `Invalid request: ${field} ${givenOnce}.`, [
          { field, message: givenOnce },
        ]);
        return;
      }
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      // A truncated body fails the file stream too; the parser's own "error" answers it.
      stream.on("error", () => undefined);
      if (name !== "file") {
        // A file under another name is not taken for the text: the client would not learn its form is wrong.
        failure ??= new AppError("validation_failed", 'Attach the text as a file field named "file".', [
          { field: "file", message: `must be the field named "file" (got "${name.slice(0, 64)}")` },
        ]);
        stream.resume();
        return;
      }
      // The fields sent so far (and the query) decide; the file is read only once they allow it.
      stream.pause();
      runCheck(check, { ...fields }).then(
        () => {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("limit", () => {
            failure = tooLarge();
          });
          stream.on("end", () => {
            file = { bytes: Buffer.concat(chunks), name: info.filename ?? "", mimeType: info.mimeType };
          });
          stream.resume();
        },
        (error: unknown) => {
          req.unpipe(parser);
          parser.destroy();
          closeAfterAnswer(req);
          reject(error);
        },
      );
    });
    parser.on("filesLimit", () => {
      failure ??= new AppError("bad_request", "Upload one file at a time.");
    });
    parser.on("error", (error: Error) => {
      reject(new AppError("bad_request", `The multipart body could not be read: ${error.message}.`));
    });
    parser.on("close", () => {
      if (failure) return reject(failure);
      if (!file)
        return reject(
          new AppError("validation_failed", 'Attach the text as a file field named "file".', [
            { field: "file", message: "is required" },
          ]),
        );
      resolve({ bytes: file.bytes, contentType: file.mimeType, fileName: file.name, fields });
    });
    req.pipe(parser);
  });
}

/** Decodes UTF-8 strictly, refusing binary content and invalid byte sequences with the reason. */
export function decodeText(bytes: Buffer): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new AppError(
      "bad_request",
      `The upload looks like a binary file (a NUL byte at offset ${nul}). Upload plain text or Markdown.`,
      [{ field: "file", message: "is binary" }],
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError(
      "bad_request",
      `The upload is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(bytes)}). Save it as UTF-8 and try again.`,
      [{ field: "file", message: "is not valid UTF-8" }],
    );
  }
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = text.match(/[\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > Math.max(8, text.length / 1000)) {
    throw new AppError(
      "bad_request",
      "The upload contains many control characters and looks binary. Upload plain text or Markdown.",
      [{ field: "file", message: "is binary" }],
    );
  }
  if (!text.trim()) {
    throw new AppError("validation_failed", "The uploaded text is empty.", [
      { field: "file", message: "is empty" },
    ]);
  }
  return text;
}
