// Turning the window with a bottom sheet open keeps what the sheet discusses just below the bars, not the reading line.
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { usePlaceAcrossWidths } from "./use-place-across-widths.ts";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const box = (top: number, height: number) => new DOMRect(0, top, 300, height);

/** Bars down to 97 px, paragraphs b1 and b2 (b2 from `b2Top`, with a new thread's passage at `markTop` if any). */
function layOut(b2Top: number, markTop: number | null) {
  document.body.innerHTML = `<div class="filters"></div><div id="p-b1"></div><div id="p-b2">${
    markTop === null ? "" : '<mark class="hl draft">the passage</mark>'
  }</div>`;
  document.querySelector<HTMLElement>(".filters")!.getBoundingClientRect = () => box(0, 97);
  document.querySelector<HTMLElement>("#p-b1")!.getBoundingClientRect = () => box(-400, 500);
  document.querySelector<HTMLElement>("#p-b2")!.getBoundingClientRect = () => box(b2Top, 600);
  const mark = document.querySelector<HTMLElement>("mark");
  if (mark && markTop !== null) mark.getBoundingClientRect = () => box(markTop, 30);
}

function Reader(props: { sheetBlock: string | null }) {
  usePlaceAcrossWidths(["b1", "b2"], props.sheetBlock);
  return null;
}

/** Turns the window (a new width), as a phone turned on its side; returns how the page was scrolled. */
function turn() {
  const scrollBy = vi.spyOn(window, "scrollBy").mockImplementation(() => {});
  Object.defineProperty(window, "innerWidth", { value: window.innerWidth + 256, configurable: true });
  window.dispatchEvent(new Event("resize"));
  return scrollBy;
}

describe("usePlaceAcrossWidths with a sheet open", () => {
  it("keeps the discussed paragraph's top just below the bars after the text reflowed", () => {
    layOut(105, null);
    render(<Reader sheetBlock="b2" />);
    layOut(53, null); // reflowed under the bars
    expect(turn()).toHaveBeenCalledWith({ top: 53 - 97 - 8, behavior: "instant" });
  });

  it("keeps a new thread's passage there rather than its paragraph's top", () => {
    layOut(105, 400);
    render(<Reader sheetBlock="b2" />);
    layOut(-200, 300);
    expect(turn()).toHaveBeenCalledWith({ top: 300 - 97 - 8, behavior: "instant" });
  });

  it("leaves the page alone when it is already there", () => {
    layOut(105, null);
    render(<Reader sheetBlock="b2" />);
    expect(turn()).not.toHaveBeenCalled();
  });
});
