// Following a thread from its card: the button shows whether the reader follows it (loaded with the room), saves a
// change at once, and goes back (saying why) when the server refuses.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveApi } from "../../testing/fake-api.ts";
import { FollowedThreadsContext, useFollowedThreads } from "../state/followed-threads.ts";
import { FollowButton } from "./FollowButton.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Card(props: { threadId: string; announce: (message: string) => void }) {
  const followed = useFollowedThreads("r1", props.announce);
  return (
    <FollowedThreadsContext.Provider value={followed}>
      <FollowButton threadId={props.threadId} />
    </FollowedThreadsContext.Provider>
  );
}

describe("FollowButton", () => {
  it("shows a followed thread as Following, and unfollows and follows again", async () => {
    const calls = serveApi({
      "GET /api/rooms/r1/follows": [200, { threadIds: ["t1"] }],
      "DELETE /api/rooms/r1/threads/t1/follow": [204, null],
      "PUT /api/rooms/r1/threads/t1/follow": [204, null],
    });
    const announce = vi.fn();
    render(<Card threadId="t1" announce={announce} />);
    const button = await screen.findByRole("button", { name: "Following" });
    expect(button.getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(button);
    expect(button.textContent).toBe("Follow");
    await waitFor(() => expect(announce).toHaveBeenCalledWith("No longer following this thread."));
    fireEvent.click(button);
    await waitFor(() => expect(calls).toContain("PUT /api/rooms/r1/threads/t1/follow"));
    expect(button.getAttribute("aria-pressed")).toBe("true");
  });

  it("goes back to Follow and says why when the server refuses", async () => {
    serveApi({
      "GET /api/rooms/r1/follows": [200, { threadIds: [] }],
      "PUT /api/rooms/r1/threads/t2/follow": [
        404,
        { error: { code: "not_found", message: "No such thread." } },
      ],
    });
    const announce = vi.fn();
    render(<Card threadId="t2" announce={announce} />);
    await act(async () => undefined);
    fireEvent.click(screen.getByRole("button", { name: "Follow" }));
    await waitFor(() =>
      expect(announce).toHaveBeenCalledWith("Could not follow the thread: No such thread."),
    );
    expect(screen.getByRole("button", { name: "Follow" }).getAttribute("aria-pressed")).toBe("false");
  });
});
