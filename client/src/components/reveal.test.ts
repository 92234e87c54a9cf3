// Revealing an element: its container answers when it can, else the window scrolls just enough.
import { afterEach, describe, expect, it, vi } from "vitest";
import { focusInPlace, reveal, revealEvent } from "./reveal.ts";

afterEach(() => document.body.replaceChildren());

describe("reveal", () => {
  it("lets the container that holds the element bring it into view", () => {
    const container = document.createElement("section");
    const box = document.createElement("textarea");
    container.append(box);
    document.body.append(container);
    const scroll = vi.fn();
    box.scrollIntoView = scroll;
    const asked: EventTarget[] = [];
    container.addEventListener(revealEvent, (event) => {
      event.preventDefault();
      asked.push(event.target!);
    });
    focusInPlace(box);
    expect(asked).toEqual([box]);
    expect(scroll).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(box);
  });

  it("scrolls the window to the nearest edge when no container answers", () => {
    const box = document.createElement("div");
    document.body.append(box);
    const scroll = vi.fn();
    box.scrollIntoView = scroll;
    reveal(box);
    expect(scroll).toHaveBeenCalledWith({ block: "nearest" });
  });
});
