// Thread filters and their counts.
import { describe, expect, it } from "vitest";
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
  });
});
