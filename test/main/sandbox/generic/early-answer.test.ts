// A refusal the sandbox can decide before the media arrives (the no-credit recipient) is sent at once, as real
// services answer a large video: the client must be able to read it while its body is still on the way.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CREDIT_RECIPIENT } from '../../../../main/sandbox/generic/store.js';
import { startTestSandbox, type TestSandbox } from '../helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t.stop();
});

/** Sends the head of a 40 MB multipart upload and only its first part, then waits for whatever the server says. */
function startUploadAndListen(recipientField: string): Promise<string> {
  const { port } = new URL(t.sandbox.baseUrl);
  const boundary = 'early-answer-boundary';
  const firstPart = `--${boundary}\r\nContent-Disposition: form-data; name="to"\r\n\r\n${recipientField}\r\n--${boundary}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `POST /generic/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
          `Content-Length: ${40 * 1024 * 1024}\r\n\r\n${firstPart}`,
      );
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('</response>')) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, 1500).unref();
  });
}

describe('the sandbox answers the no-credit recipient before reading the media', () => {
  it('sends 402 "Not enough credit" with Connection: close while the body is still incomplete', async () => {
    const answer = await startUploadAndListen(NO_CREDIT_RECIPIENT);
    expect(answer).toMatch(/^HTTP\/1\.1 402 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('<message>Not enough credit</message>');
  });

  it('waits for the whole body for any other recipient', async () => {
    expect(await startUploadAndListen('+15550100')).toBe('');
  });
});
