// Renders a Markdown body through the safe renderer.
import { memo } from "react";
import { renderMarkdown } from "../../../shared/markdown/render-markdown.ts";

/** A comment body: Markdown, with raw HTML shown as text and links made safe. */
export const Markdown = memo(function Markdown({ source }: { source: string }) {
  // renderMarkdown escapes all input HTML and filters URLs, so its output is safe to insert.
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
});
