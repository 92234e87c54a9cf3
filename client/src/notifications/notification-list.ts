// The notifications a bell shows, as a pure reducer: pages from the REST list, items pushed live, marks of read from
// any tab.
import type {
  NotificationDto,
  NotificationListDto,
  NotificationsReadDto,
} from "../../../shared/schemas/notifications.ts";

/** Items newest first; `unread` as the server counts it (it may count items not loaded yet). */
export interface NotificationList {
  items: NotificationDto[];
  unread: number;
  /** The first page has arrived. */
  loaded: boolean;
  /** The last page was full: older items may exist. */
  more: boolean;
}

export const emptyList: NotificationList = { items: [], unread: 0, loaded: false, more: false };

export type NotificationAction =
  /** The first page (on open, and again after a reconnect: what arrived while away). */
  | { type: "first"; page: NotificationListDto; limit: number }
  /** An older page, asked with `before` = the oldest item's time. */
  | { type: "older"; page: NotificationListDto; limit: number }
  /** One item delivered live. */
  | { type: "arrived"; item: NotificationDto }
  /** Items marked read in some tab; `at` is when this tab learned it (their readAt). */
  | { type: "read"; read: NotificationsReadDto; at: string };

const newestFirst = (a: NotificationDto, b: NotificationDto) => b.createdAt.localeCompare(a.createdAt);

/** `items` with `extra` added where their ids are new, newest first. */
function merge(items: readonly NotificationDto[], extra: readonly NotificationDto[]): NotificationDto[] {
  const known = new Set(items.map((item) => item.id));
  return [...items, ...extra.filter((item) => !known.has(item.id))].sort(newestFirst);
}

/** The list after `action`. */
export function notificationReducer(list: NotificationList, action: NotificationAction): NotificationList {
  switch (action.type) {
    case "first":
      // Replace what is loaded: items read or removed elsewhere while away must not linger.
      return {
        items: [...action.page.notifications].sort(newestFirst),
        unread: action.page.unread,
        loaded: true,
        more: action.page.notifications.length >= action.limit,
      };
    case "older":
      return {
        ...list,
        items: merge(list.items, action.page.notifications),
        more: action.page.notifications.length >= action.limit,
      };
    case "arrived":
      if (list.items.some((item) => item.id === action.item.id)) return list;
      return {
        ...list,
        items: merge(list.items, [action.item]),
        unread: list.unread + (action.item.readAt === null ? 1 : 0),
      };
    case "read": {
      const { ids, unread } = action.read;
      const marked = ids === "all" ? null : new Set(ids);
      return {
        ...list,
        unread,
        items: list.items.map((item) =>
          item.readAt === null && (marked === null || marked.has(item.id))
            ? { ...item, readAt: action.at }
            : item,
        ),
      };
    }
  }
}
