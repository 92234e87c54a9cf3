// The discussion as W3C Web Annotations (JSON-LD): an AnnotationCollection whose pages are streamed as they are
// read, each thread an Annotation on the text, each reply an Annotation replying to the one it answers.
import { annotationContext } from "../annotations/context.ts";
import {
  flattenReplies,
  type BlockDiscussion,
  type ExportEntry,
  type ExportHead,
  type ExportReply,
  type ExportThread,
} from "./discussion.ts";

/** Annotations per AnnotationPage. */
export const annotationsPerPage = 200;

/**
 * Where the annotations point. Offsets of the whole text count UTF-16 code units of the version's blocks, in
 * reading order, joined by one blank line ("\n\n"): block i starts at the sum of (length + 2) of the blocks before
 * it. Every TextQuoteSelector's `exact` equals that text at its TextPositionSelector.
 */
export interface AnnotationSource {
  /** The collection's IRI (the export's address). */
  collectionId: string;
  /** The document version's IRI, every thread's target source. */
  sourceIri: string;
  /** Where each block (by anchor id) starts in the whole text. */
  blockOffsets: ReadonlyMap<string, number>;
}

/** The IRI of a thread, reply or user: its UUID as a URN (RFC 4122), the same in every copy of the file. */
export const uuidIri = (id: string) => `urn:uuid:${id}`;

/** Selectors name their fragment syntax: a block id is an HTML fragment identifier of the reader's page. */
const fragmentSyntax = "http://tools.ietf.org/rfc/rfc3986";

type Json = Record<string, unknown>;

function creatorOf(entry: ExportEntry): Json {
  return {
    id: uuidIri(entry.author.id),
    type: "Person",
    name: entry.author.name,
    ...(entry.author.role ? { "scholia:role": entry.author.role } : {}),
  };
}

/** What both threads and replies carry: times, author, Scholia's moderation state and reactions. */
function common(entry: ExportEntry): Json {
  return {
    id: uuidIri(entry.id),
    type: "Annotation",
    created: entry.createdAt.toISOString(),
    ...(entry.editedAt ? { modified: entry.editedAt.toISOString() } : {}),
    creator: creatorOf(entry),
    "scholia:state": entry.state,
    ...(entry.hiddenReason ? { "scholia:hiddenReason": entry.hiddenReason } : {}),
    ...(entry.reactions.length > 0
      ? {
          "scholia:reactions": entry.reactions.map(([emoji, count]) => ({
            "scholia:emoji": emoji,
            "scholia:count": count,
          })),
        }
      : {}),
  };
}

function textualBody(value: string, purpose: "commenting" | "tagging"): Json {
  return purpose === "commenting"
    ? { type: "TextualBody", value, format: "text/markdown", purpose }
    : { type: "TextualBody", value, purpose };
}

/**
 * The passage's selectors: its quote; its position in the whole text; and the block (a FragmentSelector) refined
 * by the position inside it. A whole-block thread quotes the whole block. A passage no longer found in its block
 * keeps only its quote.
 */
function selectorsOf(thread: ExportThread, blockText: string, blockOffset: number | undefined): Json[] {
  const { anchor } = thread;
  let start = 0;
  let end = blockText.length;
  if (thread.quote !== null) {
    start = anchor.start ?? thread.position;
    end = anchor.end ?? start + thread.quote.length;
  }
  const located = start >= 0 && blockText.slice(start, end) === (thread.quote ?? blockText);
  const quote: Json = {
    type: "TextQuoteSelector",
    exact: located ? blockText.slice(start, end) : thread.quote,
    ...(anchor.prefix ? { prefix: anchor.prefix } : {}),
    ...(anchor.suffix ? { suffix: anchor.suffix } : {}),
  };
  const block: Json = { type: "FragmentSelector", value: anchor.blockId, conformsTo: fragmentSyntax };
  if (!located) return [quote, block];
  return [
    quote,
    ...(blockOffset === undefined
      ? []
      : [{ type: "TextPositionSelector", start: blockOffset + start, end: blockOffset + end }]),
    { ...block, refinedBy: { type: "TextPositionSelector", start, end } },
  ];
}

