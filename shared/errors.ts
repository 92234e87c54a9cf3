// Stable error codes of the JSON error body `{ error: { code, message, details? } }` and their HTTP statuses.

export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  foreign_origin: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  last_owner: 409,
  id_taken: 409,
  /** The room is archived: it can be read and exported, not changed. */
  room_archived: 409,
  /**
   * A thread started against an earlier version of the room's text whose passage the room's version no longer
   * holds: it was not started, so that it never lands on a look-alike.
   */
  anchor_detached: 409,
  invite_unusable: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  /** A file of an accepted format that cannot be imported as it is (no text layer, encrypted, damaged). */
  unprocessable_content: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One problem with one field of a request. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
