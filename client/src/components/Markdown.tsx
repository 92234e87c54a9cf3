// Renders a Markdown body through the safe renderer, mentions written with the members' current names.
import { memo, useContext } from "react";
import { renderMarkdown } from "../../../shared/markdown/render-markdown.ts";
import { MembersContext } from "./mentions/members.ts";

/** A comment body: Markdown, with raw HTML shown as text, links made safe and `<@userId>` shown as `@Name`. */
export const Markdown = memo(function Markdown({ source }: { source: string }) {
  const { nameOf, me } = useContext(MembersContext);
  // renderMarkdown escapes all input HTML (names too) and filters URLs, so its output is safe to insert.
  const html = renderMarkdown(source, { nameOf, me: me ?? undefined });
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
});
