// The activity log's sentences for rooms' settings and assignments, the creator of the group, and actions this
// client does not know: each a sentence, never a raw code.
import { describe, expect, it } from "vitest";
import type { AuditPageDto } from "../../api/http.ts";
import { describeAuditEvent } from "./describe-audit.ts";

type AuditEvent = AuditPageDto["events"][number];
const event = (
  action: string,
  details: Record<string, unknown>,
  overrides: Partial<AuditEvent> = {},
): AuditEvent => ({
  id: crypto.randomUUID(),
  action,
  createdAt: "2026-11-30T10:00:00.000Z",
  actor: { id: crypto.randomUUID(), name: "Ida" },
  target: { id: crypto.randomUUID(), name: "On Reading Slowly" },
  details,
  ...overrides,
});

describe("room settings in the activity log", () => {
  it("say which setting changed, and in which room", () => {
    expect(describeAuditEvent(event("room.settings_changed", { hideUntilPosted: true }))).toBe(
      "Ida turned on hide-until-posted in “On Reading Slowly”.",
    );
    expect(describeAuditEvent(event("room.settings_changed", { hideUntilPosted: false }))).toBe(
      "Ida turned off hide-until-posted in “On Reading Slowly”.",
    );
    expect(describeAuditEvent(event("room.settings_changed", { instructorThreadsVisible: false }))).toBe(
      "Ida hid instructors' threads to students who have not posted in “On Reading Slowly”.",
    );
    expect(
      describeAuditEvent(
        event("room.settings_changed", {
          assignment: { instructions: "Read", opensAt: null, dueAt: "2026-12-04T17:00" },
        }),
      ),
    ).toBe("Ida set the assignment in “On Reading Slowly”, due 2026-12-04 17:00.");
    expect(describeAuditEvent(event("room.settings_changed", { assignment: null }))).toBe(
      "Ida removed the assignment from “On Reading Slowly”.",
    );
    expect(describeAuditEvent(event("room.settings_changed", { archived: true }))).toBe(
      "Ida archived “On Reading Slowly”.",
    );
    expect(describeAuditEvent(event("room.settings_changed", { archived: false }, { target: null }))).toBe(
      "Ida reopened a room.",
    );
  });

  it("joins several changes made at once", () => {
    expect(
      describeAuditEvent(
        event("room.settings_changed", { hideUntilPosted: true, instructorThreadsVisible: true }),
      ),
    ).toBe(
      "Ida turned on hide-until-posted in “On Reading Slowly” and showed instructors' threads to students who have not posted in “On Reading Slowly”.",
    );
  });
});

describe("assignment events in the activity log", () => {
  it("name the member and the new due date", () => {
    const target = { id: crypto.randomUUID(), name: "Mel" };
    expect(
      describeAuditEvent(
        event("assignment.extension_granted", { dueAt: "2026-12-05T09:30:00.000Z" }, { target }),
      ),
    ).toBe("Ida gave Mel until 2026-12-05 09:30 UTC for an assignment.");
    expect(describeAuditEvent(event("assignment.extension_revoked", {}, { target }))).toBe(
      "Ida took back Mel's extension of an assignment.",
    );
    expect(describeAuditEvent(event("assignment.snapshot_taken", {}))).toBe(
      "Ida took a snapshot of an assignment's participation.",
    );
  });
});

describe("other events in the activity log", () => {
  it("say the group was created when the server made it, and name its creator otherwise", () => {
    expect(describeAuditEvent(event("group.created", { demo: true }, { actor: null }))).toBe(
      "The group was created.",
    );
    expect(describeAuditEvent(event("group.created", {}))).toBe("Ida created the group.");
  });

  it("put an action this client does not know in words", () => {
    expect(describeAuditEvent(event("room.color_changed", {}))).toBe("Ida: room color changed.");
  });
});

describe("text versions in the activity log", () => {
  it("say which room moved to which version and what became of its threads", () => {
    expect(
      describeAuditEvent(
        event("room.version_moved", {
          fromVersion: 1,
          toVersion: 2,
          threads: { unchanged: 12, moved: 3, detached: 1 },
        }),
      ),
    ).toBe(
      "Ida moved “On Reading Slowly” to version 2 of its text: 12 threads kept their passage, 3 moved, 1 no longer in the text.",
    );
    expect(describeAuditEvent(event("thread.reattached", { version: 2 }, { target: null }))).toBe(
      "Ida attached a thread to a new passage of version 2.",
    );
  });
});
