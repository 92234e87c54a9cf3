// Thread filters and their counts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readableReplyBodies } from "../../../../shared/search-words.ts";
import { countFilters, matchesFilters, noFilters } from "./filters.ts";
import { adaId, buildThread } from "../test-factories.ts";

const me = "me";
const threads = [
  buildThread({ authorId: me, authorName: "Me", tags: ["question"] }),
  buildThread({ status: "resolved", tags: ["question", "translation"] }),
  buildThread({ authorId: "ben", authorName: "Ben" }),
  buildThread({ deleted: true }),
];

describe("filters", () => {
  it("counts mine, open, resolved, tags and members over threads not deleted", () => {
    expect(countFilters(threads, me)).toEqual({
      all: 3,
      mine: 1,
      open: 2,
      resolved: 1,
      tags: [
        ["question", 2],
        ["translation", 1],
      ],
      members: [
        { id: adaId, name: "Ada", count: 1 },
        { id: "ben", name: "Ben", count: 1 },
        { id: me, name: "Me", count: 1 },
      ],
    });
  });

  it("combines filters", () => {
    const ids = (filters: Parameters<typeof matchesFilters>[1]) =>
      threads
        .filter((thread) => !thread.deleted && matchesFilters(thread, filters, me))
        .map((thread) => thread.id);
    const [mine, resolved, ben] = threads.map((thread) => thread.id);
    expect(ids(noFilters)).toEqual([mine, resolved, ben]);
    expect(ids({ ...noFilters, mine: true })).toEqual([mine]);
    expect(ids({ ...noFilters, status: "resolved" })).toEqual([resolved]);
    expect(ids({ ...noFilters, tag: "question", status: "open" })).toEqual([mine]);
    expect(ids({ ...noFilters, member: "ben" })).toEqual([ben]);
    expect(ids({ ...noFilters, query: "  TRANSLATION " })).toEqual([resolved]);
    expect(ids({ ...noFilters, query: "me question" })).toEqual([mine]);
    // A section keeps the threads its members started.
    expect(ids({ ...noFilters, section: { id: "s1", memberIds: ["ben", me] } })).toEqual([mine, ben]);
    expect(ids({ ...noFilters, section: { id: "s2", memberIds: [] } })).toEqual([]);
  });
});

describe("the words filter", () => {
  it("finds text whatever its Unicode form: an NFD query finds NFC text, and the other way round", () => {
    const cafe = buildThread({ body: "On the café terrace, a naïve reading" });
    expect(matchesFilters(cafe, { ...noFilters, query: "cafe\u0301 nai\u0308ve" }, me)).toBe(true);
    const decomposed = buildThread({ body: "On the cafe\u0301 terrace" });
    expect(matchesFilters(decomposed, { ...noFilters, query: "café" }, me)).toBe(true);
    const chinese = buildThread({ body: "我们今天讨论这个测试问题" });
    expect(matchesFilters(chinese, { ...noFilters, query: "测试" }, me)).toBe(true);
  });

  it("finds every piece of a body, typed in either form", () => {
    const piece = fc.constantFrom(
      "a",
      "é",
      "e\u0301",
      "Å",
      "A\u030a",
      "ñ",
      "n\u0303",
      "测试",
      "😀",
      "ﬁ",
      "Ǆ",
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const body = pieces.join("");
        const [from, to] = [Math.min(a, b) % pieces.length, Math.max(a, b) % pieces.length];
        const word = pieces.slice(from, to + 1).join("");
        const thread = buildThread({ body: body.normalize("NFC") });
        for (const form of ["NFC", "NFD"] as const) {
          expect(matchesFilters(thread, { ...noFilters, query: word.normalize(form) }, me)).toBe(true);
          const stored = buildThread({ body: body.normalize(form) });
          expect(matchesFilters(stored, { ...noFilters, query: word.normalize("NFC") }, me)).toBe(true);
        }
      }),
      { seed: 8, numRuns: 300 },
    );
  });
});

describe("the words filter over replies", () => {
  const hiddenBy = { byId: "ins", byName: "Ines", reason: "rude", at: "2026-11-26T10:00:00.000Z" };
  const reply = (body: string, extra: { deleted?: boolean; hidden?: typeof hiddenBy | null } = {}) => ({
    body,
    deleted: false,
    hidden: null,
    ...extra,
  });
  const thread = buildThread({ body: "Why this tense?" });
  const replies = [
    reply("Because it is present"),
    reply("aorist, surely", { deleted: true }),
    reply("perfect, say I", { hidden: hiddenBy }),
  ];
  const repliesFor = (moderator: boolean) => () => readableReplyBodies(replies, moderator);
  const finds = (query: string, moderator = false) =>
    matchesFilters(thread, { ...noFilters, query }, me, repliesFor(moderator));

  it("finds a word only a reply holds, with the thread's own words too", () => {
    expect(finds("present")).toBe(true);
    expect(finds("tense PRESENT")).toBe(true);
    expect(finds("absent")).toBe(false);
  });

  it("never in a deleted reply; in a hidden one only for moderators, who can read it", () => {
    expect(finds("aorist")).toBe(false);
    expect(finds("aorist", true)).toBe(false);
    expect(finds("perfect")).toBe(false);
    expect(finds("perfect", true)).toBe(true);
  });

  it("makes the counts follow the search", () => {
    const other = buildThread({ body: "Another", status: "resolved", tags: ["place"] });
    const byId = (id: string) => (id === thread.id ? readableReplyBodies(replies, false) : []);
    expect(countFilters([thread, other], me, "present", byId)).toMatchObject({
      all: 1,
      open: 1,
      resolved: 0,
      tags: [],
    });
    expect(countFilters([thread, other], me, "nowhere", byId)).toMatchObject({
      all: 0,
      open: 0,
      resolved: 0,
    });
    expect(countFilters([thread, other], me, "  ", byId)).toMatchObject({ all: 2 });
  });
});
