// The phone bar's "More" menu: a disclosure that names its state, closes on Escape (focus back on its button), on a
// press outside and on choosing an action that opens a dialog (whose closing gives focus back to More).
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { BottomSheet } from "./BottomSheet.tsx";
import { MoreMenu } from "./MoreMenu.tsx";

afterEach(cleanup);

function renderMenu(onExport = vi.fn()) {
  render(
    <>
      <MoreMenu>
        <button type="button" aria-haspopup="dialog" onClick={onExport}>
          Export
        </button>
        <button type="button">Stay open</button>
      </MoreMenu>
      <p>Outside</p>
    </>,
  );
  return screen.getByRole("button", { name: "More" });
}

describe("MoreMenu", () => {
  it("shows its actions only when opened, and says so", () => {
    const more = renderMenu();
    expect(more.getAttribute("aria-haspopup")).toBe("true");
    expect(more.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("button", { name: "Export" })).toBeNull();
    fireEvent.click(more);
    expect(more.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("group", { name: "More actions" })).toBeTruthy();
  });

  it("closes on Escape and gives focus back to its button", () => {
    const more = renderMenu();
    fireEvent.click(more);
    screen.getByRole("button", { name: "Stay open" }).focus();
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("group", { name: "More actions" })).toBeNull();
    expect(document.activeElement).toBe(more);
  });

  it("closes on a press outside, not on one inside", () => {
    const more = renderMenu();
    fireEvent.click(more);
    fireEvent.pointerDown(screen.getByRole("button", { name: "Stay open" }));
    fireEvent.click(screen.getByRole("button", { name: "Stay open" }));
    expect(screen.getByRole("group", { name: "More actions" })).toBeTruthy();
    fireEvent.pointerDown(screen.getByText("Outside"));
    expect(screen.queryByRole("group", { name: "More actions" })).toBeNull();
  });

  it("gives focus back to More when the dialog an action opened closes, not to the page", () => {
    function Bar() {
      const [exporting, setExporting] = useState(false);
      return (
        <>
          <MoreMenu>
            <button type="button" aria-haspopup="dialog" onClick={() => setExporting(true)}>
              Export
            </button>
          </MoreMenu>
          {exporting && (
            <BottomSheet title="Export" variant="dialog" onClose={() => setExporting(false)}>
              <p>Formats</p>
            </BottomSheet>
          )}
        </>
      );
    }
    render(<Bar />);
    const more = screen.getByRole("button", { name: "More" });
    more.focus();
    fireEvent.click(more);
    const exportButton = screen.getByRole("button", { name: "Export" });
    exportButton.focus();
    fireEvent.click(exportButton);
    expect(screen.getByRole("dialog", { name: "Export" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(more);
  });

  it("closes when an action opens its dialog", () => {
    const onExport = vi.fn();
    fireEvent.click(renderMenu(onExport));
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    expect(onExport).toHaveBeenCalledOnce();
    expect(screen.queryByRole("group", { name: "More actions" })).toBeNull();
  });
});
