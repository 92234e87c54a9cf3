// Pages set in two columns, as pdftotext -layout prints them row by row, read column by column.
import { describe, expect, it } from "vitest";
import { readColumns } from "../../../server/domain/import/columns.ts";
import { createDictionary } from "../../../server/domain/import/dictionary.ts";
import { importText } from "../../../server/domain/import/import-text.ts";
import { splitLines } from "../../../server/domain/import/lines.ts";

const dictionary = createDictionary(["gathered", "apparatus"]);

const page = [
  "The Lens",
  "",
  "1876                             by a single lamp at the",
  "                                 centre of a great array",
  "The introduction of a new        of prisms, which gath-",
  "lens changed the keeper’s        ered its light and threw",
  "work more than any event         it out in a beam that",
  "since the first lighting.        could be seen far out.",
  "The old lamps and re-                The new apparatus was",
  "flectors had been replaced       more delicate.",
  "",
  "The light was automated in the spring of 1983, and the last keepers came ashore.",
].join("\n");

describe("two columns side by side", () => {
  it("are read left column first, then right, each part measured from its column's edge", () => {
    const lines = readColumns(splitLines(page)).map((line) => `${line.indent}|${line.text}`);
    expect(lines).toEqual([
      "0|The Lens",
      "0|",
      "0|1876",
      "0|",
      "0|The introduction of a new",
      "0|lens changed the keeper’s",
      "0|work more than any event",
      "0|since the first lighting.",
      "0|The old lamps and re-",
      "0|flectors had been replaced",
      "0|by a single lamp at the",
      "0|centre of a great array",
      "0|of prisms, which gath-",
      "0|ered its light and threw",
      "0|it out in a beam that",
      "0|could be seen far out.",
      "4|The new apparatus was",
      "0|more delicate.",
      "0|",
      "0|The light was automated in the spring of 1983, and the last keepers came ashore.",
    ]);
  });

  it("come back as the text they hold, words cut at a column's foot rejoined", () => {
    const blocks = importText(page, { dictionary, format: "text" }).document.blocks.map(
      (block) => block.text,
    );
    expect(blocks.slice(0, 2)).toEqual(["The Lens", "1876"]);
    expect(blocks[2]).toMatch(
      /^The introduction of a new lens changed the keeper’s work more than any event since the first lighting\. The old lamps and reflectors had been replaced by a single lamp at the centre of a great array of prisms, which gathered its light and threw it out in a beam that could be seen far out\./u,
    );
    expect(blocks.at(-1)).toBe(
      "The light was automated in the spring of 1983, and the last keepers came ashore.",
    );
  });

  it("leave single-column text and double spaces after sentences alone", () => {
    const text = [
      "The keepers kept a journal.  It was long, and they",
      "wrote in it every night.  Nobody read it, and the",
      "journal stayed on its shelf.  It is there still, and",
      "the pages are yellow.  The ink has faded to brown.",
    ].join("\n");
    expect(readColumns(splitLines(text))).toEqual(splitLines(text));
  });

  it("read a region of 250,000 rows without overflowing the stack", () => {
    const rows = Array.from({ length: 250_000 }, () => "the left column  the right one").join("\n");
    expect(readColumns(splitLines(rows))).toHaveLength(500_000);
  });
});
