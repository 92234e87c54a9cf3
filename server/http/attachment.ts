// Content-Disposition for a download: the file's own name in any script (RFC 6266 filename*), and for clients that
// read only the plain `filename`, a readable ASCII name instead of question marks.
import { create as contentDisposition } from "content-disposition";
import type { Response } from "express";

/**
 * The ASCII stand-in of a file name: accents dropped (é → e), every other character outside letters, digits, `.`,
 * `_` and `-` becomes a hyphen, runs of hyphens become one. A name with nothing left is "export" plus its extension.
 */
export function asciiFileName(name: string): string {
  const dot = name.lastIndexOf(".");
  const [base, extension] = dot >= 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  const ascii = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9._-]+/gu, "-")
      .replace(/-{2,}/gu, "-");
  const stem = ascii(base).replace(/^[-._]+|[-._]+$/gu, "");
  return `${/[A-Za-z0-9]/u.test(stem) ? stem : "export"}${ascii(extension)}`;
}

/** Marks the response as a download named `fileName`. */
export function setAttachment(res: Response, fileName: string): void {
  res.setHeader("Content-Disposition", contentDisposition(fileName, { fallback: asciiFileName(fileName) }));
}
