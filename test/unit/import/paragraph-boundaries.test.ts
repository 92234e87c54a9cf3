// Paragraph and heading boundaries where pdftotext's default mode leaves few blank lines or joins lines into one.
import { describe, expect, it } from "vitest";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";

const dictionary = createDictionary([]);
const blocksOf = (text: string) =>
  importText(text, { dictionary, format: "text" }).document.blocks.map(
    ({ kind, text }) => `${kind}: ${text}`,
  );

/** Lines of prose about 55 characters long, none ending a sentence. */
const running = [
  "the ferry carried passengers across the wide estuary",
  "between the two small towns that face each other over",
  "the grey water, and for most of that long time it was",
];
const para = (first: string, last: string) => [first, ...running, last];
const joined = (lines: string[]) => lines.join(" ");

describe("paragraphs and headings with blank lines only around sections", () => {
  it("splits headings from their first paragraph and paragraphs at short sentence ends", () => {
    const first = para("For almost two centuries a ferry carried all the", "the only way across.");
    const second = para("The first boats were open boats worked by two men,", "a goose cost more.");
    const third = para("Steam came to the ferry in the sixties, in the form", "it was transformed.");
    const fourth = para("The steamer also brought visitors on summer days and", "they went home late.");
    const fifth = para("The decline began with the motor car and the bridge", "it closed in October.");
    const sixth = para("It is easy to be sentimental about a ferry that has", "that face each other.");
    const text = [
      "The Last Ferry",
      "",
      "A Crossing of Ten Minutes",
      ...first,
      ...second,
      "",
      "Steam and the Daily Round",
      ...third,
      ...fourth,
      "",
      "Decline and Closure",
      ...fifth,
      "",
      "What the Ferry Made",
      ...sixth,
    ].join("\n");
    expect(blocksOf(text)).toEqual([
      "title: The Last Ferry",
      "heading: A Crossing of Ten Minutes",
      `paragraph: ${joined(first)}`,
      `paragraph: ${joined(second)}`,
      "heading: Steam and the Daily Round",
      `paragraph: ${joined(third)}`,
      `paragraph: ${joined(fourth)}`,
      "heading: Decline and Closure",
      `paragraph: ${joined(fifth)}`,
      "heading: What the Ferry Made",
      `paragraph: ${joined(sixth)}`,
    ]);
  });

  it("split there at an indent too, after a full line, on pages", () => {
    const indented = (lines: string[]) => lines.map((line, index) => (index === 0 ? `   ${line}` : line));
    const first = para("For almost two centuries a ferry carried all the", "the only way across.");
    const second = para(
      "The first boats were open boats worked by two men,",
      "it came to an end in the year of the great flood.",
    );
    const third = para("Steam came to the ferry in the sixties, in the form", "it was transformed.");
    const fourth = para("The decline began with the motor car and the bridge", "it closed in October.");
    const text = [
      "The Last Ferry",
      "",
      "A Crossing",
      ...first,
      ...second,
      ...indented(third),
      "",
      "\fDecline and Closure",
      ...fourth,
      ...first,
      "",
      "What the Ferry Made",
      ...fourth,
      "",
      "The Bridge",
      ...fourth,
      "",
      "The Towns",
      ...fourth,
    ].join("\n");
    expect(blocksOf(text)).toEqual([
      "title: The Last Ferry",
      "heading: A Crossing",
      `paragraph: ${joined(first)}`,
      `paragraph: ${joined(second)}`,
      `paragraph: ${joined(third)}`,
      "heading: Decline and Closure",
      `paragraph: ${joined(fourth)}`,
      `paragraph: ${joined(first)}`,
      "heading: What the Ferry Made",
      `paragraph: ${joined(fourth)}`,
      "heading: The Bridge",
      `paragraph: ${joined(fourth)}`,
      "heading: The Towns",
      `paragraph: ${joined(fourth)}`,
    ]);
  });

  it("keeps a blank-separated text's paragraphs whole when no paragraph ends without a blank line", () => {
    const first = para("For almost two centuries a ferry carried all the", "Its bell rang.");
    const text = ["A Title", "", ...first, "", ...first, "", ...first].join("\n");
    expect(blocksOf(text)).toHaveLength(4);
  });
});

