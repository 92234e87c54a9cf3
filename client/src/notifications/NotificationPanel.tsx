// The bell's panel: the notifications, newest first, with "Mark all read", older pages on demand, and the settings.
import type { NotificationDto } from "../../../shared/schemas/notifications.ts";
import { NotificationItem } from "./NotificationItem.tsx";
import { NotificationSettings } from "./NotificationSettings.tsx";
import type { Notifications } from "./use-notifications.ts";

/** The list of `notifications`; `onOpen` opens an item's thread; `roomId` adds "Mute this room" to the settings. */
export function NotificationPanel(props: {
  notifications: Notifications;
  roomId?: string;
  onOpen: (item: NotificationDto) => void;
}) {
  const { list, problem, loadOlder, markRead } = props.notifications;
  return (
    <div className="notification-panel">
      <div className="notification-actions">
        <p className="muted">{list.unread === 0 ? "All read" : `${list.unread} unread`}</p>
        <button
          type="button"
          className="button quiet"
          disabled={list.unread === 0}
          onClick={() => markRead()}
        >
          Mark all read
        </button>
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {!list.loaded ? (
        !problem && <p className="muted">Loading…</p>
      ) : list.items.length === 0 ? (
        <p className="muted">Nothing yet. Replies to you, mentions of you and announcements show here.</p>
      ) : (
        <ol className="notification-list" aria-label="Notifications, newest first">
          {list.items.map((item) => (
            <NotificationItem key={item.id} item={item} onOpen={props.onOpen} />
          ))}
        </ol>
      )}
      {list.more && (
        <button type="button" className="button quiet load-older" onClick={loadOlder}>
          Show older
        </button>
      )}
      <details className="notification-settings-box">
        <summary>Settings</summary>
        <NotificationSettings roomId={props.roomId} />
      </details>
    </div>
  );
}
