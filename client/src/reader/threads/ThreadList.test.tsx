// Thread cards: compact and collapsed lists, an open thread's replies and actions, and what each role is offered.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MemberDto } from "../../api/http.ts";
import { memberDirectory, MembersContext } from "../../components/mentions/members.ts";
import { PermissionsContext, type Permissions } from "../permissions.ts";
import type { ViewComment, ViewThread } from "../state/thread-view.ts";
import type { ThreadActions } from "../state/use-thread-actions.ts";
import { adaId, buildActions, buildComment, buildThread } from "../test-factories.ts";
import { ThreadList } from "./ThreadList.tsx";

afterEach(cleanup);

const me = "11111111-1111-4111-8111-111111111111";
const ada = adaId;

/** One thread, opened, for a reader with the given permissions. */
const renderOpen = (
  thread: ViewThread,
  actions: ThreadActions,
  permissions: Permissions = { write: true, moderate: false, teach: false },
) =>
  render(
    <PermissionsContext.Provider value={permissions}>
      <ThreadList
        threads={[thread]}
        userId={me}
        activeId={thread.id}
        revision={0}
        actions={actions}
        onActivate={vi.fn()}
      />
    </PermissionsContext.Provider>,
  );

describe("ThreadList", () => {
  it("shows compact cards (an announcement badged), collapses beyond the limit, and opens a thread on click", () => {
    const threads = [1, 2, 3, 4].map((n) =>
      buildThread({ body: `Thought ${n}`, createdAt: `2026-11-26T10:0${n}:00.000Z`, announcement: n === 1 }),
    );
    const onActivate = vi.fn();
    render(
      <ThreadList
        threads={threads}
        userId={me}
        activeId={null}
        revision={0}
        actions={buildActions()}
        onActivate={onActivate}
        limit={3}
      />,
    );
    expect(screen.getAllByRole("article")).toHaveLength(3);
    expect(screen.getAllByText("Announcement")).toHaveLength(1);
    expect(within(screen.getAllByRole("article")[0]!).getByText("Announcement")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show 1 more thread" }));
    expect(screen.getAllByRole("article")).toHaveLength(4);
    fireEvent.click(screen.getAllByRole("button", { name: "Ada" })[1]!);
    expect(onActivate).toHaveBeenCalledWith(threads[1]!.id);
  });

  it("labels a late thread and a late reply, and nothing else", () => {
    const thread = buildThread({ late: true });
    const reply = buildComment(thread.id, { body: "On time" });
    renderOpen(
      thread,
      buildActions([reply, { ...reply, id: crypto.randomUUID(), body: "Late", late: true }]),
    );
    const card = screen.getByRole("article");
    expect(within(card.querySelector(".thread-head")!).getByText("Late")).toBeTruthy();
    const replies = [...card.querySelectorAll(".reply")].map(
      (node) => node.querySelector(".late-badge") !== null,
    );
    expect(replies).toEqual([false, true]);
  });

  it("shows nested replies and the actions of an open thread; edit and delete only for the author", () => {
    const thread = buildThread({ authorId: me, authorName: "Me", tags: ["question"] });
    const top = buildComment(thread.id);
    const nested: ViewComment = {
      ...top,
      id: crypto.randomUUID(),
      parentId: top.id,
      body: "A nested reply",
      pending: true,
    };
    const actions = buildActions([top, nested]);
    renderOpen(thread, actions);
    const card = screen.getByRole("article");
    expect(within(card).getByText("#question")).toBeTruthy();
    const outer = card.querySelector(".replies")!;
    expect(outer.querySelector(".replies")?.textContent).toContain("A nested reply");
    expect(within(card).getAllByText("Sending…")).toHaveLength(1);
    fireEvent.click(within(card).getByRole("button", { name: "Resolve" }));
    expect(actions.setResolved).toHaveBeenCalledWith(thread.id, true);
    expect(within(card).getAllByRole("button", { name: "Edit" })).toHaveLength(1); // the thread, not Ada's reply
    fireEvent.click(within(card).getAllByRole("button", { name: "Reply" })[0]!);
    fireEvent.change(within(card).getByRole("textbox", { name: "Reply to Me" }), {
      target: { value: "Yes" },
    });
    fireEvent.click(within(card).getAllByRole("button", { name: "Reply" }).at(-1)!);
    expect(actions.reply).toHaveBeenCalledWith(thread.id, "Yes", null);
  });

  it("shows the reply count and the reactions, with their counts, on a collapsed card", () => {
    const thread = buildThread();
    const reply = (n: number): ViewComment => ({
      id: crypto.randomUUID(),
      threadId: thread.id,
      parentId: null,
      authorId: ada,
      authorName: "Ada",
      body: `Reply ${n}`,
      createdAt: "2026-11-26T10:05:00.000Z",
      editedAt: null,
      deleted: false,
      hidden: null,
      pending: false,
    });
    const reaction = (userId: string, emoji: string) => ({
      targetId: thread.id,
      userId,
      userName: userId,
      emoji,
      createdAt: "2026-11-26T10:06:00.000Z",
    });
    const actions = {
      ...buildActions([reply(1), reply(2)]),
      reactionsOf: () =>
        new Map([
          ["👍", [reaction("a", "👍"), reaction("b", "👍"), reaction("c", "👍")]],
          ["❓", [reaction("a", "❓")]],
        ]),
    };
    render(
      <ThreadList
        threads={[thread]}
        userId={me}
        activeId={null}
        revision={0}
        actions={actions}
        onActivate={vi.fn()}
      />,
    );
    const summary = screen.getByRole("article").querySelector(".card-summary")!;
    expect(summary.textContent).toBe("2 repliesReactions: 👍 3❓ 1");
    expect(screen.queryByRole("button", { name: /👍/ })).toBeNull();
  });

  it("counts only the replies that stand on a collapsed card: hidden ones for moderators, deleted ones never", () => {
    const thread = buildThread();
    const hidden = { byId: ada, byName: "Ada", reason: "rude", at: "2026-11-26T10:06:00.000Z" };
    const reply = (extra: Partial<ViewComment>) => buildComment(thread.id, extra);
    const actions = buildActions([reply({}), reply({ deleted: true, body: "" }), reply({ hidden })]);
    const summaryFor = (moderate: boolean) => {
      render(
        <PermissionsContext.Provider value={{ write: true, moderate, teach: moderate }}>
          <ThreadList
            threads={[thread]}
            userId={me}
            activeId={null}
            revision={0}
            actions={actions}
            onActivate={vi.fn()}
          />
        </PermissionsContext.Provider>,
      );
      const text = screen.getByRole("article").querySelector(".card-summary")?.textContent;
      cleanup();
      return text;
    };
    expect(summaryFor(false)).toBe("1 reply");
    expect(summaryFor(true)).toBe("2 replies");
  });

  it("says a reply was edited only while its words stand", () => {
    const thread = buildThread();
    const reply = (body: string, deleted: boolean): ViewComment => ({
      id: crypto.randomUUID(),
      threadId: thread.id,
      parentId: null,
      authorId: ada,
      authorName: "Ada",
      body,
      createdAt: "2026-11-26T10:05:00.000Z",
      editedAt: "2026-11-26T10:07:00.000Z",
      deleted,
      hidden: null,
      pending: false,
    });
    renderOpen(thread, buildActions([reply("Changed my mind", false), reply("", true)]));
    const replies = [...document.querySelectorAll(".reply")];
    expect(replies).toHaveLength(2);
    expect(replies[0]!.textContent).toContain("(edited)");
    expect(replies[1]!.textContent).toContain("This reply was deleted.");
    expect(replies[1]!.textContent).not.toContain("(edited)");
  });

  it("offers Reopen on a resolved thread and reactions", () => {
    const thread = buildThread({ status: "resolved", authorId: me });
    const actions = buildActions();
    renderOpen(thread, actions);
    fireEvent.click(screen.getByRole("button", { name: "Reopen" }));
    expect(actions.setResolved).toHaveBeenCalledWith(thread.id, false);
    fireEvent.click(screen.getAllByRole("button", { name: "Add a reaction" })[0]!);
    fireEvent.click(screen.getByRole("button", { name: "👍" }));
    expect(actions.react).toHaveBeenCalledWith(thread.id, "👍", true);
  });
});

describe("role badges", () => {
  const renderWithMembers = (threads: ViewThread[], members: MemberDto[]) =>
    render(
      <MembersContext.Provider value={memberDirectory(members, me)}>
        <ThreadList
          threads={threads}
          userId={me}
          activeId={null}
          revision={0}
          actions={buildActions()}
          onActivate={vi.fn()}
          limit={10}
        />
      </MembersContext.Provider>,
    );
  const member = (userId: string, role: MemberDto["role"]): MemberDto => ({
    userId,
    displayName: userId,
    role,
    joinedAt: "2026-11-26T09:00:00.000Z",
  });

  it("badges instructors' and owners' threads with their role now, and nobody else's or imported words", () => {
    const teacher = crypto.randomUUID();
    const owner = crypto.randomUUID();
    const learner = crypto.randomUUID();
    renderWithMembers(
      [
        buildThread({ authorId: teacher, authorName: "Tess" }),
        buildThread({ authorId: owner, authorName: "Olive" }),
        buildThread({ authorId: learner, authorName: "Lee" }),
        buildThread({ authorId: teacher, authorName: "imported: Someone" }),
      ],
      [member(teacher, "instructor"), member(owner, "owner"), member(learner, "member")],
    );
    const cards = screen.getAllByRole("article");
    expect(cards.map((card) => card.querySelector(".role-badge")?.textContent ?? null)).toEqual([
      "Instructor",
      "Owner",
      null,
      null,
    ]);
  });
});

describe("ThreadList permissions", () => {
  it("offers a member Resolve only on their own threads, and nothing to write for an observer", () => {
    renderOpen(buildThread(), buildActions());
    expect(screen.queryByRole("button", { name: "Resolve" })).toBeNull();
    expect(screen.getByRole("button", { name: "Reply" })).toBeTruthy();
    cleanup();
    renderOpen(buildThread(), buildActions(), { write: false, moderate: false, teach: false });
    expect(screen.queryByRole("button", { name: /Reply|Resolve|Add a reaction/ })).toBeNull();
  });

  it("offers no reply, reaction or follow on hidden words to those who do not moderate; moderators keep them", () => {
    const hidden = { byId: ada, byName: "Ada", reason: "Spoiler", at: "2026-11-26T10:06:00.000Z" };
    const thread = buildThread({ hidden });
    const reply = buildComment(thread.id, { body: "Still readable" });
    const replies = [reply, { ...reply, id: crypto.randomUUID(), body: "Off topic", hidden }];
    renderOpen(thread, buildActions(replies));
    // Only the reply left readable takes an answer.
    expect(screen.getAllByRole("button", { name: "Reply" })).toHaveLength(1);
    expect(screen.getAllByRole("button", { name: "Add a reaction" })).toHaveLength(1);
    expect(screen.queryByRole("button", { name: /Follow/ })).toBeNull();
    cleanup();
    renderOpen(thread, buildActions(replies), { write: true, moderate: true, teach: true });
    expect(screen.getAllByRole("button", { name: "Reply" })).toHaveLength(3);
    expect(screen.getAllByRole("button", { name: "Add a reaction" })).toHaveLength(3);
    expect(screen.getByRole("button", { name: /Follow/ })).toBeTruthy();
  });

  it("lets moderators pin and unpin a thread; members are not offered it", () => {
    const thread = buildThread();
    const actions = buildActions();
    renderOpen(thread, actions, { write: true, moderate: true, teach: true });
    fireEvent.click(screen.getByRole("button", { name: "Pin" }));
    expect(actions.setPinned).toHaveBeenCalledWith(thread.id, true);
    cleanup();
    const pinned = buildThread({ pinned: { byId: ada, byName: "Ada", at: "2026-11-26T10:00:00.000Z" } });
    renderOpen(pinned, actions, { write: true, moderate: true, teach: true });
    expect(screen.getByText("Pinned").getAttribute("title")).toBe("Pinned by Ada");
    fireEvent.click(screen.getByRole("button", { name: "Unpin" }));
    expect(actions.setPinned).toHaveBeenCalledWith(pinned.id, false);
    cleanup();
    renderOpen(pinned, buildActions());
    expect(screen.getByText("Pinned")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Pin|Unpin/ })).toBeNull();
  });

  it("lets moderators resolve and hide anyone's thread, asking for a reason", () => {
    const thread = buildThread();
    const actions = buildActions();
    renderOpen(thread, actions, { write: true, moderate: true, teach: true });
    fireEvent.click(screen.getByRole("button", { name: "Resolve" }));
    expect(actions.setResolved).toHaveBeenCalledWith(thread.id, true);
    // Styled as the thread's other actions (Resolve, Pin), not as a reply's link-like ones.
    expect(screen.getByRole("button", { name: "Hide" }).className).toBe(
      screen.getByRole("button", { name: "Resolve" }).className,
    );
    const prompt = vi.fn(() => "Off topic");
    Object.defineProperty(window, "prompt", { value: prompt, configurable: true });
    fireEvent.click(screen.getByRole("button", { name: "Hide" }));
    expect(prompt).toHaveBeenCalled();
    expect(actions.hide).toHaveBeenCalledWith("thread", thread.id, "Off topic");
  });
});
