// JSON requests to the Scholia REST API with the session cookie, and the error shape it answers with.
import type { AssignmentInput, RoomStateDto, SnapshotDto } from "../../../shared/schemas/assignments.ts";
import type { Block, ImportReport } from "../../../shared/schemas/documents.ts";
import type {
  ComparisonEntry,
  DocumentSummaryDto,
  RoomDto,
  VersionComparisonDto,
  VersionSummaryDto,
} from "../../../shared/schemas/document-api.ts";
import type { RoomSettingsDto } from "../../../shared/schemas/room-settings.ts";
import type { Anchor } from "../../../shared/room-doc.ts";
import { idempotencyHeader } from "../../../shared/schemas/threads.ts";
import type {
  AuditPageDto,
  GroupDto,
  InviteDto,
  MemberDto,
  Role,
  UpdateGroupSettingsInput,
} from "../../../shared/schemas/groups.ts";
import type { UserDto } from "../../../shared/schemas/auth.ts";
import type { InvitePreviewDto } from "../../../shared/schemas/invite-preview.ts";

export type {
  AuditPageDto,
  Block,
  ComparisonEntry,
  VersionComparisonDto,
  VersionSummaryDto,
  DocumentSummaryDto,
  GroupDto,
  ImportReport,
  InviteDto,
  InvitePreviewDto,
  MemberDto,
  Role,
  RoomDto,
  UserDto,
};

/** A refused request: the server's error code and message, plus field details for forms. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Sends a request; JSON bodies are encoded, strings sent as text/plain, FormData as multipart. */
export async function request<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...init.headers };
  let body: BodyInit | undefined;
  if (typeof init.body === "string") {
    body = init.body;
    headers["Content-Type"] = "text/plain; charset=utf-8";
  } else if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["Content-Type"] = "application/json";
  }
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? "GET", headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "The server cannot be reached. Check your connection and try again.");
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: [] } } | undefined)
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "error",
      error?.message ?? `The server answered ${response.status}.`,
      error?.details ?? [],
    );
  }
  return payload as T;
}

export interface UploadResult {
  created: boolean;
  message: string;
  document: { id: string; title: string; author: string | null };
  version: { number: number; blockCount?: number };
  report?: ImportReport;
}

/** A thread as `GET /api/rooms/:roomId/threads?include=comments` lists it (the fields the reader reads). */
export interface ListedThread {
  id: string;
  blockId: string;
  /** Moderators get hidden bodies; others get "". */
  body: string;
  comments?: { id: string; body: string }[];
}

export interface VersionDetail {
  documentId: string;
  number: number;
  blocks: Block[];
}

/** A document with every one of its versions, oldest first (`GET /api/documents/:documentId`). */
export interface DocumentDetail extends DocumentSummaryDto {
  versions: VersionSummaryDto[];
}

/** What moving a room to a version did to its threads (`POST /api/rooms/:roomId/version`). */
export interface RoomVersionMove {
  room: RoomDto;
  threads: { unchanged: number; moved: number; detached: number };
}

