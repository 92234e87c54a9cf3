// The people in the bar: a count with the first avatars (idle ones dimmed), a list naming where each reads.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildPerson } from "../../testing/people.ts";
import type { Places } from "./people-view.ts";
import { PeopleBar } from "./PeopleBar.tsx";

afterEach(cleanup);

const places: Places = {
  label: (blockId) => (blockId ? `Part two · paragraph ${blockId.slice(1)}` : "not in the text"),
};

describe("PeopleBar", () => {
  it("counts this reader with the others and shows the others' initials, idle ones greyed", () => {
    const others = [
      buildPerson("u-ana", "Ana Lopes", { blockId: "p4" }),
      buildPerson("u-bo", "Bo Chen", { idle: true }),
    ];
    render(<PeopleBar others={others} places={places} onGo={vi.fn()} />);
    const button = screen.getByRole("button", { name: "3 here (you and Ana Lopes, Bo Chen)" });
    expect(button.querySelector(".people-count")?.textContent).toBe("3 here");
    const avatars = button.querySelectorAll(".avatar");
    expect([...avatars].map((avatar) => avatar.classList.contains("idle"))).toEqual([false, true]);
  });

  it("opens a list naming each person and where they are; choosing one goes to their paragraph", () => {
    const onGo = vi.fn();
    const others = [
      buildPerson("u-ana", "Ana Lopes", { blockId: "p4", leading: true }),
      buildPerson("u-bo", "Bo Chen", { idle: true }),
    ];
    render(<PeopleBar others={others} places={places} onGo={onGo} />);
    const button = screen.getByRole("button", { name: /3 here/ });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const list = screen.getByRole("list", { name: "Readers in this room" });
    const ana = within(list).getByRole("button", { name: /Ana Lopes/ });
    expect(ana.textContent).toBe("ALAna Lopes · leadingPart two · paragraph 4");
    const bo = within(list).getByRole("button", { name: /Bo Chen/ });
    expect(bo.textContent).toContain("idle");
    expect((bo as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(ana);
    expect(onGo).toHaveBeenCalledWith("p4");
    expect(button.getAttribute("aria-expanded")).toBe("false");
  });

  it("says so when nobody else is reading, and closes with Escape", () => {
    render(<PeopleBar others={[]} places={places} onGo={vi.fn()} />);
    const button = screen.getByRole("button", { name: "1 here (only you)" });
    fireEvent.click(button);
    expect(screen.getByText("No one else is reading now.")).toBeTruthy();
    fireEvent.keyDown(button, { key: "Escape" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
  });
});
