// Importing annotations in chromium: an instructor picks a Hypothesis export in the Export dialog and reads the report —
// one thread created and shown in the reader, one quote not in the text listed as detached. Members see no import.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildReadingRoom,
  call,
  contextFor,
  type E2eUser,
  essay,
  hasChromium,
  openReader,
  overflowsSideways,
  paragraphs,
  screenshotDir as shots,
  setUpBrowserSuite,
  signUpUser,
} from "./browser.ts";

describe.skipIf(!hasChromium && process.env.CI !== "true")("importing annotations from the reader", () => {
  const suite = setUpBrowserSuite();
  let room: Awaited<ReturnType<typeof buildReadingRoom>>;
  let instructor: E2eUser;
  let quote = "";

  beforeAll(async () => {
    room = await buildReadingRoom(suite.server.base, essay);
    const { invite } = await call<{ invite: { token: string } }>(
      suite.server.base,
      room.owner,
      "POST",
      `/api/groups/${room.groupId}/invites`,
      { role: "instructor" },
    );
    instructor = await signUpUser(suite.server.base, "Ivy Instructor");
    await call(suite.server.base, instructor, "POST", `/api/invites/${invite.token}/accept`);
    const paragraph = (await paragraphs(suite.server.base, room.owner, room))[12]!.text;
    quote = paragraph.slice(0, 60);
  }, 60_000);

  const file = () => ({
    annotations: [
      {
        id: "hyp-1",
        text: "Imported from Hypothesis: what does this sentence assume?",
        tags: ["question"],
        user: "acct:hannah@hypothes.is",
        user_info: { display_name: "Hannah" },
        created: "2026-01-02T03:04:05.000Z",
        target: [{ selector: [{ type: "TextQuoteSelector", exact: quote }] }],
      },
      {
        id: "hyp-2",
        text: "This one was made on another text.",
        user: "acct:hannah@hypothes.is",
        target: [
          { selector: [{ type: "TextQuoteSelector", exact: "words this essay never contained at all" }] },
        ],
      },
    ],
  });

  it("an instructor imports a file and sees what was created and what detached", async () => {
    const context = await contextFor(suite.browser, suite.server.base, instructor);
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export the discussion" });
    await dialog.waitFor();
    await dialog.getByLabel("Annotation file").setInputFiles({
      name: "hypothesis-export.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file())),
    });
    const report = dialog.getByRole("region", { name: "Import report" });
    await report
      .getByRole("status")
      .filter({ hasText: "created 1 thread and 0 replies; 1 detached, 0 skipped" })
      .waitFor();
    expect(await report.locator(".import-detached li").innerText()).toContain(
      "words this essay never contained at all",
    );
    await report.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, "import-report-1440.png") });
    await dialog.getByRole("button", { name: "Close" }).click();
    // The imported thread reaches the reader live, under the importer with the source's name.
    await page.getByText("Imported from Hypothesis: what does this sentence assume?").first().waitFor();
    await page.getByText("imported: Hannah").filter({ visible: true }).first().waitFor();
    await context.close();
  }, 60_000);

  it("on a phone, the import and its report fit the screen: nothing scrolls sideways", async () => {
    const context = await contextFor(suite.browser, suite.server.base, instructor, {
      width: 390,
      height: 844,
    });
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    // A phone's bar keeps its secondary actions behind "More".
    await page.getByRole("button", { name: "More" }).click();
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export the discussion" });
    await dialog.getByLabel("Annotation file").setInputFiles({
      name: "a-long-file-name-of-annotations-exported-from-hypothesis-for-this-essay.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file())),
    });
    const report = dialog.getByRole("region", { name: "Import report" });
    await report.getByRole("status").waitFor();
    await report.scrollIntoViewIfNeeded();
    expect(await overflowsSideways(dialog)).toBe(false);
    const box = (await report.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(shots, "import-report-390.png") });
    await context.close();
  }, 60_000);

  it("downloads the discussion as JSON-LD, and importing that file back into the room adds nothing", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.owner);
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export the discussion" });
    await dialog.getByRole("radio", { name: /Web Annotations/ }).check();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("button", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-annotations-\d{4}-\d{2}-\d{2}\.jsonld$/u);
    const text = await readFile((await download.path())!, "utf8");
    const collection = JSON.parse(text) as {
      type: string;
      total: number;
      first: { items: { creator: { name: string } }[] };
    };
    expect(collection).toMatchObject({ type: "AnnotationCollection", total: 1 });
    expect(collection.first.items[0]!.creator.name).toBe("imported: Hannah");
    await dialog.getByLabel("Annotation file").setInputFiles({
      name: "back-again.jsonld",
      mimeType: "application/ld+json",
      buffer: Buffer.from(text),
    });
    await dialog
      .getByRole("region", { name: "Import report" })
      .getByRole("status")
      .filter({ hasText: "created 0 threads and 0 replies; 0 detached, 1 skipped" })
      .waitFor();
    await context.close();
  }, 60_000);

  it("members are not offered the import", async () => {
    const context = await contextFor(suite.browser, suite.server.base, room.member);
    const page = await context.newPage();
    await openReader(page, suite.server.base, room.readerPath);
    await page.getByRole("button", { name: "Export" }).click();
    await page.getByRole("dialog", { name: "Export the discussion" }).waitFor();
    expect(await page.getByText("Import annotations").count()).toBe(0);
    await context.close();
  }, 60_000);
});
