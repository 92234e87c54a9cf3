// The analytics panel: everyone's table for instructors with the heat map's switch, one's own for members, the day ×
// hour chart as numbers, the confusion report, and each table downloaded as CSV under the server's file name.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildAnalytics } from "../test-factories.ts";
import { AnalyticsPanel } from "./AnalyticsPanel.tsx";
import { createHeatStore } from "./heat-store.ts";
import type { AnalyticsState } from "./use-room-analytics.ts";

const requested: string[] = [];
beforeEach(() => {
  requested.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      requested.push(url);
      return new Response("user_id,name\r\n", {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": 'attachment; filename="reading-slowly-members-2026-11-30.csv"',
        },
      });
    }),
  );
  URL.createObjectURL = vi.fn(() => "blob:analytics");
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPanel(result: AnalyticsState) {
  const heat = createHeatStore();
  render(
    <AnalyticsPanel
      roomId="r1"
      result={result}
      heat={heat}
      paragraphName={(blockId) => `Paragraph ${blockId.slice(1)}`}
      onReload={() => {}}
      onClose={() => {}}
    />,
  );
  return heat;
}

describe("AnalyticsPanel", () => {
  it("shows instructors every member's figures, with reading time in words", () => {
    renderPanel({ state: "ready", analytics: buildAnalytics() });
    const table = screen.getByRole("table", { name: "Members" });
    const ada = within(table).getByRole("row", { name: /^Ada member/ });
    expect(
      within(ada)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["2", "1", "41", "0", "0", "1", "13 min", "0 s", "2", "never"]);
    expect(within(table).getByRole("row", { name: /^Bob member/ })).toBeTruthy();
    expect(within(table).queryByRole("columnheader", { name: "Late" })).toBeNull();
  });

  it("adds a Late column where the room has an assignment", () => {
    const analytics = buildAnalytics();
    const members = analytics.members.map((member, index) => ({ ...member, lateWork: index }));
    renderPanel({ state: "ready", analytics: { ...analytics, members } });
    const table = screen.getByRole("table", { name: "Members" });
    expect(within(table).getByRole("columnheader", { name: "Late" })).toBeTruthy();
    const bob = within(table).getByRole("row", { name: /^Bob member/ });
    expect(within(bob).getAllByRole("cell").at(-1)?.textContent).toBe("1");
  });

  it("writes every hour's count in the day × hour chart, the zone in its caption", () => {
    renderPanel({ state: "ready", analytics: buildAnalytics() });
    const chart = screen.getByRole("table", { name: "Threads and replies by day and hour (UTC)" });
    const monday = within(chart).getByRole("row", { name: /^Mon/ });
    const cells = within(monday).getAllByRole("cell");
    expect(cells).toHaveLength(24);
    expect(cells[9]!.textContent).toBe("3");
    expect(cells[9]!.className).toBe("heat-4");
    expect(cells[8]!.textContent).toBe("");
    expect(
      within(within(chart).getByRole("row", { name: /^Wed/ })).getAllByRole("cell")[20]!.textContent,
    ).toBe("1");
  });

  it("ranks the paragraphs where questions were asked", () => {
    renderPanel({ state: "ready", analytics: buildAnalytics() });
    const report = screen.getByRole("table", { name: /Where questions were asked/ });
    const row = within(report).getByRole("row", { name: /^Paragraph 1/ });
    expect(
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["1", "0", "2", "3"]);
  });

  it("switches the heat map on, by reading time or by discussion", () => {
    const heat = renderPanel({ state: "ready", analytics: buildAnalytics() });
    fireEvent.click(screen.getByRole("checkbox", { name: "Show it" }));
    expect(heat.choice()).toEqual({ on: true, measure: "reading" });
    expect((screen.getByRole("checkbox", { name: "Show it" }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: /Discussion/ }));
    expect(heat.choice()).toEqual({ on: true, measure: "discussion" });
    fireEvent.click(screen.getByRole("checkbox", { name: "Show it" }));
    expect(heat.choice()).toEqual({ on: false, measure: "discussion" });
  });

  it("downloads each table as CSV under the name the server gives", async () => {
    renderPanel({ state: "ready", analytics: buildAnalytics() });
    fireEvent.click(screen.getByRole("button", { name: "Members" }));
    await waitFor(() =>
      expect(screen.getByText("Saved as reading-slowly-members-2026-11-30.csv.")).toBeTruthy(),
    );
    fireEvent.click(screen.getByRole("button", { name: "Confusion report" }));
    fireEvent.click(screen.getByRole("button", { name: "Day × hour" }));
    fireEvent.click(screen.getByRole("button", { name: "Paragraphs" }));
    await waitFor(() => expect(requested).toHaveLength(4));
    expect(requested).toEqual([
      "/api/rooms/r1/analytics?format=csv&table=members",
      "/api/rooms/r1/analytics?format=csv&table=confusion",
      "/api/rooms/r1/analytics?format=csv&table=timeline",
      "/api/rooms/r1/analytics?format=csv&table=paragraphs",
    ]);
  });

  it("shows a member their own numbers, without the heat map's switch", () => {
    const analytics = buildAnalytics({ scope: "self" });
    renderPanel({ state: "ready", analytics: { ...analytics, members: analytics.members.slice(0, 1) } });
    expect(screen.getByRole("dialog", { name: "Your activity" })).toBeTruthy();
    expect(screen.getByText(/only you and the group's instructors see them/)).toBeTruthy();
    expect(screen.getByRole("table", { name: "Your activity" })).toBeTruthy();
    expect(screen.queryByRole("checkbox", { name: "Show it" })).toBeNull();
  });

  it("says why the figures could not be loaded", () => {
    renderPanel({ state: "failed", message: "Room was not found." });
    expect(screen.getByRole("alert").textContent).toBe("Room was not found.");
  });
});
