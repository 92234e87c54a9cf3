// Discussion sections as pure rules: whose words a learner reads (sectionAuthors), the one veil combining sections
// with hide-until-posted (combineVeil), and the automatic split.
import { describe, expect, it } from "vitest";
import { combineVeil } from "../../server/domain/hide-until-posted.ts";
import {
  isSectioned,
  sectionAuthors,
  sectionCountFor,
  splitIntoSections,
} from "../../server/domain/sections.ts";

const learners = [
  { userId: "a1", sectionId: "A" },
  { userId: "a2", sectionId: "A" },
  { userId: "b1", sectionId: "B" },
  { userId: "n1", sectionId: null },
];
const teachers = ["t1"];

describe("sectionAuthors", () => {
  it("lets a learner read themselves, the teachers and their section's learners", () => {
    const member = { userId: "a1", role: "member" as const };
    expect(sectionAuthors(member, "A", learners, teachers)?.sort()).toEqual(["a1", "a2", "t1"]);
    const observer = { userId: "b1", role: "observer" as const };
    expect(sectionAuthors(observer, "B", learners, teachers)?.sort()).toEqual(["b1", "t1"]);
  });

  it("counts no section as a section of its own", () => {
    const unplaced = { userId: "n1", role: "member" as const };
    expect(sectionAuthors(unplaced, null, learners, teachers)?.sort()).toEqual(["n1", "t1"]);
  });

  it("narrows nothing for teachers, or where no learner is in a section", () => {
    expect(sectionAuthors({ userId: "t1", role: "instructor" }, null, learners, teachers)).toBeUndefined();
    expect(sectionAuthors({ userId: "o1", role: "owner" }, null, learners, teachers)).toBeUndefined();
    const open = learners.map((learner) => ({ ...learner, sectionId: null }));
    expect(sectionAuthors({ userId: "a1", role: "member" }, null, open, teachers)).toBeUndefined();
  });

  it("sections members and observers only", () => {
    expect(
      ["owner", "instructor", "member", "observer"].filter((role) => isSectioned(role as never)),
    ).toEqual(["member", "observer"]);
  });
});

describe("combineVeil", () => {
  it("is either veil alone, or the people both let through", () => {
    const untilPosted = { authorIds: ["a1", "t1"], untilPosted: true };
    expect(combineVeil(undefined, undefined)).toBeUndefined();
    expect(combineVeil(untilPosted, undefined)).toEqual(untilPosted);
    expect(combineVeil(undefined, ["a1", "a2"])).toEqual({ authorIds: ["a1", "a2"], untilPosted: false });
    expect(combineVeil(untilPosted, ["a1", "a2"])).toEqual({ authorIds: ["a1"], untilPosted: true });
  });
});

describe("splitIntoSections", () => {
  const ids = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"];

  it("balances runs of joiners, earlier sections taking the extra", () => {
    expect(splitIntoSections(ids, 3)).toEqual([
      ["m1", "m2", "m3"],
      ["m4", "m5"],
      ["m6", "m7"],
    ]);
    expect(splitIntoSections(ids, 1)).toEqual([ids]);
    expect(splitIntoSections(ids.slice(0, 2), 3)).toEqual([["m1"], ["m2"], []]);
    expect(splitIntoSections([], 2)).toEqual([[], []]);
  });

  it("refuses a count that is not a positive whole number", () => {
    expect(() => splitIntoSections(ids, 0)).toThrow(RangeError);
    expect(() => splitIntoSections(ids, 1.5)).toThrow(RangeError);
  });

  it("needs ceil(n / N) sections of at most N, at least one", () => {
    expect(sectionCountFor(7, 3)).toBe(3);
    expect(sectionCountFor(6, 3)).toBe(2);
    expect(sectionCountFor(0, 3)).toBe(1);
    for (const [n, per] of [
      [7, 3],
      [10, 4],
      [200, 30],
    ] as const) {
      const members = Array.from({ length: n }, (_, i) => `x${i}`);
      const sizes = splitIntoSections(members, sectionCountFor(n, per)).map((section) => section.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(per);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});
