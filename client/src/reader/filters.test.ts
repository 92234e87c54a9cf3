// Thread filters and their counts.
import { describe, expect, it } from "vitest";
import type { ThreadRecord } from "../../../shared/room-doc.ts";
import { countFilters, matchesFilters, noFilters } from "./filters.ts";

const me = "me";
let counter = 0;
function buildThread(overrides: Partial<ThreadRecord> = {}): ThreadRecord {
  counter += 1;
  return {
    id: `t${counter}`,
    anchor: { blockId: "b" },
    authorId: "ada",
    authorName: "Ada",
    createdAt: "2026-11-26T10:00:00.000Z",
    body: "x",
    tags: [],
    status: "open",
    resolvedBy: null,
    visibility: "group",
    editedAt: null,
    deleted: false,
    hidden: null,
    ...overrides,
  };
}

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
        { id: "ada", name: "Ada", count: 1 },
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
  });
});
