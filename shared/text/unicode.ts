// The string rule every client-sent text obeys: valid Unicode that Postgres can store, without invisible controls.

/**
 * Which control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) a field may hold. U+0000 is never
 * allowed: Postgres `text` cannot store it.
 * - "none": single-line fields (names, titles, tags, ids, query parameters). A control character there has no
 *   visible form, breaks layouts, CSV and header values, and can smuggle terminal escapes into logs.
 * - "whitespace": prose (bodies, descriptions, reasons) may also hold tab, line feed and carriage return.
 * - "any": text quoted from a document (whose importer keeps a few controls) and secrets; only U+0000 is refused.
 */
export type ControlCharacters = "none" | "whitespace" | "any";

const controlPatterns: Record<ControlCharacters, RegExp> = {
  none: /\p{Cc}/u,
  whitespace: /[^\P{Cc}\t\n\r]/u,
  any: /\0/,
};

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why `value` breaks the string rule, phrased to follow a field name ("contains …"), or undefined when it keeps it.
 * Positions are UTF-16 code-unit indexes, as JavaScript strings count.
 */
export function textProblem(value: string, controls: ControlCharacters): string | undefined {
  const surrogate = loneSurrogate.exec(value);
  if (surrogate) {
    return `contains a lone UTF-16 surrogate (${codePoint(surrogate[0].charCodeAt(0))}) at position ${surrogate.index}, which is not valid Unicode`;
  }
  const nul = value.indexOf("\0");
  if (nul !== -1) return `contains U+0000 (NUL) at position ${nul}, which cannot be stored`;
  const control = controlPatterns[controls].exec(value);
  if (control) {
    return `contains the control character ${codePoint(control[0].charCodeAt(0))} at position ${control.index}; remove it`;
  }
  return undefined;
}
