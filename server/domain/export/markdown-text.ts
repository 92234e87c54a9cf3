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

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/u;
// Where a line's own content starts, after any block quote and list item markers.
const containerPrefix = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/u;
// An inline link's text and the start of its destination: `[text](`.
const inlineLinkStart = /^\[(?:\\.|[^\]\\])*\]\(/u;

/**
 * A `[` that starts a line's content can start a link reference definition (`[label]: url`, its label maybe
 * continued on the next lines); it is escaped unless it opens an inline link. An escaped `[` renders as `[`.
 */
function escapeDefinitionStart(line: string): string {
  const start = containerPrefix.exec(line)![0].length;
  if (line[start] !== "[" || inlineLinkStart.test(line.slice(start))) return line;
  return `${line.slice(0, start)}\\${line.slice(start)}`;
}

// A link destination a reader may follow: http(s) or mailto, an empty one, or a path with no scheme (no colon, and no
// character reference or backslash escape that could spell one, `javascript&#58;`, before its first / ? or #). A
// destination on the next line (CommonMark allows one line break) is not seen here, so it does not count as safe;
// nor does one in angle brackets, whose `<` this escaping turns into text anyway.
const safeDestination =
  /^[ \t]*(?:https?:\/\/|mailto:|\)|[^:&\\\s<>()/?#]*[/?#]|[^:&\\\s<>()/?#]+(?:[\s)]|$))/iu;

/**
 * Escapes `<` (raw HTML, comments, autolinks), `![` (images) and the `(` of an inline link whose destination is not
 * http(s), mailto or a plain path (`javascript:`, `data:`, …: not every renderer refuses them) in one line. Code spans
 * are not told apart: telling them apart as every renderer would is the hard part, and a stray backslash in a code
 * span is only cosmetic.
 */
function escapeHtmlAndImages(line: string): string {
  let out = "";
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === "\\") {
      // Already escaped: the next character is literal wherever this backslash is not itself literal (in code).
      out += line.slice(i, i + 2);
      i += 1;
    } else if (char === "<") out += "\\<";
    else if (char === "!" && line[i + 1] === "[") {
      out += "!\\[";
      i += 1;
    } else if (char === "]" && line[i + 1] === "(" && !safeDestination.test(line.slice(i + 2))) {
      out += "]\\(";
      i += 1;
    } else out += char;
  }
  return out;
}

/**
 * A body's Markdown source made safe to place among other people's: their formatting is kept, but nothing that the
 * reader would not render, or that reaches past the body: raw HTML and comments show as text, images as text, a link
 * reference definition as text (one body's definition must not retarget another body's link), and a code fence left
 * open is closed so the entries after it stay entries.
 */
export function containMarkdown(source: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of source.split(/\r?\n/u)) {
    const marker = fenceOpen.exec(line)?.[1];
    if (fence !== null) {
      out.push(line);
      const closes =
        marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker;
      if (closes) fence = null;
    } else if (
      marker &&
      !(marker[0] === "`" && line.slice(line.indexOf(marker) + marker.length).includes("`"))
    ) {
      // An opening fence (a backtick fence's info string holds no backtick).
      fence = marker;
      out.push(line);
    } else {
      out.push(escapeHtmlAndImages(escapeDefinitionStart(line)));
    }
  }
  if (fence !== null) out.push(fence);
  return out.join("\n");
}
