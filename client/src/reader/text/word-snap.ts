// Passage selections made of whole words: a selection that starts or ends inside a word grows to take it whole.
// Word boundaries come from Intl.Segmenter, so scripts written without spaces (Chinese, Japanese) snap too.

const words = new Intl.Segmenter(undefined, { granularity: "word" });

const isLowSurrogate = (text: string, at: number) => {
  const unit = text.charCodeAt(at);
  return unit >= 0xdc00 && unit <= 0xdfff;
};

/**
 * [start, end) of `text` grown to whole words: when `start` falls inside a word it moves to the word's start, and
 * when `end` falls inside one it moves to the word's end; an offset splitting a character's surrogate pair (an
 * emoji) moves out of it. Offsets are UTF-16 code units; other boundaries (spaces, punctuation) are left alone, and
 * the result never shrinks. An empty range comes back as it is.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start, end };
  const segments = words.segment(text);
  const first = start < text.length ? segments.containing(start) : undefined;
  const last = end > 0 ? segments.containing(end - 1) : undefined;
  let snappedStart = first?.isWordLike && first.index < start ? first.index : start;
  let snappedEnd =
    last?.isWordLike && last.index + last.segment.length > end ? last.index + last.segment.length : end;
  if (snappedStart > 0 && isLowSurrogate(text, snappedStart)) snappedStart -= 1;
  if (snappedEnd < text.length && isLowSurrogate(text, snappedEnd)) snappedEnd += 1;
  return { start: snappedStart, end: snappedEnd };
}
