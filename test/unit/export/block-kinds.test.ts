// The annotated exports write a quotation's paragraphs as quotations and list items as list items, numbered as ¶.
import { describe, expect, it } from "vitest";
import { outlineBlocks } from "../../../shared/document-outline.ts";
import type { Block } from "../../../shared/schemas/documents.ts";
import { formatHtml } from "../../../server/domain/export/html.ts";
import { formatMarkdown } from "../../../server/domain/export/markdown.ts";
import { exportHeadOf } from "./export-head.ts";

const blocks: Block[] = [
  { kind: "paragraph", text: "Before.", anchorId: "a", ordinal: 0, footnotes: [] },
  { kind: "quote", text: "Quoted <words>.", anchorId: "b", ordinal: 1, footnotes: [] },
  { kind: "item", text: "An item.", anchorId: "c", ordinal: 2, footnotes: [] },
];

async function* discussions() {
  for (const place of outlineBlocks(blocks)) yield { place, threads: [], note: null };
}

async function collect(parts: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const part of parts) text += part;
  return text;
}

describe("quotes and list items in the annotated exports", () => {
  it("numbers them with the paragraphs", () => {
    expect(outlineBlocks(blocks).map((place) => place.paragraph)).toEqual([1, 2, 3]);
  });

  it("writes Markdown with > and -", async () => {
    const text = await collect(formatMarkdown(exportHeadOf(), discussions(), "annotated"));
    expect(text).toContain("**¶ 1** Before.\n\n> **¶ 2** Quoted \\<words\\>.\n\n- **¶ 3** An item.\n\n");
  });

  it("writes HTML with <blockquote> and <li>, the text escaped", async () => {
    const text = await collect(formatHtml(exportHeadOf(), discussions(), "annotated"));
    expect(text).toContain(
      '<blockquote class="text-quote"><p class="text"><span class="number">¶ 2</span><bdi>Quoted &lt;words&gt;.</bdi></p></blockquote>\n' +
        '<ul class="text-list"><li><p class="text"><span class="number">¶ 3</span><bdi>An item.</bdi></p></li></ul>\n',
    );
  });
});
