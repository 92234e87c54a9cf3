// Mentions in the composer and in rendered bodies: the `@` autocomplete by keyboard and mouse, tokens round-tripping
// through an edit, who is offered for an instructor-only thread, and safe rendering of any name.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MemberDto } from "../../api/http.ts";
import { Composer } from "../Composer.tsx";
import { Markdown } from "../Markdown.tsx";
import { MembersContext, memberDirectory } from "./members.ts";

afterEach(cleanup);

const me = "00000000-0000-4000-8000-000000000001";
const ben = "00000000-0000-4000-8000-000000000002";
const bo = "00000000-0000-4000-8000-000000000003";
const ines = "00000000-0000-4000-8000-000000000004";
const member = (userId: string, displayName: string, role: MemberDto["role"] = "member"): MemberDto => ({
  userId,
  displayName,
  role,
  joinedAt: "2026-11-01T10:00:00.000Z",
});
const members = [
  member(me, "Ada Owner", "owner"),
  member(ben, "Ben Member"),
  member(bo, "Bo"),
  member(ines, "Inès Instructor", "instructor"),
];

function withMembers(children: ReactNode, list: MemberDto[] = members) {
  return <MembersContext.Provider value={memberDirectory(list, me)}>{children}</MembersContext.Provider>;
}

/** Types `text` into `box` as a browser would: the value changes and the caret ends up after it. */
function type(box: HTMLTextAreaElement, text: string) {
  fireEvent.change(box, { target: { value: text } });
  box.setSelectionRange(text.length, text.length);
  fireEvent.select(box);
}

const options = () => screen.queryAllByRole("option").map((option) => option.textContent);

