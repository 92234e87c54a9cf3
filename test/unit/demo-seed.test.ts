// The demo group's description says where people are invited from: the library's group card, by its owners.
import { describe, expect, it } from "vitest";
import { limits } from "../../shared/limits.ts";
import { demoGroupDescription } from "../../server/services/seed-demo.ts";

describe("the demo group's description", () => {
  it("points at the library card, where owners and instructors invite, not at a group page there is not", () => {
    expect(demoGroupDescription).not.toMatch(/group page/iu);
    expect(demoGroupDescription).toContain("card in the library");
    expect(demoGroupDescription).toContain("owners and instructors");
    expect(demoGroupDescription).toContain("New member invite link");
    expect(demoGroupDescription.length).toBeLessThanOrEqual(limits.groupDescriptionMax);
  });
});
