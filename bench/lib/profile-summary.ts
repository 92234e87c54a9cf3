// Self time of a V8 CPU profile (--cpu-prof) by package or source file, within a window of the monotonic clock.
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../test/helpers/processes.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: an npm package, a node: module, a file of ours, or V8's own bookkeeping. */
function placeOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const inPackage = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith("node:")) return url;
  const file = url.startsWith("file://") ? new URL(url).pathname : url;
  return path.relative(repoRoot, file);
}

/**
 * Where a sample of native code (no script URL: a system call, a C++ builtin) is charged: to the nearest caller
 * outside Node's own modules, so that a write to stdout lands under the logger and a socket write under whoever
 * sent the response.
 */
function nativePlaces(profile: CpuProfile): Map<number, string> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const charged = new Map<number, string>();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    if (url || functionName.startsWith("(")) continue;
    let caller = parentOf.get(node.id);
    while (caller !== undefined && /^(node:|$)/.test(byId.get(caller)!.callFrame.url))
      caller = parentOf.get(caller);
    const place = caller === undefined ? "(program)" : placeOf(byId.get(caller)!.callFrame);
    charged.set(node.id, `${place}, native (${functionName || "anonymous"})`);
  }
  return charged;
}

/**
 * Milliseconds of self time per place among the samples taken between `from` and `to` (process.hrtime.bigint()
 * readings: V8's profile clock is the same monotonic clock on Linux), largest first; `(idle)` is left out.
 */
export function selfTimeByPlace(
  profileFile: string,
  from: bigint,
  to: bigint,
): { place: string; ms: number }[] {
  const profile = JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile;
  const natives = nativePlaces(profile);
  const places = new Map(
    profile.nodes.map((node) => [node.id, natives.get(node.id) ?? placeOf(node.callFrame)]),
  );
  const fromUs = Number(from / 1000n);
  const toUs = Number(to / 1000n);
  const totals = new Map<string, number>();
  let at = profile.startTime;
  for (const [i, nodeId] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i]!;
    at += delta;
    if (at < fromUs || at > toUs) continue;
    const place = places.get(nodeId)!;
    if (place === "(idle)") continue;
    // A sample stands for the interval since the previous one.
    totals.set(place, (totals.get(place) ?? 0) + delta / 1000);
  }
  return [...totals].map(([place, ms]) => ({ place, ms })).sort((a, b) => b.ms - a.ms);
}
