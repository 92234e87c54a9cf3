// The private note's keys: Ctrl/⌘+Enter saves; Escape closes at once when nothing changed, else asks first.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PrivateNote } from "./PrivateNote.tsx";

afterEach(cleanup);

const renderNote = (text = "") => {
  const handlers = { onEdit: vi.fn(), onSave: vi.fn(), onClose: vi.fn() };
  render(<PrivateNote text={text} problem={null} editing {...handlers} />);
  return { ...handlers, box: screen.getByRole("textbox", { name: "Private note" }) as HTMLTextAreaElement };
};

describe("PrivateNote", () => {
  it("saves with Ctrl+Enter and with ⌘+Enter", () => {
    const { box, onSave } = renderNote();
    fireEvent.change(box, { target: { value: "Check this against the French." } });
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    expect(onSave).toHaveBeenLastCalledWith("Check this against the French.");
    fireEvent.keyDown(box, { key: "Enter", metaKey: true });
    expect(onSave).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSave).toHaveBeenCalledTimes(2);
  });

  it("asks before Escape discards what was typed, and discards it at the second Escape", () => {
    const { box, onClose } = renderNote("Saved words.");
    fireEvent.change(box, { target: { value: "Saved words. New words." } });
    const outside = vi.fn();
    document.addEventListener("keydown", outside);
    fireEvent.keyDown(box, { key: "Escape" });
    expect(outside).not.toHaveBeenCalled();
    document.removeEventListener("keydown", outside);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toContain("Discard what you wrote?");
    expect(box.value).toBe("Saved words. New words.");
    fireEvent.keyDown(box, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(box.value).toBe("Saved words.");
  });

  it("closes at once when nothing changed", () => {
    const { box, onClose } = renderNote("Saved words.");
    fireEvent.keyDown(box, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
