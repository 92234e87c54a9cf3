// The Export dialog as a reader uses it: formats explained, layouts only where they apply, the link follows the choices.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { noFilters } from "../state/filters.ts";
import { ExportDialog } from "./ExportDialog.tsx";

afterEach(cleanup);

const download = () => screen.getByRole("link", { name: "Download" }).getAttribute("href")!;

describe("ExportDialog", () => {
  it("offers three formats, each saying what it is for, and the layouts for the readable ones", () => {
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    expect(screen.getByRole("dialog", { name: "Export the discussion" })).toBeTruthy();
    expect(screen.getAllByRole("radio", { name: /Markdown|Web page|Spreadsheet/ })).toHaveLength(3);
    expect(screen.getByText(/for grading, counting and analysis/)).toBeTruthy();
    expect(download()).toBe("/api/rooms/r1/export?format=md&layout=discussion");
    fireEvent.click(screen.getByRole("radio", { name: /Annotated text/ }));
    fireEvent.click(screen.getByRole("radio", { name: /Web page/ }));
    expect(download()).toBe("/api/rooms/r1/export?format=html&layout=annotated");
    fireEvent.click(screen.getByRole("radio", { name: /Spreadsheet/ }));
    expect(screen.queryByRole("radio", { name: /Annotated text/ })).toBeNull();
    fireEvent.click(screen.getByRole("checkbox", { name: /For Excel/ }));
    expect(download()).toBe("/api/rooms/r1/export?format=csv&bom=true");
  });

  it("starts from the reader's filters, and can drop them", () => {
    const filters = { ...noFilters, tag: "question", status: "open" as const };
    render(<ExportDialog roomId="r1" userId="me" filters={filters} onClose={() => {}} />);
    expect(download()).toContain("tag=question");
    // A status filter decides about resolved threads, so that box is settled.
    expect(
      (screen.getByRole("checkbox", { name: "Include resolved threads" }) as HTMLInputElement).disabled,
    ).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: "Only those the current filters show" }));
    expect(download()).toBe("/api/rooms/r1/export?format=md&layout=discussion");
  });

  it("says the download started, and closes from its Close button", () => {
    const onClose = vi.fn();
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={onClose} />);
    const link = screen.getByRole("link", { name: "Download" });
    link.addEventListener("click", (event) => event.preventDefault());
    fireEvent.click(link);
    expect(screen.getByRole("status").textContent).toBe("Your download has started.");
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
