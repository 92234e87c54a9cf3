// Broken ligatures: what a stray glyph is learned as from the document's own words, and where it is (not) repaired.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import {
  expandPresentationForms,
  learnGlyphTable,
  repairGlyphs,
  replaceGlyphsForLookup,
  type GlyphRepairLog,
  type GlyphTable,
} from "../../../server/domain/import/ligatures.ts";

const freshLog = (): GlyphRepairLog => ({ counts: new Map(), unresolved: [] });
const tokensOf = (text: string) => text.split(/\s+/u).filter(Boolean);

/** The table learned from text with a dictionary of exactly `words`. */
function learn(text: string, words: readonly string[]): GlyphTable {
  return learnGlyphTable(tokensOf(text), createDictionary(words));
}

/** Repairs `text` with a table given outright (glyph → letters), as the import does after learning. */
function repairWith(
  text: string,
  rules: Record<string, string>,
  words: readonly string[],
  punctuation: string[] = [],
): { text: string; log: GlyphRepairLog } {
  const log = freshLog();
  const table: GlyphTable = {
    rules: new Map(Object.entries(rules)),
    punctuationGlyphs: new Set(punctuation),
  };
  return { text: repairGlyphs(text, table, createDictionary(words), log), log };
}

/** Repair counts as "glyph→letters": count, the form the import report shows them in. */
const countsOf = (log: GlyphRepairLog) =>
  Object.fromEntries([...log.counts].map(([key, count]) => [key.replace("\u0000", "→"), count]));

describe("which characters can be glyphs", () => {
  const learnedFor = (char: string) => learn(`o${char}er e${char}ort`, ["offer", "effort"]).rules.get(char);

  it("learns symbols standing between letters as glyphs", () => {
    for (const char of ["#", "!", "$", "%", "|", "~", "^", "@", "¤", '"', "“", "”", "?", "*"])
      expect(learnedFor(char), char).toBe("ff");
  });

  it("never takes a digit, a combining mark, a space or word punctuation for a glyph", () => {
    for (const char of [
      "7",
      "\u0301",
      " ",
      "-",
      "–",
      "—",
      "'",
      "’",
      "‘",
      ".",
      ",",
      ";",
      ":",
      "/",
      "…",
      "‐",
      "‑",
    ])
      expect(learnedFor(char), char).toBeUndefined();
  });

  it("never takes a letter of any script for a glyph from two words", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }).filter((char) => /^\p{L}$/u.test(char)),
        (char) => learnedFor(char) === undefined,
      ),
    );
  });
});

describe("repairGlyphs on words without a learned glyph", () => {
  it("keeps them as they are, logs nothing, and still reads sentence ends across them", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z.,;:?'-]{1,8}$/u), { maxLength: 12 }), (words) => {
        const text = words.join(" ");
        const { text: repaired, log } = repairWith(text, { "!": "th" }, ["the"]);
        return repaired === text && log.counts.size === 0 && log.unresolved.length === 0;
      }),
    );
    expect(repairWith("It ended there. !e end", { "!": "th" }, ["the"]).text).toBe("It ended there. The end");
    expect(repairWith("It ended there !e end", { "!": "th" }, ["the"]).text).toBe("It ended there the end");
  });
});

describe("expandPresentationForms", () => {
  it("spells out each Unicode ligature character and counts every expansion", () => {
    const log = freshLog();
    expect(
      expandPresentationForms("\uFB01nd \uFB02ow \uFB00 \uFB03ce \uFB04e \uFB05 \uFB06 \uFB01", log),
    ).toBe("find flow ff ffice ffle st st fi");
    expect(countsOf(log)).toEqual({
      "ﬁ→fi": 2,
      "ﬂ→fl": 1,
      "ﬀ→ff": 1,
      "ﬃ→ffi": 1,
      "ﬄ→ffl": 1,
      "ﬅ→st": 1,
      "ﬆ→st": 1,
    });
    expect(log.unresolved).toEqual([]);
  });

  it("leaves text without ligature characters as it is and counts nothing", () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !/[\uFB00-\uFB06]/u.test(text)),
        (text) => {
          const log = freshLog();
          return expandPresentationForms(text, log) === text && log.counts.size === 0;
        },
      ),
    );
  });
});

