// An owner's settings of the group: its name and description, the time zone of its assignments' dates, and whether
// members may lead a "follow me".
import { useState } from "react";
import { limits } from "../../../../shared/limits.ts";
import { api, type GroupDto } from "../../api/http.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";

/** The IANA time zones this browser knows, with `current` among them even where the browser does not list it. */
export function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(current) ? zones : [current, ...zones];
}

/** The settings of `group`, editable and saved together; `onSaved` reloads the library. */
export function GroupSettingsForm(props: { group: GroupDto; onSaved: () => Promise<void> }) {
  const [name, setName] = useState(props.group.name);
  const [description, setDescription] = useState(props.group.description);
  const [timeZone, setTimeZone] = useState(props.group.timeZone);
  const [membersMayLead, setMembersMayLead] = useState(props.group.membersMayLead);
  const [zones] = useState(() => timeZoneChoices(props.group.timeZone));
  const [error, setError] = useState<string | null>(null);
  return (
    <details className="group-settings">
      <summary>Group settings</summary>
      <form
        aria-label="Group settings"
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          const change = { name: name.trim(), description: description.trim(), timeZone, membersMayLead };
          api.updateGroup(props.group.id, change).then(
            () => props.onSaved(),
            (caught: unknown) => setError(errorText(caught)),
          );
        }}
      >
        <label>
          <span>Name</span>
          <input
            required
            maxLength={limits.groupNameMax}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label>
          <span>Description</span>
          <textarea
            maxLength={limits.groupDescriptionMax}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
        <label>
          <span>Time zone of assignments&apos; dates</span>
          <select value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={membersMayLead}
            onChange={(event) => setMembersMayLead(event.target.checked)}
          />{" "}
          Members may lead a &ldquo;Follow me&rdquo;
        </label>
        <button type="submit" className="button">
          Save
        </button>
        <ErrorAlert error={error} />
      </form>
    </details>
  );
}
