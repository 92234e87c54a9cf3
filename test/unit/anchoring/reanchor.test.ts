// Re-anchoring threads across real edit kinds, on versions built by the real importer so anchor ids are real.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteSelection } from "../../../shared/anchoring/quote-context.ts";
import type { Anchor } from "../../../shared/room-doc.ts";
import { prepareReanchor } from "../../../server/domain/anchoring/reanchor.ts";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";

const dictionary = createDictionary([]);
const version = (source: string) => importText(source, { dictionary, format: "markdown" }).document.blocks;
type Blocks = ReturnType<typeof version>;

/** The one block whose text contains `words`. */
function blockWith(blocks: Blocks, words: string) {
  const found = blocks.filter((block) => block.text.includes(words));
  expect(found, words).toHaveLength(1);
  return found[0]!;
}

/** A passage anchor on `quote` (its only occurrence) in `block`, as the reader makes them. */
function passageIn(block: Blocks[number], quote: string): Anchor {
  const start = block.text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(block.text.indexOf(quote, start + 1)).toBe(-1);
  return { blockId: block.anchorId, ...quoteSelection(block.text, start, start + quote.length) };
}

/** A passage anchor on `quote` in the one block holding it. */
const passage = (blocks: Blocks, quote: string) => passageIn(blockWith(blocks, quote), quote);

const paragraph = (blocks: Blocks, words: string): Anchor => ({ blockId: blockWith(blocks, words).anchorId });

/** The re-anchoring expected when an anchor moved to the new block holding `words`, with these anchor fields. */
const movedTo = (next: Blocks, words: string, fields: Partial<Anchor> = {}) => ({
  status: "moved",
  anchor: { blockId: blockWith(next, words).anchorId, ...fields },
});

/** Re-anchors `anchor` from `before` to `after`, both Markdown sources. */
function move(before: string, after: string, anchor: (blocks: Blocks) => Anchor) {
  const old = version(before);
  const next = version(after);
  return { result: prepareReanchor(old, next).reanchor(anchor(old)), next };
}

const intro = "# A report\n\n## Findings\n\n";
const river =
  "Rain fell all through the night over the valley. The river rose above its banks by the morning, and the lower fields flooded.";

