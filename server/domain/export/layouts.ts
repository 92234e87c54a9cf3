// The two layouts every readable format shares, written once over a format's writer: "discussion" (threads under
// section and paragraph, each after its quote) and "annotated" (the whole text, each block followed by its threads).
import type { BlockPlace } from "../../../shared/document-outline.ts";
import type { ExportLayout } from "../../../shared/schemas/exports.ts";
import type { BlockDiscussion, ExportHead, ExportThread } from "./discussion.ts";
import { blockLabel } from "./labels.ts";

/** How one format writes each part; every method returns the text to append. */
export interface DiscussionWriter {
  start(head: ExportHead, layout: ExportLayout): string;
  /** A section heading (discussion layout), or a heading block of the text (annotated layout). */
  section(title: string): string;
  /** A block of the text other than a heading (annotated layout). */
  text(place: BlockPlace): string;
  /** The heading over a block's threads: "¶ 12", or "Discussion of ¶ 12" in the annotated layout. */
  threadsHeading(label: string, layout: ExportLayout): string;
  thread(thread: ExportThread, place: BlockPlace): string;
  /** The requester's private note on a block (plain text), written before the block's threads. */
  note(text: string): string;
  /** Said when no thread matched (discussion layout). */
  empty(): string;
  end(): string;
}

async function* discussionLayout(
  writer: DiscussionWriter,
  blocks: AsyncIterable<BlockDiscussion>,
): AsyncGenerator<string> {
  let sectionId: string | null = null;
  let any = false;
  for await (const { place, threads, note } of blocks) {
    if (threads.length === 0 && note === null) continue;
    any = true;
    if (place.section !== null && place.sectionId !== sectionId) {
      sectionId = place.sectionId;
      yield writer.section(place.section);
    }
    yield writer.threadsHeading(blockLabel(place), "discussion");
    if (note !== null) yield writer.note(note);
    for (const thread of threads) yield writer.thread(thread, place);
  }
  if (!any) yield writer.empty();
}

async function* annotatedLayout(
  writer: DiscussionWriter,
  blocks: AsyncIterable<BlockDiscussion>,
): AsyncGenerator<string> {
  for await (const { place, threads, note } of blocks) {
    // The title is the export's own heading already: its block is not repeated.
    if (place.block.kind === "heading") yield writer.section(place.block.text);
    else if (place.block.kind !== "title") yield writer.text(place);
    if (threads.length === 0 && note === null) continue;
    yield writer.threadsHeading(`Discussion of ${blockLabel(place)}`, "annotated");
    if (note !== null) yield writer.note(note);
    for (const thread of threads) yield writer.thread(thread, place);
  }
}

/** The export's text in `layout`, streamed block by block. */
export async function* writeLayout(
  writer: DiscussionWriter,
  head: ExportHead,
  blocks: AsyncIterable<BlockDiscussion>,
  layout: ExportLayout,
): AsyncGenerator<string> {
  yield writer.start(head, layout);
  yield* layout === "annotated" ? annotatedLayout(writer, blocks) : discussionLayout(writer, blocks);
  yield writer.end();
}
