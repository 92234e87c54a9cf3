// "Copy as Markdown": the thread's Markdown reaches the clipboard, and a failure says why instead of claiming success.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ThreadMarkdownContext, type ThreadMarkdownLoader } from "../state/thread-markdown.ts";
import { CopyAsMarkdown } from "./CopyAsMarkdown.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderCopy(load: ThreadMarkdownLoader, writeText: (text: string) => Promise<void>) {
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
  render(
    <ThreadMarkdownContext.Provider value={load}>
      <CopyAsMarkdown threadId="t1" />
    </ThreadMarkdownContext.Provider>,
  );
  fireEvent.click(screen.getByRole("button", { name: "Copy as Markdown" }));
}

describe("CopyAsMarkdown", () => {
  it("copies the thread's Markdown and says so", async () => {
    const load = vi.fn<ThreadMarkdownLoader>(async () => "> the quote\n\n- **Ann**");
    const writeText = vi.fn(async () => undefined);
    renderCopy(load, writeText);
    await screen.findByRole("button", { name: "Copied" });
    expect(load).toHaveBeenCalledWith("t1");
    expect(writeText).toHaveBeenCalledWith("> the quote\n\n- **Ann**");
  });

  it("says the server's reason when the thread cannot be read, and copies nothing", async () => {
    const writeText = vi.fn(async () => undefined);
    renderCopy(async () => Promise.reject(new Error("The server cannot be reached.")), writeText);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not copy: The server cannot be reached.",
    );
    expect(writeText).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Copy as Markdown" })).toBeTruthy();
  });

  it("says the browser refused the clipboard", async () => {
    renderCopy(
      async () => "text",
      async () => Promise.reject(new DOMException("no", "NotAllowedError")),
    );
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not copy: The browser did not allow the clipboard.",
    );
  });
});
