// Hide until posted in the reader: the notice a reader who has not posted sees instead of an empty margin, and the
// instructors' switches, saved through PATCH /api/rooms/:roomId, with the badge that follows them.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RoomSettingsDto } from "../../../../shared/schemas/room-settings.ts";
import { HiddenUntilPostedNotice } from "../chrome/HiddenUntilPostedNotice.tsx";
import { HiddenUntilPostedBadge, RoomSettingsPanel } from "./RoomSettings.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("HiddenUntilPostedNotice", () => {
  it("says why the margin is empty and how to open it", () => {
    render(<HiddenUntilPostedNotice canWrite />);
    const notice = screen.getByRole("status");
    expect(notice.textContent).toContain("Threads from the class appear after you start your own.");
    expect(notice.textContent).toContain("write yours");
  });

  it("tells an observer, who cannot post, whom to ask", () => {
    render(<HiddenUntilPostedNotice canWrite={false} />);
    expect(screen.getByRole("status").textContent).toContain("ask an instructor");
  });
});

function Harness(props: { initial: RoomSettingsDto }) {
  const [settings, setSettings] = useState(props.initial);
  return (
    <>
      <HiddenUntilPostedBadge settings={settings} />
      <RoomSettingsPanel roomId="room-1" settings={settings} onChange={setSettings} />
    </>
  );
}

describe("RoomSettingsPanel", () => {
  it("saves the switch, then shows the badge; instructors' visibility waits for it", async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const change = JSON.parse(String(init.body)) as Partial<RoomSettingsDto>;
      const settings = { hideUntilPosted: false, instructorThreadsVisible: true, ...change };
      return new Response(JSON.stringify({ room: { id: "room-1", settings } }), {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    });
    vi.stubGlobal("fetch", fetchMock);
    render(<Harness initial={{ hideUntilPosted: false, instructorThreadsVisible: true, archived: false }} />);
    expect(screen.queryByText("Hidden until posted")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Room settings" }));
    const instructorsToo = screen.getByRole("checkbox", { name: /show them instructors/ });
    expect((instructorsToo as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: /until they start one/ }));
    await waitFor(() => expect(screen.getByText("Hidden until posted")).toBeTruthy());
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/rooms/room-1",
      expect.objectContaining({ method: "PATCH", body: JSON.stringify({ hideUntilPosted: true }) }),
    );
    expect((instructorsToo as HTMLInputElement).disabled).toBe(false);
  });

  it("puts a refused change back and says why", async () => {
    const refusal = { error: { code: "forbidden", message: "Your role (member) does not allow this." } };
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify(refusal), { status: 403 })),
    );
    render(<Harness initial={{ hideUntilPosted: false, instructorThreadsVisible: true, archived: false }} />);
    fireEvent.click(screen.getByRole("button", { name: "Room settings" }));
    const hide = screen.getByRole("checkbox", { name: /until they start one/ }) as HTMLInputElement;
    fireEvent.click(hide);
    expect(hide.checked).toBe(true);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("does not allow"));
    expect(hide.checked).toBe(false);
    expect(screen.queryByText("Hidden until posted")).toBeNull();
  });

  it("closes on Escape, focus back on its button, and on a press outside", () => {
    render(
      <>
        <Harness initial={{ hideUntilPosted: false, instructorThreadsVisible: true, archived: false }} />
        <p>Filters</p>
      </>,
    );
    const button = screen.getByRole("button", { name: "Room settings" });
    fireEvent.click(button);
    const box = screen.getByRole("checkbox", { name: /until they start one/ });
    box.focus();
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("group", { name: "Room settings" })).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    fireEvent.pointerDown(screen.getByRole("checkbox", { name: /until they start one/ }));
    expect(screen.getByRole("group", { name: "Room settings" })).toBeTruthy();
    fireEvent.pointerDown(screen.getByText("Filters"));
    expect(screen.queryByRole("group", { name: "Room settings" })).toBeNull();
  });
});
