// The notifications bell of the top bars: the unread count, and a panel (a popover on wide screens, a bottom sheet on
// narrow ones) whose items open their thread.
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import type { NotificationDto } from "../../../shared/schemas/notifications.ts";
import { phoneQuery, useMediaQuery } from "../components/use-media-query.ts";
import { BottomSheet } from "../reader/chrome/BottomSheet.tsx";
import { usePeopleSocket } from "../realtime/people-socket.ts";
import { NotificationPanel } from "./NotificationPanel.tsx";
import { useNotifications } from "./use-notifications.ts";

/**
 * The bell and its panel. `navigate` follows an item's link (the reader opens the thread at its passage); `roomId`
 * (in a reader) offers muting that room. The tab's people socket keeps the count and list live.
 */
export function NotificationBell(props: { navigate: (path: string) => void; roomId?: string }) {
  const notifications = useNotifications(usePeopleSocket());
  const [open, setOpen] = useState(false);
  const sheet = useMediaQuery(phoneQuery);
  const button = useRef<HTMLButtonElement>(null);
  const { unread } = notifications.list;

  const close = useCallback(() => setOpen(false), []);
  // Escape closes the panel wherever focus is in the page, before the reader reads it as "close the thread".
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      close();
      button.current?.focus();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open, close]);
  const openItem = (item: NotificationDto) => {
    if (item.readAt === null) notifications.markRead([item.id]);
    close();
    props.navigate(item.link);
  };
  const panel = <NotificationPanel notifications={notifications} roomId={props.roomId} onOpen={openItem} />;

  return (
    <div className="bell-anchor">
      <button
        ref={button}
        type="button"
        className="button quiet bell"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open &&
        (sheet ? (
          <BottomSheet title="Notifications" onClose={close}>
            {panel}
          </BottomSheet>
        ) : (
          <Popover onClose={close} opener={button}>
            {panel}
          </Popover>
        ))}
    </div>
  );
}

/** The panel under the bell on wide screens: takes focus, and closes on a click outside. */
function Popover(props: {
  onClose: () => void;
  opener: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose, opener } = props;
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!ref.current?.contains(target) && !opener.current?.contains(target)) onClose();
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [onClose, opener]);
  return (
    <div ref={ref} className="notification-popover" role="dialog" aria-label="Notifications" tabIndex={-1}>
      <h2 className="popover-title">Notifications</h2>
      {props.children}
    </div>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}
