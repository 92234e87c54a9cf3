// Hide until you post in the browser: an instructor sets an assignment and switches hiding on in the room's settings
// and sees the badge; a member who has not posted sees what is due, the notice and none of the class's threads (the
// instructors' stay), and once their first thread commits the class's threads appear live, without a reload.
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  contextFor,
  essay,
  hasChromium,
  joinAs,
  openReader,
  paragraphIds,
  postThread,
  setUpBrowserSuite,
} from "./browser.ts";

const classmateWords = "A classmate's reading nobody should copy";
const teacherWords = "Start from the second sentence";
const notice = "Threads from the class appear after you start your own.";

describe.skipIf(!hasChromium && process.env.CI !== "true")("hide until you post", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  let blocks: string[];
  let instructor: Awaited<ReturnType<typeof joinAs>>;

  beforeAll(async () => {
    const base = suite.server.base;
    room = await buildReadingRoom(base, essay);
    const classmate = await joinAs(base, room.owner, room.groupId, "member", "Cat Classmate");
    instructor = await joinAs(base, room.owner, room.groupId, "instructor", "Ines Instructor");
    blocks = await paragraphIds(base, room.owner, room);
    await postThread(base, classmate, room.roomId, blocks[0]!, classmateWords);
    await postThread(base, instructor, room.roomId, blocks[1]!, teacherWords);
  }, 60_000);

  it("an instructor sets an assignment and switches it on; the member sees what is due and the notice, then the class live after posting", async () => {
    const teacherPage = await (await contextFor(suite.browser, suite.server.base, instructor)).newPage();
    await openReader(teacherPage, suite.server.base, room.readerPath);
    await teacherPage.getByRole("button", { name: "Set an assignment" }).click();
    await teacherPage.getByLabel("Instructions (Markdown)").fill("Read the **first part** before Friday.");
    await teacherPage.getByLabel("Due (UTC)").fill("2099-01-08T17:00");
    await teacherPage.getByRole("button", { name: "Save assignment" }).click();
    await teacherPage.getByRole("status").filter({ hasText: "Assignment saved." }).waitFor();
    await teacherPage.getByRole("button", { name: "Room settings" }).click();
    await teacherPage.getByRole("checkbox", { name: /until they start one/ }).check();
    await teacherPage.getByText("Hidden until posted").waitFor({ timeout: 10_000 });

    const page = await (await contextFor(suite.browser, suite.server.base, room.member)).newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByText(notice).waitFor({ timeout: 10_000 });
    await page.locator(".assignment-summary").getByText(/2099/).first().waitFor({ timeout: 10_000 });
    await page.getByText(teacherWords).first().waitFor({ timeout: 10_000 });
    expect(await page.content()).not.toContain(classmateWords);
    await expect(page.getByRole("button", { name: "Room settings" }).count()).resolves.toBe(0);

    await postThread(suite.server.base, room.member, room.roomId, blocks[2]!, "My own first reading");
    await page.getByText(classmateWords).first().waitFor({ timeout: 15_000 });
    await page.getByText(notice).waitFor({ state: "detached", timeout: 10_000 });
  });
});
