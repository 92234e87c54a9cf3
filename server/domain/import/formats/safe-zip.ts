// Reads a zip archive (a .docx or an EPUB) into memory with limits checked before and while inflating: a zip bomb is refused.
import { promisify } from "node:util";
import yauzl from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import { AppError } from "../../app-error.ts";

/** How much an archive may hold once inflated. */
export interface ZipLimits {
  /** Entries in the central directory (directories included). */
  maxEntries: number;
  /** Uncompressed bytes of any one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all the entries read, together. */
  maxTotalBytes: number;
}

/** Far above any real book or Word file sent within the 5 MB upload limit, far below what would strain the worker. */
export const defaultZipLimits: ZipLimits = {
  maxEntries: 2000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

const fromBuffer = promisify(
  (buffer: Buffer, options: yauzl.Options, callback: (error: Error | null, zip: ZipFile) => void) =>
    yauzl.fromBuffer(buffer, options, callback),
);

const tooLarge = (label: string, what: string) =>
  new AppError(
    "payload_too_large",
    `This ${label} would unpack to ${what}, more than any real document needs; it was refused without being unpacked. ` +
      "Save it again from its editor, or upload its text.",
  );

const unreadable = (label: string, cause: unknown) =>
  new AppError(
    "unprocessable_content",
    `This ${label} could not be read as a zip archive (${cause instanceof Error ? cause.message : String(cause)}). ` +
      "Check that the file is whole, or save it again from its editor.",
  );

/** Inflates one entry, counting its bytes as they arrive and stopping at the first byte over either limit. */
async function readEntry(
  zip: ZipFile,
  entry: Entry,
  budget: { entry: number; total: number },
  refuse: (what: string) => AppError,
): Promise<Buffer> {
  const stream = await promisify(zip.openReadStream.bind(zip))(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    budget.total -= chunk.length;
    if (size > budget.entry) {
      stream.destroy();
      throw refuse(`more than ${budget.entry} bytes in ${entry.fileName}`);
    }
    if (budget.total < 0) {
      stream.destroy();
      throw refuse("more bytes than the limit for a whole document");
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The files of a zip archive by path (directories left out), for `wanted` paths only when given (the rest are
 * never inflated). Refuses, before inflating anything, an archive declaring more entries or more uncompressed bytes
 * than `limits`; while inflating, stops at the first byte past a limit, so a size the directory lies about cannot
 * slip through (yauzl also checks each entry's actual size against its declared one).
 * Errors: AppError "payload_too_large" for a zip bomb, "unprocessable_content" for a file that is not a readable zip.
 * `label` names the file for people ("Word file", "EPUB").
 */
export async function readZip(
  bytes: Uint8Array,
  label: string,
  options: { limits?: ZipLimits; wanted?: (path: string) => boolean } = {},
): Promise<Map<string, Buffer>> {
  const limits = options.limits ?? defaultZipLimits;
  const refuse = (what: string) => tooLarge(label, what);
  let zip: ZipFile;
  try {
    zip = await fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    throw unreadable(label, error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw refuse(`${zip.entryCount} files`);
    const entries = await listEntries(zip);
    const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    const largest = entries.find((entry) => entry.uncompressedSize > limits.maxEntryBytes);
    if (largest) throw refuse(`${largest.uncompressedSize} bytes in ${largest.fileName}`);
    if (declared > limits.maxTotalBytes) throw refuse(`${declared} bytes`);
    const files = new Map<string, Buffer>();
    const budget = { entry: limits.maxEntryBytes, total: limits.maxTotalBytes };
    for (const entry of entries) {
      if (entry.fileName.endsWith("/") || (options.wanted && !options.wanted(entry.fileName))) continue;
      files.set(entry.fileName, await readEntry(zip, entry, budget, refuse));
    }
    return files;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // yauzl stops an entry that inflates past the size its directory declares: a bomb hiding its size.
    if (error instanceof Error && /too many bytes in the stream/u.test(error.message))
      throw refuse("more bytes than its directory declares");
    throw unreadable(label, error);
  } finally {
    zip.close();
  }
}

/** Every entry of the central directory, read without inflating anything. */
function listEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}
