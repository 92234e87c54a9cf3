// Sends a built export file (a PDF job's) as a download, its reader's cancelling no error.
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import type { ExportFile } from "../services/exports/export-jobs.ts";
import { contentTypes } from "../services/exports/export-room.ts";
import { setAttachment } from "./attachment.ts";

/** Sends a built PDF as a download under its export's file name. */
export async function sendExportFile(req: Request, res: Response, file: ExportFile): Promise<void> {
  setAttachment(res, file.fileName);
  res.type(contentTypes.pdf);
  res.setHeader("Cache-Control", "no-store");
  try {
    await pipeline(createReadStream(file.path), res);
  } catch (error) {
    // A reader who cancels the download is no failure of ours.
    if ((error as { code?: unknown }).code === "ERR_STREAM_PREMATURE_CLOSE" && req.destroyed) return;
    throw error;
  }
}
