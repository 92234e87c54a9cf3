// Reads an imported annotation file: JSON, bounded in nesting and size, then W3C Web Annotation JSON-LD (anything
// with an @context, compacted against the local annotation context) or a Hypothesis export.
import type { ContextDefinition, JsonLdDocument } from "jsonld";
import { neutralizeMentions } from "../../../shared/mentions.ts";
import { importDepthMax, importItemsMax } from "../../../shared/schemas/annotation-import.ts";
import { AppError } from "../app-error.ts";
import { annotationContext, localDocumentLoader } from "./context.ts";
import { readHypothesis } from "./read-hypothesis.ts";
import { readW3c } from "./read-w3c.ts";
import type { SourceReading } from "./source-annotation.ts";

const badFile = (message: string) =>
  new AppError("validation_failed", `The file ${message}.`, [{ field: "file", message }]);

/** The answer to an upload with nothing in it (no body, or an empty file). */
export const emptyFile = () => badFile("is empty: choose a file of annotations (JSON) to import");

/** Objects and arrays a file may hold in all: room for importItemsMax rich annotations, not for a bomb. */
const nodesMax = importItemsMax * 60;

/** What to do with a file of too many annotations. */
const splitAdvice =
  "split it into files of at most that many (export a section or a date range at a time) and import each";

/** Too many annotations: how many there are (when a list says), the limit, and how to split the file. */
function tooMany(count: number | undefined): AppError {
  const held = count === undefined ? `more than ${importItemsMax}` : count.toLocaleString("en");
  return badFile(
    `holds ${held} annotations; at most ${importItemsMax.toLocaleString("en")} are imported at once: ${splitAdvice}`,
  );
}

/** How many annotations a file's top-level list holds, as far as a glance can tell (undefined if it cannot). */
function listedCount(json: unknown): number | undefined {
  if (Array.isArray(json)) return json.length;
  const list = (json as { annotations?: unknown; items?: unknown } | null)?.annotations;
  return Array.isArray(list) ? list.length : undefined;
}

/** Refuses nesting deeper than importDepthMax and more than nodesMax objects and arrays, without recursing. */
function checkShape(value: unknown): void {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth > importDepthMax) throw badFile(`nests deeper than ${importDepthMax} levels`);
    if ((nodes += 1) > nodesMax) throw tooMany(listedCount(value));
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}

const hasContext = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(hasContext)
    : typeof value === "object" && value !== null && "@context" in value;

/**
 * The annotations of `text` and which format held them, their bodies' mention tokens made plain text
 * (neutralizeMentions). Errors (400, field "file"): not JSON, too deep or too
 * large, JSON-LD the processor refuses (a context that is not local among them), or neither format.
 */
export async function readAnnotationFile(
  text: string,
): Promise<SourceReading & { format: "w3c" | "hypothesis" }> {
  if (text.trim() === "") throw emptyFile();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badFile(`is not JSON (${(error as Error).message})`);
  }
  checkShape(json);
  let reading: SourceReading;
  let format: "w3c" | "hypothesis";
  if (hasContext(json)) {
    format = "w3c";
    let compacted: unknown;
    try {
      const context = { "@context": annotationContext } as unknown as ContextDefinition;
      // Loaded here: only W3C files need it, and it costs the server's start ~100 ms.
      const { default: jsonld } = await import("jsonld");
      compacted = await jsonld.compact(json as JsonLdDocument, context, {
        documentLoader: localDocumentLoader,
      });
    } catch (error) {
      const cause = (error as { details?: { cause?: Error } }).details?.cause;
      throw badFile(`is not JSON-LD Scholia can read (${(cause ?? (error as Error)).message})`);
    }
    reading = readW3c(compacted);
  } else {
    const rows = Array.isArray(json) ? json : (json as { annotations?: unknown } | null)?.annotations;
    if (!Array.isArray(rows))
      throw badFile(
        "is neither W3C Web Annotations (JSON-LD with an @context) nor a Hypothesis export (a list of annotations, or an object with an annotations list)",
      );
    format = "hypothesis";
    reading = readHypothesis(rows);
  }
  const count = reading.annotations.length + reading.skipped.length;
  if (count > importItemsMax) throw tooMany(count);
  // Whatever the format, a file's words mention nobody: a token in them could name or notify anyone by id.
  const annotations = reading.annotations.map((annotation) => ({
    ...annotation,
    body: neutralizeMentions(annotation.body),
  }));
  return { ...reading, annotations, format };
}