describe("the @ autocomplete", () => {
  it("opens its list above the box when it would run past the window's bottom, below otherwise", () => {
    vi.spyOn(HTMLUListElement.prototype, "getBoundingClientRect").mockReturnValue({ height: 120 } as DOMRect);
    const boxAt = (top: number) =>
      ({ top, bottom: top + 80, height: 80, left: 0, right: 300, width: 300, x: 0, y: top }) as DOMRect;
    const place = (top: number) => {
      render(withMembers(<Composer label="Reply" submitLabel="Send" onSubmit={vi.fn()} />));
      const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Reply" });
      vi.spyOn(box, "getBoundingClientRect").mockReturnValue(boxAt(top));
      type(box, "Hi @");
      const { className } = screen.getByRole("listbox", { name: "People to mention" });
      cleanup();
      return className;
    };
    const height = window.innerHeight;
    expect([place(height - 100), place(100)]).toEqual(["mention-list above", "mention-list"]);
    vi.restoreAllMocks();
  });

  it("filters the members as one types, moves with the arrows and picks with Enter; the body stores the id", () => {
    const onSubmit = vi.fn();
    render(withMembers(<Composer label="Reply" submitLabel="Send" onSubmit={onSubmit} />));
    const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Reply" });
    type(box, "Thanks @");
    // Everyone but me.
    expect(options()).toEqual(["Ben Member", "Bo", "Inès Instructor"]);
    type(box, "Thanks @b");
    expect(options()).toEqual(["Ben Member", "Bo"]);
    const list = screen.getByRole("listbox", { name: "People to mention" });
    expect(box.getAttribute("aria-controls")).toBe(list.id);
    expect(box.getAttribute("aria-activedescendant")).toBe(
      screen.getByRole("option", { name: "Ben Member" }).id,
    );
    fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(screen.getByRole("option", { name: "Bo" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box, { key: "ArrowDown" }); // wraps round
    fireEvent.keyDown(box, { key: "ArrowUp" });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(box.value).toBe("Thanks @Bo ");
    expect(screen.queryByRole("listbox")).toBeNull();
    type(box, "Thanks @Bo for this.");
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    expect(onSubmit).toHaveBeenCalledWith(`Thanks <@${bo}> for this.`, [], {
      instructorsOnly: false,
      announcement: false,
    });
  });

  it("picks with Tab or the mouse; Escape closes the list without closing the composer", () => {
    const onCancel = vi.fn();
    render(withMembers(<Composer label="Reply" submitLabel="Send" onSubmit={vi.fn()} onCancel={onCancel} />));
    const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Reply" });
    type(box, "@in");
    // Enter that commits an input method's candidate picks nobody.
    fireEvent.keyDown(box, { key: "Enter", isComposing: true });
    expect(box.value).toBe("@in");
    fireEvent.keyDown(box, { key: "Tab" });
    expect(box.value).toBe("@Inès Instructor ");
    type(box, "@Inès Instructor and @");
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(onCancel).not.toHaveBeenCalled();
    // That @ stays closed as one types on; the next @ offers again.
    type(box, "@Inès Instructor and @b");
    expect(screen.queryByRole("listbox")).toBeNull();
    type(box, "@Inès Instructor and @b or @be");
    expect(options()).toEqual(["Ben Member"]);
    fireEvent.mouseDown(screen.getByRole("option", { name: "Ben Member" }));
    fireEvent.click(screen.getByRole("option", { name: "Ben Member" }));
    expect(box.value).toBe("@Inès Instructor and @b or @Ben Member ");
  });

  it("shows the tokens of an edited body as @Name and keeps them (with the current name) when saved", () => {
    const onSubmit = vi.fn();
    render(
      withMembers(
        <Composer
          label="Edit reply"
          submitLabel="Save"
          initialBody={`Over to <@${ben}>.`}
          onSubmit={onSubmit}
        />,
      ),
    );
    const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Edit reply" });
    expect(box.value).toBe("Over to @Ben Member.");
    type(box, "Over to @Ben Member. Agreed?");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith(`Over to <@${ben}>. Agreed?`, [], expect.anything());
  });

  it("offers only instructors and owners for an instructor-only thread, and when a new thread is kept to them", () => {
    render(
      withMembers(<Composer label="Reply" submitLabel="Send" audience="instructors" onSubmit={vi.fn()} />),
    );
    const reply = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Reply" });
    type(reply, "@");
    expect(options()).toEqual(["Inès Instructor"]);
    cleanup();
    render(withMembers(<Composer label="New" submitLabel="Send" withVisibility onSubmit={vi.fn()} />));
    const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "New" });
    fireEvent.click(screen.getByRole("checkbox", { name: "Only instructors and owners see this" }));
    type(box, "@b");
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("says who cannot see an instructor-only thread when they were picked before it was made one", () => {
    const onSubmit = vi.fn();
    render(withMembers(<Composer label="New" submitLabel="Send" withVisibility onSubmit={onSubmit} />));
    const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "New" });
    type(box, "Ask @b");
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.click(screen.getByRole("checkbox", { name: "Only instructors and owners see this" }));
    expect(screen.getByRole("alert").textContent).toBe(
      "Ben Member cannot see this thread: only instructors and owners can be mentioned here.",
    );
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Send" }).disabled).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: "Only instructors and owners see this" }));
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).toHaveBeenCalledWith(`Ask <@${ben}>`, [], expect.anything());
  });
});

describe("mentions in a body", () => {
  const html = (source: string, list = members) => {
    render(withMembers(<Markdown source={source} />, list));
    return document.querySelector(".markdown")!;
  };

  it("are written @Current Name, link-styled, mine highlighted, strangers as @someone", () => {
    const unknown = "00000000-0000-4000-8000-0000000000ff";
    const body = html(`<@${ben}> and <@${me}> and <@${unknown}>, not \`<@${ben}>\``);
    const mentions = [...body.querySelectorAll(".mention")];
    expect(mentions.map((mention) => mention.textContent)).toEqual(["@Ben Member", "@Ada Owner", "@someone"]);
    expect(mentions.map((mention) => mention.classList.contains("mention-me"))).toEqual([false, true, false]);
    expect(body.querySelector("code")?.textContent).toBe(`<@${ben}>`);
  });

  it("write hostile names and names with Markdown as text, never as markup", () => {
    const body = html(`Hi <@${ben}> and <@${bo}>`, [
      member(ben, `<img src=x onerror="alert(1)">`),
      member(bo, "**Bo** [x](javascript:alert(1)) `c`"),
    ]);
    expect(body.querySelector("img, strong, a, code")).toBeNull();
    const mentions = [...body.querySelectorAll(".mention")].map((mention) => mention.textContent);
    expect(mentions).toEqual([`@<img src=x onerror="alert(1)">`, "@**Bo** [x](javascript:alert(1)) `c`"]);
  });
});
