// A screen that fails to render shows what went wrong and a way out, not a blank page.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary.tsx";

function Broken(): never {
  throw new Error("the replica is unreadable");
}

afterEach(cleanup);

describe("ErrorBoundary", () => {
  it("says what failed, that changes are kept, and offers a reload", () => {
    // React reports the caught error on the console; the test is about what the reader sees.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole("heading", { name: "Something went wrong" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe(
      "The page could not be shown (the replica is unreadable). Changes you made are kept and will be sent when you reload.",
    );
    expect(screen.getByRole("button", { name: "Reload" })).toBeTruthy();
    vi.restoreAllMocks();
  });

  it("shows its children when they render", () => {
    render(
      <ErrorBoundary>
        <p>The text</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText("The text")).toBeTruthy();
  });
});
