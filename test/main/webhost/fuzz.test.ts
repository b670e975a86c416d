// Raw-socket and WebSocket fuzzing of the browser host, in its own process with short timeouts: seeded batches of
// malformed request lines, bad header bytes, huge and slow headers, upgrade abuse and bad frames after a valid
// upgrade. Every reply is a well-formed HTTP status (or the connection closes), and after every batch the host still
// answers a valid request. Bounded in count and time for a shared 2-core machine. A failure names its seed and
// index; set MD_FUZZ_SEED to replay another seed.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServing, startChildHost, type ChildHost } from './support/child-host';
import { HostileInput } from './support/hostile';
import { inParallel, openUpgraded, sendAndReset, sendRaw, upgradeRequest } from './support/raw';

const SEED = Number(process.env.MD_FUZZ_SEED ?? 20_261_205);
const LIMITS = { headersTimeoutMs: 500, requestTimeoutMs: 800, idleTimeoutMs: 1500, keepAliveTimeoutMs: 500, maxStageBytes: 64 * 1024 };
const WIDTH = 16;

let host: ChildHost;
const generator = (batch: number): HostileInput => new HostileInput(SEED + batch, { hostHeader: host.hostHeader, origin: host.origin, cookie: host.cookie });

/** A reply, if any, is an HTTP status line: never a stack trace or half a response from a crashed handler. */
function checkReply(problems: string[], label: string, reply: string): void {
  if (reply !== '' && !/^HTTP\/1\.1 [1-5]\d\d /.test(reply)) problems.push(`${label}: unexpected reply ${JSON.stringify(reply.slice(0, 80))}`);
  if (/\n\s+at /.test(reply)) problems.push(`${label}: a stack trace in the reply`);
}

async function rawBatch(batch: number, count: number, make: (input: HostileInput) => string | Buffer): Promise<void> {
  const input = generator(batch);
  const payloads = Array.from({ length: count }, () => make(input));
  const problems: string[] = [];
  await inParallel(payloads, WIDTH, async (payload, i) => {
    const { reply } = await sendRaw(host.port, payload, 300);
    checkReply(problems, `seed ${SEED + batch} #${i}`, reply);
  });
  expect(problems).toEqual([]);
  await expectServing(host);
}

beforeAll(async () => {
  host = await startChildHost(LIMITS);
});
afterAll(async () => {
  await host?.stop();
});

describe('the browser host under hostile bytes', () => {
  it('malformed request lines (150)', async () => {
    await rawBatch(1, 150, (input) => input.requestLine());
  });

  it('bad header bytes, conflicting lengths and broken chunking (150)', async () => {
    await rawBatch(2, 150, (input) => input.headerBlock());
  });

  it('huge headers (12): 431 or a closed connection', async () => {
    await rawBatch(3, 12, (input) => input.hugeHeaders());
  });

  it('slow headers and slow bodies (30 at once) are cut off, and the host serves meanwhile', async () => {
    const started = Date.now();
    const closedAfter = { reading: [] as number[], deaf: [] as number[] };
    const slow = Array.from({ length: 30 }, (_, i) =>
      new Promise<void>((resolve) => {
        const socket = net.connect(host.port, '127.0.0.1');
        const body = i % 3 === 0;
        // Half the clients read what the host says; the other half never read, so never see it hang up.
        const reading = i % 2 === 0;
        if (reading) socket.resume();
        const start = body
          ? `POST /api/invoke HTTP/1.1\r\nHost: ${host.hostHeader}\r\nCookie: ${host.cookie}\r\nOrigin: ${host.origin}\r\nContent-Length: 1000\r\n\r\n`
          : `GET / HTTP/1.1\r\nHost: ${host.hostHeader}\r\n`;
        let timer: NodeJS.Timeout | undefined;
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(timer);
          (reading ? closedAfter.reading : closedAfter.deaf).push(Date.now() - started);
          resolve();
        });
        socket.on('connect', () => {
          socket.write(start);
          timer = setInterval(() => socket.write(body ? 'x' : 'X-A: b\r\n'), 100);
        });
        // Bounded: whatever happens, this connection ends within 7 s (and then fails the bounds below).
        setTimeout(() => socket.destroy(), 7_000).unref();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectServing(host);
    await Promise.all(slow);
    // Headers get 500 ms and bodies 800 ms (node checks headers on a timer); a client that does not read the
    // refusal is cut 2 s after it. Bounds with room for a shared machine.
    expect(Math.max(...closedAfter.reading)).toBeLessThan(2_000);
    expect(Math.max(...closedAfter.deaf)).toBeLessThan(5_000);
    await expectServing(host);
  });

  it('upgrade abuse (200): bad keys and versions, no or wrong session, bad URLs, foreign origins, resets', async () => {
    const input = generator(5);
    const attempts = Array.from({ length: 200 }, () => input.upgrade());
    const problems: string[] = [];
    await inParallel(attempts, WIDTH, async ({ request, reset }, i) => {
      if (reset) return sendAndReset(host.port, request, i % 4);
      const { reply } = await sendRaw(host.port, request, 300);
      checkReply(problems, `seed ${SEED + 5} #${i}`, reply);
    });
    expect(problems).toEqual([]);
    await expectServing(host);
  });

  it('bad frames after a valid upgrade (100): unmasked, reserved bits, bad opcodes, lying lengths, 1 MiB, fragments', async () => {
    const input = generator(6);
    const sequences = Array.from({ length: 100 }, () => input.frames());
    const valid = upgradeRequest({ hostHeader: host.hostHeader, cookie: host.cookie, origin: host.origin });
    await inParallel(sequences, 8, async (bytes) => {
      const socket = await openUpgraded(host.port, valid);
      socket.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(bytes);
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 300))]);
      socket.destroy();
    });
    await expectServing(host);
  });
});
