// A TCP port on the loopback interface that nothing listens on, for a helper process the test starts.
import net from "node:net";

/**
 * Asks the kernel for a free loopback port and releases it. Another process could take it before the caller binds
 * it; the kernel hands out ports in turn, so in practice it stays free for the moment that takes.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