describe("learnGlyphTable: what a glyph stands for", () => {
  it("learns the ligature that turns the glyph's words into dictionary words", () => {
    const table = learn("we #nd the de#ne to pro#t", ["find", "define", "profit"]);
    expect(table.rules).toEqual(new Map([["#", "fi"]]));
    expect(table.punctuationGlyphs).toEqual(new Set());
  });

  it("learns the ligature most of the glyph's words fit, not the first that fits one", () => {
    const table = learn("#nd o#er e#ort su#er", ["find", "offer", "effort", "suffer"]);
    expect(table.rules.get("#")).toBe("ff");
  });

  it("learns a three-letter ligature where only it makes the word", () => {
    expect(learn("o$ce su$cient", ["office", "sufficient"]).rules.get("$")).toBe("ffi");
    expect(learn("ba$ed ra$e", ["baffled", "raffle"]).rules.get("$")).toBe("ffl");
  });

  it("learns a glyph for Th/th at a word's start and inside it", () => {
    expect(learn("!e o!er wi! !ink", ["the", "other", "with", "think"]).rules.get("!")).toBe("th");
  });

  it("learns a ligature when exactly half of the glyph's words fit it, not when fewer do", () => {
    expect(learn("#nd #sh #xq #zz", ["find", "fish"]).rules.get("#")).toBe("fi");
    expect(learn("#nd #sh #xq #zz #yy", ["find", "fish"]).rules.has("#")).toBe(false);
  });

  it("learns a ligature from one word only when the glyph sits between letters there", () => {
    // One word with the glyph at its edge is too little evidence: it may be a stray mark before a word.
    expect(learn("#nd", ["find"]).rules.size).toBe(0);
    expect(learn("#nds", ["finds"]).rules.size).toBe(0);
    expect(learn("o#er", ["offer"]).rules.get("#")).toBe("ff");
    // One such word among the glyph's words is enough when it fits, as long as half of them fit.
    expect(learn("o#er #zz", ["offer"]).rules.get("#")).toBe("ff");
    // Two words at the edge are enough.
    expect(learn("#nd #sh", ["find", "fish"]).rules.get("#")).toBe("fi");
  });

  it("learns a single letter only when no ligature fits, from at least two words", () => {
    expect(learn("h@llo gr@@n tr@@", ["hello", "green", "tree"]).rules.get("@")).toBe("e");
    expect(learn("h@llo gr@@n", ["hello", "green"]).rules.get("@")).toBe("e");
    expect(learn("h@llo", ["hello"]).rules.size).toBe(0);
  });

  it("learns a single letter only when at least four in five of the glyph's words fit it", () => {
    const fitting = "h@llo gr@@n tr@@ sl@@p";
    const words = ["hello", "green", "tree", "sleep"];
    expect(learn(`${fitting} zq@x`, words).rules.get("@")).toBe("e");
    expect(learn(`${fitting} zq@x xz@q`, words).rules.has("@")).toBe(false);
  });

  it("does not learn a letter when another letter fits as many words (ambiguity)", () => {
    expect(learn("b@d b@d", ["bad", "bed"]).rules.size).toBe(0);
    // One more word the first letter fits settles it.
    expect(learn("b@d b@d h@llo", ["bad", "bed", "hello"]).rules.get("@")).toBe("e");
  });

  it("learns nothing from tokens whose symbols do not touch letters", () => {
    expect(learn("# 3#4 ## 1% $5 a - b", ["find", "a", "b"]).rules.size).toBe(0);
  });

  it("learns nothing from text whose words have no glyph", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z’'.,;:-]{1,8}$/u), { maxLength: 30 }), (words) => {
        const table = learnGlyphTable(words, createDictionary(["find", "offer"]));
        return table.rules.size === 0 && table.punctuationGlyphs.size === 0;
      }),
    );
  });

  it("reads a glyph's word without the brackets, quotes and stops around it", () => {
    expect(learn("(#nd), [#sh].", ["find", "fish"]).rules.get("#")).toBe("fi");
  });

  it("reads each part of a hyphenated compound as a word of its own", () => {
    expect(learn("self-#nd well-#sh", ["self", "well", "find", "fish"]).rules.get("#")).toBe("fi");
    // A part that is only the glyph is no evidence either way: here two of four words fit, enough for fi.
    expect(learn("#nd #sh #zz-# #yy-#", ["find", "fish"]).rules.get("#")).toBe("fi");
  });

  it("learns each of several glyphs separately", () => {
    const table = learn("#ow #ag o%er e%ort", ["flow", "flag", "offer", "effort"]);
    expect(table.rules).toEqual(
      new Map([
        ["#", "fl"],
        ["%", "ff"],
      ]),
    );
  });

  it("remembers a glyph also used as real punctuation at a word's edge (a quote that is not fi)", () => {
    const fiWords = ["find", "define", "profit", "fish", "field", "fit", "fifty", "final", "film"];
    const text = 'we "nd to de"ne a pro"t "sh "eld "t "fty "nal "lm he said "stop"';
    const table = learn(text, [...fiWords, "stop"]);
    expect(table.rules.get('"')).toBe("fi");
    expect(table.punctuationGlyphs).toEqual(new Set(['"']));
  });

  it("takes a glyph also seen as punctuation only when one in ten of its occurrences at most is after a word", () => {
    const fiWords = ["find", "define", "profit", "fish", "field", "fit", "fifty", "final", "film"];
    // Nine words with the glyph for fi and one quoted word: one in ten, taken.
    expect(
      learn('"nd de"ne pro"t "sh "eld "t "fty "nal "lm "stop"', [...fiWords, "stop"]).rules.get('"'),
    ).toBe("fi");
    // Eight and one: more than one in ten, not taken, though every word but the quoted one fits.
    expect(learn('"nd de"ne pro"t "sh "eld "t "fty "nal "stop"', [...fiWords, "stop"]).rules.size).toBe(0);
    expect(learn('we "nd to de"ne a pro"t he said "stop"', [...fiWords, "stop"]).rules.size).toBe(0);
  });

  it("takes a closing mark after a complete word for punctuation, even where the ligature makes a word too", () => {
    const words = ["offer", "effort", "suffer", "differ", "suffix", "afford", "effect", "offset", "buffer"];
    const text = "o”er e”ort su”er di”er su”ix a”ord e”ect o”set bu”er “know-how”";
    const dictionary = createDictionary([...words, "know", "how", "howff"]);
    const table = learnGlyphTable(tokensOf(text), dictionary);
    expect(table.rules.get("”")).toBe("ff");
    expect(table.punctuationGlyphs).toEqual(new Set(["”"]));
    const log = freshLog();
    expect(repairGlyphs(text, table, dictionary, log)).toBe(
      "offer effort suffer differ suffix afford effect offset buffer “know-how”",
    );
    expect(log.unresolved).toEqual([
      { token: "how”", reason: "either “howff” or punctuation; kept as found" },
    ]);
  });
});

