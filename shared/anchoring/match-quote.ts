// Finds a quoted passage in a text: the one matcher the server re-anchors with and the reader places highlights with.

/** W3C TextQuoteSelector fields: the passage and a little of the text before and after it. */
export interface QuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface MatchOptions {
  /** Where the passage was expected to start (UTF-16 offset in `text`), for the position part of the score. */
  hint?: number;
  /** Lowest score (0..1) accepted; below it there is no match. */
  threshold?: number;
  /** How far (0..1) the best candidate's score must lie above the second best's; closer, there is no match. */
  margin?: number;
}

/** A passage found: UTF-16 offsets [start, end) in the text, on character boundaries, and its score 0..1. */
export interface QuoteMatch {
  start: number;
  end: number;
  score: number;
}

/**
 * The passage of `text` the selector picks out, or null when none is good enough or two are too alike to choose.
 * Exact occurrences only for now.
 */
export function matchQuote(
  text: string,
  selector: QuoteSelector,
  options: MatchOptions = {},
): QuoteMatch | null {
  const found: number[] = [];
  for (let at = text.indexOf(selector.exact); at >= 0; at = text.indexOf(selector.exact, at + 1))
    found.push(at);
  if (found.length === 0 || selector.exact === "") return null;
  const hint = options.hint ?? 0;
  found.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
  const start = found[0]!;
  return { start, end: start + selector.exact.length, score: 1 };
}
