// The paragraph, or the passage of a new thread, brought above the bottom sheet when the sheet would cover it.
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useBlockAboveSheet } from "./use-block-above-sheet.ts";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const box = (top: number, height: number) => ({ top, height, bottom: top + height }) as DOMRect;

/** A window 1024 px tall: bars down to 97, a sheet from 620, paragraph b1 from `rowTop`, its draft passage at `markTop`. */
function Page(props: { rowTop: number; markTop: number | null; discussion: boolean }) {
  useBlockAboveSheet("b1", props.discussion);
  return null;
}
function renderPage(rowTop: number, markTop: number | null, discussion = true) {
  cleanup();
  vi.restoreAllMocks();
  const layout = document.createElement("div");
  layout.innerHTML = `<div class="filters"></div><div id="p-b1">${markTop === null ? "" : '<mark class="hl draft">the passage</mark>'}</div><div class="sheet"></div>`;
  document.body.append(layout);
  layout.querySelector(".filters")!.getBoundingClientRect = () => box(0, 97);
  layout.querySelector("#p-b1")!.getBoundingClientRect = () => box(rowTop, 600);
  const mark = layout.querySelector("mark");
  if (mark && markTop !== null) mark.getBoundingClientRect = () => box(markTop, 30);
  layout.querySelector(".sheet")!.getBoundingClientRect = () => box(620, 404);
  const scrollBy = vi.spyOn(window, "scrollBy").mockImplementation(() => {});
  render(<Page rowTop={rowTop} markTop={markTop} discussion={discussion} />);
  layout.remove();
  return scrollBy;
}

describe("useBlockAboveSheet", () => {
  it("brings a new thread's passage hidden under the sheet up below the bars, though its paragraph's top shows", () => {
    const scrollBy = renderPage(300, 820);
    expect(scrollBy).toHaveBeenCalledWith({ top: 820 - 97 - 8, behavior: "instant" });
  });

  it("leaves the page where it is when the passage shows above the sheet", () => {
    expect(renderPage(300, 400)).not.toHaveBeenCalled();
  });

  it("brings a paragraph whose top is under the sheet up, and leaves the page for a note", () => {
    expect(renderPage(700, null)).toHaveBeenCalledWith({ top: 700 - 97 - 8, behavior: "instant" });
    expect(renderPage(700, null, false)).not.toHaveBeenCalled();
  });
});
