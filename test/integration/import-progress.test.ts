// Following an upload's import: the uploader who sent a progress id reads how far it has got while it runs, and
// no one else does; nothing is left once the upload is answered.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { ImportProgress } from "../../shared/schemas/document-api.ts";
import type { ImportProgressListener, TextImporter } from "../../server/services/documents/import-runner.ts";
import { WorkerTextImporter } from "../../server/services/documents/import-runner.ts";
import type { ImportInput } from "../../server/services/documents/import-job.ts";
import { buildTestApp, signUp } from "../helpers/test-app.ts";

/** The real importer, held after its first page until `release` is called, so a test can read the progress then. */
class HeldImporter implements TextImporter {
  private readonly real = new WorkerTextImporter();
  private opened: () => void = () => {};
  readonly release: Promise<void> = new Promise((resolve) => (this.opened = resolve));
  /** Resolves once a job reported its first page. */
  readonly heldAtFirstPage: Promise<void>;
  private atFirstPage: () => void = () => {};
  constructor() {
    this.heldAtFirstPage = new Promise((resolve) => (this.atFirstPage = resolve));
  }
  open() {
    this.opened();
  }
  async run(job: ImportInput, onProgress?: ImportProgressListener) {
    const heard: ImportProgress[] = [];
    const result = await this.real.run(job, (progress) => heard.push(progress));
    for (const progress of heard) {
      onProgress?.(progress);
      if (progress.page === 1) {
        this.atFirstPage();
        await this.release;
      }
    }
    return result;
  }
  close() {
    return this.real.close();
  }
}

const importer = new HeldImporter();
const { app } = buildTestApp({ ctx: { importer } });
const pdf = await readFile(new URL("../fixtures/pdf/pdftex.pdf", import.meta.url));

describe("following an import's progress", () => {
  it("shows its uploader the page being read, 404s for others, and forgets it once answered", async () => {
    const owner = await signUp(app);
    const stranger = await signUp(app);
    const groupId = (await owner.agent.post("/api/groups").send({ name: "Readers" }).expect(201)).body.group
      .id as string;
    const id = randomUUID();
    await owner.agent.get(`/api/import-progress/${id}`).expect(404);
    await owner.agent.get("/api/import-progress/not-a-uuid").expect(400);

    const upload = owner.agent
      .post(`/api/documents?groupId=${groupId}&progress=${id}`)
      .set("Content-Type", "application/pdf")
      .send(pdf)
      .then((res) => res);
    await importer.heldAtFirstPage;
    const during = await owner.agent.get(`/api/import-progress/${id}`).expect(200);
    expect(during.body).toEqual({ progress: { stage: "pages", page: 1, pages: 4 } });
    expect(during.headers["cache-control"]).toBe("no-store");
    await stranger.agent.get(`/api/import-progress/${id}`).expect(404);
    importer.open();

    expect((await upload).status).toBe(201);
    await owner.agent.get(`/api/import-progress/${id}`).expect(404);
    await owner.agent
      .post(`/api/documents?groupId=${groupId}&progress=later`)
      .set("Content-Type", "text/plain")
      .send("A text.")
      .expect(400);
    await importer.close();
  });
});
