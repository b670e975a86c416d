import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phrase } from '../../../../main/common/i18n/phrase';
import { queueSnapshot, restoreEntries } from '../../../../main/core/transfers/stored-queue';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-stored-queue-'));
  file = path.join(dir, 'transfers.json');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const forgotten = phrase('errors:files.folderForgotten', { folder: '/home/u/Pictures' });
const item = (n: number, state = 'failed') => ({
  id: `tr_${n.toString(16).padStart(16, '0')}`,
  accountId: 'acc_00000001',
  direction: 'download',
  title: `photo-${n}.jpg`,
  detail: 'from Office',
  state,
  bytesDone: 0,
  bytesTotal: 100,
  speed: 0,
  eta: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const spec = (extra: Record<string, unknown>) => ({ type: 'library.download', params: { path: '/a' }, ...extra });

/** Writes the entries as the queue file would hold them and restores them from it. */
async function restore(entries: unknown[]) {
  const text = JSON.stringify({ version: 1, entries });
  await fs.writeFile(file, text);
  return { text, restored: await restoreEntries(file, entries) };
}

describe('a saved queue entry', () => {
  it('comes back as it was saved, a refused one still refused', async () => {
    const choice = { kind: 'library', dir: '/home/u/Pictures' };
    const refusedItem = { ...item(1), retryRefused: forgotten };
    const { restored } = await restore([{ item: refusedItem, spec: spec({ choice, refused: forgotten, ownedFiles: ['/data/staged/1'] }) }]);
    expect(restored.corruptMovedTo).toBeUndefined();
    expect(restored.entries).toEqual([{ item: refusedItem, spec: spec({ choice, refused: forgotten, ownedFiles: ['/data/staged/1'] }) }]);
    // What is written back is what was read: the format does not drift over a restart.
    expect(JSON.parse(JSON.stringify(queueSnapshot(restored.entries)))).toEqual({ version: 1, entries: [{ item: refusedItem, spec: spec({ choice, refused: forgotten, ownedFiles: ['/data/staged/1'] }) }] });
  });

  it('tells the window what its checked spec says about a retry, not what its item claims', async () => {
    const choice = { kind: 'library', dir: '/home/u/Pictures' };
    const claimed = { key: 'errors:files.folderForgotten', values: { folder: '/elsewhere' } };
    const { restored } = await restore([
      // Saved before items carried the refusal: the spec's is told.
      { item: item(1), spec: spec({ choice, refused: forgotten }) },
      // An item that claims one its spec does not have, or another than its spec's.
      { item: { ...item(2), retryRefused: claimed }, spec: spec({ choice }) },
      { item: { ...item(3), retryRefused: claimed }, spec: spec({ choice, refused: forgotten }) },
    ]);
    expect(restored.entries.map((e) => e.item.retryRefused)).toEqual([forgotten, undefined, forgotten]);
  });

  it('that was queued or running when the app stopped comes back failed, as interrupted', async () => {
    const { restored } = await restore([{ item: item(1, 'downloading'), spec: spec({}) }, { item: item(2, 'done'), spec: spec({}) }]);
    expect(restored.entries.map((e) => [e.item.state, e.item.error?.phrase?.key])).toEqual([
      ['failed', 'errors:queue.interrupted'],
      ['done', undefined],
    ]);
  });

  it('whose choice or refusal is not one is dropped, never run again where it was refused, and the file is kept aside', async () => {
    const hostile = [
      // A refusal said in bare words, or a phrase whose values are objects pretending to be strings.
      spec({ choice: { kind: 'library', dir: '/home/u/Pictures' }, refused: 'You took this folder back.' }),
      spec({ choice: { kind: 'library', dir: '/home/u/Pictures' }, refused: { key: 'errors:files.folderForgotten', values: { folder: { toString: '/etc' } } } }),
      spec({ choice: { kind: 'library', dir: '/home/u/Pictures' }, refused: null }),
      // A choice for a kind of download that does not exist, or with no folder: no takeBack could ever match it.
      spec({ choice: { kind: 'anything', dir: '/home/u/Pictures' } }),
      spec({ choice: { kind: 'twilio', dir: '' } }),
      spec({ choice: '/home/u/Pictures' }),
    ];
    const good = { item: item(99), spec: spec({ choice: { kind: 'twilio', dir: '/home/u/Media' } }) };
    const { text, restored } = await restore([...hostile.map((s, i) => ({ item: item(i + 1), spec: s })), good]);
    expect(restored.entries).toEqual([good]);
    expect(restored.corruptMovedTo).toMatch(/transfers\.json\.corrupt-/);
    expect(await fs.readFile(restored.corruptMovedTo ?? '', 'utf8')).toBe(text);
  });
});
