// Who is offered "Follow me": the same rule as the server's room.lead policy.
import { describe, expect, it } from "vitest";
import { activityPanelName, canLead, permissionsFor } from "./permissions.ts";

describe("canLead", () => {
  it("lets owners and instructors lead, members only where the group allows it, observers never", () => {
    expect(canLead("owner", false)).toBe(true);
    expect(canLead("instructor", false)).toBe(true);
    expect(canLead("member", false)).toBe(false);
    expect(canLead("member", true)).toBe(true);
    expect(canLead("observer", true)).toBe(false);
  });
});

describe("permissionsFor", () => {
  it("takes writing and moderating from everyone in an archived room; teachers keep their instructors' view", () => {
    expect(permissionsFor("member")).toEqual({ write: true, moderate: false, teach: false });
    expect(permissionsFor("instructor")).toEqual({ write: true, moderate: true, teach: true });
    expect(permissionsFor("member", true)).toEqual({ write: false, moderate: false, teach: false });
    expect(permissionsFor("owner", true)).toEqual({ write: false, moderate: false, teach: true });
    expect(permissionsFor("observer")).toEqual({ write: false, moderate: false, teach: false });
  });
});

describe("activityPanelName", () => {
  it("names the class's analytics for those who teach, in an archived room too; a member's own activity otherwise", () => {
    expect(activityPanelName(permissionsFor("owner", true))).toBe("Analytics");
    expect(activityPanelName(permissionsFor("instructor"))).toBe("Analytics");
    expect(activityPanelName(permissionsFor("member"))).toBe("Your activity");
    expect(activityPanelName(permissionsFor("observer", true))).toBe("Your activity");
  });
});