/** The endpoints the client uses, typed. */
export const api = {
  me: () => request<{ user: UserDto }>("/api/me"),
  /** Who is signed in, or null: a signed-out page load is no error (GET /api/session answers 200 either way). */
  session: () => request<{ user: UserDto | null }>("/api/session"),
  register: (input: { email: string; password: string; displayName: string }) =>
    request<{ user: UserDto }>("/api/auth/register", { method: "POST", body: input }),
  login: (input: { email: string; password: string }) =>
    request<{ user: UserDto }>("/api/auth/login", { method: "POST", body: input }),
  logout: () => request<unknown>("/api/auth/logout", { method: "POST" }),
  groups: () => request<{ groups: GroupDto[] }>("/api/groups"),
  createGroup: (name: string) =>
    request<{ group: GroupDto }>("/api/groups", { method: "POST", body: { name } }),
  members: (groupId: string) => request<{ members: MemberDto[] }>(`/api/groups/${groupId}/members`),
  /** A new invite link; the server's defaults (7 days, 25 uses) for what is not given. */
  invite: (groupId: string, terms: { role?: Role; expiresInDays?: number; maxUses?: number } = {}) =>
    request<{ invite: InviteDto & { url: string } }>(`/api/groups/${groupId}/invites`, {
      method: "POST",
      body: { role: "member", ...terms },
    }),
  invites: (groupId: string) => request<{ invites: InviteDto[] }>(`/api/groups/${groupId}/invites`),
  revokeInvite: (groupId: string, inviteId: string) =>
    request<unknown>(`/api/groups/${groupId}/invites/${inviteId}`, { method: "DELETE" }),
  updateGroup: (groupId: string, change: UpdateGroupSettingsInput) =>
    request<{ group: GroupDto }>(`/api/groups/${groupId}`, { method: "PATCH", body: change }),
  changeRole: (groupId: string, userId: string, role: Role) =>
    request<unknown>(`/api/groups/${groupId}/members/${userId}`, { method: "PATCH", body: { role } }),
  removeMember: (groupId: string, userId: string) =>
    request<unknown>(`/api/groups/${groupId}/members/${userId}`, { method: "DELETE" }),
  /** A page of the group's audit log, newest first; `before` is the previous page's nextCursor. */
  audit: (groupId: string, before?: string) =>
    request<AuditPageDto>(
      `/api/groups/${groupId}/audit${before ? `?${new URLSearchParams({ before })}` : ""}`,
    ),
  renameDocument: (documentId: string, change: { title?: string; author?: string }) =>
    request<{ document: DocumentSummaryDto }>(`/api/documents/${documentId}`, {
      method: "PATCH",
      body: change,
    }),
  removeDocument: (documentId: string) =>
    request<unknown>(`/api/documents/${documentId}`, { method: "DELETE" }),
  invitePreview: (token: string) =>
    request<{ invite: InvitePreviewDto }>(`/api/invites/${encodeURIComponent(token)}`),
  acceptInvite: (token: string) =>
    request<{ group?: GroupDto }>(`/api/invites/${encodeURIComponent(token)}/accept`, { method: "POST" }),
  rooms: (groupId: string) => request<{ rooms: RoomDto[] }>(`/api/groups/${groupId}/rooms`),
  /** The rooms of the group's removed texts (owners, instructors), whose discussions stay exportable. */
  removedRooms: (groupId: string) =>
    request<{ rooms: RoomDto[] }>(`/api/groups/${groupId}/rooms?removed=true`),
  createRoom: (groupId: string, documentId: string) =>
    request<{ room: RoomDto }>(`/api/groups/${groupId}/rooms`, { method: "POST", body: { documentId } }),
  /** Changes some of a room's settings (owners and instructors); the room as it now is. */
  /** Changes some of a room's settings: the switches, the assignment (null clears it), archived (teachers). */
  updateRoomSettings: (
    roomId: string,
    change: Partial<RoomSettingsDto> & { assignment?: AssignmentInput | null },
  ) => request<{ room: RoomDto }>(`/api/rooms/${roomId}`, { method: "PATCH", body: change }),
  documents: () => request<{ documents: DocumentSummaryDto[] }>("/api/documents"),
  /** A room's threads with their replies, filtered by `query` (blockId, authorId, tag, status, q). */
  threads: (roomId: string, query: Record<string, string>) =>
    request<{ threads: ListedThread[] }>(
      `/api/rooms/${roomId}/threads?${new URLSearchParams({ ...query, include: "comments" })}`,
    ),
  /** Whether the room is archived, and its assignment (with everyone's extensions, for instructors). */
  roomState: (roomId: string) => request<RoomStateDto>(`/api/rooms/${roomId}/assignment`),
  grantExtension: (roomId: string, userId: string, dueAt: string) =>
    request<RoomStateDto>(`/api/rooms/${roomId}/assignment/extensions/${userId}`, {
      method: "PUT",
      body: { dueAt },
    }),
  revokeExtension: (roomId: string, userId: string) =>
    request<unknown>(`/api/rooms/${roomId}/assignment/extensions/${userId}`, { method: "DELETE" }),
  takeSnapshot: (roomId: string) =>
    request<{ snapshot: SnapshotDto }>(`/api/rooms/${roomId}/assignment/snapshot`, { method: "POST" }),
  /**
   * Attaches a thread (one the room's last version move detached) to `anchor` in the room's current text
   * (instructors and owners); the thread as it now is. The room's documents carry the change to every reader.
   */
  reattachThread: (roomId: string, threadId: string, anchor: Anchor) =>
    request<{ thread: { id: string; anchor: Anchor } }>(`/api/rooms/${roomId}/threads/${threadId}/anchor`, {
      method: "POST",
      body: { anchor },
      // A room mutation like the queued ones, but sent once, while the reader waits: a new key for each try.
      headers: { [idempotencyHeader]: crypto.randomUUID() },
    }),
  version: (documentId: string, version: number) =>
    request<{ version: VersionDetail }>(`/api/documents/${documentId}/versions/${version}`),
  /** The document and the list of its versions (number, uploader, blocks, date). */
  document: (documentId: string) => request<{ document: DocumentDetail }>(`/api/documents/${documentId}`),
  /** How version `to` differs from version `from`, block by block in `to`'s reading order. */
  compareVersions: (documentId: string, from: number, to: number) =>
    request<{ comparison: VersionComparisonDto }>(
      `/api/documents/${documentId}/compare?${new URLSearchParams({ from: String(from), to: String(to) })}`,
    ),
  /** Moves a room to a version of its text (owners, instructors); what became of its threads. */
  moveRoomToVersion: (roomId: string, version: number) =>
    request<RoomVersionMove>(`/api/rooms/${roomId}/version`, { method: "POST", body: { version } }),
};
