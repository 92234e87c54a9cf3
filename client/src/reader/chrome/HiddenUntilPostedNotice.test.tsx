// A reader veiled by their discussion section is told so, not told to post: posting will not open the room to them.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { hiddenUntilPostedNotice } from "../../../../shared/hide-until-posted.ts";
import { sectionNotice } from "../../../../shared/sections.ts";
import { HiddenUntilPostedNotice } from "./HiddenUntilPostedNotice.tsx";

afterEach(cleanup);

it("names the section when the server veiled the reader for it", () => {
  render(<HiddenUntilPostedNotice canWrite because={sectionNotice} />);
  expect(screen.getByRole("status").textContent).toBe(sectionNotice);
});

it("keeps the hide-until-posted words for that reason", () => {
  render(<HiddenUntilPostedNotice canWrite because={hiddenUntilPostedNotice} />);
  expect(screen.getByRole("status").textContent).toContain(hiddenUntilPostedNotice);
  expect(screen.getByRole("status").textContent).toContain("to write yours");
});
