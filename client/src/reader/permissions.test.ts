// Who is offered "Follow me": the same rule as the server's room.lead policy.
import { describe, expect, it } from "vitest";
import { canLead } from "./permissions.ts";

describe("canLead", () => {
  it("lets owners and instructors lead, members only where the group allows it, observers never", () => {
    expect(canLead("owner", false)).toBe(true);
    expect(canLead("instructor", false)).toBe(true);
    expect(canLead("member", false)).toBe(false);
    expect(canLead("member", true)).toBe(true);
    expect(canLead("observer", true)).toBe(false);
  });
});
