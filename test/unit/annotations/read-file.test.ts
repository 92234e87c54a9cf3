// Reading imported files: another tool's JSON-LD written with full IRIs or its own prefixes reads the same as the
// official terms (compaction against the local context); Hypothesis rows; what is refused, and why.
import { describe, expect, it } from "vitest";
import { readAnnotationFile } from "../../../server/domain/annotations/read-file.ts";

const oa = "http://www.w3.org/ns/oa#";

describe("readAnnotationFile", () => {
  it("reads an annotation written with full IRIs and another prefix like one in the official terms", async () => {
    const expandedStyle = [
      {
        "@context": {
          o: oa,
          dcterms: "http://purl.org/dc/terms/",
          rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        },
        "@id": "https://tool.example/a/1",
        "@type": "o:Annotation",
        "o:motivatedBy": { "@id": "o:commenting" },
        "o:hasBody": [
          { "@type": "o:TextualBody", "rdf:value": "A comment" },
          { "@type": "o:TextualBody", "rdf:value": "tagged", "o:hasPurpose": { "@id": "o:tagging" } },
        ],
        "o:hasTarget": {
          "o:hasSource": { "@id": "https://tool.example/text" },
          "o:hasSelector": [
            { "@type": "o:TextQuoteSelector", "o:exact": "a passage", "o:prefix": "before " },
            { "@type": "o:TextPositionSelector", "o:start": 3, "o:end": 12 },
          ],
        },
        "dcterms:created": "2026-03-04T05:06:07Z",
      },
      {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        id: "https://tool.example/a/2",
        type: "Annotation",
        motivation: "replying",
        bodyValue: "An answer",
        target: "https://tool.example/a/1",
      },
    ];
    const reading = await readAnnotationFile(JSON.stringify(expandedStyle));
    expect(reading.format).toBe("w3c");
    expect(reading.skipped).toEqual([]);
    expect(reading.annotations).toMatchObject([
      {
        key: "https://tool.example/a/1",
        parentKey: null,
        body: "A comment",
        tags: ["tagged"],
        quote: { exact: "a passage", prefix: "before ", position: { start: 3, end: 12 } },
        created: "2026-03-04T05:06:07Z",
        label: "annotation 1 (“a passage”; id https://tool.example/a/1)",
      },
      {
        key: "https://tool.example/a/2",
        parentKey: "https://tool.example/a/1",
        body: "An answer",
        quote: null,
      },
    ]);
  });

  it("keys an annotation without an id by its content, the same every time", async () => {
    const file = JSON.stringify({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      bodyValue: "No id",
      target: { source: "x:y", selector: { type: "TextQuoteSelector", exact: "words" } },
    });
    const [a] = (await readAnnotationFile(file)).annotations;
    const [b] = (await readAnnotationFile(file)).annotations;
    expect(a!.key).toMatch(/^sha256:[0-9a-f]{64}$/u);
    expect(b!.key).toBe(a!.key);
  });

  it("marks a private note as not to be imported", async () => {
    const reading = await readAnnotationFile(
      JSON.stringify({
        "@context": ["http://www.w3.org/ns/anno.jsonld", { scholia: "https://scholia.invalid/ns#" }],
        id: "https://x.example/export#note-b1",
        type: "Annotation",
        bodyValue: "mine",
        target: { source: "x:y", selector: { type: "TextQuoteSelector", exact: "words" } },
        "scholia:visibility": "private",
      }),
    );
    expect(reading.annotations[0]!.unsupported).toMatch(/private note/u);
  });

  it("skips a W3C annotation of the wrong shape, naming it and the field", async () => {
    const reading = await readAnnotationFile(
      JSON.stringify({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        id: "https://tool.example/bad",
        type: "Annotation",
        target: { selector: { type: "TextPositionSelector", start: "minus one" } },
      }),
    );
    expect(reading.skipped).toEqual([
      {
        source: "annotation 1 (id https://tool.example/bad)",
        reason: expect.stringMatching(/^https:\/\/tool\.example\/bad\.target/u),
      },
    ]);
  });

  it("reads a Hypothesis export under `annotations`, replies by their references", async () => {
    const reading = await readAnnotationFile(
      JSON.stringify({
        export_date: "2026-01-01",
        annotations: [
          {
            id: "a",
            text: "top",
            user: "acct:zoe@hypothes.is",
            target: [{ selector: [{ type: "TextQuoteSelector", exact: "q" }] }],
          },
          { id: "b", text: "reply", user: "acct:zoe@hypothes.is", references: ["a"] },
        ],
      }),
    );
    expect(reading.format).toBe("hypothesis");
    expect(reading.annotations).toMatchObject([
      { key: "hypothesis:a", parentKey: null, author: { name: "zoe", email: null }, quote: { exact: "q" } },
      { key: "hypothesis:b", parentKey: "hypothesis:a", quote: null },
    ]);
  });

  it("refuses more annotations than the limit, and files of neither format", async () => {
    await expect(readAnnotationFile(JSON.stringify(Array(2_001).fill({ text: "x" })))).rejects.toThrow(
      /holds 2,001 annotations; at most 2,000 are imported at once: split it/u,
    );
    await expect(readAnnotationFile('"just a string"')).rejects.toThrow(/neither W3C Web Annotations/u);
  });

  it("says a file is empty, and names items that are not annotation objects by their place", async () => {
    await expect(readAnnotationFile("  \n")).rejects.toThrow(/The file is empty/u);
    const reading = await readAnnotationFile(JSON.stringify([1, "two", null, [], { text: "ok" }]));
    expect(reading.skipped.map((item) => item.reason)).toEqual([
      "annotation 1 is a number, not an annotation object",
      "annotation 2 is a string, not an annotation object",
      "annotation 3 is nothing (null), not an annotation object",
      "annotation 4 is a list, not an annotation object",
    ]);
    expect(reading.annotations.map((a) => a.label)).toEqual(["annotation 5 (“ok”)"]);
  });
});
