// One notification in the list: who did what where and when, the words concerned, and a link to the thread.
import type { NotificationDto } from "../../../shared/schemas/notifications.ts";
import { RelativeTime } from "../reader/threads/RelativeTime.tsx";
import { describeNotification } from "./describe-notification.ts";

/** A list item linking to `item.link`; `onOpen` is called instead of following the link (to mark it read first). */
export function NotificationItem(props: { item: NotificationDto; onOpen: (item: NotificationDto) => void }) {
  const { item } = props;
  const { who, did } = describeNotification(item);
  const unread = item.readAt === null;
  return (
    <li className={`notification${unread ? " unread" : ""}`}>
      <a
        href={item.link}
        onClick={(event) => {
          // A modified click opens a new tab the browser's way; that tab marks nothing read.
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          props.onOpen(item);
        }}
      >
        <span className="notification-line">
          {unread && <span className="sr-only">Unread: </span>}
          <strong>{who}</strong> {did}
          <span className="sr-only"> · </span>
        </span>
        <span className="notification-where">
          <span className="notification-room">{item.roomTitle}</span>
          <span aria-hidden="true">·</span>
          <RelativeTime iso={item.createdAt} />
        </span>
        {item.excerpt && <span className="notification-excerpt">{item.excerpt}</span>}
      </a>
    </li>
  );
}
