// A finished upload whose server asked for HTTP authentication says, in its row of the Transfers view, which scheme
// answered and how the challenge was learnt without sending the file twice (the precheck's challenge, or asked
// first with Expect: 100-continue), in the reader's language.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import type { TransferAuthentication, TransferItem } from '../../../main/common/transfers';
import { TransferList } from '../../../renderer/src/components/TransferList';
import { switchLanguage } from '../../../renderer/src/i18n';

vi.hoisted(() => {
  window.mediaDesk = { invoke: () => Promise.resolve({ ok: true, value: undefined }), on: () => () => undefined } as unknown as MediaDeskBridge;
});

const upload = (authentication?: TransferAuthentication): TransferItem => ({
  id: 'tr_00000000000000cc',
  accountId: 'acc_12345678',
  direction: 'upload',
  title: 'launch.mp4',
  detail: 'to +15551230001',
  state: 'done',
  bytesDone: 300,
  bytesTotal: 300,
  speed: 0,
  eta: null,
  createdAt: '2026-12-05T16:00:00.000Z',
  finishedAt: '2026-12-05T16:01:00.000Z',
  result: { mediaUrl: 'https://media.example/m/1.mp4', ...(authentication ? { authentication } : {}) },
});

function rowText(authentication?: TransferAuthentication): string {
  render(<TransferList items={[upload(authentication)]} label="Transfers" onCopy={() => undefined} />);
  return screen.getByRole('listitem').textContent ?? '';
}

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(600);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await act(() => switchLanguage('en'));
});

describe('how a finished upload authenticated', () => {
  it.each([
    [{ scheme: 'Digest (SHA-256)', source: 'reused' } as const, "Authenticated with Digest (SHA-256) using the precheck's challenge: the file was sent once."],
    [{ scheme: 'Digest (MD5)', source: 'probe' } as const, 'Authenticated with Digest (MD5), asking for the challenge first (Expect: 100-continue): the file was sent once.'],
    [{ scheme: 'Basic', source: 'answer' } as const, "Authenticated with Basic, answering the challenge in the server's first reply."],
  ])('%o is said as "%s"', (authentication, said) => {
    expect(rowText(authentication)).toContain(said);
  });

  it('says nothing of it when the server asked for none', () => {
    expect(rowText()).not.toMatch(/Authenticated/);
  });

  it('says it in Japanese, the scheme as HTTP names it', async () => {
    await act(() => switchLanguage('ja'));
    expect(rowText({ scheme: 'Digest (SHA-256)', source: 'probe' })).toContain('Digest (SHA-256) で認証しました（Expect: 100-continue で先にチャレンジを確認。ファイルの送信は 1 回）。');
    cleanup();
    expect(rowText({ scheme: 'Basic', source: 'reused' })).toContain('Basic で認証しました（事前チェックのチャレンジを使用。ファイルの送信は 1 回）。');
  });
});
