// A saved web page to blocks: its main content (Mozilla Readability, Firefox's reader view), not its navigation.
import { Readability } from "@mozilla/readability";
import type { ConvertedDocument } from "./converted.ts";
import { firstText, parseHtml } from "./dom.ts";
import type { DomDocument, DomElement } from "./dom.ts";
import { htmlToBlocks } from "./html-blocks.ts";
import { collectNotes } from "./notes.ts";

const collapse = (text: string | null | undefined) => (text ?? "").replace(/\s+/gu, " ").trim();

const metaContent = (document: DomDocument, name: string) =>
  Array.from(document.getElementsByTagName("meta"))
    .find((meta) => meta.getAttribute("name")?.toLowerCase() === name)
    ?.getAttribute("content") ?? undefined;

/**
 * Converts a saved web page (HTML text) to blocks. Readability (the library behind Firefox's reader view) picks the
 * article out of the page's navigation, header, footer and sidebars; the article is read by htmlToBlocks. The title is
 * the page's h1 when the article keeps it (Readability demotes it to h2), else Readability's title; the author is
 * Readability's byline (a "By …" line repeating it is dropped). Notes are found on the whole page before Readability
 * runs, so a notes list it leaves out still reaches the markers. Pure: the page is parsed by linkedom, which loads
 * nothing and runs no script.
 */
export function convertHtml(html: string): ConvertedDocument {
  const original = parseHtml(html);
  const notes = collectNotes([{ path: "", document: original }]);
  const page = parseHtml(html);
  const article = new Readability<DomElement>(page as never, {
    serializer: (node) => node as unknown as DomElement,
  }).parse();
  const root = article?.content ?? page.getElementsByTagName("body")[0] ?? page.documentElement;
  const blocks = htmlToBlocks(root, { notes: notes.contextFor("", page), titleRule: "first-h1" });
  const h1s = new Set(Array.from(original.getElementsByTagName("h1")).map((h1) => collapse(h1.textContent)));
  const titled = blocks.findIndex((block) => block.kind === "title" || h1s.has(block.text));
  if (titled !== -1 && titled < 3) {
    blocks.splice(0, titled);
    (blocks[0] as (typeof blocks)[number]).kind = "title";
  }
  const byline = collapse(article?.byline ?? metaContent(original, "author")).replace(/^by\s+/iu, "");
  const repeated = blocks.findIndex(
    (block, index) => index < 4 && byline && block.text.replace(/^by\s+/iu, "") === byline,
  );
  if (repeated !== -1) blocks.splice(repeated, 1);
  const title = collapse(article?.title) || firstText(original, "title");
  return { blocks, ...(title ? { title } : {}), ...(byline ? { author: byline } : {}) };
}
