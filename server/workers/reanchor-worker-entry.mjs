// Worker bootstrap: registers tsx's TypeScript loader inside the thread, then runs the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./reanchor-worker.ts");
