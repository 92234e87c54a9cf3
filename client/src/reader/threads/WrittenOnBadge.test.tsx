// A thread card names the version of the text its thread was written on, only when the room reads another one.
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RoomVersionContext } from "../history/room-version.ts";
import { buildActions, buildThread } from "../test-factories.ts";
import { ThreadList } from "./ThreadList.tsx";

afterEach(cleanup);

const me = "11111111-1111-4111-8111-111111111111";

describe("the version a thread was written on", () => {
  it("shows on cards written on another version than the room's, and nowhere else", () => {
    const threads = [
      buildThread({ body: "Old one", version: 1 }),
      buildThread({ body: "New one", version: 2 }),
      buildThread({ body: "From before versions" }),
    ];
    render(
      <RoomVersionContext.Provider value={2}>
        <ThreadList
          threads={threads}
          userId={me}
          activeId={null}
          revision={0}
          actions={buildActions()}
          onActivate={vi.fn()}
        />
      </RoomVersionContext.Provider>,
    );
    const [old, current, unversioned] = screen.getAllByRole("article");
    const label = within(old!).getByText("written on version 1");
    expect(label.getAttribute("title")).toBe("Written on version 1 of the text; the room reads version 2");
    expect(within(current!).queryByText(/written on version/)).toBeNull();
    expect(within(unversioned!).queryByText(/written on version/)).toBeNull();
  });

  it("shows nothing where the room's version is not known", () => {
    render(
      <ThreadList
        threads={[buildThread({ version: 1 })]}
        userId={me}
        activeId={null}
        revision={0}
        actions={buildActions()}
        onActivate={vi.fn()}
      />,
    );
    expect(screen.queryByText(/written on version/)).toBeNull();
  });
});
