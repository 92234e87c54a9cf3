// Joins many small chunks of a streamed download into a few large ones: one socket write per ~64 KB, not per line.

/**
 * Yields the bytes of `chunks` (strings as UTF-8) in pieces of at least `size` bytes (the last may be smaller),
 * as soon as each is full. Each write to a socket is a system call: an export yields a chunk per entry, thousands.
 */
export async function* coalesceChunks(
  chunks: AsyncIterable<string | Buffer>,
  size = 64 * 1024,
): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    pending.push(buffer);
    bytes += buffer.byteLength;
    if (bytes >= size) {
      yield Buffer.concat(pending, bytes);
      pending = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(pending, bytes);
}