describe("reanchor on real edit kinds", () => {
  it("a typo fixed inside a quoted passage: moved to the corrected words, with the new quote and context", () => {
    const { result, next } = move(
      `${intro}The comittee met on Monday and agreed to postpone the vote until spring.\n`,
      `${intro}The committee met on Monday and agreed to postpone the vote until spring.\n`,
      (old) => passage(old, "comittee met on Monday"),
    );
    expect(result).toMatchObject(
      movedTo(next, "committee", {
        start: 4,
        end: 27,
        exact: "committee met on Monday",
        prefix: "The ",
        suffix: " and agreed to postpone the vote",
      }),
    );
    expect(result.score).toBeGreaterThan(0.9);
    expect(result.score).toBeLessThan(1);
  });

  it("a sentence inserted before a quote: the passage moves by the sentence's length", () => {
    const { result, next } = move(
      `${intro}${river}\n`,
      `${intro}${river.replace("valley. ", "valley. Nobody in the village slept. ")}\n`,
      (old) => passage(old, "The river rose above its banks"),
    );
    expect(result).toMatchObject(movedTo(next, "Nobody", { start: 78, end: 108 }));
    expect(result.anchor.exact).toBe("The river rose above its banks");
    expect(result.anchor.prefix).toBe("y. Nobody in the village slept. ");
  });

  describe("a paragraph split in two", () => {
    const long =
      "The archive holds letters from three centuries, sorted by sender and year, with an index of places that the first curator compiled by hand over a decade.";
    const short = "Most of them are still unread by anyone today.";
    const before = `${intro}${long} ${short}\n`;
    const after = `${intro}${long}\n\n${short}\n`;

    it("keeps a paragraph thread on the part holding most of its text, and says it was split", () => {
      const { result, next } = move(before, after, (old) => paragraph(old, "archive"));
      expect(result).toMatchObject({ ...movedTo(next, "archive"), split: true });
      expect(result.anchor.start).toBeUndefined();
    });

    it("carries a passage thread to the part its words went to", () => {
      const { result, next } = move(before, after, (old) => passage(old, "still unread by anyone"));
      expect(result).toMatchObject(movedTo(next, "Most of them", { start: 17, end: 39 }));
      expect(result.split).toBeUndefined();
    });
  });

  it("a new paragraph repeating a sentence of an edited one is no split of it", () => {
    const edited =
      "The archive holds letters from three centuries. They are sorted by sender and year, with an index of places.";
    const { result, next } = move(
      `${intro}${edited}\n`,
      `${intro}${edited.replace("three", "four")}\n\nAs the guide says: the archive holds letters from three centuries.\n`,
      (old) => paragraph(old, "archive"),
    );
    expect(result).toEqual({ ...movedTo(next, "sorted by sender"), score: expect.any(Number) });
  });

  describe("two paragraphs merged into one", () => {
    const first = "The bridge was built in 1820 from local stone and oak.";
    const second = "It was widened twice, once for carts and once for the railway.";
    const before = `${intro}${first}\n\n${second}\n`;
    const after = `${intro}${first} ${second}\n`;

    it("brings the paragraph threads of both to the merged paragraph", () => {
      for (const words of ["bridge", "widened"]) {
        const { result, next } = move(before, after, (old) => paragraph(old, words));
        expect(result, words).toMatchObject(movedTo(next, "bridge"));
        expect(result.anchor.start).toBeUndefined();
      }
    });

    it("locates a passage of the second paragraph inside the merged one", () => {
      const { result, next } = move(before, after, (old) => passage(old, "once for the railway"));
      expect(result).toMatchObject(movedTo(next, "bridge", { start: 96, end: 116 }));
    });
  });

  describe("a paragraph moved to another section", () => {
    const moved = "Sheep graze on the upper slopes from May until the first snow.";
    const other = "The mill closed in 1950.";
    const before = `${intro}${moved}\n\n${other}\n\n## Later\n\nThe school opened in 1962.\n`;

    it("keeps its threads as they were when its text is the same", () => {
      const { result } = move(
        before,
        `${intro}${other}\n\n## Later\n\nThe school opened in 1962.\n\n${moved}\n`,
        (old) => passage(old, "upper slopes"),
      );
      const old = version(before);
      expect(result).toEqual({ status: "unchanged", anchor: passage(old, "upper slopes") });
      expect(result.anchor.start).toBe(19);
    });

    it("finds the passage in it when it was also edited on the way", () => {
      const { result, next } = move(
        before,
        `${intro}${other}\n\n## Later\n\nThe school opened in 1962.\n\n${moved.replace("Sheep", "Goats and sheep")}\n`,
        (old) => passage(old, "upper slopes"),
      );
      expect(result).toMatchObject(movedTo(next, "Goats", { start: 29, end: 41, exact: "upper slopes" }));
    });
  });

  describe("two look-alike paragraphs, one rewritten beyond recognition", () => {
    const twin = (day: string, season: string) =>
      `The committee met on ${day} and agreed to postpone the vote on the new harbour until the ${season} session.`;
    const rewritten = "Fishing quotas were the only topic anyone raised, and nobody wanted a decision yet.";
    const cases = {
      "the other kept as it was": twin("Tuesday", "autumn"),
      "the other edited too": twin("Tuesday", "autumn").replace("committee", "council"),
    };

    for (const [name, survivor] of Object.entries(cases)) {
      it(`detaches the rewritten one's threads, never moving them to the other (${name})`, () => {
        const before = `${intro}${twin("Monday", "spring")}\n\nA short note between them.\n\n${twin("Tuesday", "autumn")}\n`;
        const after = `${intro}${rewritten}\n\nA short note between them.\n\n${survivor}\n`;
        const old = version(before);
        const reanchorer = prepareReanchor(old, version(after));
        const onMonday = blockWith(old, "Monday");
        for (const anchor of [
          passageIn(onMonday, "Monday and agreed to postpone"),
          passageIn(onMonday, "agreed to postpone the vote on the new harbour"),
          { blockId: onMonday.anchorId },
        ])
          expect(reanchorer.reanchor(anchor)).toEqual({ status: "detached", anchor });
      });
    }
  });

  it("two identical paragraphs, the first rewritten: its threads detach though the survivor now has its id", () => {
    const copy = "Members are asked to vote by show of hands at the end of each meeting.";
    const before = `${intro}Opening.\n\n${copy}\n\nMiddle part.\n\n${copy}\n\nClosing.\n`;
    const after = `${intro}Opening.\n\n${"Fishing quotas were the only topic anyone raised that year."}\n\nMiddle part.\n\n${copy}\n\nClosing.\n`;
    const old = version(before);
    const next = version(after);
    const [first, second] = old.filter((block) => block.text === copy);
    const survivor = blockWith(next, "show of hands");
    expect(survivor.anchorId).toBe(first!.anchorId);
    const reanchorer = prepareReanchor(old, next);
    for (const anchor of [passageIn(first!, "show of hands"), { blockId: first!.anchorId }])
      expect(reanchorer.reanchor(anchor)).toEqual({ status: "detached", anchor });
    const onSecond = passageIn(second!, "show of hands");
    // The same words in the same place: only the copy's number changed.
    expect(reanchorer.reanchor(onSecond)).toEqual({
      status: "unchanged",
      anchor: { ...onSecond, blockId: survivor.anchorId },
    });
  });

  it("many identical copies between identical neighbours, one removed early: the others' threads stay on their copy", () => {
    const copy = "The chorus comes back here, word for word, as it does after every verse.";
    // The verses repeat too, so no copy has a neighbour of its own to be told apart by: only their order tells.
    const verses = Array.from({ length: 12 }, () => "A verse the singers know by heart.");
    const song = (skip: number) =>
      `${intro}${verses.flatMap((verse, i) => (i === skip ? [verse] : [verse, copy])).join("\n\n")}\n`;
    const old = version(song(-1));
    const next = version(song(2));
    const reanchorer = prepareReanchor(old, next);
    const copiesBefore = old.filter((block) => block.text === copy);
    const copiesAfter = next.filter((block) => block.text === copy);
    expect(copiesAfter).toHaveLength(copiesBefore.length - 1);
    for (const [i, block] of copiesBefore.entries()) {
      const anchor = passageIn(block, "word for word");
      const result = reanchorer.reanchor(anchor);
      if (i === 2) expect(result).toEqual({ status: "detached", anchor });
      else {
        const after = copiesAfter[i < 2 ? i : i - 1]!;
        expect(result).toEqual({ status: "unchanged", anchor: { ...anchor, blockId: after.anchorId } });
      }
    }
  });

  it("a sentence moved to another paragraph: found there when its context came along, else detached", () => {
    const moving =
      "Every spring the ferry timetable changes twice, first for the Easter crowds and then again for summer.";
    const first =
      "The island has one harbour and two roads, a chapel on the hill, a school for twelve children and a shop that opens when the owner is not out fishing.";
    const second = "Visitors arrive mostly by boat from the mainland.";
    const before = `${intro}${first} ${moving}\n\n${second}\n`;
    const after = `${intro}${first}\n\n${second} ${moving} Tickets are sold on board.\n`;
    const old = version(before);
    const next = version(after);
    const reanchorer = prepareReanchor(old, next);
    const inside = reanchorer.reanchor(passage(old, "changes twice, first for the Easter"));
    expect(inside).toMatchObject(movedTo(next, "Visitors", { start: 83, end: 118 }));
    expect(inside.score).toBeGreaterThanOrEqual(0.85);
    // The whole sentence: text before and after it both changed, too little to carry it across paragraphs.
    const whole = passage(old, moving);
    expect(reanchorer.reanchor(whole)).toEqual({ status: "detached", anchor: whole });
  });

  it("a sentence moved out of a deleted paragraph, when another paragraph kept the same words: detached", () => {
    const refrain =
      "Every spring the ferry timetable changes twice, first for the Easter crowds and then for summer.";
    const lead =
      "The island has one harbour and two roads and a chapel on the hill above the bay. Its school teaches twelve " +
      "children in one room, its shop opens when the owner is not out fishing, and its doctor comes on Tuesdays. " +
      "Most houses face away from the wind, and every garden wall is built of the grey stone of the shore.";
    const kept = `The harbour master repeats it each year: ${refrain}`;
    const other = "Visitors arrive mostly by boat from the mainland.";
    const before = `${intro}${lead} ${refrain}\n\n${kept}\n\n${other}\n`;
    const after = `${intro}${kept}\n\n${other} ${refrain} Tickets are sold on board.\n`;
    const old = version(before);
    const next = version(after);
    const reanchorer = prepareReanchor(old, next);
    // The paragraph is gone; its sentence is in a new one, but the kept paragraph has it too: taking either is a guess.
    const anchor = passageIn(blockWith(old, "one harbour"), "changes twice, first for the Easter crowds");
    expect(reanchorer.reanchor(anchor)).toEqual({ status: "detached", anchor });
  });

  it("a quoted sentence deleted: the passage thread detaches, the paragraph thread follows the paragraph", () => {
    const before = `${intro}${river} Three houses lost their roofs.\n`;
    const after = `${intro}${river.replace(" The river rose above its banks by the morning, and the lower fields flooded.", "")} Three houses lost their roofs.\n`;
    const old = version(before);
    const next = version(after);
    const reanchorer = prepareReanchor(old, next);
    const anchor = passage(old, "The river rose above its banks by the morning");
    expect(reanchorer.reanchor(anchor)).toEqual({ status: "detached", anchor });
    expect(reanchorer.reanchor(paragraph(old, "Rain"))).toMatchObject(movedTo(next, "Rain"));
  });

  it("whitespace and punctuation normalized: the passage moves to the same words, offsets in the new text", () => {
    const { result, next } = move(
      `${intro}They agreed\u00a0-- after "some" debate -- to wait... for now.\n`,
      `${intro}They agreed \u2014 after \u201csome\u201d debate \u2014 to wait\u2026 for now.\n`,
      (old) => passage(old, 'after "some" debate -- to wait... for'),
    );
    expect(result).toMatchObject(
      movedTo(next, "They", {
        start: 14,
        end: 48,
        exact: "after \u201csome\u201d debate \u2014 to wait\u2026 for",
      }),
    );
  });

  it("a non-breaking space made plain keeps the block id; the passage stays at the same offsets", () => {
    const { result, next } = move(
      `${intro}They agreed\u00a0to wait for the spring.\n`,
      `${intro}They agreed to wait for the spring.\n`,
      (old) => passage(old, "to wait for the spring"),
    );
    const old = version(`${intro}They agreed\u00a0to wait for the spring.\n`);
    expect(blockWith(next, "They").anchorId).toBe(blockWith(old, "They").anchorId);
    expect(result).toEqual({ status: "unchanged", anchor: passage(next, "to wait for the spring") });
    expect(result.anchor.prefix).toBe("They agreed ");
  });

  it("Unicode: NFD input and an emoji put before the quote; offsets count the emoji's two code units", () => {
    const { result, next } = move(
      `${intro}${"Le caf\u00e9 est ouvert. Nous buvons un th\u00e9 \u00e0 la menthe.".normalize("NFD")}\n`,
      `${intro}\u{1f375} Le caf\u00e9 est ouvert. Nous buvons un th\u00e9 \u00e0 la menthe fra\u00eeche.\n`.normalize(
        "NFD",
      ),
      (old) => passage(old, "Nous buvons un th\u00e9 \u00e0 la menthe"),
    );
    expect(result).toMatchObject(
      movedTo(next, "Le caf", { start: 23, end: 53, exact: "Nous buvons un th\u00e9 \u00e0 la menthe" }),
    );
  });
});

