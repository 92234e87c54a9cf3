// The people list's rules: others only, one entry per person, leaders and the active first; initials, colours, places.
import { describe, expect, it } from "vitest";
import type { Block } from "../../../../shared/schemas/documents.ts";
import { buildPerson } from "../../testing/people.ts";
import { indexBlocks } from "../state/thread-view.ts";
import { colourOf, initialsOf, othersInRoom, placesOf, readersByBlock } from "./people-view.ts";

const me = buildPerson("u-me", "Me Myself");

describe("othersInRoom", () => {
  it("leaves this reader out and lists a person shown twice once, keeping the active entry", () => {
    const ana = buildPerson("u-ana", "Ana Lopes", { idle: true, blockId: "b1" });
    const anaAgain = buildPerson("u-ana", "Ana Lopes", { blockId: "b2" });
    const others = othersInRoom([me, ana, anaAgain], "u-me");
    expect(others).toEqual([anaAgain]);
  });

  it("puts leaders first, then the active, then the idle, each by name", () => {
    const people = [
      buildPerson("u-1", "Zoe", { idle: true }),
      buildPerson("u-2", "Bo"),
      buildPerson("u-3", "Ana"),
      buildPerson("u-4", "Yann", { leading: true }),
    ];
    expect(othersInRoom(people, "u-me").map((person) => person.name)).toEqual(["Yann", "Ana", "Bo", "Zoe"]);
  });
});

describe("initials and colours", () => {
  it("takes the first and last words' first letters", () => {
    expect(initialsOf("Ana Maria Lopes")).toBe("AL");
    expect(initialsOf("bo")).toBe("BO");
    expect(initialsOf("Émile")).toBe("ÉM");
    expect(initialsOf("  ")).toBe("?");
  });

  it("gives each person the same colour every time, and different people different ones", () => {
    expect(colourOf("u-ana")).toBe(colourOf("u-ana"));
    expect(colourOf("u-ana")).not.toBe(colourOf("u-bo"));
  });
});

describe("placesOf", () => {
  const block = (anchorId: string, kind: Block["kind"], text: string, ordinal: number): Block => ({
    anchorId,
    kind,
    text,
    ordinal,
    footnotes: [],
  });
  const blocks = [
    block("t", "title", "An essay", 0),
    block("p1", "paragraph", "First.", 1),
    block("h1", "heading", "Part two", 2),
    block("p2", "paragraph", "Second.", 3),
  ];
  const places = placesOf(blocks, indexBlocks(blocks));

  it("names the section and the paragraph number", () => {
    expect(places.label("p2")).toBe("Part two · paragraph 2");
    expect(places.label("p1")).toBe("paragraph 1");
    expect(places.label("h1")).toBe("Part two");
    expect(places.label("t")).toBe("the title");
  });

  it("says when a reader is not in the text", () => {
    expect(places.label(null)).toBe("not in the text");
    expect(places.label("gone")).toBe("not in the text");
  });
});

describe("readersByBlock", () => {
  it("groups the others by the block they read, leaving out those at none", () => {
    const ana = buildPerson("u-ana", "Ana", { blockId: "p1" });
    const bo = buildPerson("u-bo", "Bo", { blockId: "p1" });
    const cy = buildPerson("u-cy", "Cy");
    expect([...readersByBlock([ana, bo, cy])]).toEqual([["p1", [ana, bo]]]);
  });
});
