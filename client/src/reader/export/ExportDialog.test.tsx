// The Export dialog as a reader uses it: formats explained, layouts only where they apply, the request follows the
// choices and the reader's filters, progress while it downloads, and the server's reason when it fails.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { noFilters } from "../state/filters.ts";
import { fileNameOf } from "./download.ts";
import { ExportDialog } from "./ExportDialog.tsx";

const requested: string[] = [];
/** Every request other than a GET, as "METHOD url". */
const sent: string[] = [];
let answer: () => Response;

beforeEach(() => {
  requested.length = 0;
  sent.length = 0;
  answer = () =>
    new Response("# Discussion", {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": "attachment; filename=\"x.md\"; filename*=UTF-8''%C3%A9t%C3%A9-discussion.md",
      },
    });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method && init.method !== "GET") sent.push(`${init.method} ${url}`);
      if (init?.method === "DELETE") return new Response(null, { status: 204 });
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
  it("offers four formats, each saying what it is for, and the layouts for the readable ones", async () => {
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    expect(screen.getByRole("dialog", { name: "Export the discussion" })).toBeTruthy();
    expect(screen.getAllByRole("radio", { name: /Markdown|Web page|PDF|Spreadsheet/ })).toHaveLength(4);
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

describe("ExportDialog, PDF", () => {
  const job = (state: string, done: number, extra: object = {}) => ({
    job: { id: "j1", state, progress: { done, total: 3 }, fileName: "été-discussion.pdf", ...extra },
  });

  it("builds the PDF on the server, shows its progress, then saves it and offers the link", async () => {
    const answers: Record<string, () => Response> = {
      "/api/rooms/r1/export-jobs?format=pdf&layout=discussion": () =>
        Response.json(job("running", 1), { status: 202 }),
      "/api/export-jobs/j1": () => Response.json(job("done", 3, { fileUrl: "/api/export-jobs/j1/file" })),
      "/api/export-jobs/j1/file": () =>
        new Response("%PDF-1.3", {
          headers: {
            "Content-Type": "application/pdf",
            "Content-Disposition": 'attachment; filename="x.pdf"',
          },
        }),
    };
    answer = () => answers[requested.at(-1)!]!();
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    fireEvent.click(screen.getByRole("radio", { name: /^PDF/ }));
    expect(screen.getByText(/to print or archive/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Download" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Building PDF… 1 of 3 paragraphs"),
    );
    expect((screen.getByRole("progressbar") as HTMLProgressElement).value).toBe(1);
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Saved as x.pdf."), {
      timeout: 3000,
    });
    expect(requested).toEqual(Object.keys(answers));
    expect(screen.getByRole("link", { name: "Download PDF" }).getAttribute("href")).toBe(
      "/api/export-jobs/j1/file",
    );
    expect(URL.createObjectURL).toHaveBeenCalledOnce();
  });

  /** A job that stays at 1 of 3 until the test is done with it. */
  const building = () => {
    answer = () =>
      requested.at(-1)!.startsWith("/api/rooms/")
        ? Response.json(job("running", 1), { status: 202 })
        : Response.json(job("running", 1));
    const view = render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    fireEvent.click(screen.getByRole("radio", { name: /^PDF/ }));
    fireEvent.click(screen.getByRole("button", { name: "Download" }));
    return view;
  };

  it("cancels the job on the server when the reader cancels", async () => {
    building();
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Building PDF… 1 of 3 paragraphs"),
    );
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(sent).toContain("DELETE /api/export-jobs/j1"));
    expect(screen.getByRole("button", { name: "Download" })).toBeTruthy();
  });

  it("cancels the job on the server when the dialog closes while it is being built", async () => {
    const view = building();
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Building PDF… 1 of 3 paragraphs"),
    );
    view.unmount();
    await waitFor(() => expect(sent).toContain("DELETE /api/export-jobs/j1"));
  });

  it("says the export was lost when the server building it no longer knows the job", async () => {
    answer = () =>
      requested.at(-1)!.startsWith("/api/rooms/")
        ? Response.json(job("running", 1), { status: 202 })
        : Response.json(
            { error: { code: "not_found", message: "Export job was not found." } },
            { status: 404 },
          );
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    fireEvent.click(screen.getByRole("radio", { name: /^PDF/ }));
    fireEvent.click(screen.getByRole("button", { name: "Download" }));
    await waitFor(
      () =>
        expect(screen.getByRole("alert").textContent).toBe(
          "The export failed: The server building the PDF restarted before it was done, and the export was lost. " +
            "Download it again.",
        ),
      { timeout: 3000 },
    );
    expect(screen.getByRole("button", { name: "Download" })).toBeTruthy();
  });

  it("says why when the server refuses the job", async () => {
    answer = () =>
      Response.json(
        { error: { code: "rate_limited", message: "You already have 2 PDF exports being built." } },
        { status: 429 },
      );
    render(<ExportDialog roomId="r1" userId="me" filters={noFilters} onClose={() => {}} />);
    fireEvent.click(screen.getByRole("radio", { name: /^PDF/ }));
    fireEvent.click(screen.getByRole("button", { name: "Download" }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "The export failed: You already have 2 PDF exports being built.",
      ),
    );
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
