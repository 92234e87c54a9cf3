// Worker bootstrap: loads pdf.js, then registers tsx's TypeScript loader inside the thread and runs the TypeScript
// worker. pdf.js comes first because tsx would transform its megabytes of JavaScript again in every thread (seconds
// and ~300 MB more per thread, measured); once loaded, later imports of it are served from the module cache.
import { register } from "tsx/esm/api";

await import("pdfjs-dist/legacy/build/pdf.mjs");
await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
register();
await import("./import-worker.ts");
