// A saved web page to blocks: its main content (Mozilla Readability, Firefox's reader view), not its navigation.
import { Readability } from "@mozilla/readability";
import type { ConvertedDocument } from "./converted.ts";
import { closest, firstText, parseHtml } from "./dom.ts";
import type { DomDocument, DomElement } from "./dom.ts";
import { bylineName } from "../byline.ts";
import { htmlToBlocks } from "./html-blocks.ts";
import { collectNotes } from "./notes.ts";

/** Parts of a page around its article, whose h1 is the site's name, not the article's title. */
const pageChrome = new Set(["header", "nav", "footer", "aside"]);

const collapse = (text: string | null | undefined) => (text ?? "").replace(/\s+/gu, " ").trim();

const metaContent = (document: DomDocument, name: string) =>
  Array.from(document.getElementsByTagName("meta"))
    .find((meta) => meta.getAttribute("name")?.toLowerCase() === name)
    ?.getAttribute("content") ?? undefined;

/**
 * Converts a saved web page (HTML text) to blocks. Readability (the library behind Firefox's reader view) picks the
 * article out of the page's navigation, header, footer and sidebars; the article is read by htmlToBlocks. The title is
 * the page's first h1 outside its header, navigation, footer and sidebars (Readability demotes or drops it), else
 * Readability's title; the author is the name in Readability's byline or the page's author meta tag (a byline in
 * the text naming them is dropped: "By Ann Lee · 14 March 2026 · 4 min read"). Notes are found on the whole page before Readability
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
  let blocks = htmlToBlocks(article?.content ?? page.documentElement, {
    notes: notes.contextFor("", article?.content ?? page.documentElement),
  });
  // Readability finds no article in a bare fragment or a page too short to score: read the whole page then.
  if (blocks.length === 0) {
    const whole = parseHtml(html).documentElement;
    blocks = htmlToBlocks(whole, { notes: notes.contextFor("", whole) });
  }
  // Readability demotes the article's h1 to h2, or drops it as a repeat of the page title: put it back as the title.
  const h1 = Array.from(original.getElementsByTagName("h1")).find((element) => !closest(element, pageChrome));
  const heading = collapse(h1?.textContent);
  const at = blocks.findIndex((block, index) => index < 3 && block.text === heading);
  if (at !== -1) blocks.splice(0, at + 1);
  if (heading) blocks.unshift({ kind: "title", text: heading, footnotes: [] });
  const stated = collapse(article?.byline ?? metaContent(original, "author"));
  const byline = bylineName(stated) ?? stated;
  const repeated = blocks.findIndex(
    (block, index) => index < 4 && byline && (bylineName(block.text) ?? block.text) === byline,
  );
  if (repeated !== -1) blocks.splice(repeated, 1);
  const title = heading || collapse(article?.title) || firstText(original, "title");
  return { blocks, ...(title ? { title } : {}), ...(byline ? { author: byline } : {}) };
}
