// The analytics panel: everyone's participation for instructors and owners (members see their own), the heat map's
// switch, questions by paragraph, threads and replies by day and hour, and each table as a CSV download.
import { useState } from "react";
import type { AnalyticsTable, RoomAnalytics } from "../../../../shared/schemas/analytics.ts";
import { BottomSheet } from "../chrome/BottomSheet.tsx";
import { fetchExport, saveFile } from "../export/download.ts";
import type { AnalyticsState } from "./use-room-analytics.ts";
import { formatSeconds } from "./heat-map.ts";
import { useHeatChoice, type HeatStore } from "./heat-store.ts";

const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const tableNames: Record<AnalyticsTable, string> = {
  members: "Members",
  paragraphs: "Paragraphs",
  timeline: "Day × hour",
  confusion: "Confusion report",
};

const lastSeen = (at: string | null) => (at ? new Date(at).toLocaleString() : "never");

function Downloads(props: { roomId: string }) {
  const [status, setStatus] = useState("");
  async function download(table: AnalyticsTable) {
    setStatus(`Preparing ${tableNames[table]}…`);
    try {
      const { file, name } = await fetchExport(
        `/api/rooms/${props.roomId}/analytics?format=csv&table=${table}`,
        () => {},
        new AbortController().signal,
      );
      saveFile(file, name);
      setStatus(`Saved as ${name}.`);
    } catch (error) {
      setStatus((error as Error).message);
    }
  }
  return (
    <p className="analytics-downloads">
      Download as CSV:{" "}
      {(Object.keys(tableNames) as AnalyticsTable[]).map((table) => (
        <button key={table} type="button" className="button quiet" onClick={() => void download(table)}>
          {tableNames[table]}
        </button>
      ))}
      <span role="status">{status}</span>
    </p>
  );
}

