// Columns in pdftotext -layout output beyond the plain two-column page: a right column opening with a paragraph
// indent, three columns across, and side-by-side rows that are no columns (contents, glossaries).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readColumns } from "../../../server/domain/import/columns.ts";
import { splitLines } from "../../../server/domain/import/lines.ts";
import type { Line } from "../../../server/domain/import/lines.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";

/** Rows of side-by-side parts, each part padded to `width` characters as pdftotext -layout sets them. */
const rowsOf = (width: number, ...sides: string[][]) =>
  (sides[0] as string[]).map((_, row) =>
    sides
      .map((side) => side[row] ?? "")
      .map((part, index) => (index < sides.length - 1 ? part.padEnd(width) : part))
      .join("")
      .trimEnd(),
  );

const texts = (lines: readonly Line[]) => lines.filter((line) => line.text).map((line) => line.text);

const harbour = [
  "The harbour was quiet in the",
  "early morning, and the boats lay",
  "still against the wall while the",
  "gulls walked on the cobbles. No",
  "one was awake but the baker.",
];
const quay = [
  "    Down on the quay the nets",
  "were spread to dry, and an old",
  "man mended them with a wooden",
  "needle, slowly, as his father had",
  "done before him on the stones.",
];

describe("columns in a layout-preserving extraction", () => {
  it("are found when the right column's first row opens a paragraph with an indent", () => {
    const lines = readColumns(splitLines(rowsOf(36, harbour, quay).join("\n")));
    expect(texts(lines)).toEqual([...harbour, ...quay.map((line) => line.trim())]);
    expect(lines[harbour.length]?.indent).toBe(4);
  });

  it("keep the right column's first rows when the left column opens lower, but not a running head above", () => {
    const nets = [
      "and the nets were spread to dry",
      "on the quay. An old man mended",
      ...quay.slice(2),
      "He did not look up at the bell;",
      "he had heard it every morning.",
    ];
    const rows = rowsOf(36, ["", "", ...harbour], nets);
    const head = `${" ".repeat(60)}1899`;
    const lines = readColumns(splitLines([head, "", ...rows].join("\n")));
    expect(texts(lines)).toEqual(["1899", ...harbour, ...nets]);
  });

  it("keep the left column's last rows in it when the right column ends higher", () => {
    const longer = [...harbour, "Then the bell rang out over", "the water, and the town woke."];
    const rows = rowsOf(36, longer, quay);
    const after = "Below the columns the page runs across in one measure again, and it ends.";
    const lines = readColumns(splitLines([...rows, "", after].join("\n")));
    expect(texts(lines)).toEqual([...longer, ...quay.map((line) => line.trim()), after]);
  });

  it("take time in step with the text's length, also when many rows have wide gaps that lead nowhere", () => {
    const rows = Array.from({ length: 8000 }, (_, row) =>
      row % 7 === 0 ? `ab${" ".repeat(20 + (row % 41))}cd` : "short",
    );
    const lines = splitLines(rows.join("\n"));
    expect(readColumns(lines)).toEqual(lines);
  });

  it("end at the foot of their page, the next page's gutter standing elsewhere", () => {
    const first = rowsOf(36, harbour, quay);
    const bell = [
      "Then the bell rang out over the",
      "water, once and then again, and",
      "the town began to stir at last.",
      "Shutters opened along the quay",
      "and the baker sold his first loaf.",
    ];
    const next = rowsOf(40, bell, harbour);
    const lines = readColumns(splitLines([...first, `\f${next[0] as string}`, ...next.slice(1)].join("\n")));
    expect(texts(lines)).toEqual([...harbour, ...quay.map((line) => line.trim()), ...bell, ...harbour]);
  });

  it("are read one after another when three stand across the page", () => {
    const apples = [
      "Apples grow well",
      "on the southern",
      "slope where the",
      "frost lifts early.",
      "Pears need more",
    ];
    const plums = [
      "Plums are the",
      "first to ripen,",
      "and the wasps",
      "find them before",
      "the pickers do.",
    ];
    const quinces = [
      "Quinces are rare",
      "now; they are hard",
      "and sour until",
      "cooked, and few",
      "people use them.",
    ];
    const lines = readColumns(splitLines(rowsOf(22, apples, plums, quinces).join("\n")));
    expect(texts(lines)).toEqual([...apples, ...plums, ...quinces]);
  });

  it("are not a table of contents' titles and page numbers, nor a glossary's terms and meanings", () => {
    const contents = rowsOf(
      38,
      [
        "The Morning Office",
        "A Walk to the River",
        "The Miller and His Wife",
        "Evening in the Square",
        "The Night Watch",
      ],
      [" 1", "14", "27", "41", "73"],
    );
    const glossary = rowsOf(
      12,
      ["anchor", "block", "marker", "version", "reader"],
      [
        "a block's stable name in a text",
        "a paragraph, heading or quotation",
        "the number that points to a note",
        "one state of a text, kept for good",
        "anyone who opens the text to read",
      ],
    );
    for (const rows of [contents, glossary]) {
      const lines = splitLines(rows.join("\n"));
      expect(readColumns(lines)).toEqual(lines);
    }
  });

  it("come back block by block from a browser-printed two-column article over two pages", () => {
    const fixture = (name: string) => readFileSync(`test/fixtures/extractions/${name}`, "utf8");
    const source = fixture("upper-canal.html");
    const expected = [...source.matchAll(/<(h1|p class=by|h2|p)>([^<]*)</gu)].map((match) => match[2]);
    const imported = importText(fixture("upper-canal.layout.txt"), {
      dictionary: loadEnglishDictionary(),
      format: "text",
    });
    expect(imported.document.blocks.map((block) => block.text)).toEqual(expected);
  });
});
