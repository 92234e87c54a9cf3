// The owner's group settings form: the time zone chosen among the IANA names (the current one selected) and whether
// members may lead, saved with the name and description in one PATCH.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GroupDto } from "../../api/http.ts";
import { serveApi, type FakeRequest } from "../../testing/fake-api.ts";
import { GroupSettingsForm, timeZoneChoices } from "./GroupSettingsForm.tsx";

const group: GroupDto = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "Readers",
  description: "",
  role: "owner",
  memberCount: 3,
  createdAt: "2026-11-01T00:00:00.000Z",
  recordReadingTime: true,
  membersMayLead: false,
  timeZone: "Europe/Paris",
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("timeZoneChoices", () => {
  it("lists the browser's IANA zones, keeping a current zone it does not list", () => {
    expect(timeZoneChoices("Europe/Paris")).toContain("America/New_York");
    expect(timeZoneChoices("Europe/Paris").filter((zone) => zone === "Europe/Paris")).toHaveLength(1);
    expect(timeZoneChoices("Etc/Unlisted")[0]).toBe("Etc/Unlisted");
  });
});

describe("GroupSettingsForm", () => {
  it("shows the group's time zone and lead setting, and saves the chosen ones", async () => {
    const sent: unknown[] = [];
    serveApi({
      [`PATCH /api/groups/${group.id}`]: (request: FakeRequest) => {
        sent.push(request.body);
        return [200, { group }];
      },
    });
    const onSaved = vi.fn(async () => undefined);
    render(<GroupSettingsForm group={group} onSaved={onSaved} />);
    const zone = screen.getByRole("combobox", { name: /Time zone/ }) as HTMLSelectElement;
    expect(zone.value).toBe("Europe/Paris");
    const lead = screen.getByRole("checkbox", { name: /Members may lead/ }) as HTMLInputElement;
    expect(lead.checked).toBe(false);
    fireEvent.change(zone, { target: { value: "America/New_York" } });
    fireEvent.click(lead);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(sent).toEqual([
      { name: "Readers", description: "", timeZone: "America/New_York", membersMayLead: true },
    ]);
  });

  it("shows the server's refusal", async () => {
    serveApi({
      [`PATCH /api/groups/${group.id}`]: [
        400,
        { error: { code: "invalid", message: "timeZone: not a time zone this server knows" } },
      ],
    });
    render(<GroupSettingsForm group={group} onSaved={async () => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toContain("timeZone");
  });
});
