// The assignment above the text: the due date in the group's zone and the reader's, their extension, sanitized
// instructions, the Archived banner; instructors' form sends local date-times and reloads.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RoomStateDto } from "../../../../shared/schemas/assignments.ts";
import { serveApi } from "../../testing/fake-api.ts";
import { AssignmentPanel } from "./AssignmentPanel.tsx";
import { describeTime } from "./zoned-time.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const due = { at: "2027-03-28T07:00:00.000Z", local: "2027-03-28T09:00" };
const state = (over: Partial<RoomStateDto> = {}): RoomStateDto => ({
  archived: false,
  archivedAt: null,
  timeZone: "Europe/Berlin",
  assignment: {
    instructions: "Read **both** <script>alert(1)</script>",
    opensAt: null,
    dueAt: due,
    timeZone: "Europe/Berlin",
    myExtension: { at: "2027-03-29T07:00:00.000Z", local: "2027-03-29T09:00" },
  },
  ...over,
});

describe("describeTime", () => {
  it("gives the group's time, and the reader's own only when their zone differs", () => {
    // Hours as the locale writes them (09:00 or 09:00 AM).
    expect(describeTime(due, "Europe/Berlin", "Europe/Berlin")).toMatch(/09:00( AM)? \(Europe\/Berlin\)$/);
    expect(describeTime(due, "Europe/Berlin", "America/New_York")).toMatch(
      /09:00( AM)? \(Europe\/Berlin\) — .*03:00( AM)? your time \(America\/New_York\)$/,
    );
  });
});

describe("AssignmentPanel", () => {
  it("shows what is due, the reader's extension and the instructions as sanitized Markdown; no form for members", () => {
    const { container } = render(
      <AssignmentPanel roomId="r1" state={state()} manage={false} onChanged={() => undefined} />,
    );
    expect(screen.getByText(/Due/).parentElement!.textContent).toMatch(/09:00( AM)? \(Europe\/Berlin\)/);
    expect(screen.getByText(/Your extension/).parentElement!.textContent).toMatch(/Mon.*29/);
    expect(container.querySelector(".markdown strong")?.textContent).toBe("both");
    expect(container.querySelector("script")).toBeNull();
    expect(screen.queryByRole("button", { name: /assignment/ })).toBeNull();
    expect(screen.queryByText(/Archived/)).toBeNull();
  });

  it("says an archived room can be read and exported", () => {
    render(
      <AssignmentPanel
        roomId="r1"
        state={state({ archived: true, assignment: null })}
        manage={false}
        onChanged={() => undefined}
      />,
    );
    expect(screen.getByRole("status").textContent).toMatch(/Archived.*read and exported/);
  });

  it("lets an instructor set the due date as a local date-time in the group's zone, then reloads", async () => {
    const sent: unknown[] = [];
    serveApi({
      "PATCH /api/rooms/r1": (request) => {
        sent.push(request.body);
        return [200, { room: {} }];
      },
    });
    const onChanged = vi.fn();
    render(<AssignmentPanel roomId="r1" state={state({ assignment: null })} manage onChanged={onChanged} />);
    fireEvent.click(screen.getByRole("button", { name: "Set an assignment" }));
    fireEvent.change(screen.getByLabelText("Due (Europe/Berlin)"), { target: { value: "2027-03-28T09:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Save assignment" }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(sent).toEqual([{ assignment: { instructions: "", opensAt: null, dueAt: "2027-03-28T09:00" } }]);
  });
});
