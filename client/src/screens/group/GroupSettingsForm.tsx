// An owner renames the group and gives it a description.
import { useState } from "react";
import { limits } from "../../../../shared/limits.ts";
import { api, type GroupDto } from "../../api/http.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";

/** The name and description of `group`, editable; `onSaved` reloads the library. */
export function GroupSettingsForm(props: { group: GroupDto; onSaved: () => Promise<void> }) {
  const [name, setName] = useState(props.group.name);
  const [description, setDescription] = useState(props.group.description);
  const [error, setError] = useState<string | null>(null);
  return (
    <details className="group-settings">
      <summary>Name and description</summary>
      <form
        aria-label="Group name and description"
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          api.updateGroup(props.group.id, { name: name.trim(), description: description.trim() }).then(
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
        <button type="submit" className="button">
          Save
        </button>
        <ErrorAlert error={error} />
      </form>
    </details>
  );
}
