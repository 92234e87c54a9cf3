// Generality: other English prose, damaged with a different glyph table, hyphenation and page furniture, restored.
import { describe, expect, it } from "vitest";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

const dictionary = loadEnglishDictionary();

interface SourceBlock {
  kind: "title" | "author" | "heading" | "paragraph";
  text: string;
}

/** Written for this test; footnote markers ("page.1") are part of the damage and must come out. */
const original: SourceBlock[] = [
  { kind: "title", text: "The Craft of Careful Reading" },
  { kind: "author", text: "Ada Fairweather" },
  {
    kind: "paragraph",
    text: "The first office we visited stood on a quiet street. Its staff were efficient and baffled in equal measure: they could find any file within fifteen seconds, yet nobody could explain the flow of paper through the building. This was, they said, a self-evident truth of official life.",
  },
  { kind: "heading", text: "1. Fine print and official prose" },
  {
    kind: "paragraph",
    text: "Fine print deserves a careful reader. Those who skim it often fail to notice the conflicts it hides, the clauses that shuffle obligations from one party to another, and the small offers that flatter the signer while binding him to a long-term contract. In 1968 a well-known study found that fewer than fifteen percent of buyers read past the first page.1 The figures from the 1970s were no better, and page 12 of the same report is still quoted.",
  },
  {
    kind: "paragraph",
    text: "There is a difference between reading and merely looking. The affluent reader may afford a lawyer; the rest of us must rely on our own wits, our suspicion of flattery, and a certain stiffness of mind. Nothing is so effective as asking, plainly, what a sentence actually commits us to! Is that so “difficult” to ask?",
  },
  { kind: "heading", text: "2. The flow of affluent traffic" },
  {
    kind: "paragraph",
    text: "Thus the traffic of a city is a kind of text. Its signals are brief, its grammar inflexible, and its punctuation unforgiving. Cyclists and drivers fight for the same narrow lanes, and officials fiddle with the timing of the lights, hoping to find an arrangement that satisfies everyone. They rarely do.2",
  },
  {
    kind: "paragraph",
    text: "Then there are the so-called experts, who offer confident figures about flows and efficiencies. Their reports fill shelves in the offices of the city, and their influence is difficult to measure. A sufficient answer, they insist, is always one more study away; the difficulty is that the studies never finish.",
  },
  {
    kind: "paragraph",
    text: "None of this is new. Old-fashioned readers, twenty-one of them in one far-reaching survey, kept up-to-date notes on cross-border contracts, first-hand accounts and high-quality copies of so-called standard terms; their well-kept files are still the best guide.",
  },
  {
    kind: "paragraph",
    text: "These reflections are not final. They offer a first sketch, a profile of the problem rather than its solution, and the reader who finds them deficient is invited to write a better one.",
  },
];

/** A table unlike the essay's: ffi→^, ff→|, fl→@, fi→~, Th→¤ (longest first, as a font would). */
const damage: [RegExp, string, string][] = [
  [/ffi/gu, "^", "ffi"],
  [/ff/gu, "|", "ff"],
  [/fl/gu, "@", "fl"],
  [/fi/gu, "~", "fi"],
  [/Th/gu, "¤", "th"],
];

function corrupt(text: string): string {
  return damage.reduce((value, [pattern, glyph]) => value.replace(pattern, glyph), text);
}

interface Damaged {
  source: string;
  counts: {
    lineBreak: number;
    pageBreak: number;
    keptCompound: number;
    joinedAcrossPages: number;
    artefacts: number;
  };
}

/** Wraps at width, hyphenating dictionary words and breaking compounds at their hyphen; returns line ends. */
function wrap(text: string, width: number): { lines: string[]; soft: Set<number>; compound: Set<number> } {
  const lines: string[] = [];
  const soft = new Set<number>();
  const compound = new Set<number>();
  let line = "";
  const tokens = text.split(" ");
  while (tokens.length > 0) {
    const token = tokens.shift() as string;
    const candidate = line ? `${line} ${token}` : token;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    const room = width - line.length - (line ? 1 : 0);
    const hyphen = token.indexOf("-");
    const word = token.replace(/[^\p{L}^|@~¤]+$/u, "");
    const plainWord = /^[\p{L}^|@~¤]+$/u.test(word) && dictionary.has(restore(word).toLowerCase());
    if (hyphen > 0 && hyphen + 1 <= room) {
      lines.push(`${line} ${token.slice(0, hyphen + 1)}`.trim());
      compound.add(lines.length - 1);
      tokens.unshift(token.slice(hyphen + 1));
    } else if (plainWord && word.length >= 6 && room >= 3) {
      const cut = Math.min(room - 1, word.length - 3);
      lines.push(`${line} ${token.slice(0, cut)}-`.trim());
      soft.add(lines.length - 1);
      tokens.unshift(token.slice(cut));
    } else {
      lines.push(line);
      tokens.unshift(token);
    }
    line = "";
  }
  if (line) lines.push(line);
  return { lines, soft, compound };
}

function restore(text: string): string {
  return damage.reduce((value, [, glyph, letters]) => value.split(glyph).join(letters), text);
}

