// fast-check arbitraries for strings that break naive code: NUL, lone surrogates, NFD, emoji, invisible and RTL marks.
import fc from "fast-check";

/** Pieces that have broken text handling somewhere: each is a case of the kind, not a fixed list to pass. */
export const nastyPieces = [
  "\u0000",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "a\ud83d",
  "e\u0301",
  "cafe\u0301",
  "café",
  "😀",
  "👨‍👩‍👧",
  "🇫🇷",
  "\u200b",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202e",
  "\u2028",
  "\ufeff",
  "\ufffd",
  "\uffff",
  "\u0007",
  "\u001b[31m",
  "\u0085",
  "\u007f",
  "\t",
  "\n",
  "\r\n",
  "测试",
  "我们今天讨论这个测试问题",
  "ﬁ",
  "İ",
  "ß",
  "%",
  "%ff",
  "_",
  "\\",
  "'",
  '"',
  "<b>",
  "../",
  " ",
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
// fc.string({ unit: "binary" }) takes seconds to warm up; any code point, surrogates included, does the same job.
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point));

/**
 * Arbitrary strings mixing nasty pieces, any code units (lone surrogates included) and any code points; with
 * `long`, now and then very long (past every field's limit; too long for a URL, which the HTTP parser refuses).
 */
export function nastyString(options: { long?: boolean } = {}): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { arbitrary: fc.constantFrom(...nastyPieces), weight: 4 },
    { arbitrary: codeUnit, weight: 2 },
    { arbitrary: codePoint, weight: 2 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }), weight: 2 },
  );
  const short = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(""));
  if (!options.long) return short;
  return fc.oneof(
    { arbitrary: short, weight: 12 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom("x", "😀", "e\u0301", "测"), fc.integer({ min: 2_000, max: 70_000 }))
        .map(([unit, count]) => unit.repeat(count)),
      weight: 1,
    },
  );
}

/** The UTF-8 bytes of one code point, or the three bytes a lone surrogate would take (WTF-8), percent-encoded. */
function percentEncodeCodePoint(codePoint: number): string {
  if (codePoint < 0xd800 || codePoint > 0xdfff) return encodeURIComponent(String.fromCodePoint(codePoint));
  return [0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)]
    .map((byte) => `%${byte.toString(16).toUpperCase()}`)
    .join("");
}

/**
 * A string as a URL path segment or query value. encodeURIComponent refuses lone surrogates; a client can still
 * send their bytes, which no server decodes, so they go out as such.
 */
export function percentEncode(value: string): string {
  let encoded = "";
  for (const char of value) encoded += percentEncodeCodePoint(char.codePointAt(0)!);
  return encoded;
}

/** Percent-escapes that do not decode: invalid UTF-8, truncated sequences, non-hex digits, overlong forms. */
export const malformedEscapes = ["%ff", "%", "%e2%82", "%zz", "%C0%80", "%ED%A0%80", "abc%"];
