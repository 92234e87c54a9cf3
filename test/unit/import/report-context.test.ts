// The import report puts repairs in context (before/after sentences) and each doubt in its sentence.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importText } from "../../../server/domain/import/import-text.ts";
import { loadEnglishDictionary } from "../../../server/domain/import/load-dictionary.ts";
import { sentenceAround } from "../../../server/domain/import/report-context.ts";

const dictionary = loadEnglishDictionary();

describe("sentenceAround", () => {
  it("takes the sentence around a token, collapsing line breaks, and cuts long ones with an ellipsis", () => {
    const text = "First one. The broken infor-\nmation here. Last.";
    expect(sentenceAround(text, text.indexOf("infor"), text.indexOf("here"))).toBe(
      "The broken infor- mation here.",
    );
    const long = `${"word ".repeat(60)}token ${"more ".repeat(60)}`;
    const around = sentenceAround(long, long.indexOf("token"), long.indexOf("token") + 5);
    expect(around.startsWith("…") && around.endsWith("…")).toBe(true);
    expect(around).toContain("token");
    expect(around.length).toBeLessThan(220);
  });
});

describe("the report's repairs in context", () => {
  it("shows glyph repairs and rejoined words of the essay before and after, and its doubts in their sentence", () => {
    const source = readFileSync(
      new URL("../../fixtures/communization-in-the-present-tense.txt", import.meta.url),
      "utf8",
    );
    const { report } = importText(source, { dictionary });
    const ligatures = report.examples?.filter((example) => example.repair === "ligature") ?? [];
    expect(ligatures.length).toBeGreaterThan(0);
    const top = report.ligatures[0]!;
    expect(ligatures[0]!.before).toContain(top.glyph);
    expect(ligatures[0]!.after).toContain(top.replacement);
    for (const entry of report.unresolved.filter((token) => token.sentence)) {
      expect(entry.sentence).toContain(entry.token);
    }
  });

  it("shows a word rejoined across a line break, and a footnote marker taken off its word", () => {
    const source = [
      "A Title",
      "",
      "The reading group met to discuss the infor-",
      "mation it had gathered over the winter months, and",
      "everyone agreed on the next steps of the plan.1 Then",
      "they went home.",
      "",
      "1 A note about the plan.",
      "",
    ].join("\n");
    const { report } = importText(source, { dictionary, format: "text" });
    expect(report.examples).toContainEqual({
      repair: "dehyphenation",
      before: expect.stringContaining("infor- mation"),
      after: expect.stringContaining("information"),
    });
    if (report.footnoteMarkersSeparated > 0) {
      expect(report.examples?.some((example) => example.repair === "footnoteMarker")).toBe(true);
    }
  });
});
