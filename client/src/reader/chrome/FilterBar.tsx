// The filter bar under the reader's bar: mine, open/resolved, words, tag, member and (for instructors) section.
import type { SectionDto } from "../../../../shared/schemas/sections.ts";
import { noFilters, type FilterCounts, type Filters } from "../state/filters.ts";

/**
 * The filters, changed through `onChange`; the section choice shows only where `sections` has some. When the
 * filters leave nothing of the room's threads (`shown` is how many pass them), it says so and offers to clear them.
 */
export function FilterBar(props: {
  filters: Filters;
  counts: FilterCounts;
  onChange: (filters: Filters) => void;
  sections?: readonly SectionDto[];
  shown?: number;
}) {
  const { filters, counts } = props;
  const set = (patch: Partial<Filters>) => props.onChange({ ...filters, ...patch });
  const query = filters.query.trim();
  const filtering = JSON.stringify({ ...filters, query: "" }) !== JSON.stringify(noFilters);
  const empty = props.shown === 0 && (query !== "" || filtering);
  return (
    <section className="filters" aria-label="Filter threads">
      <button
        type="button"
        className="chip"
        aria-pressed={filters.mine}
        onClick={() => set({ mine: !filters.mine })}
      >
        Mine <span className="count">{counts.mine}</span>
      </button>
      <span className="segmented" role="group" aria-label="Status">
        {(
          [
            ["all", "All", counts.all],
            ["open", "Open", counts.open],
            ["resolved", "Resolved", counts.resolved],
          ] as const
        ).map(([value, name, count]) => (
          <button
            key={value}
            type="button"
            className="chip"
            aria-pressed={filters.status === value}
            onClick={() => set({ status: value })}
          >
            {name} <span className="count">{count}</span>
          </button>
        ))}
      </span>
      <label className="search">
        <span className="sr-only">Search threads</span>
        <input
          type="search"
          placeholder="Search threads"
          value={filters.query}
          onChange={(event) => set({ query: event.target.value })}
        />
      </label>
      <label className="select">
        <span className="sr-only">Tag</span>
        <select value={filters.tag ?? ""} onChange={(event) => set({ tag: event.target.value || null })}>
          <option value="">All tags</option>
          {counts.tags.map(([tag, count]) => (
            <option key={tag} value={tag}>
              #{tag} ({count})
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        <span className="sr-only">Member</span>
        <select
          value={filters.member ?? ""}
          onChange={(event) => set({ member: event.target.value || null })}
        >
          <option value="">Everyone</option>
          {counts.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name} ({member.count})
            </option>
          ))}
        </select>
      </label>
      {props.sections && props.sections.length > 0 && (
        <label className="select">
          <span className="sr-only">Section</span>
          <select
            value={filters.section?.id ?? ""}
            onChange={(event) => {
              const chosen = props.sections?.find((section) => section.id === event.target.value);
              set({ section: chosen ? { id: chosen.id, memberIds: chosen.memberIds } : null });
            }}
          >
            <option value="">All sections</option>
            {props.sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {empty && (
        <p role="status" className="filters-empty">
          {query ? `No threads match “${query}”.` : "No threads match these filters."}{" "}
          <button
            type="button"
            className="button link"
            onClick={() => props.onChange(query ? { ...filters, query: "" } : noFilters)}
          >
            {query ? "Clear search" : "Clear filters"}
          </button>
        </p>
      )}
    </section>
  );
}
