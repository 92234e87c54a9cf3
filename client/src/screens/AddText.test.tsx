// Adding a text: paste or choose a file, see the upload's progress, correct the preview, publish and open the room.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Block } from "../../../shared/schemas/documents.ts";
import { readerPath } from "../routes.ts";
import { fakeXhr } from "../testing/fake-xhr.ts";
import { serveApi, type FakeRequest } from "../testing/fake-api.ts";
import { Library } from "./Library.tsx";
import { plainImportReport as report } from "../testing/import-report.ts";

const ada = { id: "22222222-2222-4222-8222-222222222222", email: "ada@example.org", displayName: "Ada" };
const group = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "Tuesday Readers",
  description: "",
  role: "owner",
  memberCount: 2,
  createdAt: "2026-11-01T00:00:00.000Z",
};
const document = { id: "44444444-4444-4444-8444-444444444444", title: "On Raeding", author: null };
const room = {
  id: "33333333-3333-4333-8333-333333333333",
  groupId: group.id,
  document,
  version: 1,
  createdAt: "2026-11-01T00:00:00.000Z",
};
const block = (ordinal: number, kind: string, text: string): Block =>
  ({ kind, text, anchorId: `a${ordinal}-${text.length}`, ordinal, footnotes: [] }) as Block;

/** The server's preview: the blocks with the sent corrections applied (only the ones this test makes). */
function previewOf(request: FakeRequest): [number, unknown] {
  const form = request.body as FormData;
  const corrections = JSON.parse(String(form.get("corrections") ?? "[]")) as { op: string }[];
  let blocks = [
    block(0, "title", "On Raeding"),
    block(1, "paragraph", "One. Two."),
    block(2, "paragraph", "Three."),
  ];
  for (const correction of corrections) {
    if (correction.op === "edit") blocks = [block(0, "title", "On Reading"), ...blocks.slice(1)];
    if (correction.op === "merge")
      return [
        400,
        {
          error: {
            code: "validation_failed",
            message: "Correction 2 (merge block 2) has no next block to merge with.",
          },
        },
      ];
  }
  return [200, { preview: true, document: { title: blocks[0]!.text, author: null }, blocks, report }];
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("adding a text", () => {
  it("previews pasted text with upload progress, takes a correction, publishes it and opens its room", async () => {
    const published: FormData[] = [];
    serveApi({
      "GET /api/groups": [200, { groups: [group] }],
      [`GET /api/groups/${group.id}/rooms`]: [200, { rooms: [] }],
      "POST /api/documents": (request) => {
        const form = request.body as FormData;
        if (form.get("preview") === "true") return previewOf(request);
        published.push(form);
        return [201, { created: true, message: "Imported.", document, version: { number: 1 }, report }];
      },
      [`POST /api/groups/${group.id}/rooms`]: [201, { room }],
    });
    const sent = fakeXhr();
    const navigate = vi.fn();
    render(<Library user={ada} navigate={navigate} onSignOut={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Add a text" }));
    const panel = screen.getByRole("region", { name: "Add a text" });
    fireEvent.change(within(panel).getByLabelText("Paste the text"), {
      target: { value: "On Raeding\n\nOne. Two." },
    });
    fireEvent.click(within(panel).getByRole("button", { name: "Preview" }));
    expect((await within(panel).findByRole("status")).textContent).toMatch(/Sending|Reading the file/u);

    const blocks = await within(panel).findByRole("list", { name: "Blocks" });
    expect(within(blocks).getAllByRole("listitem")).toHaveLength(3);
    expect(sent[0]!.path).toBe(`/api/documents?groupId=${group.id}`);
    expect(await (sent[0]!.body.get("file") as File).text()).toBe("On Raeding\n\nOne. Two.");

    fireEvent.click(within(blocks).getByRole("button", { name: "Edit block 1" }));
    fireEvent.change(within(blocks).getByLabelText("Text of block 1"), { target: { value: "On Reading" } });
    fireEvent.click(within(blocks).getByRole("button", { name: "Save text" }));
    await waitFor(() =>
      expect(within(panel).getByRole("list", { name: "Blocks" }).textContent).toContain("On Reading"),
    );
    // The corrected preview comes back after the block shows the new text: wait for its count.
    expect(await within(panel).findByText("1 correction")).toBeTruthy();

    // A correction the server refuses is said in place and not kept.
    fireEvent.click(within(panel).getByRole("button", { name: "Merge with next (block 2)" }));
    expect((await within(panel).findByRole("alert")).textContent).toContain("Correction 2 (merge block 2)");
    expect(within(panel).getByText("1 correction")).toBeTruthy();

    fireEvent.click(within(panel).getByRole("button", { name: "Publish" }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(readerPath(group.id, room.id)));
    expect(published).toHaveLength(1);
    expect(JSON.parse(String(published[0]!.get("corrections")))).toEqual([
      { op: "edit", block: 0, text: "On Reading" },
    ]);
  });

  it("names a text without a title after its file, lets the uploader change it, and publishes it so", async () => {
    const renamed: unknown[] = [];
    const untitled = { ...document, title: "plain40" };
    const paragraphs = Array.from({ length: 40 }, (_, n) => block(n, "paragraph", `Paragraph ${n + 1}.`));
    serveApi({
      "GET /api/groups": [200, { groups: [group] }],
      [`GET /api/groups/${group.id}/rooms`]: [200, { rooms: [] }],
      "POST /api/documents": (request) =>
        (request.body as FormData).get("preview") === "true"
          ? [200, { preview: true, document: { title: "plain40", author: null }, blocks: paragraphs, report }]
          : [
              201,
              { created: true, message: "Imported.", document: untitled, version: { number: 1 }, report },
            ],
      [`PATCH /api/documents/${document.id}`]: (request) => {
        renamed.push(request.body);
        return [200, { document: { ...untitled, title: "Forty Paragraphs" } }];
      },
      [`POST /api/groups/${group.id}/rooms`]: [201, { room }],
    });
    fakeXhr();
    const navigate = vi.fn();
    render(<Library user={ada} navigate={navigate} onSignOut={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Add a text" }));
    const panel = screen.getByRole("region", { name: "Add a text" });
    const input = within(panel).getByText("Choose a file").querySelector("input")!;
    fireEvent.change(input, { target: { files: [new File(["Paragraph 1."], "plain40.txt")] } });
    const title = await within(panel).findByLabelText("Title");
    expect((title as HTMLInputElement).value).toBe("plain40");
    expect(within(panel).getByText(/40 blocks\./u)).toBeTruthy();
    fireEvent.change(title, { target: { value: "Forty Paragraphs" } });
    fireEvent.click(within(panel).getByRole("button", { name: "Publish" }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(readerPath(group.id, room.id)));
    expect(renamed).toEqual([{ title: "Forty Paragraphs" }]);
  });

  it("offers no title to edit when the text has its own", async () => {
    serveApi({
      "GET /api/groups": [200, { groups: [group] }],
      [`GET /api/groups/${group.id}/rooms`]: [200, { rooms: [] }],
      "POST /api/documents": (request) => previewOf(request),
    });
    fakeXhr();
    render(<Library user={ada} navigate={vi.fn()} onSignOut={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Add a text" }));
    const panel = screen.getByRole("region", { name: "Add a text" });
    fireEvent.change(within(panel).getByLabelText("Paste the text"), {
      target: { value: "On Raeding\n\nOne." },
    });
    fireEvent.click(within(panel).getByRole("button", { name: "Preview" }));
    await within(panel).findByRole("list", { name: "Blocks" });
    expect(within(panel).queryByLabelText("Title")).toBeNull();
  });

  it("follows a PDF's import page by page while the server reads it", async () => {
    // All-zero random bytes: the upload's progress id is known.
    vi.spyOn(crypto, "getRandomValues").mockImplementation((array) => array);
    const id = "00000000-0000-4000-8000-000000000000";
    let pages: [number, unknown] = [404, { error: { code: "not_found", message: "No import." } }];
    serveApi({
      "GET /api/groups": [200, { groups: [group] }],
      [`GET /api/groups/${group.id}/rooms`]: [200, { rooms: [] }],
      [`GET /api/import-progress/${id}`]: () => pages,
      "POST /api/documents": (request) => previewOf(request),
    });
    // The preview's answer waits until the test lets it go.
    const served = globalThis.fetch;
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === "POST") await answered;
      return served(input, init);
    });
    const sent = fakeXhr();
    render(<Library user={ada} navigate={vi.fn()} onSignOut={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Add a text" }));
    const panel = screen.getByRole("region", { name: "Add a text" });
    const input = within(panel).getByText("Choose a file").querySelector("input")!;
    fireEvent.change(input, {
      target: { files: [new File(["%PDF"], "book.pdf", { type: "application/pdf" })] },
    });
    await within(panel).findByText("Reading the file…");
    expect(sent[0]!.body.get("progress")).toBe(id);
    pages = [200, { progress: { stage: "pages", page: 2, pages: 4 } }];
    await within(panel).findByText("Page 2 of 4", undefined, { timeout: 2_000 });
    const bar = within(panel).getByRole("progressbar", { name: "Pages read" });
    expect([bar.getAttribute("value"), bar.getAttribute("max")]).toEqual(["2", "4"]);
    pages = [200, { progress: { stage: "blocks" } }];
    await within(panel).findByText("Finding paragraphs, headings and notes…", undefined, { timeout: 2_000 });
    answer();
    await within(panel).findByRole("list", { name: "Blocks" });
    expect(within(panel).queryByRole("status")).toBeNull();
  });

  it("says why a file was refused, and lets the uploader try another", async () => {
    serveApi({
      "GET /api/groups": [200, { groups: [group] }],
      [`GET /api/groups/${group.id}/rooms`]: [200, { rooms: [] }],
      "POST /api/documents": [
        400,
        { error: { code: "bad_request", message: "This PDF has no text; run OCR on it first." } },
      ],
    });
    fakeXhr();
    render(<Library user={ada} navigate={vi.fn()} onSignOut={() => undefined} />);
    fireEvent.click(await screen.findByRole("button", { name: "Add a text" }));
    const panel = screen.getByRole("region", { name: "Add a text" });
    const input = within(panel).getByText("Choose a file").querySelector("input")!;
    fireEvent.change(input, {
      target: { files: [new File(["%PDF"], "scan.pdf", { type: "application/pdf" })] },
    });
    expect((await within(panel).findByRole("alert")).textContent).toBe(
      "This PDF has no text; run OCR on it first.",
    );
    expect(within(panel).getByLabelText("Paste the text")).toBeTruthy();
  });
});
