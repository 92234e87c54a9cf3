// The sections panel: loads the group's sections and members when opened, creates, renames and deletes sections,
// places a member, splits the class, and says the server's refusal in its words.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveApi, type FakeRequest } from "../../testing/fake-api.ts";
import { Sections } from "./Sections.tsx";

const groupId = "11111111-1111-4111-8111-111111111111";
const mel = "22222222-2222-4222-8222-222222222222";
const max = "33333333-3333-4333-8333-333333333333";
const north = "44444444-4444-4444-8444-444444444444";
const south = "55555555-5555-4555-8555-555555555555";
const base = `/api/groups/${groupId}/sections`;
const section = (id: string, name: string, memberIds: string[]) => ({
  id,
  name,
  createdAt: "2026-11-01T00:00:00.000Z",
  memberIds,
});
const members = [
  { userId: mel, displayName: "Mel", role: "member", joinedAt: "2026-11-01T00:00:00.000Z" },
  { userId: max, displayName: "Max", role: "member", joinedAt: "2026-11-01T00:00:00.000Z" },
];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function open() {
  render(<Sections groupId={groupId} />);
  const details = screen.getByText("Discussion sections").closest("details")!;
  details.open = true;
  fireEvent(details, new Event("toggle"));
  await screen.findByRole("list", { name: "Sections" });
}

describe("the sections panel", () => {
  it("lists sections and places a member in one", async () => {
    const bodies: unknown[] = [];
    serveApi({
      [`GET ${base}`]: [200, { sections: [section(north, "North", [mel])], unsectioned: [max] }],
      [`GET /api/groups/${groupId}/members`]: [200, { members }],
      [`PUT ${base}/members/${max}`]: (request: FakeRequest) => {
        bodies.push(request.body);
        return [200, { sections: [section(north, "North", [mel, max])], unsectioned: [] }];
      },
    });
    await open();
    expect(within(screen.getByRole("list", { name: "Sections" })).getByText(/1 member/)).toBeTruthy();
    const select = screen.getByLabelText("Section of Max") as HTMLSelectElement;
    expect(select.value).toBe("");
    fireEvent.change(select, { target: { value: north } });
    await waitFor(() =>
      expect((screen.getByLabelText("Section of Max") as HTMLSelectElement).value).toBe(north),
    );
    expect(bodies).toEqual([{ sectionId: north }]);
  });

  it("creates, renames and splits, showing the server's answer", async () => {
    const calls = serveApi({
      [`GET ${base}`]: [200, { sections: [], unsectioned: [mel, max] }],
      [`GET /api/groups/${groupId}/members`]: [200, { members }],
      [`POST ${base}`]: [201, { sections: [section(north, "North", [])], unsectioned: [mel, max] }],
      [`PATCH ${base}/${north}`]: [200, { sections: [section(north, "Nord", [])], unsectioned: [mel, max] }],
      [`POST ${base}/auto`]: (request: FakeRequest) => {
        expect(request.body).toEqual({ perSection: 1 });
        return [
          200,
          {
            sections: [section(north, "Section 1", [mel]), section(south, "Section 2", [max])],
            unsectioned: [],
          },
        ];
      },
    });
    await open();
    fireEvent.change(screen.getByLabelText("New section name"), { target: { value: "North" } });
    fireEvent.click(screen.getByRole("button", { name: "Add section" }));
    const name = (await screen.findByLabelText("Name of North")) as HTMLInputElement;
    fireEvent.change(name, { target: { value: "Nord" } });
    fireEvent.click(screen.getByRole("button", { name: "Rename" }));
    await screen.findByLabelText("Name of Nord");
    fireEvent.change(screen.getByLabelText("Members per section"), { target: { value: "1" } });
    fireEvent.click(screen.getByRole("button", { name: "Split into sections of 1" }));
    await screen.findByLabelText("Name of Section 2");
    expect((screen.getByLabelText("Section of Max") as HTMLSelectElement).value).toBe(south);
    expect(calls).toContain(`POST ${base}/auto`);
  });

  it("deletes a section after asking, and says a refusal", async () => {
    vi.stubGlobal("confirm", () => true);
    serveApi({
      [`GET ${base}`]: [200, { sections: [section(north, "North", [mel])], unsectioned: [max] }],
      [`GET /api/groups/${groupId}/members`]: [200, { members }],
      [`DELETE ${base}/${north}`]: [
        403,
        {
          error: {
            code: "forbidden",
            message: "Your role (member) does not allow managing discussion sections.",
          },
        },
      ],
    });
    await open();
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "does not allow managing discussion sections",
    );
  });
});
