// Notices a lost sync connection quickly and brings it back promptly: follows the platform's online/offline signal
// at once, takes a socket that has heard nothing for longer than the keep-alive allows for dead, and spreads out
// reconnects so that a crowd of readers does not return all at once.
import type { WebsocketProvider } from "y-websocket";

/** Where the client learns that the device lost or regained its network (the browser's window events). */
export interface NetworkSignal {
  /** False only when the platform knows it has no network (`navigator.onLine`). */
  online(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

interface EventScope {
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
  navigator?: { onLine?: boolean };
}

/** The browser's `online`/`offline` events and `navigator.onLine`; where there are none (Node), always online. */
export function platformNetwork(scope: EventScope = globalThis as EventScope): NetworkSignal {
  return {
    online: () => scope.navigator?.onLine !== false,
    subscribe(listener) {
      const { addEventListener, removeEventListener } = scope;
      if (!addEventListener || !removeEventListener) return () => undefined;
      const online = () => listener(true);
      const offline = () => listener(false);
      addEventListener.call(scope, "online", online);
      addEventListener.call(scope, "offline", offline);
      return () => {
        removeEventListener.call(scope, "online", online);
        removeEventListener.call(scope, "offline", offline);
      };
    },
  };
}

export interface ConnectionWatchOptions {
  network: NetworkSignal;
  /** A synced socket silent for longer than this is dead; a handshake pending for longer is abandoned (ms). */
  silenceTimeoutMs: number;
  /** How often the socket is looked at (ms); notice comes at most this much after `silenceTimeoutMs`. */
  checkEveryMs: number;
  /** Longest wait before reconnecting after the server closed or refused the socket (ms). */
  maxBackoffMs: number;
  /** In [0, 1); jitters the reconnect waits. */
  random?: () => number;
  /** The platform's network went away (false) or came back (true). */
  onNetwork(online: boolean): void;
  /** A socket was found dead by its silence and is being replaced. */
  onSilence(): void;
}

/**
 * Drives a provider created with `connect: false`: connects it while the platform is online, disconnects it at once
 * when the platform goes offline (y-websocket alone would call the old socket connected until it closes, up to ~33 s
 * later), reconnects at once when the network returns, and replaces a socket that has gone silent or whose
 * handshake hangs; jitters y-websocket's reconnect waits. A provider the server closed for good (`shouldConnect`
 * false) is left alone.
 */
export class ConnectionWatch {
  /** The provider was disconnected because the platform went offline, and is to reconnect when it is back. */
  private heldOffline = false;
  private connectingSince: number | undefined;
  private readonly unsubscribe: () => void;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly options: ConnectionWatchOptions,
  ) {
    provider.on("status", ({ status }: { status: string }) => {
      this.connectingSince = status === "connecting" ? Date.now() : undefined;
    });
    // y-websocket waits min(2^n × 100 ms, maxBackoffTime) before its n-th reconnect, the same wait for every client,
    // so all readers of a restarted server would come back at once. It emits "connection-close" just before it
    // counts the attempt and reads maxBackoffTime: setting the cap there makes each wait between half and all of it.
    const random = options.random ?? Math.random;
    provider.on("connection-close", () => {
      const wait = Math.min(2 ** (provider.wsUnsuccessfulReconnects + 1) * 100, options.maxBackoffMs);
      provider.maxBackoffTime = wait / 2 + random() * (wait / 2);
    });
    this.unsubscribe = options.network.subscribe((online) =>
      online ? this.networkBack() : this.networkLost(),
    );
    this.timer = setInterval(() => this.check(), options.checkEveryMs);
    if (options.network.online()) provider.connect();
    else this.heldOffline = true;
  }

  destroy(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private networkLost(): void {
    if (this.provider.shouldConnect) {
      this.heldOffline = true;
      this.provider.disconnect();
    }
    this.options.onNetwork(false);
  }

  private networkBack(): void {
    if (this.heldOffline || (this.provider.shouldConnect && !this.provider.wsconnected)) {
      this.heldOffline = false;
      // A handshake begun while the network was down may hang: start afresh, without the backoff built up meanwhile.
      this.provider.wsUnsuccessfulReconnects = 0;
      this.reconnect();
    }
    this.options.onNetwork(true);
  }

  private check(): void {
    const { provider } = this;
    if (!provider.shouldConnect || !this.options.network.online()) return;
    const now = Date.now();
    // Before the first sync the state may be one large message still arriving; y-websocket's own 30 s rule covers it.
    const silent =
      provider.wsconnected &&
      provider.synced &&
      now - provider.wsLastMessageReceived > this.options.silenceTimeoutMs;
    const hanging =
      provider.wsconnecting &&
      this.connectingSince !== undefined &&
      now - this.connectingSince > this.options.silenceTimeoutMs;
    if (!silent && !hanging) return;
    this.reconnect();
    if (silent) this.options.onSilence();
  }

  private reconnect(): void {
    this.provider.disconnect();
    this.provider.connect();
  }
}
