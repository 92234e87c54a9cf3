// The Export dialog as a reader uses it: formats explained, layouts only where they apply, the request follows the
// choices and the reader's filters, progress while it downloads, and the server's reason when it fails.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { noFilters } from "../state/filters.ts";
import { fileNameOf } from "./download.ts";
import { ExportDialog } from "./ExportDialog.tsx";

const requested: string[] = [];
let answer: () => Response;

beforeEach(() => {
  requested.length = 0;
  answer = () =>
    new Response("# Discussion", {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": "attachment; filename=\"x.md\"; filename*=UTF-8''%C3%A9t%C3%A9-discussion.md",
      },
    });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      requested.push(url);
      return answer();
    }),
  );
  URL.createObjectURL = vi.fn(() => "blob:export");
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const download = async () => {
  fireEvent.click(screen.getByRole("button", { name: "Download" }));
  await waitFor(() => expect(screen.getByRole("status").textContent).not.toMatch(/Preparing/));
  return requested.at(-1);
};

describe("ExportDialog", () => {
  it("offers three formats, each saying what it is for, and the layouts for the readable ones", async () => {
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    expect(screen.getByRole("dialog", { name: "Export the discussion" })).toBeTruthy();
    expect(screen.getAllByRole("radio", { name: /Markdown|Web page|Spreadsheet/ })).toHaveLength(3);
    expect(screen.getByText(/for grading, counting and analysis/)).toBeTruthy();
    expect(await download()).toBe("/api/rooms/r1/export?format=md&layout=discussion");
    fireEvent.click(screen.getByRole("radio", { name: /Annotated text/ }));
    fireEvent.click(screen.getByRole("radio", { name: /Web page/ }));
    expect(await download()).toBe("/api/rooms/r1/export?format=html&layout=annotated");
    fireEvent.click(screen.getByRole("radio", { name: /Spreadsheet/ }));
    expect(screen.queryByRole("radio", { name: /Annotated text/ })).toBeNull();
    fireEvent.click(screen.getByRole("checkbox", { name: /For Excel/ }));
    expect(await download()).toBe("/api/rooms/r1/export?format=csv&bom=true");
  });

  it("starts from the reader's filters, and can drop them", async () => {
    const filters = { ...noFilters, tag: "question", status: "open" as const };
    render(<ExportDialog roomId="r1" userId="me" filters={filters} onClose={() => {}} />);
    expect(await download()).toContain("tag=question");
    // A status filter decides about resolved threads, so that box is settled.
    expect(
      (screen.getByRole("checkbox", { name: "Include resolved threads" }) as HTMLInputElement).disabled,
    ).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: "Only those the current filters show" }));
    expect(await download()).toBe("/api/rooms/r1/export?format=md&layout=discussion");
  });

  it("saves the file under the server's name, says so, and closes from its Close button", async () => {
    const onClose = vi.fn();
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={onClose} />);
    await download();
    expect(screen.getByRole("status").textContent).toBe("Saved as été-discussion.md.");
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("says why when the server refuses, instead of saving its error as the file", async () => {
    answer = () =>
      Response.json(
        {
          error: {
            code: "validation_failed",
            message: "Invalid request: tag must be at most 40 characters.",
          },
        },
        { status: 400 },
      );
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    await download();
    expect(screen.getByRole("alert").textContent).toBe(
      "The export failed: Invalid request: tag must be at most 40 characters.",
    );
    expect(URL.createObjectURL).not.toHaveBeenCalled();
  });
});

describe("fileNameOf", () => {
  it("prefers the UTF-8 name, falls back to the plain one, then to the default", () => {
    expect(fileNameOf("attachment; filename=\"a.md\"; filename*=UTF-8''%E2%9C%93.md", "x")).toBe("✓.md");
    expect(fileNameOf('attachment; filename="a b.md"', "x")).toBe("a b.md");
    expect(fileNameOf("attachment; filename*=UTF-8''%E2%9C", "x")).toBe("x");
    expect(fileNameOf(null, "x")).toBe("x");
  });
});
