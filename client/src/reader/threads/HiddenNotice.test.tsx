// The hidden notice: everyone sees who hid it and why; only moderators may show the hidden text, in place.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PermissionsContext } from "../permissions.ts";
import { HiddenTextContext, type HiddenTextLoader } from "../state/hidden-text.ts";
import { HiddenNotice } from "./HiddenNotice.tsx";

afterEach(cleanup);

const hidden = { byId: "u1", byName: "Ada Owner", reason: "Off topic", at: "2026-11-26T10:00:00.000Z" };
const target = { kind: "comment" as const, id: "c1", threadId: "t1" };

const renderNotice = (moderate: boolean, load: HiddenTextLoader) =>
  render(
    <PermissionsContext.Provider value={{ write: true, moderate, teach: moderate }}>
      <HiddenTextContext.Provider value={load}>
        <HiddenNotice target={target} hidden={hidden} />
      </HiddenTextContext.Provider>
    </PermissionsContext.Provider>,
  );

describe("HiddenNotice", () => {
  it("tells a member who hid it and why, and offers nothing more", () => {
    const load = vi.fn<HiddenTextLoader>();
    const { container } = renderNotice(false, load);
    expect(container.textContent).toBe("Hidden by Ada Owner · Reason: Off topic");
    expect(screen.queryByRole("button")).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it("lets a moderator show the hidden text in place, marked as hidden, and close it", async () => {
    const load = vi.fn<HiddenTextLoader>().mockResolvedValue("The *hidden* words");
    const { container } = renderNotice(true, load);
    const toggle = screen.getByRole("button", { name: "Show hidden text" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(load).toHaveBeenCalledWith(target);
    await screen.findByRole("button", { name: "Close hidden text" });
    const shown = container.querySelector(".hidden-text")!;
    expect(shown.hasAttribute("hidden")).toBe(false);
    expect(shown.querySelector(".hidden-label")?.textContent).toContain("Hidden text");
    expect(shown.querySelector("em")?.textContent).toBe("hidden");
    fireEvent.click(screen.getByRole("button", { name: "Close hidden text" }));
    expect(container.querySelector(".hidden-text")?.hasAttribute("hidden")).toBe(true);
    expect(container.textContent).not.toContain("words");
  });

  it("says why the text could not be shown", async () => {
    renderNotice(true, () => Promise.reject(new Error("You are not allowed to do that.")));
    fireEvent.click(screen.getByRole("button", { name: "Show hidden text" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not show the hidden text: You are not allowed to do that.",
    );
  });
});
