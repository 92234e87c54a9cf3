// The notification settings in the bell's panel: when to send e-mail, and (in a reader) muting its room.
import { useEffect, useId, useState } from "react";
import { emailModes, type EmailMode } from "../../../shared/schemas/notifications.ts";
import { ApiError } from "../api/http.ts";
import { notificationsApi, type NotificationSettings as Settings } from "../api/notifications.ts";

const emailLabels: Record<EmailMode, string> = {
  never: "Never",
  immediate: "Right away",
  daily: "Daily digest",
};

/** E-mail never / right away / daily, and "Mute this room" when `roomId` is given; each change is saved at once. */
export function NotificationSettings(props: { roomId?: string }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const fail = (error: unknown) =>
    setProblem(error instanceof ApiError ? error.message : "The setting could not be saved. Try again.");

  useEffect(() => {
    notificationsApi.settings().then(setSettings, fail);
  }, []);
  if (!settings) {
    return problem ? <p className="error">{problem}</p> : <p className="muted">Loading settings…</p>;
  }

  const muted = props.roomId !== undefined && settings.mutedRoomIds.includes(props.roomId);
  const setEmail = (email: EmailMode) => {
    const before = settings;
    setSettings({ ...settings, email });
    setProblem(null);
    notificationsApi.setEmail(email).then(undefined, (error: unknown) => {
      setSettings(before);
      fail(error);
    });
  };
  const setMuted = (roomId: string, on: boolean) => {
    const before = settings;
    const others = settings.mutedRoomIds.filter((room) => room !== roomId);
    setSettings({ ...settings, mutedRoomIds: on ? [...others, roomId] : others });
    setProblem(null);
    notificationsApi.muteRoom(roomId, on).then(undefined, (error: unknown) => {
      setSettings(before);
      fail(error);
    });
  };

  return (
    <div className="notification-settings">
      <fieldset>
        <legend>E-mail me</legend>
        {emailModes.map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name={`${id}-email`}
              checked={settings.email === mode}
              onChange={() => setEmail(mode)}
            />
            <span>{emailLabels[mode]}</span>
          </label>
        ))}
      </fieldset>
      {props.roomId !== undefined && (
        <label className="mute-field">
          <input
            type="checkbox"
            checked={muted}
            onChange={(event) => setMuted(props.roomId!, event.target.checked)}
          />
          <span>Mute this room (no notifications from it)</span>
        </label>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </div>
  );
}