/** Lays the damaged text out in pages of pageLines lines, with a page number and a running header between pages. */
function damageDocument(blocks: readonly SourceBlock[], width: number, pageLines: number): Damaged {
  const body: string[] = [];
  const soft = new Set<number>();
  const compound = new Set<number>();
  blocks.forEach((block, index) => {
    if (index > 1) body.push("");
    const wrapped = wrap(corrupt(block.text), width);
    const offset = body.length;
    wrapped.soft.forEach((line) => soft.add(offset + line));
    wrapped.compound.forEach((line) => compound.add(offset + line));
    body.push(...wrapped.lines);
  });
  const counts = {
    lineBreak: 0,
    pageBreak: 0,
    keptCompound: compound.size,
    joinedAcrossPages: 0,
    artefacts: 0,
  };
  // Pages end after about pageLines lines, preferably right after a hyphenated line end.
  const pageStarts = new Set<number>();
  for (let start = pageLines; start < body.length; start += pageLines) {
    const hyphenated = [start - 1, start - 2, start - 3].find((line) => soft.has(line));
    start = hyphenated === undefined ? start : hyphenated + 1;
    pageStarts.add(start);
  }
  const output: string[] = [];
  body.forEach((line, index) => {
    const pageEnd = pageStarts.has(index);
    if (pageEnd) {
      output.push(
        "",
        `— ${output.filter((each) => each.startsWith("— ")).length + 1} —`,
        "",
        "Careful Reading",
        "",
      );
      counts.artefacts += 2;
      if (body[index - 1] !== "" && line !== "") counts.joinedAcrossPages++;
    }
    if (soft.has(index - 1)) {
      if (pageEnd) counts.pageBreak++;
      else counts.lineBreak++;
    }
    output.push(line);
  });
  return { source: output.join("\n") + "\n", counts };
}

const stripMarkers = (text: string) => text.replace(/(?<=\p{L}\.)\d+/gu, "");

describe("importing damaged text of another kind", () => {
  const damaged = damageDocument(original, 50, 12);
  const result = importText(damaged.source, { dictionary });

  it("is really damaged: glyphs, hyphens at line and page ends, compounds at line ends, page furniture", () => {
    expect(damaged.counts.lineBreak).toBeGreaterThan(3);
    expect(damaged.counts.pageBreak).toBeGreaterThan(0);
    expect(damaged.counts.keptCompound).toBeGreaterThan(0);
    expect(damaged.counts.joinedAcrossPages).toBeGreaterThan(0);
    expect(damaged.source).toMatch(/— 2 —\n\nCareful Reading/u);
  });

  it("restores every block exactly", () => {
    expect(result.document.blocks.map(({ kind, text }) => ({ kind, text }))).toEqual(
      original.map(({ kind, text }) => ({ kind, text: stripMarkers(text) })),
    );
    expect(result.document.title).toBe("The Craft of Careful Reading");
    expect(result.document.author).toBe("Ada Fairweather");
  });

  it("reports exactly the repairs that were needed", () => {
    const damagedText = original.map((block) => corrupt(block.text)).join(" ");
    const expectedLigatures = damage
      .map(([, glyph, letters]) => ({
        glyph,
        replacement: letters,
        count: damagedText.split(glyph).length - 1,
      }))
      .sort((a, b) => b.count - a.count);
    expect([...result.report.ligatures].sort((a, b) => b.count - a.count)).toEqual(expectedLigatures);
    expect(result.report.dehyphenated).toEqual({
      lineBreak: damaged.counts.lineBreak,
      pageBreak: damaged.counts.pageBreak,
      keptCompound: damaged.counts.keptCompound,
    });
    expect(result.report.pageArtefactsRemoved).toBe(damaged.counts.artefacts);
    expect(result.report.paragraphsJoinedAcrossPages).toBe(damaged.counts.joinedAcrossPages);
    expect(result.report.footnoteMarkersSeparated).toBe(2);
    expect(result.report.unresolved).toEqual([]);
  });

  it("keeps real punctuation, numbers and footnote offsets", () => {
    const texts = result.document.blocks.map((block) => block.text).join("\n");
    expect(texts).toContain("what a sentence actually commits us to! Is that so “difficult” to ask?");
    expect(texts).toContain("In 1968 a well-known study");
    expect(texts).toContain("the 1970s were no better, and page 12 of the same report");
    const fine = result.document.blocks.find((block) => block.text.startsWith("Fine print deserves"));
    const after = "past the first page.";
    expect(fine?.footnotes).toEqual([
      { marker: "1", offset: (fine?.text.indexOf(after) ?? 0) + after.length },
    ]);
  });
});

describe("a paragraph boundary hidden by a page break", () => {
  it("is reported, not guessed silently, when the last line before the break is full", () => {
    // At 58 columns and 12 lines a page ends exactly on "They rarely do.2", a full line.
    const result = importText(damageDocument(original, 58, 12).source, { dictionary });
    expect(result.report.unresolved).toEqual([
      expect.objectContaining({ reason: "paragraph may end at this page break; kept as one paragraph" }),
    ]);
  });
});
