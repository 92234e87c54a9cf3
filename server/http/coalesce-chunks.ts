// Joins many small chunks of a streamed download into a few large ones: one socket write per ~64 KB, not per line.

/**
 * Yields the content of `chunks` in pieces of at least `size` UTF-16 units or bytes (the last may be smaller), as
 * soon as each is full. Strings stay strings, joined (the socket encodes each once; no intermediate Buffers to wait
 * for the garbage collector); a piece that holds a Buffer is one Buffer, its strings as UTF-8. Each write to a
 * socket is a system call, and an export yields a chunk per entry, thousands.
 */
export async function* coalesceChunks(
  chunks: AsyncIterable<string | Buffer>,
  size = 64 * 1024,
): AsyncGenerator<string | Buffer> {
  let pending: (string | Buffer)[] = [];
  let length = 0;
  let binary = false;
  const flush = () => {
    const piece = binary
      ? Buffer.concat(
          pending.map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk)),
        )
      : pending.join("");
    pending = [];
    length = 0;
    binary = false;
    return piece;
  };
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    pending.push(chunk);
    length += chunk.length;
    binary ||= typeof chunk !== "string";
    if (length >= size) yield flush();
  }
  if (length > 0) yield flush();
}
