// Asks a server's /healthz again and again while other work runs, to see how long its event loop keeps requests
// waiting.
import { sleep } from "./measure.ts";

/**
 * Starts asking `base`/healthz: one request at a time, the next `pauseMs` after the previous answer. `stop()` ends
 * the probing and resolves with every answer's latency in milliseconds.
 */
export function probeHealth(base: string, pauseMs = 20): { stop: () => Promise<number[]> } {
  let running = true;
  const latencies: number[] = [];
  const probing = (async () => {
    while (running) {
      const sent = performance.now();
      await fetch(`${base}/healthz`).then((res) => res.arrayBuffer());
      latencies.push(performance.now() - sent);
      await sleep(pauseMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await probing;
      return latencies;
    },
  };
}
