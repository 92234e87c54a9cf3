// The reader's modal sheet and dialogs: Escape closes a dialog, except while an input method is composing text.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BottomSheet } from "./BottomSheet.tsx";

afterEach(cleanup);

describe("BottomSheet as a dialog", () => {
  it("leaves Escape to an input method composing in a field, and closes on the next Escape", () => {
    const onClose = vi.fn();
    const readerKeys = vi.fn();
    document.addEventListener("keydown", readerKeys);
    try {
      render(
        <BottomSheet title="Upload a new version" variant="dialog" onClose={onClose}>
          <textarea aria-label="Paste the text" />
        </BottomSheet>,
      );
      const field = screen.getByRole("textbox", { name: "Paste the text" });
      // The candidate window's Escape: the dialog (and what was pasted into it) stays, and the reader behind
      // does not take it either.
      fireEvent.keyDown(field, { key: "Escape", isComposing: true });
      expect(onClose).not.toHaveBeenCalled();
      expect(readerKeys).not.toHaveBeenCalled();
      fireEvent.keyDown(field, { key: "Escape" });
      expect(onClose).toHaveBeenCalledTimes(1);
    } finally {
      document.removeEventListener("keydown", readerKeys);
    }
  });
});
