// The activity log's sentences for discussion sections.
import { describe, expect, it } from "vitest";
import type { AuditPageDto } from "../../api/http.ts";
import { describeAuditEvent } from "./describe-audit.ts";

const event = (action: string, details: Record<string, unknown>): AuditPageDto["events"][number] => ({
  id: crypto.randomUUID(),
  action,
  createdAt: "2026-11-30T10:00:00.000Z",
  actor: { id: crypto.randomUUID(), name: "Ida" },
  target: { id: crypto.randomUUID(), name: "Mel" },
  details,
});

describe("section events in the activity log", () => {
  it("say what was done to which section, by its name at the time", () => {
    expect(describeAuditEvent(event("section.created", { name: "North" }))).toBe(
      "Ida created the discussion section “North”.",
    );
    expect(describeAuditEvent(event("section.renamed", { from: "North", to: "Nord" }))).toBe(
      "Ida renamed the discussion section “North” to “Nord”.",
    );
    expect(describeAuditEvent(event("section.deleted", { name: "Nord" }))).toBe(
      "Ida deleted the discussion section “Nord”.",
    );
    expect(describeAuditEvent(event("section.member_placed", { section: "South" }))).toBe(
      "Ida put Mel in the discussion section “South”.",
    );
    expect(describeAuditEvent(event("section.member_placed", { section: null }))).toBe(
      "Ida took Mel out of their discussion section.",
    );
    expect(describeAuditEvent(event("section.auto_split", { perSection: 3, sizes: [3, 2] }))).toBe(
      "Ida split the class into 2 discussion sections.",
    );
  });
});