describe("learnGlyphTable: one glyph for several ligatures", () => {
  const words = [
    "first",
    "find",
    "fish",
    "flow",
    "flag",
    "offer",
    "effort",
    "office",
    "after",
    "fiat",
    "flat",
  ];

  it("learns the ligature most words fit, then each further one that makes two more words", () => {
    const table = learn("~rst ~nd ~sh ~ow ~ag o~er e~ort", words);
    expect(table.rules.get("~")).toBe("fi");
    expect(table.alternatives?.get("~")).toEqual(["fl", "ff"]);
  });

  it("takes a further ligature from one word only where no other ligature makes that word", () => {
    expect(learn("~rst ~nd ~sh a~er", words).alternatives?.get("~")).toEqual(["ft"]);
    // "~at" is fiat or flat: a tie is no evidence for fl.
    expect(learn("~rst ~nd ~sh ~at", words).alternatives?.get("~")).toBeUndefined();
    expect(learn("~rst ~nd ~sh ~at", words).rules.get("~")).toBe("fi");
  });

  it("repairs each word with the one ligature that makes it a word, counting each", () => {
    const dictionary = createDictionary(words);
    const text = "so ~rst ~nd ~sh ~ow ~ag o~er e~ort o~ce";
    const table = learnGlyphTable(tokensOf(text), dictionary);
    const log = freshLog();
    expect(repairGlyphs(text, table, dictionary, log)).toBe(
      "so first find fish flow flag offer effort office",
    );
    expect(countsOf(log)).toEqual({ "~→fi": 3, "~→fl": 2, "~→ff": 2, "~→ffi": 1 });
    expect(log.unresolved).toEqual([]);
  });

  it("keeps a word two ligatures make, or none, as found and reports which", () => {
    const rules = { "~": "fi" };
    const table: GlyphTable = {
      rules: new Map(Object.entries(rules)),
      alternatives: new Map([["~", ["fl", "ff"]]]),
      punctuationGlyphs: new Set(),
    };
    const log = freshLog();
    expect(repairGlyphs("the ~at and xq~zz. ~rst", table, createDictionary(words), log)).toBe(
      "the ~at and xq~zz. First",
    );
    expect(log.unresolved).toEqual([
      { token: "~at", reason: "either “fiat” or “flat”; kept as found" },
      { token: "xq~zz", reason: "no ligature (fi, fl, ff) makes a dictionary word; kept as found" },
    ]);
    expect(countsOf(log)).toEqual({ "~→fi": 1 });
  });

  it("repairs a word with two different glyphs by their usual letters only", () => {
    const table: GlyphTable = {
      rules: new Map([
        ["~", "fi"],
        ["!", "th"],
      ]),
      alternatives: new Map([["~", ["fl"]]]),
      punctuationGlyphs: new Set(),
    };
    const log = freshLog();
    expect(repairGlyphs("a ~!e", table, createDictionary(["fithe"]), log)).toBe("a fithe");
    expect(log.unresolved).toEqual([]);
  });
});

