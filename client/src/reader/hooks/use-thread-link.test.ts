// Thread links without a browser: the address opens its thread once it is there, says why when it cannot, and
// follows the open thread.
import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildThread } from "../test-factories.ts";
import { useThreadLink, type ThreadLinkOptions } from "./use-thread-link.ts";

const path = (threadId: string | null) => (threadId ? `/r/threads/${threadId}` : "/r");

function setup(initial: Partial<ThreadLinkOptions>) {
  const options: ThreadLinkOptions = {
    requested: null,
    activeId: null,
    threads: [],
    lookup: () => null,
    synced: false,
    pathOf: path,
    navigate: vi.fn(),
    open: vi.fn(),
    close: vi.fn(),
    ...initial,
  };
  const hook = renderHook((props: ThreadLinkOptions) => useThreadLink(props), { initialProps: options });
  return {
    ...hook,
    options,
    update: (patch: Partial<ThreadLinkOptions>) => hook.rerender({ ...options, ...patch }),
  };
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("useThreadLink", () => {
  it("opens the linked thread once it arrives", () => {
    const thread = buildThread();
    const { options, update } = setup({ requested: thread.id });
    expect(options.open).not.toHaveBeenCalled();
    update({ threads: [thread] });
    expect(options.open).toHaveBeenCalledWith(thread);
  });

  it("waits for a thread the synced replica holds but the view does not show yet", () => {
    const thread = buildThread();
    const { result, options, update } = setup({ requested: thread.id, synced: true, lookup: () => "shown" });
    expect(result.current.problem).toBeNull();
    update({ synced: true, lookup: () => "shown", threads: [thread] });
    expect(options.open).toHaveBeenCalledWith(thread);
  });

  it("says when the linked thread was deleted, or is not there, once synced", () => {
    const deleted = setup({ requested: "t1", lookup: () => "deleted" });
    expect(deleted.result.current.problem).toBeNull();
    deleted.update({ requested: "t1", lookup: () => "deleted", synced: true });
    expect(deleted.result.current.problem).toBe("deleted");
    const missing = setup({ requested: "t2", synced: true });
    expect(missing.result.current.problem).toBe("missing");
  });

  it("puts the open thread in the address, replacing it, and takes it out when closed", () => {
    const { options, update } = setup({});
    expect(options.navigate).not.toHaveBeenCalled();
    update({ activeId: "t9" });
    expect(options.navigate).toHaveBeenLastCalledWith("/r/threads/t9", { replace: true });
    window.history.replaceState(null, "", "/r/threads/t9");
    update({ activeId: null });
    expect(options.navigate).toHaveBeenLastCalledWith("/r", { replace: true });
  });

  it("follows the address back and forward: another thread opens, none closes", () => {
    const first = buildThread();
    const second = buildThread();
    const { options, update } = setup({ requested: first.id, threads: [first, second] });
    expect(options.open).toHaveBeenCalledWith(first);
    update({ requested: first.id, activeId: first.id, threads: [first, second] });
    // Back and forward change the address first; `requested` follows it.
    window.history.replaceState(null, "", path(second.id));
    update({ requested: second.id, activeId: first.id, threads: [first, second] });
    expect(options.open).toHaveBeenLastCalledWith(second);
    update({ requested: second.id, activeId: second.id, threads: [first, second] });
    window.history.replaceState(null, "", path(null));
    update({ requested: null, activeId: second.id, threads: [first, second] });
    expect(options.close).toHaveBeenCalled();
  });
});

describe("useThreadLink while the reader moves quickly", () => {
  it("does not reopen a thread whose address arrives as the reader opens a later one", () => {
    const [first, second, third] = [buildThread(), buildThread(), buildThread()];
    const threads = [first, second, third];
    const { options, update } = setup({ activeId: second.id, threads });
    // The address still says the second thread; the third opens in the render that brings the second's address.
    window.history.replaceState(null, "", path(second.id));
    update({ requested: second.id, activeId: third.id, threads });
    expect(options.open).not.toHaveBeenCalled();
    expect(options.navigate).toHaveBeenLastCalledWith(path(third.id), { replace: true });
  });

  it("does not reopen a thread whose address the reader has already replaced with a later one", () => {
    const [first, second, third] = [buildThread(), buildThread(), buildThread()];
    const threads = [first, second, third];
    const { options, update } = setup({ activeId: first.id, threads });
    // The reader opened the second thread, then the third, and the address says the third; the render that carries
    // the second's address comes only now.
    window.history.replaceState(null, "", path(third.id));
    update({ activeId: third.id, threads });
    update({ requested: second.id, activeId: third.id, threads });
    expect(options.open).not.toHaveBeenCalled();
    update({ requested: third.id, activeId: third.id, threads });
    expect(options.open).not.toHaveBeenCalled();
  });
});

describe("useThreadLink while a link waits", () => {
  it("gives way to a thread the reader opens first", () => {
    const linked = buildThread();
    const { options, update } = setup({ requested: linked.id });
    update({ requested: linked.id, activeId: "other" });
    update({ requested: linked.id, activeId: "other", threads: [linked] });
    expect(options.open).not.toHaveBeenCalled();
  });
});