function MemberTable(props: { analytics: RoomAnalytics }) {
  // Late work has a column only where the room has an assignment to be late for.
  const late = props.analytics.members.some((member) => member.lateWork !== null);
  return (
    <table className="analytics-table">
      <caption>{props.analytics.scope === "everyone" ? "Members" : "Your activity"}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Threads</th>
          <th scope="col">Replies</th>
          <th scope="col">Words</th>
          <th scope="col">Reactions given</th>
          <th scope="col">Reactions received</th>
          <th scope="col">Questions</th>
          <th scope="col">Reading</th>
          <th scope="col">Active</th>
          <th scope="col">Paragraphs read</th>
          <th scope="col">Last seen</th>
          {late && <th scope="col">Late</th>}
        </tr>
      </thead>
      <tbody>
        {props.analytics.members.map((member) => (
          <tr key={member.userId}>
            <th scope="row">
              {member.displayName} <span className="hint">{member.role}</span>
            </th>
            <td>{member.threads}</td>
            <td>{member.replies}</td>
            <td>{member.words}</td>
            <td>{member.reactionsGiven}</td>
            <td>{member.reactionsReceived}</td>
            <td>{member.questions}</td>
            <td>{formatSeconds(member.readingSeconds)}</td>
            <td>{formatSeconds(member.activeSeconds)}</td>
            <td>{member.paragraphsRead}</td>
            <td>{lastSeen(member.lastSeen)}</td>
            {late && <td>{member.lateWork ?? 0}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The day × hour chart as a table: every cell carries its number; the tint only repeats it. */
function Timeline(props: { analytics: RoomAnalytics }) {
  const { counts, timeZone } = props.analytics.timeline;
  const most = Math.max(0, ...counts.flat());
  const level = (count: number) => (count === 0 ? 0 : Math.max(1, Math.ceil((count / most) * 4)));
  return (
    <table className="analytics-table timeline">
      <caption>Threads and replies by day and hour ({timeZone})</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {counts[0]!.map((_, hour) => (
            <th key={hour} scope="col">
              {hour}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.map((hours, day) => (
          <tr key={days[day]}>
            <th scope="row">{days[day]}</th>
            {hours.map((count, hour) => (
              <td key={hour} className={`heat-${level(count)}`}>
                {count || ""}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Confusion(props: { analytics: RoomAnalytics; paragraphName: (blockId: string) => string }) {
  const { confusion } = props.analytics;
  if (confusion.length === 0) return <p className="hint">No questions asked yet.</p>;
  return (
    <table className="analytics-table">
      <caption>
        Where questions were asked (threads tagged question or ending in “?”, 😕 and ❓ reactions)
      </caption>
      <thead>
        <tr>
          <th scope="col">Paragraph</th>
          <th scope="col">Question threads</th>
          <th scope="col">Question replies</th>
          <th scope="col">Confused reactions</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        {confusion.slice(0, 20).map((entry) => (
          <tr key={entry.blockId}>
            <th scope="row">
              {props.paragraphName(entry.blockId)} <span className="hint">{entry.excerpt.slice(0, 60)}…</span>
            </th>
            <td>{entry.questionThreads}</td>
            <td>{entry.questionReplies}</td>
            <td>{entry.confusedReactions}</td>
            <td>{entry.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Paragraphs with any reading or discussion, in reading order. */
function Paragraphs(props: { analytics: RoomAnalytics; paragraphName: (blockId: string) => string }) {
  const active = props.analytics.paragraphs.filter(
    (p) => p.readingSeconds > 0 || p.threads > 0 || p.replies > 0,
  );
  return (
    <details>
      <summary>Paragraphs ({active.length} with reading or discussion)</summary>
      <table className="analytics-table">
        <thead>
          <tr>
            <th scope="col">Paragraph</th>
            <th scope="col">Threads</th>
            <th scope="col">Replies</th>
            <th scope="col">Questions</th>
            <th scope="col">Readers</th>
            <th scope="col">Reading</th>
          </tr>
        </thead>
        <tbody>
          {active.map((p) => (
            <tr key={p.blockId}>
              <th scope="row">{props.paragraphName(p.blockId)}</th>
              <td>{p.threads}</td>
              <td>{p.replies}</td>
              <td>{p.questions}</td>
              <td>{p.readers}</td>
              <td>{formatSeconds(p.readingSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The heat map's switch: it alone re-renders when the choice changes, not the tables around it. */
function HeatSwitch(props: { store: HeatStore }) {
  const heat = useHeatChoice(props.store);
  return (
    <fieldset className="heat-choice">
      <legend>Heat map over the text</legend>
      <label className="choice">
        <input
          type="checkbox"
          checked={heat.on}
          onChange={(event) => props.store.choose({ ...heat, on: event.target.checked })}
        />
        <span>Show it</span>
      </label>
      {(["reading", "discussion"] as const).map((measure) => (
        <label key={measure} className="choice">
          <input
            type="radio"
            name="heat-measure"
            checked={heat.measure === measure}
            onChange={() => props.store.choose({ on: true, measure })}
          />
          <span>{measure === "reading" ? "Reading time" : "Discussion (threads and replies)"}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Modal; the heat map switch (instructors and owners) stays in effect after it closes. */
export function AnalyticsPanel(props: {
  roomId: string;
  result: AnalyticsState;
  /** The heat map's switch (instructors and owners). */
  heat: HeatStore;
  /** "paragraph 3", or the block's kind. */
  paragraphName: (blockId: string) => string;
  onReload: () => void;
  onClose: () => void;
}) {
  const { result } = props;
  const analytics =
    result.state === "ready" ? result.analytics : result.state === "loading" ? result.analytics : undefined;
  const everyone = analytics?.scope === "everyone";
  return (
    <BottomSheet title={everyone ? "Analytics" : "Your activity"} variant="dialog" onClose={props.onClose}>
      <div className="analytics-panel">
        {result.state === "failed" && <p role="alert">{result.message}</p>}
        {!analytics && result.state !== "failed" && <p role="status">Loading…</p>}
        {analytics && (
          <>
            <p className="hint">
              {everyone
                ? "Everyone in this room. Deleted words count for nobody; words a moderator hid still count."
                : "Your own numbers: only you and the group's instructors see them."}{" "}
              <button type="button" className="button quiet" onClick={props.onReload}>
                Refresh
              </button>
            </p>
            {everyone && <HeatSwitch store={props.heat} />}
            <MemberTable analytics={analytics} />
            <Confusion analytics={analytics} paragraphName={props.paragraphName} />
            <Timeline analytics={analytics} />
            <Paragraphs analytics={analytics} paragraphName={props.paragraphName} />
            <Downloads roomId={props.roomId} />
          </>
        )}
      </div>
    </BottomSheet>
  );
}
