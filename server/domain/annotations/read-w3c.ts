// Reads W3C Web Annotations, already compacted against the annotation context (so every tool's prefixes and full
// IRIs read the same), into the import's source annotations.
import {
  w3cAnnotationSchema,
  type W3cAnnotation,
  type W3cSelector,
} from "../../../shared/schemas/annotation-import.ts";
import {
  contentKey,
  describeIssue,
  labelOf,
  type SourceAnnotation,
  type SourceQuote,
  type SourceReading,
} from "./source-annotation.ts";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const typesOf = (node: Record<string, unknown>) => ([] as unknown[]).concat(node.type ?? []);

/**
 * Every Annotation in the document, in the order written: inside collections, pages (`first`, `next`, `items`),
 * `@graph` and lists. Walked with a stack, not recursion, so that nesting cannot overflow it.
 */
export function findAnnotations(document: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push(node[i]);
    } else if (isObject(node)) {
      if (typesOf(node).includes("Annotation")) {
        found.push(node);
        continue;
      }
      // Values in reverse, so that `first` (then `next`) pages come out in their order.
      const values = Object.entries(node)
        .filter(([key]) => key !== "@context")
        .map(([, value]) => value);
      for (let i = values.length - 1; i >= 0; i -= 1) stack.push(values[i]);
    }
  }
  return found;
}

/**
 * Terms whose context entry fixes a datatype: a value written without it (a plain "2026-01-01" under a full IRI,
 * an untyped 5) cannot take the short term and keeps its prefixed name after compaction. Read as the term.
 */
const untypedAliases: Record<string, string> = {
  "oa:start": "start",
  "oa:end": "end",
  "dcterms:created": "created",
  "dcterms:modified": "modified",
};

/** A copy of `annotation` with untypedAliases read as their terms, at every depth (the file is ≤ 100 deep). */
function withTerms(annotation: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(annotation), (_key, value: unknown) => {
    if (!isObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key in untypedAliases && !(untypedAliases[key]! in value) ? untypedAliases[key]! : key,
        inner,
      ]),
    );
  });
}

const hasType = (selector: W3cSelector, type: string) => selector.type?.includes(type) ?? false;

/** The passage the selectors describe: quote, whole-text position, block and offsets in it; null without a quote. */
function quoteOf(selectors: readonly W3cSelector[]): SourceQuote | null {
  let quote: SourceQuote | null = null;
  let position: SourceQuote["position"];
  let block: SourceQuote["block"];
  for (const selector of selectors) {
    if (hasType(selector, "TextQuoteSelector") && selector.exact !== undefined && !quote) {
      quote = { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix };
    } else if (
      hasType(selector, "TextPositionSelector") &&
      selector.start !== undefined &&
      selector.end !== undefined
    ) {
      position = { start: selector.start, end: selector.end };
    } else if (hasType(selector, "FragmentSelector") && selector.value) {
      const refined = selector.refinedBy?.find((inner) => hasType(inner, "TextPositionSelector"));
      block = {
        id: selector.value.replace(/^#/u, ""),
        start: refined?.start,
        end: refined?.end,
      };
      const refinedQuote = selector.refinedBy?.find((inner) => hasType(inner, "TextQuoteSelector"));
      if (refinedQuote?.exact !== undefined && !quote)
        quote = { exact: refinedQuote.exact, prefix: refinedQuote.prefix, suffix: refinedQuote.suffix };
    }
  }
  return quote ? { ...quote, position, block } : null;
}

function authorOf(annotation: W3cAnnotation): SourceAnnotation["author"] {
  const creator = annotation.creator?.[0];
  if (!creator || typeof creator === "string") return { name: "unknown", email: null };
  const email =
    creator.email?.[0]
      ?.replace(/^mailto:/iu, "")
      .trim()
      .toLowerCase() ?? null;
  return { name: creator.name?.[0] ?? creator.nickname?.[0] ?? "unknown", email: email || null };
}

/** What this annotation answers, for a reply: the IRI its target names without selecting a passage. */
function parentOf(annotation: W3cAnnotation): string | null {
  if (!annotation.motivation?.includes("replying")) return null;
  const target = annotation.target[0]!;
  if (typeof target === "string") return target;
  return target.selector ? null : (target.id ?? target.source ?? null);
}

function read(annotation: W3cAnnotation, raw: Record<string, unknown>, position: number): SourceAnnotation {
  const comments: string[] = annotation.bodyValue ? [annotation.bodyValue] : [];
  const tags: string[] = [];
  for (const body of annotation.body ?? []) {
    if (typeof body === "string" || body.value === undefined) continue;
    if (body.purpose?.includes("tagging")) tags.push(body.value);
    else comments.push(body.value);
  }
  const parentKey = parentOf(annotation);
  const target = annotation.target[0]!;
  const state = annotation["scholia:state"];
  const visibility = annotation["scholia:visibility"];
  const id = annotation.id && !annotation.id.startsWith("_:") ? annotation.id : undefined;
  const quote = parentKey === null && typeof target !== "string" ? quoteOf(target.selector ?? []) : null;
  const body = comments.join("\n\n");
  return {
    key: id ?? contentKey("", raw),
    label: labelOf(position, quote?.exact ?? body, id),
    parentKey,
    body,
    tags,
    quote,
    author: authorOf(annotation),
    created: annotation.created ?? null,
    modified: annotation.modified ?? null,
    document:
      parentKey === null && typeof target !== "string" && target.source ? { uri: target.source } : undefined,
    status: annotation["scholia:status"] ?? "open",
    visibility: visibility === "instructors" ? "instructors" : "group",
    unsupported:
      visibility === "private"
        ? "it is a private note, which belongs to the one reader who wrote it"
        : state === "deleted"
          ? "it was deleted in the source"
          : state === "hidden"
            ? "it was hidden by a moderator in the source"
            : undefined,
  };
}

/** The annotations of a compacted W3C document; each one that does not fit the schema is skipped with why. */
export function readW3c(compacted: unknown): SourceReading {
  const reading: SourceReading = { annotations: [], skipped: [] };
  findAnnotations(compacted).forEach((raw, index) => {
    const id = typeof raw.id === "string" ? raw.id : undefined;
    const parsed = w3cAnnotationSchema.safeParse(withTerms(raw));
    if (!parsed.success)
      reading.skipped.push({
        source: labelOf(index + 1, "", id),
        reason: describeIssue(id ?? `annotations[${index}]`, parsed.error),
      });
    else reading.annotations.push(read(parsed.data, raw, index + 1));
  });
  return reading;
}
