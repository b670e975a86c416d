// A staging the page follows and may give up (main/webhost/server.ts, stage): the host says how many bytes it has
// written under the id the page named, and keeps nothing of a staging whose page went away, even once it had
// the whole file, nor of one the page releases.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { EventMap, FileRef } from '../../../main/common/contract';
import { httpRequest } from './support/child-host';
import { useHostApp } from './support/host-app';

const fixture = useHostApp();
const stagedFiles = async (): Promise<string[]> => (await fs.readdir(fixture.app().staging.dir).catch(() => [])).filter((name) => name.startsWith('stg_'));
const PIECE = 256 * 1024;

type Signed = Awaited<ReturnType<typeof fixture.signedInHost>>;

async function openStaging(stageId: string, length: number, signed?: Signed): Promise<{ socket: net.Socket; answer: Promise<string> }> {
  const { host, cookie } = signed ?? (await fixture.signedInHost());
  const head = `POST /api/stage?name=clip.mp4&stage=${stageId} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
  const socket = net.connect(host.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(head);
  let reply = '';
  socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
  const answer = new Promise<string>((resolve) => socket.once('close', () => resolve(reply)));
  return { socket, answer };
}

interface Heard {
  seen: number[];
  others: number;
  stop: () => void;
}

function progressOf(stageId: string): Heard {
  const heard: Heard = { seen: [], others: 0, stop: () => undefined };
  heard.stop = fixture.app().services.events.subscribe((event, payload) => {
    if (event !== 'staging.progress') return;
    const progress = payload as EventMap['staging.progress'];
    if (progress.stageId === stageId) heard.seen.push(progress.received);
    else heard.others += 1;
  });
  return heard;
}

describe('a staging the page follows', () => {
  it('says the bytes written so far under the page’s id, never more than were sent, as they come', async () => {
    const stageId = `sp_${randomBytes(12).toString('hex')}`;
    const heard = progressOf(stageId);
    const { socket, answer } = await openStaging(stageId, 4 * PIECE);
    let sent = 0;
    for (let i = 0; i < 4; i += 1) {
      socket.write(randomBytes(PIECE));
      sent += PIECE;
      await expect.poll(() => heard.seen.at(-1) ?? 0).toBeGreaterThan(sent - PIECE);
      expect(Math.max(...heard.seen)).toBeLessThanOrEqual(sent);
      // Past the host's interval between reports, so the next piece is said too.
      await sleep(250);
    }
    const reply = await answer;
    heard.stop();
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(heard.seen.length).toBeGreaterThanOrEqual(4);
    expect(heard.seen).toEqual([...heard.seen].sort((a, b) => a - b));
    expect(heard.others).toBe(0);
    const id = /"id":"(stg_[a-f0-9]+)"/.exec(reply)?.[1] ?? '';
    await fixture.app().staging.release({ kind: 'staged', id });
  });

  it.each([['not of the id’s form', 'sp_../../staging'], ['too short', 'sp_abc'], ['of another form', 'stg_0123456789abcdef01234567']])('refuses a page’s id %s, and stages nothing', async (_what, stageId) => {
    const { host, cookie } = await fixture.signedInHost();
    const reply = await httpRequest(host.port, `/api/stage?name=a.mp4&stage=${encodeURIComponent(stageId)}`, { method: 'POST', headers: { cookie, origin: host.origin }, body: 'abc' });
    expect(reply.status).toBe(400);
    expect(await stagedFiles()).toEqual([]);
  });

  it('refuses an id a staging under way already reports under', async () => {
    const stageId = `sp_${randomBytes(12).toString('hex')}`;
    const signed = await fixture.signedInHost();
    const { host, cookie } = signed;
    const first = await openStaging(stageId, 2 * PIECE, signed);
    first.socket.write(randomBytes(PIECE));
    await expect.poll(stagedFiles).toHaveLength(1);
    const reply = await httpRequest(host.port, `/api/stage?name=b.mp4&stage=${stageId}`, { method: 'POST', headers: { cookie, origin: host.origin }, body: 'abc' });
    expect(reply.status).toBe(400);
    first.socket.destroy();
    await expect.poll(stagedFiles).toEqual([]);
  });
});

describe('a staging nobody will use', () => {
  it('is removed when its sender goes away once the whole file was sent, before the answer', async () => {
    const before = await stagedFiles();
    const size = 16 * 1024 * 1024;
    const { socket } = await openStaging(`sp_${randomBytes(12).toString('hex')}`, size);
    // All of it handed to the system, then the connection closed: the host reads it to its end and has no one to answer.
    await new Promise<void>((resolve) => socket.write(randomBytes(size), () => resolve()));
    socket.destroy();
    await expect.poll(async () => (await stagedFiles()).length, { timeout: 1000 }).toBeGreaterThan(before.length);
    await expect.poll(stagedFiles, { timeout: 10_000 }).toEqual(before);
  });

  it('is removed when the page releases it (files.release); a ref main does not hold is left alone', async () => {
    const { host, cookie } = await fixture.signedInHost();
    const reply = await httpRequest(host.port, '/api/stage?name=kept.mp4', { method: 'POST', headers: { cookie, origin: host.origin }, body: randomBytes(1000) });
    const ref = (JSON.parse(reply.body) as { value: FileRef }).value;
    expect(await stagedFiles()).toEqual([ref.id]);
    // A file of the staged form main never handed out (one a staging is still writing, say): named, but not main's to give up.
    const stranger = { kind: 'staged', id: `stg_${randomBytes(12).toString('hex')}` } as const;
    const strangerPath = `${fixture.app().staging.dir}/${stranger.id}`;
    await fs.writeFile(strangerPath, 'still being written');
    const answer = await fixture.app().dispatch('files.release', { files: [ref, stranger, { kind: 'granted', id: `fg_${randomBytes(12).toString('hex')}` }] });
    expect(answer).toEqual({ ok: true, value: undefined });
    expect(await stagedFiles()).toEqual([stranger.id]);
    await fs.rm(strangerPath);
  });
});
