// A minimal Chrome DevTools Protocol client for a server child started with --inspect=127.0.0.1:0, used to force
// a full garbage collection and read the JS heap before a memory reading (no server code involved).
import WebSocket from "ws";

/** The debugger WebSocket URL a process prints on stderr when started with --inspect. */
export const inspectorUrlPattern = /Debugger listening on (ws:\/\/[^\s]+)/;

export class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new Inspector(socket);
  }

  /** Sends one protocol command and resolves with its result. */
  call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`inspector: ${method} timed out`)), 30_000);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Runs a full garbage collection in the inspected process. */
  async collectGarbage(): Promise<void> {
    await this.call("HeapProfiler.collectGarbage");
  }

  /** The value of `expression` (whose value is a JSON string) evaluated in the inspected process, parsed. */
  async evaluate<T>(expression: string): Promise<T> {
    const result = (await this.call("Runtime.evaluate", { expression, returnByValue: true })) as {
      result: { value: string };
    };
    return JSON.parse(result.result.value) as T;
  }

  /** process.memoryUsage() of the inspected process. */
  memoryUsage(): Promise<NodeJS.MemoryUsage> {
    return this.evaluate<NodeJS.MemoryUsage>("JSON.stringify(process.memoryUsage())");
  }

  close(): void {
    this.socket.close();
  }
}
