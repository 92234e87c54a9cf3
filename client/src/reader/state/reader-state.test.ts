// The reader's UI state without a DOM: opening threads, drafts from selections and blocks, the sheet, Escape.
import { describe, expect, it } from "vitest";
import { initialReaderState, readerReducer, type ReaderAction, type ReaderState } from "./reader-state.ts";

const run = (state: ReaderState, ...actions: ReaderAction[]) => actions.reduce(readerReducer, state);
const selection = { anchor: { blockId: "b2", start: 3, end: 9, exact: "passag" }, top: 200, left: 40 };

describe("readerReducer", () => {
  it("opens a thread, asking for focus, and on narrow screens opens its block's sheet", () => {
    const wide = run(
      initialReaderState(false),
      { type: "reply", threadId: "t0" },
      {
        type: "activate",
        threadId: "t1",
        blockId: "b1",
        focus: true,
      },
    );
    expect(wide).toMatchObject({ activeId: "t1", focusActive: true, replyTo: null, sheetBlock: null });
    expect(readerReducer(wide, { type: "focused" }).focusActive).toBe(false);
    const narrow = run(initialReaderState(true), { type: "activate", threadId: "t1", blockId: "b1" });
    expect(narrow).toMatchObject({ activeId: "t1", sheetBlock: "b1", focusActive: false });
  });

  it("turns the selection into a draft, once, and a block into a whole-block draft", () => {
    const selected = run(initialReaderState(false), { type: "select", selection });
    const drafted = readerReducer(selected, { type: "annotate" });
    expect(drafted).toMatchObject({ draft: selection.anchor, selection: null, sheetBlock: null });
    expect(readerReducer(drafted, { type: "annotate" })).toBe(drafted);
    const onPhone = run(initialReaderState(true), { type: "select", selection }, { type: "annotate" });
    expect(onPhone.sheetBlock).toBe("b2");
    expect(run(initialReaderState(true), { type: "comment", blockId: "b7" })).toMatchObject({
      draft: { blockId: "b7" },
      sheetBlock: "b7",
    });
  });

  it("opens the new thread once it is started, and announces it", () => {
    const state = run(
      initialReaderState(false),
      { type: "comment", blockId: "b1" },
      { type: "threadStarted", threadId: "t9", announcement: "Thread started." },
    );
    expect(state).toMatchObject({
      draft: null,
      activeId: "t9",
      focusActive: "in-place",
      announcement: "Thread started.",
    });
  });

  it("Escape closes the sheet (dropping its draft and closing its thread), else the draft, else the open thread", () => {
    const open = run(
      initialReaderState(true),
      { type: "activate", threadId: "t1", blockId: "b1" },
      { type: "comment", blockId: "b1" },
    );
    expect(readerReducer(open, { type: "escape" })).toMatchObject({
      sheetBlock: null,
      draft: null,
      activeId: null,
    });
    const wide = run(
      initialReaderState(false),
      { type: "activate", threadId: "t1" },
      { type: "comment", blockId: "b1" },
    );
    expect(readerReducer(wide, { type: "escape" })).toMatchObject({ draft: null, activeId: "t1" });
  });

  it("closing the sheet (its Close button) closes the thread it showed, as Escape does on a wide screen", () => {
    const open = run(initialReaderState(true), { type: "activate", threadId: "t1", blockId: "b1" });
    expect(open).toMatchObject({ sheetBlock: "b1", activeId: "t1" });
    expect(readerReducer(open, { type: "closeSheet" })).toMatchObject({ sheetBlock: null, activeId: null });
  });

  it("keeps the state object when nothing changes", () => {
    const state = initialReaderState(false);
    expect(readerReducer(state, { type: "resize", narrow: false })).toBe(state);
    expect(readerReducer(state, { type: "focused" })).toBe(state);
    expect(readerReducer(state, { type: "select", selection: null })).toBe(state);
  });

  it("opens and closes notes and filters", () => {
    const state = run(
      initialReaderState(false),
      { type: "openNote", blockId: "b3" },
      {
        type: "filter",
        filters: { mine: true, status: "open", tag: null, member: null, query: "", section: null },
      },
    );
    expect(state.noteOpen).toBe("b3");
    expect(state.filters.mine).toBe(true);
    expect(readerReducer(state, { type: "closeNote" }).noteOpen).toBeNull();
  });
});
