// A media upload server that reads request bodies slowly, so that a test can cancel an upload half-way; it
// records whether each request was aborted by the client, and answers the generic protocol's XML.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';

export interface SlowServer {
  origin: string;
  requests: Array<{ bytes: number; aborted: boolean; complete: boolean }>;
  /** From now on, read at full speed. */
  fast(): void;
  /** From now on, answer every upload with this status and message (JSON), as a server refusing it. */
  refuse(status: number, message: string): void;
  close(): Promise<void>;
}

export async function startSlowUploadServer(bytesPerTick = 64 * 1024, tickMs = 50): Promise<SlowServer> {
  let slow = true;
  let refusal: { status: number; message: string } | undefined;
  const requests: SlowServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const record = { bytes: 0, aborted: false, complete: false };
    requests.push(record);
    req.on('data', (chunk: Buffer) => {
      record.bytes += chunk.length;
      if (!slow) return;
      // Read one tick's worth, then pause: the client's socket fills and its upload slows to our pace.
      if (record.bytes >= bytesPerTick) {
        req.pause();
        setTimeout(() => req.resume(), tickMs);
      }
    });
    req.on('aborted', () => (record.aborted = true));
    req.on('close', () => {
      if (!req.complete) record.aborted = true;
    });
    req.on('end', () => {
      record.complete = true;
      if (refusal) {
        res.writeHead(refusal.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: refusal.message }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<response><media_url>http://127.0.0.1/media/${requests.length}.mp4</media_url></response>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    fast: () => {
      slow = false;
    },
    refuse: (status, message) => {
      slow = false;
      refusal = { status, message };
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A generic upload account named "Slow provider" pointing at `server`, made through the contract as the account
 * form would, by the page's own session (so signed in as the page is).
 */
export async function createSlowAccount(page: Page, hostOrigin: string, server: SlowServer): Promise<void> {
  const created = await page.request.post(`${hostOrigin}/api/invoke`, {
    data: {
      method: 'accounts.create',
      args: {
        config: {
          kind: 'generic',
          label: 'Slow provider',
          settings: { genericMediaUploadUrl: `${server.origin}/upload`, genericMediaUploadMultipartData: 'to=%sms_to%&media=%media_content%' },
          username: 'u',
          variables: {},
        },
      },
    },
  });
  expect(((await created.json()) as { ok: boolean }).ok).toBe(true);
}
