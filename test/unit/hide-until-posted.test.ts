// Hide until you post as pure rules: who is veiled, and whose words show through a veil.
import { describe, expect, it } from "vitest";
import { isVeiled, seenThrough, teacherRoles, veilFor } from "../../server/domain/hide-until-posted.ts";
import { roles } from "../../shared/schemas/groups.ts";

const on = { hideUntilPosted: true, instructorThreadsVisible: true };

describe("isVeiled", () => {
  it("veils members and observers who have not posted, only while the room hides threads", () => {
    const veiled = roles.filter((role) => isVeiled({ userId: "u", role }, on, false));
    expect(veiled).toEqual(["member", "observer"]);
    expect(isVeiled({ userId: "u", role: "member" }, on, true)).toBe(false);
    expect(isVeiled({ userId: "u", role: "member" }, { ...on, hideUntilPosted: false }, false)).toBe(false);
  });

  it("counts instructors and owners as the teachers whose threads may stay visible", () => {
    expect(teacherRoles().sort()).toEqual(["instructor", "owner"]);
  });
});

describe("veilFor and seenThrough", () => {
  it("lets through the reader's own words and, where the room says so, the teachers'", () => {
    const veil = veilFor({ userId: "me", role: "member" }, on, ["t1", "t2"]);
    expect(["me", "t1", "t2", "other"].map((id) => seenThrough(veil, id))).toEqual([true, true, true, false]);
    const strict = veilFor({ userId: "me", role: "member" }, { ...on, instructorThreadsVisible: false }, [
      "t1",
    ]);
    expect(["me", "t1"].map((id) => seenThrough(strict, id))).toEqual([true, false]);
    expect(seenThrough(undefined, "anyone")).toBe(true);
  });
});
