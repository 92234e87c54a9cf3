// Whose words are late: after the due date that applies to their author (an extension, else the room's).
import { describe, expect, it } from "vitest";
import { assertNotArchived, dueFor, isLate, neverLateRoles } from "../../server/domain/assignments.ts";

const due = {
  dueAt: new Date("2027-03-28T07:00:00Z"),
  extensions: new Map([["extended", new Date("2027-03-29T07:00:00Z")]]),
  teachers: new Set(["teacher"]),
};

describe("isLate", () => {
  it("is late strictly after the due date; the due minute itself is on time", () => {
    expect(isLate("2027-03-28T06:30:00Z", "someone", due)).toBe(false);
    expect(isLate("2027-03-28T07:00:00Z", "someone", due)).toBe(false);
    expect(isLate(new Date("2027-03-28T07:00:01Z"), "someone", due)).toBe(true);
  });

  it("reads an extension for its holder only, and nothing is late without an assignment", () => {
    expect(isLate("2027-03-28T07:30:00Z", "extended", due)).toBe(false);
    expect(isLate("2027-03-29T07:30:00Z", "extended", due)).toBe(true);
    expect(dueFor(due, "extended")).toEqual(new Date("2027-03-29T07:00:00Z"));
    expect(dueFor(due, "someone")).toEqual(due.dueAt);
    expect(isLate("2099-01-01T00:00:00Z", "someone", undefined)).toBe(false);
  });

  it("never marks the group's teachers late: only owners and instructors set the work", () => {
    expect(isLate("2099-01-01T00:00:00Z", "teacher", due)).toBe(false);
    expect(dueFor(due, "teacher")).toBeUndefined();
    expect(neverLateRoles().sort()).toEqual(["instructor", "owner"]);
  });
});

describe("assertNotArchived", () => {
  it("refuses a change to an archived room with 409, saying it can still be read and exported", () => {
    expect(() => assertNotArchived({ archivedAt: null })).not.toThrow();
    expect(() => assertNotArchived({ archivedAt: new Date() })).toThrow(
      expect.objectContaining({
        status: 409,
        code: "room_archived",
        message: expect.stringMatching(/read and exported/),
      }),
    );
  });
});
