// Assignments in the browser: an owner sets one in the reader in the group's time zone; a member sees what is due,
// the instructions and a Late label arriving live on late work; once archived, the member gets the banner and no
// way to write.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  call,
  contextFor,
  essay,
  hasChromium,
  openReader,
  paragraphIds,
  postThread,
  screenshotDir as shots,
  setUpBrowserSuite,
} from "./browser.ts";

describe.skipIf(!hasChromium && process.env.CI !== "true")("assignments in the reader", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;

  beforeAll(async () => {
    room = await buildReadingRoom(suite.server.base, essay);
    await call(suite.server.base, room.owner, "PATCH", `/api/groups/${room.groupId}`, {
      timeZone: "Europe/Berlin",
    });
  }, 60_000);

  it("set in the reader, shown to members with late work labelled live, then archived read-only", async () => {
    const ownerPage = await (await contextFor(suite.browser, suite.server.base, room.owner)).newPage();
    const memberPage = await (await contextFor(suite.browser, suite.server.base, room.member)).newPage();
    await openReader(ownerPage, suite.server.base, room.readerPath);
    await ownerPage.getByRole("button", { name: "Set an assignment" }).click();
    await ownerPage.getByLabel("Instructions (Markdown)").fill("Read the **first part**.");
    // Due in the past, so that anything written now is late.
    await ownerPage.getByLabel("Due (Europe/Berlin)").fill("2026-03-29T09:00");
    await ownerPage.getByRole("button", { name: "Save assignment" }).click();
    await ownerPage.getByRole("status").filter({ hasText: "Assignment saved." }).waitFor();

    await openReader(memberPage, suite.server.base, room.readerPath);
    const summary = memberPage.locator(".assignment-summary");
    await summary
      .getByText(/\(Europe\/Berlin\)/)
      .first()
      .waitFor();
    expect(await summary.textContent()).toMatch(/Due.*2026.*09:00/);
    await summary.getByText("Instructions").click();
    expect(await summary.locator(".markdown strong").textContent()).toBe("first part");

    const [blockId] = await paragraphIds(suite.server.base, room.member, room);
    await postThread(suite.server.base, room.member, room.roomId, blockId!, "Written after the due date.");
    const card = memberPage.locator(".thread-card", { hasText: "Written after the due date." });
    await card.locator(".late-badge").waitFor({ timeout: 10_000 });

    await ownerPage.getByRole("button", { name: "Archive room" }).click();
    await ownerPage.getByRole("status").filter({ hasText: "Room archived." }).waitFor();
    await openReader(memberPage, suite.server.base, room.readerPath);
    await memberPage.locator(".archived-banner").waitFor();
    await memberPage.screenshot({ path: path.join(shots, "assignment-archived.png") });
    await card.locator(".late-badge").waitFor();
    expect(await memberPage.getByRole("button", { name: /^Comment on / }).count()).toBe(0);
    await card.getByRole("button", { name: /Ben Member/ }).click();
    expect(await card.getByRole("button", { name: "Reply" }).count()).toBe(0);
  }, 90_000);
});
