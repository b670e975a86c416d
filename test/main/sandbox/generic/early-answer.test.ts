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

/**
 * Like a client on a busy machine: keeps sending the body and reads nothing for `lateMs`, then reads the answer.
 * Resolves with the answer, or with the socket's error when the answer was lost.
 */
function uploadAndReadLate(firstChunk: string, lateMs: number): Promise<string> {
  const { port } = new URL(t.sandbox.baseUrl);
  const filler = Buffer.alloc(64 * 1024);
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true }, () => {
      socket.pause();
      socket.write(`POST /generic/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${40 * 1024 * 1024}\r\n\r\n${firstChunk}`);
      const sending = setInterval(() => socket.write(filler, () => undefined), 5);
      setTimeout(() => {
        clearInterval(sending);
        socket.resume();
      }, lateMs);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('</response>')) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(`${answer}(error ${err.code ?? err.message})`));
    socket.on('close', () => resolve(answer));
    setTimeout(() => {
      socket.destroy();
      resolve(`${answer}(no answer in 3 s)`);
    }, 3000).unref();
  });
}

const BOUNDARY = 'early-answer-boundary';
const fileHead = `Content-Disposition: form-data; name="media"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n${'\0'.repeat(1024)}`;

describe('the sandbox answers the no-credit recipient before reading the media', () => {
  it('answers when the file part came in the same chunk as the recipient (a client ahead of the server)', async () => {
    const answer = await uploadAndReadLate(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="to"\r\n\r\n${NO_CREDIT_RECIPIENT}\r\n--${BOUNDARY}\r\n${fileHead}`, 0);
    expect(answer).toMatch(/^HTTP\/1\.1 402 /);
  });

  it('keeps the connection open while the client still sends, so an answer read 600 ms late is not lost', async () => {
    const answer = await uploadAndReadLate(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="to"\r\n\r\n${NO_CREDIT_RECIPIENT}\r\n--${BOUNDARY}\r\n`, 600);
    expect(answer).toMatch(/^HTTP\/1\.1 402 /);
    expect(answer).toContain('<message>Not enough credit</message>');
  });

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
