// A staging the browser host refuses before the body's end (main/webhost/replies.ts, refusalHeaders): the host answers
// with its reason and stops reading, so a sender of a refused 256 MiB form is cut off after a few MiB instead of
// sending it all to be discarded. A small form refused at once keeps its keep-alive connection.
import { promises as fs } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendRaw } from './support/raw';
import { useHostApp } from './support/host-app';

const fixture = useHostApp();
const MiB = 1024 * 1024;
const BODY = 256 * MiB;
/** Far below the body: what the socket buffers of both sides hold on loopback, with room for a loaded machine. */
const READ_AT_MOST = 32 * MiB;
const NOT_ONE_FILE = 'The upload was not one file: send the file alone, as the only part of the form.';

const stagedFiles = async (): Promise<string[]> => (await fs.readdir(fixture.app().staging.dir).catch(() => [])).filter((name) => name.startsWith('stg_'));
const part = (headers: string, body: string): string => `--b0undary\r\n${headers}\r\n\r\n${body}`;
const filePart = (name: string): string => part(`Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream`, '');

interface Sent {
  reply: string;
  /** Body bytes the sender's socket took before the host closed it. */
  sent: number;
  /** From the first byte of the answer to the connection's end, or null if it stayed open. */
  closedAfterAnswerMs: number | null;
}

/**
 * Sends the head and the form's start, then bytes that are no media at all (text, then zeros) until `total` body
 * bytes went or the host closes; waits a little for the close once all went.
 */
function sendLargeForm(port: number, head: string, start: string, total: number, chunked: boolean): Promise<Sent> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const filler = Buffer.concat([Buffer.from('not a video, only text\n'.repeat(1000)), Buffer.alloc(MiB)]).subarray(0, MiB);
    let reply = '';
    let sent = 0;
    let answeredAt = 0;
    let closedAfterAnswerMs: number | null = null;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, sent, closedAfterAnswerMs });
    };
    const timer = setTimeout(finish, 30_000);
    socket.on('data', (d: Buffer) => {
      if (reply === '') answeredAt = Date.now();
      reply += d.toString('latin1');
    });
    // The host's close comes as a reset (it did not read what was sent): the answer came before it.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (answeredAt > 0) closedAfterAnswerMs = Date.now() - answeredAt;
      finish();
    });
    const frame = (bytes: Buffer): Buffer => (chunked ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]) : bytes);
    const pump = (): void => {
      while (!socket.destroyed && sent < total) {
        const piece = filler.subarray(0, Math.min(filler.length, total - sent));
        const more = socket.write(frame(piece), (err) => {
          if (!err) sent += piece.length;
        });
        if (!more) return void socket.once('drain', pump);
      }
      // All went: a host that read it all has had its chance to close.
      if (sent >= total) setTimeout(finish, 1_000);
    };
    socket.on('connect', () => {
      socket.write(head);
      socket.write(frame(Buffer.from(start)));
      pump();
    });
  });
}

async function signedIn(maxStageBytes?: number): Promise<{ port: number; headers: string }> {
  const { host, cookie } = await fixture.signedInHost(maxStageBytes ? { limits: { maxStageBytes } } : {});
  return { port: host.port, headers: `Host: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nContent-Type: multipart/form-data; boundary=b0undary\r\n` };
}

describe('a staging refused before its end', () => {
  it.each([
    // Refused at its first part, before any file: busboy reports the field.
    ['a field before the file', undefined, false, part('Content-Disposition: form-data; name="note"', 'hello') + '\r\n' + filePart('notes.mp4'), 400, NOT_ONE_FILE],
    // Chunked, so only the part's own bytes show it is too large: the staging refuses it past 1 MiB.
    ['a file part over the host’s limit', MiB, true, filePart('big.mp4'), 413, 'is larger than 1.0 MiB, the most the browser host accepts for one file.'],
  ])('%s: answers with the reason and stops reading, so the sender is cut off far from its 256 MiB', async (_what, limit, chunked, start, status, said) => {
    const { port, headers } = await signedIn(limit);
    const length = chunked ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${start.length + BODY}\r\n`;
    const result = await sendLargeForm(port, `POST /api/stage?name=big.mp4 HTTP/1.1\r\n${headers}${length}\r\n`, start, BODY, chunked);
    expect(result.reply).toMatch(new RegExp(`^HTTP/1\\.1 ${status} [\\s\\S]*\\r\\nConnection: close\\r\\n`, 'i'));
    expect(result.reply).toContain(said);
    expect(result.sent).toBeLessThan(READ_AT_MOST);
    expect(result.closedAfterAnswerMs).not.toBeNull();
    expect(result.closedAfterAnswerMs).toBeLessThan(2_000);
    await expect.poll(stagedFiles).toEqual([]);
  });

  it('keeps the connection of a small form refused at once for the next request', async () => {
    const { port, headers } = await signedIn();
    const body = `${part('Content-Disposition: form-data; name="note"', 'hello')}\r\n--b0undary--\r\n`;
    const form = `POST /api/stage?name=a.jpg HTTP/1.1\r\n${headers}Content-Length: ${body.length}\r\n\r\n${body}`;
    const page = `GET / HTTP/1.1\r\n${headers}\r\n`;
    const { reply, closed } = await sendRaw(port, [form, page], 1_000);
    const answers = reply.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 400 [\s\S]*\r\nConnection: keep-alive\r\n/);
    expect(answers[0]).toContain(NOT_ONE_FILE);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 200 /);
    expect(closed).toBe(false);
  });
});
