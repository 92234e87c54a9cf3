// Plain text made safe inside Markdown: what the text says is what a renderer shows, never markup.

const inlineSpecials = /[\\`*_[\]<>|~&!]/gu;
// Characters that start a block construct only at the start of a line: headings, lists, quotes, rules, setext.
const lineStart = /^(\s*)([#>+=-]|\d+[.)])/u;

/** Escapes one line of text. */
function escapeLine(line: string): string {
  return line
    .replace(inlineSpecials, (char) => `\\${char}`)
    .replace(lineStart, (_match, space: string, marker: string) =>
      /^\d/u.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
    );
}

/**
 * Escapes text for a Markdown paragraph or heading. Line breaks inside it (a poem's lines) become hard breaks
 * (a backslash at the line's end, CommonMark §6.7), so the text stays one paragraph and keeps its lines.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r?\n/u)
    .map((line) => escapeLine(line.trim()))
    .filter((line) => line !== "")
    .join("\\\n");
}

/** Prefixes every line of `text` (a blockquote's "> ", a list item's indent); blank lines keep the prefix trimmed. */
export function prefixLines(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? prefix.trimEnd() : `${prefix}${line}`))
    .join("\n");
}
