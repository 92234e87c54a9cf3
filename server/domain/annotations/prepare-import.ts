// The CPU-bound part of an annotation import, run off the event loop (workers/annotation-worker.ts): read the file
// (JSON-LD compaction included) and anchor each thread's quote in the room's text.
import { anchorQuote, type Anchoring, type TextBlock } from "./anchor-quote.ts";
import { readAnnotationFile } from "./read-file.ts";
import type { SourceReading } from "./source-annotation.ts";

export interface PreparedImport extends SourceReading {
  format: "w3c" | "hypothesis";
  /** Where each thread's quote anchors (or why it is detached), by annotation key. */
  anchorings: [key: string, anchoring: Anchoring][];
}

/** Reads `text` and anchors its threads in `blocks`; throws readAnnotationFile's 400s. */
export async function prepareImport(text: string, blocks: readonly TextBlock[]): Promise<PreparedImport> {
  const reading = await readAnnotationFile(text);
  const anchorings = reading.annotations.flatMap((annotation): [string, Anchoring][] =>
    annotation.parentKey === null && annotation.quote && !annotation.unsupported
      ? [[annotation.key, anchorQuote(blocks, annotation.quote)]]
      : [],
  );
  return { ...reading, anchorings };
}