describe("learnGlyphTable: letters of other alphabets", () => {
  const words = ["the", "other", "with", "both", "there", "then"];

  it("learns a letter from three different words when three in four of its words fit", () => {
    expect(learn("Þe oÞer wiÞ", words).rules.get("Þ")).toBe("th");
    expect(learn("Þe oÞer wiÞ boÞ xÞq", words).rules.get("Þ")).toBe("th");
    expect(learn("Þe oÞer wiÞ xÞq", words).rules.get("Þ")).toBe("th");
    // Three of five fit: too few for a letter, though enough for a symbol.
    expect(learn("Þe oÞer wiÞ xÞq qÞx", words).rules.size).toBe(0);
    expect(learn("#e o#er wi# x#q q#x", words).rules.get("#")).toBe("th");
  });

  it("does not learn a letter from two different words, however often they come", () => {
    expect(learn("Þe Þe Þe oÞer oÞer oÞer", words).rules.size).toBe(0);
  });

  it("never learns a letter as a single letter, only as a ligature", () => {
    expect(learn("cafés cafés résumé", ["cafes", "cafe", "resume"]).rules.size).toBe(0);
    expect(learn("h@llo gr@@n tr@@", ["hello", "green", "tree"]).rules.get("@")).toBe("e");
  });

  it("does not count a word that is a word already with the letter in it", () => {
    // "þe" is itself in this dictionary: replacing its letter proves nothing.
    expect(learn("þe oþer wiþ", [...words, "þe"]).rules.size).toBe(0);
  });
});

