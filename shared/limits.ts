// Size limits enforced by the server and mirrored by the client's forms.

export const limits = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 256,
  displayNameMax: 80,
  groupNameMax: 120,
  groupDescriptionMax: 2_000,
  inviteMaxUses: 1_000,
  inviteMaxDays: 90,
  jsonBodyBytes: 256 * 1024,
  documentUploadBytes: 5 * 1024 * 1024,
  documentTitleMax: 300,
  documentAuthorMax: 300,
} as const;
