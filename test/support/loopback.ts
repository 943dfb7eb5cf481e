import type { AddressInfo, Server, Socket } from 'node:net';

/**
 * Listens on an ephemeral 127.0.0.1 port and returns the port and a close()
 * that also destroys open connections (a hanging test server must not keep
 * the test process alive).
 */
export async function listenOnLoopback(
  server: Server,
  connectionEvent: 'connection' | 'secureConnection' = 'connection',
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on(connectionEvent, (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