describe("learnGlyphTable: an opening mark that stands for letters", () => {
  it("repairs ¿ for Th before words that are words without it too, and is no punctuation", () => {
    const words = ["the", "that", "this", "there", "they", "at", "is", "ere", "other"];
    const dictionary = createDictionary(words);
    const text = "¿e end. ¿at is so. ¿is is so. ¿ere it is. ¿ey are o¿er.";
    const table = learnGlyphTable(tokensOf(text), dictionary);
    expect(table.rules.get("¿")).toBe("th");
    expect(table.punctuationGlyphs).toEqual(new Set());
    expect(repairGlyphs(text, table, dictionary, freshLog())).toBe(
      "The end. That is so. This is so. There it is. They are other.",
    );
  });

  it("is taken when three in four of all its uses, before words included, become words, and not with fewer", () => {
    const words = ["the", "other", "with", "que"];
    expect(learn("¿e o¿er wi¿ ¿que", words).rules.get("¿")).toBe("th");
    expect(learn("¿e o¿er wi¿ ¿que x¿q", words).rules.size).toBe(0);
    // Without the use before "que" the same words are enough: three of four.
    expect(learn("¿e o¿er wi¿ x¿q", words).rules.get("¿")).toBe("th");
  });

  it("is punctuation where a word follows it that no ligature of its makes a word", () => {
    const words = ["the", "that", "this", "there", "they", "at", "is", "ere", "other", "que"];
    const table = learn(
      "¿e end. ¿at is so. ¿is is so. ¿ere it is. ¿ey are o¿er. o¿er o¿er o¿er o¿er ¿que",
      words,
    );
    expect(table.rules.get("¿")).toBe("th");
    expect(table.punctuationGlyphs).toEqual(new Set(["¿"]));
  });
});

describe("replaceGlyphsForLookup", () => {
  it("replaces every learned glyph by its letters, for dictionary look-ups", () => {
    const table: GlyphTable = {
      rules: new Map([
        ["#", "fi"],
        ["!", "th"],
      ]),
      punctuationGlyphs: new Set(),
    };
    expect(replaceGlyphsForLookup("#nd !e o#ce", table)).toBe("find the ofice");
  });

  it("returns a word unchanged when nothing was learned", () => {
    const empty: GlyphTable = { rules: new Map(), punctuationGlyphs: new Set() };
    fc.assert(fc.property(fc.string(), (word) => replaceGlyphsForLookup(word, empty) === word));
  });
});

