// A stand-in XMLHttpRequest for client tests: it sends through the (faked) fetch and reports upload progress.
import { vi } from "vitest";

/** The upload's size the fake reports; progress goes out at half and then whole. */
export const fakeUploadBytes = 2048;

/**
 * Replaces XMLHttpRequest with one that answers from the global fetch (serveApi's table), after two upload
 * progress events (half, then all of `fakeUploadBytes`). Sent bodies are recorded, in order.
 */
export function fakeXhr() {
  const bodies: { path: string; body: FormData }[] = [];
  class FakeXhr {
    status = 0;
    responseText = "";
    upload: { onprogress?: (event: { loaded: number; total: number }) => void; onload?: () => void } = {};
    onload?: () => void;
    onerror?: () => void;
    private method = "GET";
    private path = "";
    open(method: string, path: string) {
      this.method = method;
      this.path = path;
    }
    setRequestHeader() {}
    send(body: FormData) {
      bodies.push({ path: this.path, body });
      void (async () => {
        this.upload.onprogress?.({ loaded: fakeUploadBytes / 2, total: fakeUploadBytes });
        await Promise.resolve();
        this.upload.onprogress?.({ loaded: fakeUploadBytes, total: fakeUploadBytes });
        this.upload.onload?.();
        const response = await fetch(this.path, { method: this.method, body });
        this.status = response.status;
        this.responseText = await response.text();
        this.onload?.();
      })().catch(() => this.onerror?.());
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  return bodies;
}
