// Request input must be UTF-8: a JSON body's bytes, and what the query string's percent-escapes decode to. Decoders
// left alone turn bad bytes into U+FFFD and store them; these checks refuse them with a 400 naming the input.
import { isUtf8 } from "node:buffer";
import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { AppError } from "../domain/app-error.ts";

/** Offset of the first byte that starts an invalid or truncated UTF-8 sequence (bytes.length when none does). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    if (length === 0 || i + length > bytes.length || !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return i;
}

/** express.json's `verify`: refuses a body whose bytes are not UTF-8 (JSON text is UTF-8, RFC 8259 § 8.1). */
export function verifyUtf8Body(_req: IncomingMessage, _res: unknown, bytes: Buffer): void {
  if (isUtf8(bytes)) return;
  throw new AppError(
    "malformed_json",
    `The request body is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(bytes)}).`,
    [{ field: "body", message: "is not valid UTF-8" }],
  );
}

const undecodable = "is not valid percent-encoded UTF-8";

/** The bytes a query-string component stands for: "+" a space, "%XX" a byte (a "%" before anything else itself). */
function bytesOf(component: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < component.length; i += 1) {
    const escaped = component[i] === "%" && /^[\da-f]{2}$/i.test(component.slice(i + 1, i + 3));
    if (escaped) {
      bytes.push(Number.parseInt(component.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // A URL's characters are ASCII; anything else a client sent raw is taken as its UTF-8 bytes.
      bytes.push(...Buffer.from(component[i] === "+" ? " " : component[i]!, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/**
 * Refuses a query string whose percent-escapes decode to bytes that are not UTF-8 (`?q=%FF`, `?q=%ED%A0%80`) with a
 * 400 naming each parameter (as written, when its name is the part that does not decode). Node's query-string parser
 * would read them as U+FFFD.
 */
export const refuseUndecodableQuery: RequestHandler = (req, _res, next) => {
  const at = req.originalUrl.indexOf("?");
  if (at === -1) return next();
  const issues = req.originalUrl
    .slice(at + 1)
    .split("&")
    .flatMap((pair) => {
      const equals = pair.indexOf("=");
      const [name, value] = equals === -1 ? [pair, ""] : [pair.slice(0, equals), pair.slice(equals + 1)];
      const nameBytes = bytesOf(name);
      if (!isUtf8(nameBytes)) return [{ field: name, message: undecodable }];
      if (!isUtf8(bytesOf(value))) return [{ field: nameBytes.toString("utf8"), message: undecodable }];
      return [];
    });
  if (issues.length === 0) return next();
  throw new AppError(
    "validation_failed",
    `Invalid request: ${issues.map((issue) => `${issue.field} ${issue.message}`).join("; ")}.`,
    issues,
  );
};
