// The import worker: runs jobs in order off the main thread and survives a job that never ends.
import { readFile, readdir } from "node:fs/promises";
import { deflateSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import type { ImportProgress } from "../../shared/schemas/document-api.ts";
import { WorkerTextImporter } from "../../server/services/documents/import-runner.ts";
import { waitFor } from "../helpers/processes.ts";
import { textPageObjects, tinyPdf } from "../helpers/tiny-pdf.ts";

// On this (the main) thread the import pipeline refuses to run; a worker thread loads its own, real copy. So a
// runner that imported inline would fail every job here.
vi.mock("../../server/domain/import/import-text.ts", () => ({
  importText: () => {
    throw new Error("the import ran on the main thread");
  },
}));

/** The nice value of each thread of this process, by thread id (Linux's /proc/self/task/<tid>/stat, field 19). */
async function threadNiceValues(): Promise<Map<number, number>> {
  const values = new Map<number, number>();
  for (const tid of await readdir("/proc/self/task")) {
    const stat = await readFile(`/proc/self/task/${tid}/stat`, "utf8");
    values.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
  }
  return values;
}

const pdfJob = { format: "pdf" as const, title: undefined, author: undefined };
const job = (source: string) => ({ source, format: "text" as const, title: undefined, author: undefined });

describe("WorkerTextImporter", () => {
  it("imports texts on a worker thread, one after another", async () => {
    const importer = new WorkerTextImporter();
    try {
      // The first text is far longer: run side by side, the short ones would finish before it.
      const long = Array.from({ length: 3_000 }, (_, i) => `Paragraph ${i} of the long text.`).join("\n\n");
      const texts = [`${long}\n\nFirst one.`, "Second one.", "Third one."];
      const finished: string[] = [];
      const results = await Promise.all(
        texts.map((text) =>
          importer.run(job(`Title\n\n${text}`)).then((result) => {
            finished.push(result.document.blocks.at(-1)!.text);
            return result;
          }),
        ),
      );
      expect(results.map((result) => result.document.blocks.at(-1)?.text)).toEqual([
        "First one.",
        "Second one.",
        "Third one.",
      ]);
      expect(finished).toEqual(["First one.", "Second one.", "Third one."]);
    } finally {
      await importer.close();
    }
  });

  it("stops a job that exceeds the time limit and keeps serving the next ones", async () => {
    // Far above what a short text takes on a busy machine (a limit of 0.3 s once stopped the short job queued
    // behind), far below what the huge one needs.
    const importer = new WorkerTextImporter(2_000);
    try {
      await importer.run(job("Title\n\nWarm up.")); // the limit counts work only, not loading the dictionary
      const huge = Array.from(
        { length: 150_000 },
        (_, i) => `Paragraph ${i} has a few words in it, hyphen-\nated across lines.`,
      ).join("\n\n");
      // The next job waits in the queue meanwhile: it must run on the fresh thread, not on the one being stopped.
      const stopped = importer.run(job(huge));
      const queued = importer.run(job("Title\n\nQueued behind it."));
      await expect(stopped).rejects.toThrow(/took longer than 2 s/);
      expect((await queued).document.blocks.at(-1)?.text).toBe("Queued behind it.");
      const after = await importer.run(job("Title\n\nStill works."));
      expect(after.document.blocks.at(-1)?.text).toBe("Still works.");
    } finally {
      await importer.close();
    }
  });

  it("stops a file that unpacks far past the memory limit (413), and serves the job queued behind it", async () => {
    const importer = new WorkerTextImporter(60_000, 30_000, 48);
    try {
      // A page whose content stream is 200 MB of spaces, deflated to a few hundred KB: the decoders' buffers live
      // outside the thread's heap, which its own limits never see.
      const spaces = deflateSync(Buffer.alloc(200 * 1024 * 1024, 0x20)).toString("latin1");
      const [page, , font] = textPageObjects("Hello");
      const bomb = tinyPdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page!,
        `<< /Length ${spaces.length} /Filter /FlateDecode >>\nstream\n${spaces}\nendstream`,
        font!,
      ]);
      const stopped = importer.run({ ...pdfJob, source: new Uint8Array(bomb) });
      const queued = importer.run(job("Title\n\nQueued behind it."));
      await expect(stopped).rejects.toMatchObject({ status: 413, message: /more than 48 MB of memory/ });
      expect((await queued).document.blocks.at(-1)?.text).toBe("Queued behind it.");
    } finally {
      await importer.close();
    }
  });

  it("stops a worker left idle (giving its memory back) and starts a new one for the next job", async () => {
    const importer = new WorkerTextImporter(60_000, 100);
    try {
      await importer.run(job("Title\n\nFirst."));
      await waitFor(() => (importer.running ? undefined : true), 10_000, "the idle worker to stop");
      const next = await importer.run(job("Title\n\nAfter a pause."));
      expect(next.document.blocks.at(-1)?.text).toBe("After a pause.");
    } finally {
      await importer.close();
    }
  });

  it("reports each stage as it starts and each page of a PDF as it is read, in order", async () => {
    const importer = new WorkerTextImporter();
    try {
      const bytes = await readFile(new URL("../fixtures/pdf/pdftex.pdf", import.meta.url));
      const heard: ImportProgress[] = [];
      await importer.run({ ...pdfJob, source: new Uint8Array(bytes) }, (progress) => heard.push(progress));
      expect(heard.filter((progress) => progress.page !== undefined)).toEqual(
        [1, 2, 3, 4].map((page) => ({ stage: "pages", page, pages: 4 })),
      );
      expect(heard.map((progress) => progress.stage)).toEqual([
        "lines",
        ...Array<string>(4).fill("pages"),
        "pages",
        "glyphs",
        "blocks",
        "footnotes",
        "anchors",
      ]);
      const stages: string[] = [];
      await importer.run(job("Title\n\nA text."), (progress) => stages.push(progress.stage));
      expect(stages).toEqual(["lines", "pages", "glyphs", "blocks", "footnotes", "anchors"]);
    } finally {
      await importer.close();
    }
  });

  it("runs its jobs at a lower CPU priority than the server's own thread, which keeps answering first", async () => {
    const before = await threadNiceValues();
    const importer = new WorkerTextImporter();
    try {
      await importer.run(job("Title\n\nA job."));
      const after = await threadNiceValues();
      const started = [...after].filter(([tid]) => !before.has(tid)).map(([, nice]) => nice);
      expect(started).toContain(10);
      expect(after.get(process.pid)).toBe(before.get(process.pid));
    } finally {
      await importer.close();
    }
  });

  it("kept ready, starts a worker before any job and serves jobs on it", async () => {
    const importer = new WorkerTextImporter();
    try {
      expect(importer.running).toBe(false);
      importer.keepReady();
      expect(importer.running).toBe(true);
      const result = await importer.run(job("Title\n\nReady."));
      expect(result.document.blocks.at(-1)?.text).toBe("Ready.");
      expect(importer.running).toBe(true);
    } finally {
      await importer.close();
    }
    expect(importer.running).toBe(false);
  });
});
