// The heading an export's unit tests write under: a small fixed room, exported at a fixed time.
import type { EntryContext, ExportHead } from "../../../server/domain/export/discussion.ts";

/** A head for room "T" of group "G", exported at 2026-11-30 10:00 UTC by Ann; `overrides` replace any part. */
export const exportHeadOf = (overrides: Partial<ExportHead> = {}): ExportHead => ({
  title: "T",
  author: null,
  groupName: "G",
  versionNumber: 1,
  exportedAt: new Date("2026-11-30T10:00:00Z"),
  exportedBy: "Ann",
  scope: "discussion",
  threadUrl: (id: string) => `http://x/${id}`,
  ...overrides,
});

/** What a plain member reads entries with: no hidden words, no roles, reactions or mentioned names known. */
export const memberEntryContext: EntryContext = {
  moderator: false,
  roles: new Map(),
  reactions: new Map(),
  emojiOrder: [],
  names: new Map(),
};
