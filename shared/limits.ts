// Size limits enforced by the server and mirrored by the client's forms.

export const limits = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 256,
  displayNameMax: 80,
  groupNameMax: 120,
  groupDescriptionMax: 2_000,
  /** Discussion sections: the longest name, and how many one group may have. */
  sectionNameMax: 80,
  sectionsPerGroup: 200,
  inviteMaxUses: 1_000,
  inviteMaxDays: 90,
  /** Open invites a group may have at once (each is a live bearer link). */
  openInvitesMax: 200,
  /** Audit events per page. */
  auditPageMax: 200,
  jsonBodyBytes: 256 * 1024,
  documentUploadBytes: 5 * 1024 * 1024,
  documentTitleMax: 300,
  documentAuthorMax: 300,
  /** Corrections an uploader may make to one import before publishing it (edit, merge, split, change kind). */
  importCorrectionsMax: 200,
  /** Longest text one correction may give a block (UTF-16 units). */
  correctedBlockTextMax: 50_000,
  /** Largest `corrections` form field or query value (bytes of JSON). */
  importCorrectionsBytes: 1024 * 1024,
  bodyMax: 10_000,
  /** An assignment's Markdown instructions. */
  assignmentInstructionsMax: 20_000,
  /** Participation snapshots kept per room: one more is refused (none is ever dropped to make room). */
  snapshotsPerRoom: 200,
  quoteMax: 2_000,
  tagMax: 40,
  tagsPerThread: 10,
  /** 😕 and ❓ also count in the analytics' confusion report (shared/schemas/analytics.ts). */
  reactions: ["👍", "❤️", "😂", "😮", "🤔", "🎉", "👀", "❓", "😕"],
  /** Largest message a sync client may send (a state vector or a private-notes update). */
  syncMessageBytes: 1024 * 1024,
  /** Unsent bytes a slow reader may accumulate before it is disconnected (it resyncs on reconnect). */
  syncSendBufferBytes: 16 * 1024 * 1024,
  syncConnectionsPerUser: 20,
  /**
   * Largest awareness (or auth, query-awareness) message a sync client may send. The server does not relay
   * awareness (presence travels over socket.io); y-websocket's own is a few dozen bytes.
   */
  syncAwarenessBytes: 2 * 1024,
  /** Awareness (or auth, query-awareness) messages per minute on one sync connection; y-websocket sends four. */
  syncAwarenessPerMinute: 30,
  /** Stored size of one user's private notes for one room. */
  notesBytes: 2 * 1024 * 1024,
} as const;
