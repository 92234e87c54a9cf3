// A TCP proxy in front of a test server that a test can freeze: bytes stop flowing both ways but no connection is
// closed, as when a laptop sleeps or a phone loses its network without saying goodbye.
import net from "node:net";

export interface FreezableProxy {
  /** The server's URL reached through the proxy. */
  url: string;
  /** Stops forwarding on every connection, leaving them open. */
  freeze(): void;
  close(): Promise<void>;
}

export async function startFreezableProxy(serverUrl: string): Promise<FreezableProxy> {
  const target = new URL(serverUrl);
  const pairs: [net.Socket, net.Socket][] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) socket.on("error", () => socket.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    freeze() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    async close() {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