describe("repairGlyphs: where a learned glyph is replaced", () => {
  const words = ["the", "then", "there", "other", "with", "think", "find", "offer", "two", "thirds", "end"];
  const rules = { "!": "th", "#": "fi" };

  it("replaces a glyph where the result is a dictionary word, and counts each repair", () => {
    const { text, log } = repairWith("and !e o!er, wi! #nd (#nd)", rules, words);
    expect(text).toBe("and the other, with find (find)");
    expect(countsOf(log)).toEqual({ "!→th": 3, "#→fi": 2 });
    expect(log.unresolved).toEqual([]);
  });

  it("leaves text with no learned glyph exactly as it is", () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !/[!#]/u.test(text)),
        (text) => {
          const { text: repaired, log } = repairWith(text, rules, words);
          return repaired === text && log.counts.size === 0 && log.unresolved.length === 0;
        },
      ),
    );
  });

  it("leaves text exactly as it is when nothing was learned", () => {
    fc.assert(fc.property(fc.string(), (text) => repairWith(text, {}, words).text === text));
  });

  it("capitalizes a repair at the start of a sentence, after quotes, brackets or a footnote number", () => {
    expect(repairWith("!e end. !e end! !e end? !e end… !e", rules, words).text).toBe(
      "The end. The end! The end? The end… The",
    );
    expect(
      repairWith("end. “!e end. (!e end.3 !e end. '!e end. \"!e end. [!e end. ‘!e", rules, words).text,
    ).toBe("end. “The end. (The end.3 The end. 'The end. \"The end. [The end. ‘The");
  });

  it("does not take a glyph just repaired into letters for the end of a sentence", () => {
    // "!" stands for th here, so "wi!" is "with", not "wi" and an exclamation mark.
    expect(repairWith("and wi! !e end, wi! “!e", rules, words).text).toBe("and with the end, with “the");
    expect(repairWith("the end! !e", rules, words).text).toBe("the end! The");
  });

  it("does not capitalize a repair inside a sentence or inside a word", () => {
    expect(repairWith("and !e, then: !e; a !e", rules, words).text).toBe("and the, then: the; a the");
    expect(repairWith("O!er things. O!er", rules, words).text).toBe("Other things. Other");
  });

  it("capitalizes only the first part of a hyphenated word at a sentence start", () => {
    expect(repairWith("Two-!irds. !irds-!irds", rules, words).text).toBe("Two-thirds. Thirds-thirds");
  });

  it("writes the whole repair in capitals inside a word in capitals", () => {
    expect(repairWith("and !EN and !ERE and O!ER", rules, words).text).toBe("and THEN and THERE and OTHER");
    // The letters before the glyph count too, and an apostrophe does not break the capitals.
    expect(repairWith("and BO! and WI! and O!ER’S", rules, [...words, "both"]).text).toBe(
      "and BOTH and WITH and OTHER’S",
    );
    // One capital after the glyph is only a capitalized word, not one in capitals.
    expect(repairWith("and O!Er", rules, words).text).toBe("and OthEr");
  });

  it("does not take a capitalized word with one letter besides the glyph for one in capitals", () => {
    expect(repairWith("O% we go. I said o%.", { "%": "ff" }, ["off"]).text).toBe("Off we go. I said off.");
  });

  it("does not take a word in a caseless script for one in capitals", () => {
    const { text } = repairWith("and !ממ", rules, ["thממ"]);
    expect(text).toBe("and thממ");
  });

  it("repairs a glyph with the other learned letters where only they make a word (a glyph for two ligatures)", () => {
    const { text, log } = repairWith("a %ow and o%er", { "%": "ff", "#": "fl" }, ["flow", "offer"]);
    expect(text).toBe("a flow and offer");
    expect(countsOf(log)).toEqual({ "%→fl": 1, "%→ff": 1 });
    expect(log.unresolved).toEqual([]);
  });

  it("does not guess between two other learned letters that both make a word; it repairs and reports", () => {
    const { text, log } = repairWith("a %at", { "%": "ff", "#": "fl", "~": "fi" }, ["flat", "fiat"]);
    expect(text).toBe("a ffat");
    expect(log.unresolved).toEqual([
      { token: "%at", reason: "repaired as “ffat”, which is not in the dictionary" },
    ]);
    expect(countsOf(log)).toEqual({ "%→ff": 1 });
  });

  it("repairs a glyph between letters even when no replacement makes a word, and reports it", () => {
    const { text, log } = repairWith("the xq#zz", rules, words);
    expect(text).toBe("the xqfizz");
    expect(log.unresolved).toEqual([
      { token: "xq#zz", reason: "repaired as “xqfizz”, which is not in the dictionary" },
    ]);
    expect(countsOf(log)).toEqual({ "#→fi": 1 });
  });
});