describe("paragraphs without blank lines", () => {
  it("take a short title-case line between two sentences as a heading, even after a full line", () => {
    const first = para(
      "For almost two centuries a ferry carried all the",
      "and it came to an end in the year of the great flood.",
    );
    const second = para("The decline began with the motor car and the new bridge", "it closed for good.");
    const text = ["The Ferry", "", ...first, "Decline and Closure", ...second].join("\n");
    expect(blocksOf(text)).toEqual([
      "title: The Ferry",
      `paragraph: ${joined(first)}`,
      "heading: Decline and Closure",
      `paragraph: ${joined(second)}`,
    ]);
  });

  it("end after a joined overlong line whose second part is short", () => {
    // pdftotext joined "… the cross-" and "ing took ten minutes." into one line.
    const first = [
      "Its crossing was a matter of minutes in fair weather,",
      ...running,
      "the only way to get from one town to the other; the crossing took ten minutes.",
    ];
    const second = para("Those who were aboard on the last evening remember", "and went home.");
    const opening = para("In the beginning there was only a rowing boat, and", "it was slow.");
    expect(blocksOf(["The Ferry", "", ...opening, ...first, ...second].join("\n"))).toEqual([
      "title: The Ferry",
      `paragraph: ${joined(opening)}`,
      `paragraph: ${joined(first)}`,
      `paragraph: ${joined(second)}`,
    ]);
  });

  it("go on past a blank line inside a sentence, and measure wide text by its own lines beside a narrow column", () => {
    const first = para("For almost two centuries a ferry carried all the", "a landmark, not a grave.");
    const second = para("The first keepers were two brothers from the mainland", "the night in public.");
    const column = [
      "A manual issued with",
      "the lens explained them",
      "in some detail, and the",
      "",
      "keepers were examined",
      "on it every spring by",
      "the inspector.",
      "The journals of these",
      "years are dominated by",
      "the lens and its care.",
    ];
    expect(blocksOf(["The Lens", "", ...first, ...second, "", ...column].join("\n"))).toEqual([
      "title: The Lens",
      `paragraph: ${joined(first)}`,
      `paragraph: ${joined(second)}`,
      `paragraph: ${joined(column.slice(0, 3))} ${joined(column.slice(4, 7))}`,
      `paragraph: ${joined(column.slice(7))}`,
    ]);
  });

  it("start after a paragraph that ends on a full line where the first line left room for the next word", () => {
    // The extractor dropped the first-line indent; only the room it took is left: "slightly" would have fitted.
    const first = [
      "For almost two centuries a ferry carried all the",
      ...running,
      "grey water across, and nobody thought of a bridge.",
    ];
    const second = [
      "Those who were aboard remember it as a sad",
      "slightly absurd occasion; the band played on the",
      ...running,
      "and went home.",
    ];
    // A sentence that opens a full line inside a paragraph: "journals" would not have fitted on it.
    const third = [
      "In the beginning there was only a rowing boat, and it",
      "was slow; the crossing took an hour in fair weather.",
      "The keepers were proud of it and said so in their",
      "journals, which were kept on the boat for the crews.",
      ...running,
      "it was slow.",
    ];
    expect(blocksOf(["The Ferry", "", ...third, ...first, ...second].join("\n"))).toEqual([
      "title: The Ferry",
      `paragraph: ${joined(third)}`,
      `paragraph: ${joined(first)}`,
      `paragraph: ${joined(second)}`,
    ]);
  });

  describe("where the extractor joined a sentence's first line to the next at a hyphen", () => {
    const opening = [
      "For almost two centuries a ferry carried all the",
      ...running,
      "grey water across, and nobody thought of a bridge.",
    ];
    const closing = [...running, "and went home."];

    it("start a paragraph when every place the cut can lie left room for the whole word it cut", () => {
      // "Those aboard remember it as a sad, absurd occa-" / "sion, and the band …": "occasion," would have fitted.
      const joinedFirst =
        "Those aboard remember it as a sad, absurd occasion, and the band played on the deck for an hour";
      const second = [joinedFirst, "while the crew tidied the ropes, and the passengers", ...closing];
      expect(blocksOf(["The Ferry", "", ...opening, ...second].join("\n"))).toEqual([
        "title: The Ferry",
        `paragraph: ${joined(opening)}`,
        `paragraph: ${joined(second)}`,
      ]);
    });

    it("go on where the cut word would not have fitted: a sentence that opens a full line", () => {
      // "The keepers were proud of it and said so in the jour-" / "nals, …" ran the full measure.
      const joinedLine =
        "The keepers were proud of it and said so in the journals, which were kept in the wheelhouse for the crew";
      const paragraph = [
        ...opening,
        joinedLine,
        "to read on quiet days, and the ferry carried them",
        ...closing,
      ];
      expect(blocksOf(["The Ferry", "", ...paragraph].join("\n"))).toEqual([
        "title: The Ferry",
        `paragraph: ${joined(paragraph)}`,
      ]);
    });

    it("go on where the second part ends its paragraph: its length does not place the cut", () => {
      // "The band played for hours, all together, and the pas-" / "sengers sang until it was dark.": a short second
      // part, so a cut placed by a full line's length would fall inside "together," and leave it room.
      const joinedLast =
        "The band played for hours, all together, and the passengers sang until it was dark.";
      const next = para("In the morning the boat was towed away to be broken", "it was gone.");
      const text = ["The Ferry", "", ...opening, joinedLast, ...next].join("\n");
      expect(blocksOf(text)).toEqual([
        "title: The Ferry",
        `paragraph: ${joined([...opening, joinedLast])}`,
        `paragraph: ${joined(next)}`,
      ]);
    });

    it("go on where the lines around are too ragged to show one measure, whatever room the cut left", () => {
      const ragged = [
        "The ferry carried passengers across the wide estuary",
        "between the two small towns that face",
        "each other over the grey water, and for most of",
        "that long time it was the only way",
        "across the wide water of the estuary in winter.",
        "It was slow and cold, and the crossing could take an hour in a gale, so",
        "that few made it for pleasure,",
        "and the crews were paid by the day and fed on",
        "the boat in all weathers.",
      ];
      expect(blocksOf(["The Ferry", "", ...ragged].join("\n"))).toEqual([
        "title: The Ferry",
        `paragraph: ${joined(ragged)}`,
      ]);
    });
  });

  it("start at a heading that opens a page, even after a full line", () => {
    const first = para(
      "For almost two centuries a ferry carried all the",
      "and it came to an end in the year of the great flood.",
    );
    const second = para("The decline began with the motor car and the new bridge", "it closed for good.");
    const text = ["The Ferry", "", ...first, "\fDecline and Closure", ...second].join("\n");
    expect(blocksOf(text)).toEqual([
      "title: The Ferry",
      `paragraph: ${joined(first)}`,
      "heading: Decline and Closure",
      `paragraph: ${joined(second)}`,
    ]);
  });
});

