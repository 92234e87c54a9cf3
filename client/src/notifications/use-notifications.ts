// The bell's notifications: the first page on open, older pages on demand, live items and marks of read from the tab's
// people socket, and the whole first page again after a reconnect (what arrived while away).
import { useCallback, useEffect, useReducer, useState } from "react";
import type { ServerToClientEvents } from "../../../shared/people-protocol.ts";
import type { PeopleSocket } from "../realtime/people-socket.ts";
import { ApiError } from "../api/http.ts";
import { notificationsApi } from "../api/notifications.ts";
import { emptyList, notificationReducer, type NotificationList } from "./notification-list.ts";

/** Items per page. */
export const notificationPage = 20;

export interface Notifications {
  list: NotificationList;
  /** Why the last request failed, to show in the panel; null when it did not. */
  problem: string | null;
  loadOlder: () => void;
  /** Marks `ids` read (every notification when undefined), here and, through the server, in every tab. */
  markRead: (ids?: string[]) => void;
}

const problemOf = (what: string, error: unknown) =>
  `Could not ${what}: ${error instanceof ApiError ? error.message : "something went wrong."}`;

/** The reader's notifications, kept live through `socket` (null: loaded once, not live). */
export function useNotifications(socket: PeopleSocket | null): Notifications {
  const [list, dispatch] = useReducer(notificationReducer, emptyList);
  const [problem, setProblem] = useState<string | null>(null);
  const loadFirst = useCallback(() => {
    notificationsApi.list({ limit: notificationPage }).then(
      (page) => {
        setProblem(null);
        dispatch({ type: "first", page, limit: notificationPage });
      },
      (error: unknown) => setProblem(problemOf("load your notifications", error)),
    );
  }, []);
  useEffect(loadFirst, [loadFirst]);

  useEffect(() => {
    if (!socket) return;
    const arrived: ServerToClientEvents["notification"] = (item) => dispatch({ type: "arrived", item });
    const read: ServerToClientEvents["notifications.read"] = (marks) =>
      dispatch({ type: "read", read: marks, at: new Date().toISOString() });
    // socket.io fires connect again after each reconnection: fetch what arrived while the socket was away.
    socket.on("notification", arrived);
    socket.on("notifications.read", read);
    socket.on("connect", loadFirst);
    return () => {
      socket.off("notification", arrived);
      socket.off("notifications.read", read);
      socket.off("connect", loadFirst);
    };
  }, [socket, loadFirst]);

  const oldestAt = list.items.at(-1)?.createdAt;
  const oldestId = list.items.at(-1)?.id;
  const loadOlder = useCallback(() => {
    const before = oldestAt && oldestId ? { createdAt: oldestAt, id: oldestId } : undefined;
    notificationsApi.list({ before, limit: notificationPage }).then(
      (page) => dispatch({ type: "older", page, limit: notificationPage }),
      (error: unknown) => setProblem(problemOf("load older notifications", error)),
    );
  }, [oldestAt, oldestId]);

  const markRead = useCallback((ids?: string[]) => {
    notificationsApi.markRead(ids).then(
      ({ unread }) =>
        dispatch({ type: "read", read: { ids: ids ?? "all", unread }, at: new Date().toISOString() }),
      (error: unknown) => setProblem(problemOf("mark as read", error)),
    );
  }, []);

  return { list, problem, loadOlder, markRead };
}
