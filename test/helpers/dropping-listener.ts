// A loopback port whose TCP handshakes never complete, as behind a firewall that drops connection attempts: a
// listener in a child process that never accepts (its event loop is blocked from the start), whose accept queue is
// then filled, so the kernel drops every further SYN and a connect waits until the client gives up (Linux and macOS
// drop them; Windows would refuse). The child gives up after a minute, should the test never close it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

export interface DroppingListener {
  port: number;
  close(): void;
}

const LISTENER = `const server = require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  process.exit();
});`;

export async function startDroppingListener(): Promise<DroppingListener> {
  const child = spawn(process.execPath, ['-e', LISTENER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [first] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(first.toString().trim());
  // Connections the kernel completes into the queue (backlog + 1 on Linux) until one hangs: the queue is full.
  const fillers: net.Socket[] = [];
  const close = (): void => {
    for (const socket of fillers) socket.destroy();
    child.kill();
  };
  for (let i = 0; i < 16; i++) {
    const socket = net.connect(port, '127.0.0.1').on('error', () => undefined);
    const connected = await Promise.race([once(socket, 'connect').then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), 200))]);
    if (!connected) {
      socket.destroy();
      return { port, close };
    }
    fillers.push(socket);
  }
  close();
  throw new Error('the listener kept completing connections: its accept queue could not be filled');
}