/** Words of a few letters from one alphabet; two alphabets give texts with no word in common. */
const wordsOf = (letters: string, min: number, max: number) =>
  fc.array(fc.stringMatching(new RegExp(`^[${letters}]{3,7}$`)), { minLength: min, maxLength: max });
const sentence = (words: readonly string[]) => `${words.join(" ")}.`;

describe("reanchor in a paragraph too long to search whole for each thread", () => {
  // About 120,000 characters in one paragraph: an import may make a whole book one block.
  const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`).join(" ");
  const before = `${intro}${words}.\n`;
  const after = `${intro}${words.replace("w1x w2x", "w1x new words w2x").replace("w2s2x", "w2s2xyz")}.\n`;
  const old = version(before);
  const next = version(after);
  const reanchorer = prepareReanchor(old, next);
  const paragraphOf = (blocks: Blocks) => blocks.find((block) => block.text.length > 100_000)!;

  it("keeps a passage before the first edit where it was and shifts one after the last by the net change", () => {
    const oldText = paragraphOf(old).text;
    const newText = paragraphOf(next).text;
    expect(newText.length - oldText.length).toBe(10 + 2);
    for (const quote of ["w0x w1x", "w3e7x w3e8x w3e9x"]) {
      const result = reanchorer.reanchor(passageIn(paragraphOf(old), quote));
      const start = newText.indexOf(quote);
      expect(result, quote).toMatchObject({
        status: "moved",
        anchor: { blockId: paragraphOf(next).anchorId, start, end: start + quote.length, exact: quote },
        score: 1,
      });
    }
  });

  it("finds a passage edited between the two edits in a window around its old place", () => {
    const result = reanchorer.reanchor(passageIn(paragraphOf(old), "w2rzx w2s0x w2s1x w2s2x w2s3x w2s4x"));
    const start = paragraphOf(next).text.indexOf("w2rzx w2s0x w2s1x w2s2xyz w2s3x w2s4x");
    expect(result).toMatchObject({
      status: "moved",
      anchor: { start, end: start + "w2rzx w2s0x w2s1x w2s2xyz w2s3x w2s4x".length },
    });
    expect(result.score).toBeLessThan(1);
  });
});

describe("reanchor properties", () => {
  it("an unchanged block keeps every anchor, whatever else was edited", () => {
    fc.assert(
      fc.property(
        wordsOf("a-m", 4, 20),
        wordsOf("a-m", 4, 20),
        wordsOf("n-z", 4, 20),
        fc.nat(),
        fc.nat(),
        (kept, edited, replacement, from, length) => {
          const old = version(`${intro}${sentence(kept)}\n\n${sentence(edited)}\n`);
          const next = version(`${intro}${sentence(replacement)}\n\n${sentence(kept)}\n`);
          const block = blockWith(old, sentence(kept));
          const start = from % block.text.length;
          const end = start + 1 + (length % (block.text.length - start));
          const reanchorer = prepareReanchor(old, next);
          for (const anchor of [
            { blockId: block.anchorId, ...quoteSelection(block.text, start, end) },
            { blockId: block.anchorId },
          ])
            expect(reanchorer.reanchor(anchor)).toEqual({ status: "unchanged", anchor });
        },
      ),
    );
  });

  it("a unique exact quote in an edited block is found at its exact offsets", () => {
    fc.assert(
      fc.property(
        wordsOf("a-m", 6, 14),
        wordsOf("a-m", 3, 5),
        wordsOf("a-m", 6, 14),
        wordsOf("n-z", 1, 2),
        wordsOf("n-z", 0, 2),
        (head, quoted, tail, insertBefore, insertAfter) => {
          const quote = quoted.join(" ");
          const oldText = sentence([...head, ...quoted, ...tail]);
          const newText = sentence([...head, ...insertBefore, ...quoted, ...insertAfter, ...tail]);
          fc.pre(oldText.indexOf(quote) === oldText.lastIndexOf(quote));
          fc.pre(newText.indexOf(quote) === newText.lastIndexOf(quote));
          const old = version(`${intro}${oldText}\n`);
          const next = version(`${intro}${newText}\n`);
          const result = prepareReanchor(old, next).reanchor(passage(old, quote));
          const start = newText.indexOf(quote);
          expect(result).toMatchObject(
            movedTo(next, newText, { start, end: start + quote.length, exact: quote }),
          );
        },
      ),
    );
  });

  it("an anchor whose words were replaced by unrelated ones detaches, never moving to its look-alike", () => {
    fc.assert(
      fc.property(
        wordsOf("a-m", 8, 16),
        fc.nat(),
        fc.nat(),
        wordsOf("n-z", 8, 16),
        fc.boolean(),
        (words, from, length, unrelated, editTwin) => {
          const start = from % (words.length - 3);
          const quote = words.slice(start, start + 3 + (length % (words.length - start - 2))).join(" ");
          const lookAlike = [...words.slice(0, -1), "zzzz"];
          const survivor = editTwin ? ["qqqq", ...lookAlike] : lookAlike;
          const old = version(`${intro}${sentence(words)}\n\n## Elsewhere\n\n${sentence(lookAlike)}\n`);
          const next = version(`${intro}${sentence(unrelated)}\n\n## Elsewhere\n\n${sentence(survivor)}\n`);
          const block = blockWith(old, sentence(words));
          const reanchorer = prepareReanchor(old, next);
          for (const anchor of [
            {
              blockId: block.anchorId,
              ...quoteSelection(
                block.text,
                block.text.indexOf(quote),
                block.text.indexOf(quote) + quote.length,
              ),
            },
            { blockId: block.anchorId },
          ])
            expect(reanchorer.reanchor(anchor)).toEqual({ status: "detached", anchor });
        },
      ),
    );
  });
});
