// Running a class in the browser: an owner makes a member an instructor from the library; the new instructor then
// sees their role and the instructors' controls, and their thread carries the instructor badge in the owner's margin.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  contextFor,
  essay,
  hasChromium,
  openReader,
  paragraphIds,
  postThread,
  screenshotDir as shots,
  setUpBrowserSuite,
} from "./browser.ts";

describe.skipIf(!hasChromium && process.env.CI !== "true")("managing a group in the library", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;

  beforeAll(async () => {
    room = await buildReadingRoom(suite.server.base, essay);
  }, 60_000);

  it("an owner makes a member an instructor; the member then sees their role and the instructors' controls", async () => {
    const ownerContext = await contextFor(suite.browser, suite.server.base, room.owner);
    const memberContext = await contextFor(suite.browser, suite.server.base, room.member);
    const [ownerPage, memberPage] = await Promise.all([ownerContext.newPage(), memberContext.newPage()]);

    // Before: a member, with nothing to manage.
    await memberPage.goto(`${suite.server.base}/`);
    const memberCard = memberPage.getByRole("region", { name: "Thursday readers" });
    await memberCard.getByText("You are a member").waitFor();
    expect(await memberCard.getByRole("button", { name: "Add a text" }).count()).toBe(0);

    // The owner opens the member list and changes Ben's role.
    await ownerPage.goto(`${suite.server.base}/`);
    const ownerCard = ownerPage.getByRole("region", { name: "Thursday readers" });
    await ownerCard.getByText("2 members").click();
    await ownerCard.getByRole("combobox", { name: "Role of Ben Member" }).selectOption("instructor");
    await ownerCard.getByRole("status").filter({ hasText: "Ben Member is now an instructor." }).waitFor();
    await ownerPage.screenshot({ path: path.join(shots, "management-role-changed.png") });

    // After: the member, reloaded, is an instructor with the instructors' controls.
    await memberPage.reload();
    await memberCard.getByText("You are an instructor").waitFor();
    await memberCard.getByRole("button", { name: "Add a text" }).waitFor();
    await memberCard.getByText("Invites").click();
    const roles = await memberCard.getByLabel("Role").locator("option").allTextContents();
    expect(roles).toEqual(["member", "observer"]);

    // Their thread carries the instructor badge in the owner's margin, and the owner can pin it.
    const [blockId] = await paragraphIds(suite.server.base, room.owner, room);
    const threadId = await postThread(suite.server.base, room.member, room.roomId, blockId!, "Start here.");
    await openReader(ownerPage, suite.server.base, `${room.readerPath}/threads/${threadId}`);
    const card = ownerPage.locator(`#thread-${threadId}`);
    await card.locator(".role-badge", { hasText: "Instructor" }).waitFor({ timeout: 10_000 });
    await card.getByRole("button", { name: "Pin", exact: true }).click();
    await card.locator(".pin-badge").waitFor({ timeout: 10_000 });

    // The new instructor sees the pin live, and is offered to unpin it.
    await openReader(memberPage, suite.server.base, `${room.readerPath}/threads/${threadId}`);
    const memberView = memberPage.locator(`#thread-${threadId}`);
    await memberView.locator(".pin-badge").waitFor({ timeout: 10_000 });
    await memberView.getByRole("button", { name: "Unpin" }).waitFor();
    await memberPage.screenshot({ path: path.join(shots, "management-pinned.png") });
    await Promise.all([ownerContext.close(), memberContext.close()]);
  }, 90_000);
});
