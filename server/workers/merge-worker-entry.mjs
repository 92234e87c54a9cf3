// Worker bootstrap for piscina: registers tsx's TypeScript loader inside the thread, then exposes the task.
import { register } from "tsx/esm/api";

register();
const { default: merge } = await import("./merge-worker.ts");
export default merge;