describe("repairGlyphs: where a glyph that may be punctuation is kept", () => {
  const quoteRules = { "”": "ff" };
  const words = ["offer", "stop", "do", "doff", "stuff", "effort"];

  it("never turns a real closing quote after a word into ff", () => {
    const { text, log } = repairWith("he said “stop” and “stop”. o”er", quoteRules, words, ["”"]);
    expect(text).toBe("he said “stop” and “stop”. offer");
    expect(log.unresolved).toEqual([]);
    expect(countsOf(log)).toEqual({ "”→ff": 1 });
  });

  it("keeps a closing quote as found where both the word and its repair are words, and reports the doubt", () => {
    const { text, log } = repairWith("he said “do”", quoteRules, words, ["”"]);
    expect(text).toBe("he said “do”");
    expect(log.unresolved).toEqual([{ token: "do”", reason: "either “doff” or punctuation; kept as found" }]);
    expect(log.counts.size).toBe(0);
  });

  it("repairs such a word when the glyph was never seen as punctuation", () => {
    expect(repairWith("he said “do”", quoteRules, words).text).toBe("he said “doff");
  });

  it("never takes a glyph between letters for punctuation, even where the word without it is a word", () => {
    const { text, log } = repairWith('to de"ne it', { '"': "fi" }, ["define", "dene"], ['"']);
    expect(text).toBe("to define it");
    expect(log.unresolved).toEqual([]);
  });

  it("repairs a glyph at a word's edge where only the repair is a word", () => {
    expect(repairWith("the stu” here", quoteRules, words, ["”"]).text).toBe("the stuff here");
  });

  it("keeps a stray punctuation glyph at a non-word's edge as found, and reports it", () => {
    const { text, log } = repairWith("a xq” here", quoteRules, words, ["”"]);
    expect(text).toBe("a xq” here");
    expect(log.unresolved).toEqual([
      { token: "xq”", reason: "stray glyph: no replacement makes a dictionary word; kept" },
    ]);
  });

  it("still repairs a punctuation glyph that sits between letters", () => {
    const { text, log } = repairWith("a xq”zz here", quoteRules, words, ["”"]);
    expect(text).toBe("a xqffzz here");
    expect(log.unresolved).toEqual([
      { token: "xq”zz", reason: "repaired as “xqffzz”, which is not in the dictionary" },
    ]);
  });

  it("leaves a glyph standing alone or between digits", () => {
    expect(repairWith("a ” b 3”4 ”” c", quoteRules, words).text).toBe("a ” b 3”4 ”” c");
  });
});

describe("learning and repairing together", () => {
  const fiWords = ["find", "fish", "field", "define", "profit", "office", "fifty"];
  const plainWords = ["so", "and", "the", "cat", "sat", "on", "mat", "a", "stop"];
  const damage = (text: string) => text.replaceAll("fi", "#");

  it("restores any text damaged by one glyph for fi, given two damaged words", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fiWords, ...plainWords), { minLength: 0, maxLength: 20 }),
        fc.constantFrom(...fiWords),
        fc.constantFrom(...fiWords),
        (middle, first, second) => {
          const original = ["so", first, ...middle, second].join(" ");
          const damaged = damage(original);
          const dictionary = createDictionary([...fiWords, ...plainWords]);
          const table = learnGlyphTable(tokensOf(damaged), dictionary);
          const log = freshLog();
          expect(repairGlyphs(damaged, table, dictionary, log)).toBe(original);
          expect(log.unresolved).toEqual([]);
        },
      ),
    );
  });

  it("repairs a word to the one word a learned replacement makes, whichever glyph damaged it", () => {
    const dictionary = createDictionary([...fiWords, "flow", "flag", "offer", "effort"]);
    const table = learnGlyphTable(tokensOf("#nd #sh de#ne %ow %ag o$er e$ort"), dictionary);
    expect(Object.fromEntries(table.rules)).toEqual({ "#": "fi", "%": "fl", $: "ff" });
    const replacements = [...new Set(table.rules.values())];
    fc.assert(
      fc.property(
        fc.constantFrom("#", "%", "$"),
        fc.constantFrom(...fiWords, "flow", "flag", "offer"),
        (glyph, word) => {
          const damagedWord = word.replace(/ffi|ff|fi|fl/u, glyph);
          const fits = replacements
            .map((letters) => damagedWord.replace(glyph, letters))
            .filter((candidate) => dictionary.has(candidate));
          fc.pre(fits.length === 1);
          const log = freshLog();
          expect(repairGlyphs(`so ${damagedWord}`, table, dictionary, log)).toBe(`so ${fits[0]}`);
          expect(log.unresolved).toEqual([]);
        },
      ),
    );
  });
});