describe("a line broken after a footnote marker", () => {
  it("ends where the whole line would, so its short tail does not end the paragraph", () => {
    const first = para("For almost two centuries a ferry carried all the", "the only way across.");
    const second = [
      "The keeper rowed out with her father in the coble and",
      ...running,
      "who were all brought off.2",
      "The rescue made her famous.",
      "Newspapers printed her portrait; strangers wrote to",
      ...running,
      "her from all over the country.",
    ];
    expect(blocksOf(["The Ferry", "", ...first, ...second].join("\n"))).toEqual([
      "title: The Ferry",
      `paragraph: ${joined(first)}`,
      // The marker is taken out of the text onto the block's footnotes.
      `paragraph: ${joined(second).replace("off.2", "off.")}`,
    ]);
  });
});

describe("a line's last word set on a line of its own", () => {
  it("stays in the paragraph when the line after it goes on in lower case", () => {
    const first = para("For almost two centuries a ferry carried all the", "the only way across.");
    const second = [
      "The keeper rowed out with her father in the coble and",
      ...running,
      "the lamp was lit.",
      "The",
      "keepers, some of whom could barely read, were examined",
      ...running,
      "on the manual every spring.",
    ];
    expect(blocksOf(["The Ferry", "", ...first, ...second].join("\n"))).toEqual([
      "title: The Ferry",
      `paragraph: ${joined(first)}`,
      `paragraph: ${joined(second)}`,
    ]);
  });
});

describe("a page footer glued to the word cut at the page's end", () => {
  it("gives way to the hyphen it displaced, and the word is rejoined across the page break", () => {
    const text = [
      "The Ferry",
      "",
      ...para(
        "For almost two centuries a ferry carried all the",
        "the brood, a morning of foraging disrupted, and some1/3",
      ),
      "\ftimes the queen herself, crushed between two frames by",
      "a clumsy hand, and at the ratio of 1/3",
      "\fthe bees went on.",
    ].join("\n");
    const blocks = blocksOf(text);
    expect(blocks.join(" ")).toContain("disrupted, and sometimes the queen");
    expect(blocks.join(" ")).toContain("at the ratio of 1/3 the bees");
  });
});
