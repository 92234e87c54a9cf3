// The notification endpoints: the list, marking read, the reader's settings, muting a room and following a thread.
import type { EmailMode, NotificationListDto } from "../../../shared/schemas/notifications.ts";
import { request } from "./http.ts";

/** The reader's notification settings: when to e-mail, and the rooms they muted. */
export interface NotificationSettings {
  email: EmailMode;
  mutedRoomIds: string[];
}

/**
 * One page of the list: newest first, `limit` at most 100. `before` is the last item shown: the page holds what
 * comes after it (older, or as old with a smaller id), so notifications of one instant are never skipped.
 */
export interface ListQuery {
  unread?: boolean;
  before?: { createdAt: string; id: string };
  limit?: number;
}

export const notificationsApi = {
  list: (query: ListQuery = {}) => {
    const params = new URLSearchParams();
    if (query.unread) params.set("unread", "true");
    if (query.before) {
      params.set("before", query.before.createdAt);
      params.set("beforeId", query.before.id);
    }
    if (query.limit) params.set("limit", String(query.limit));
    const search = params.size > 0 ? `?${params}` : "";
    return request<NotificationListDto>(`/api/notifications${search}`);
  },
  /** Marks `ids` read, or every notification when `ids` is undefined; answers the unread count left. */
  markRead: (ids?: string[]) =>
    request<{ unread: number }>("/api/notifications/read", { method: "POST", body: ids ? { ids } : {} }),
  settings: () => request<NotificationSettings>("/api/notifications/settings"),
  setEmail: (email: EmailMode) =>
    request<NotificationSettings>("/api/notifications/settings", { method: "PATCH", body: { email } }),
  muteRoom: (roomId: string, muted: boolean) =>
    request<unknown>(`/api/rooms/${roomId}/mute`, { method: muted ? "PUT" : "DELETE" }),
  followThread: (roomId: string, threadId: string, followed: boolean) =>
    request<unknown>(`/api/rooms/${roomId}/threads/${threadId}/follow`, {
      method: followed ? "PUT" : "DELETE",
    }),
  followedThreads: (roomId: string) => request<{ threadIds: string[] }>(`/api/rooms/${roomId}/follows`),
};
