// Raw sockets for hostile input: bytes no HTTP or WebSocket client library would send.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RawOutcome {
  /** What the host wrote back, as latin1. */
  reply: string;
  /** The host closed (or reset) the connection within the wait. */
  closed: boolean;
}

/** Sends bytes (all at once, or in pieces), waits up to waitMs for the host to answer or close, then hangs up. */
export function sendRaw(port: number, bytes: Buffer | string | Array<Buffer | string>, waitMs = 400): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    let closed = false;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
    socket.on('error', () => (closed = true));
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('connect', () => {
      for (const piece of Array.isArray(bytes) ? bytes : [bytes]) socket.write(piece);
    });
  });
}

/** Connects, sends the start of a request, and resets the connection (RST, not FIN). */
export function sendAndReset(port: number, bytes: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    socket.on('connect', () => {
      socket.write(bytes);
      setTimeout(() => socket.resetAndDestroy(), afterMs);
    });
  });
}

export function upgradeRequest(options: { hostHeader: string; path?: string; cookie?: string; origin?: string; key?: string; version?: string; extra?: string }): string {
  const lines = [
    `GET ${options.path ?? '/api/events'} HTTP/1.1`,
    `Host: ${options.hostHeader}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${options.key ?? randomBytes(16).toString('base64')}`,
  ];
  if (options.version !== '') lines.push(`Sec-WebSocket-Version: ${options.version ?? '13'}`);
  if (options.cookie) lines.push(`Cookie: ${options.cookie}`);
  if (options.origin) lines.push(`Origin: ${options.origin}`);
  if (options.extra) lines.push(options.extra);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A socket that completed a valid WebSocket handshake with the host, to write frames on. */
export function openUpgraded(port: number, request: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let head = '';
    const onData = (d: Buffer): void => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`no upgrade: ${head.split('\r\n')[0] ?? ''}`));
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.on('connect', () => socket.write(request));
  });
}

export interface FrameShape {
  fin?: boolean;
  /** The three reserved bits, 0–7. */
  rsv?: number;
  opcode: number;
  /** Clients must mask; false sends an unmasked frame. */
  mask?: boolean;
  payload: Buffer;
  /** A length to announce instead of the payload's (to lie about it). */
  announcedLength?: number | bigint;
}

export function frame(shape: FrameShape): Buffer {
  const length = BigInt(shape.announcedLength ?? shape.payload.length);
  const first = (shape.fin === false ? 0 : 0x80) | ((shape.rsv ?? 0) << 4) | (shape.opcode & 0x0f);
  const maskBit = shape.mask === false ? 0 : 0x80;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 126, 1);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 127, 1);
    header.writeBigUInt64BE(length, 2);
  }
  if (shape.mask === false) return Buffer.concat([header, shape.payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(shape.payload);
  for (let i = 0; i < masked.length; i++) masked[i] = (masked[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([header, key, masked]);
}

/** Runs tasks with at most `width` in flight: enough pressure without starving a 2-core machine. */
export async function inParallel<T>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