function threadAnnotation(
  thread: ExportThread,
  discussion: BlockDiscussion,
  head: ExportHead,
  source: AnnotationSource,
): Json {
  const blockText = discussion.place.block.text;
  return {
    ...common(thread),
    motivation: thread.body ? "commenting" : "highlighting",
    body: [
      ...(thread.body ? [textualBody(thread.body, "commenting")] : []),
      ...thread.tags.map((tag) => textualBody(tag, "tagging")),
    ],
    target: {
      type: "SpecificResource",
      source: source.sourceIri,
      selector: selectorsOf(thread, blockText, source.blockOffsets.get(thread.anchor.blockId)),
    },
    "scholia:status": thread.status,
    "scholia:visibility": thread.visibility,
    "scholia:link": { id: head.threadUrl(thread.id) },
  };
}

/**
 * The requester's private note on a block: an annotation of the whole block, marked private. Notes have no id of
 * their own; one per block, so the block names it.
 */
function noteAnnotation(
  discussion: BlockDiscussion,
  note: string,
  head: ExportHead,
  source: AnnotationSource,
): Json {
  const block = discussion.place.block;
  const offset = source.blockOffsets.get(block.anchorId);
  return {
    id: `${source.collectionId}#note-${encodeURIComponent(block.anchorId)}`,
    type: "Annotation",
    motivation: "commenting",
    creator: { type: "Person", name: head.exportedBy },
    body: [{ type: "TextualBody", value: note, format: "text/plain", purpose: "commenting" }],
    target: {
      type: "SpecificResource",
      source: source.sourceIri,
      selector: [
        { type: "TextQuoteSelector", exact: block.text },
        ...(offset === undefined
          ? []
          : [{ type: "TextPositionSelector", start: offset, end: offset + block.text.length }]),
        {
          type: "FragmentSelector",
          value: block.anchorId,
          conformsTo: fragmentSyntax,
          refinedBy: { type: "TextPositionSelector", start: 0, end: block.text.length },
        },
      ],
    },
    "scholia:visibility": "private",
  };
}

function replyAnnotation(reply: ExportReply): Json {
  return {
    ...common(reply),
    motivation: "replying",
    body: reply.body ? [textualBody(reply.body, "commenting")] : [],
    target: uuidIri(reply.parentId ?? reply.threadId),
  };
}

/**
 * The JSON-LD text, streamed a block at a time. Pages nest through `next` (each page embedded in the one before),
 * so the file is one AnnotationCollection whose pages a reader follows in order; `total` and `last` come at its
 * end, once known. Content type: application/ld+json with the annotation profile.
 */
export async function* formatJsonLd(
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  source: AnnotationSource,
): AsyncGenerator<string> {
  const pageId = (page: number) => `${source.collectionId}#page-${page}`;
  const openPage = (page: number, startIndex: number) =>
    `{"id":${JSON.stringify(pageId(page))},"type":"AnnotationPage","partOf":${JSON.stringify(
      source.collectionId,
    )},"startIndex":${startIndex},"items":[\n`;
  yield `${JSON.stringify({
    "@context": annotationContext,
    id: source.collectionId,
    type: "AnnotationCollection",
    label: head.title,
    generated: head.exportedAt.toISOString(),
  }).slice(0, -1)},"first":${openPage(1, 0)}`;
  let total = 0;
  let page = 1;
  for await (const discussion of blocks) {
    const parts: string[] = [];
    const add = (annotation: Json) => {
      if (total > 0 && total % annotationsPerPage === 0) {
        page += 1;
        parts.push(`\n],"next":${openPage(page, total)}`);
      } else if (total > 0) parts.push(",\n");
      parts.push(JSON.stringify(annotation));
      total += 1;
    };
    if (discussion.note !== null) add(noteAnnotation(discussion, discussion.note, head, source));
    for (const thread of discussion.threads) {
      add(threadAnnotation(thread, discussion, head, source));
      for (const reply of flattenReplies(thread.replies)) add(replyAnnotation(reply));
    }
    if (parts.length > 0) yield parts.join("");
  }
  yield `\n]${"}".repeat(page)},"total":${total},"last":${JSON.stringify(pageId(page))}}\n`;
}
