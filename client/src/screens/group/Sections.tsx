// A group's discussion sections in the library (owners and instructors): create, rename, delete, place members,
// and split the class automatically.
import { useState } from "react";
import { api, type MemberDto } from "../../api/http.ts";
import { sectionsApi, type SectionListDto } from "../../api/sections.ts";
import { limits } from "../../../../shared/limits.ts";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { errorText } from "./error-text.ts";

/** The sections panel, loaded when opened. */
export function Sections(props: { groupId: string }) {
  const { groupId } = props;
  const [list, setList] = useState<SectionListDto | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [perSection, setPerSection] = useState("");

  /** Runs a change; the server answers with the whole list, which replaces ours. */
  const change = async (work: () => Promise<SectionListDto>) => {
    setError(null);
    try {
      setList(await work());
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const load = async () => {
    try {
      const [sections, members] = await Promise.all([sectionsApi.list(groupId), api.members(groupId)]);
      setNames(new Map(members.members.map((member: MemberDto) => [member.userId, member.displayName])));
      setList(sections);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const learners = list
    ? [
        ...list.sections.flatMap((section) =>
          section.memberIds.map((userId) => ({ userId, sectionId: section.id })),
        ),
        ...list.unsectioned.map((userId) => ({ userId, sectionId: null as string | null })),
      ].sort((a, b) => (names.get(a.userId) ?? "").localeCompare(names.get(b.userId) ?? ""))
    : [];
  const size = Number(perSection);

  return (
    <details
      className="members sections"
      onToggle={(event) => {
        if (event.currentTarget.open && !list) void load();
      }}
    >
      <summary>Discussion sections</summary>
      <p className="muted">
        Members and observers read the threads of their own section and the instructors&apos;. Instructors and
        owners read every section.
      </p>
      <ErrorAlert error={error} />
      {!list && !error && <p className="muted">Loading…</p>}
      {list && (
        <>
          <ul aria-label="Sections">
            {list.sections.map((section) => (
              <SectionRow
                key={section.id}
                name={section.name}
                count={section.memberIds.length}
                onRename={(name) => change(() => sectionsApi.rename(groupId, section.id, name))}
                onDelete={() => change(() => sectionsApi.remove(groupId, section.id))}
              />
            ))}
          </ul>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void change(() => sectionsApi.create(groupId, newName)).then(() => setNewName(""));
            }}
          >
            <input
              aria-label="New section name"
              value={newName}
              maxLength={limits.sectionNameMax}
              onChange={(event) => setNewName(event.target.value)}
            />
            <button type="submit" className="button" disabled={!newName.trim()}>
              Add section
            </button>
          </form>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void change(() => sectionsApi.split(groupId, size));
            }}
          >
            <input
              type="number"
              min={1}
              aria-label="Members per section"
              value={perSection}
              onChange={(event) => setPerSection(event.target.value)}
            />
            <button type="submit" className="button" disabled={!Number.isInteger(size) || size < 1}>
              Split into sections of {Number.isInteger(size) && size >= 1 ? size : "N"}
            </button>
            <span className="muted"> (replaces the sections above, by join order)</span>
          </form>
          {learners.length > 0 && (
            <ul aria-label="Members' sections">
              {learners.map((learner) => {
                const name = names.get(learner.userId) ?? "A member";
                return (
                  <li key={learner.userId}>
                    <label>
                      {name}{" "}
                      <select
                        aria-label={`Section of ${name}`}
                        value={learner.sectionId ?? ""}
                        onChange={(event) =>
                          void change(() =>
                            sectionsApi.place(groupId, learner.userId, event.target.value || null),
                          )
                        }
                      >
                        <option value="">No section</option>
                        {list.sections.map((section) => (
                          <option key={section.id} value={section.id}>
                            {section.name}
                          </option>
                        ))}
                      </select>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </details>
  );
}

/** One section: its name (renamed in place) and size, and a delete that asks first. */
function SectionRow(props: {
  name: string;
  count: number;
  onRename: (name: string) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const [name, setName] = useState(props.name);
  return (
    <li>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void props.onRename(name);
        }}
      >
        <input
          aria-label={`Name of ${props.name}`}
          value={name}
          maxLength={limits.sectionNameMax}
          onChange={(event) => setName(event.target.value)}
        />
        <span className="muted">
          {" "}
          {props.count} {props.count === 1 ? "member" : "members"}{" "}
        </span>
        <button type="submit" className="button" disabled={!name.trim() || name === props.name}>
          Rename
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            if (window.confirm(`Delete ${props.name}? Its members will be in no section.`))
              void props.onDelete();
          }}
        >
          Delete
        </button>
      </form>
    </li>
  );
}
