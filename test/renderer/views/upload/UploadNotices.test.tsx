// The upload view says "Uploading 3 files…" in the app's notice area while the account's uploads run, counts down
// as they end, and takes the notice back when the last one has ended (it used to stay).
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { TransferItem, TransferState } from '../../../../main/common/transfers';
import { NoticeRegion } from '../../../../renderer/src/components/NoticeRegion';
import { useNoticeStore } from '../../../../renderer/src/store/notices-store';
import { UploadPanel } from '../../../../renderer/src/views/upload/UploadPanel';
import { account } from './support';

// Main as the panel meets it: every file is a JPEG, an upload is queued, and the queue reports by events.
const main = vi.hoisted(() => {
  const listeners = new Set<(payload: unknown) => void>();
  const answer = (method: string, args: Record<string, unknown>): unknown => {
    if (method === 'transfers.list') return { items: [], summary: { active: 0, progress: null } };
    if (method === 'generic.checkFiles') return [{ name: 'x.jpg', size: 4, contentType: 'image/jpeg' }];
    if (method === 'generic.upload') return (args.files as unknown[]).map((_, i) => ({ id: `tr_${i}` }));
    throw new Error(`unexpected call ${method}`);
  };
  window.mediaDesk = {
    invoke: (method: string, args: Record<string, unknown>) => Promise.resolve({ ok: true, value: answer(method, args) }),
    on: (event: string, listener: (payload: unknown) => void) => {
      if (event === 'transfers.changed') listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fileRef: (file: File) => Promise.resolve({ kind: 'granted', id: `fg_${file.name}` }),
  } as unknown as MediaDeskBridge;
  return { emit: (payload: unknown) => listeners.forEach((l) => l(payload)) };
});


afterEach(() => {
  cleanup();
  useNoticeStore.setState({ notices: [] });
});

const upload = (n: number, state: TransferState): TransferItem => ({ id: `tr_${n}`, accountId: account.id, direction: 'upload', title: `p${n}.jpg`, detail: 'to +15551234567', state, bytesDone: 0, bytesTotal: 4, speed: 0, eta: null, createdAt: '2026-12-05T15:00:00Z' });
const report = (...changed: TransferItem[]) => act(() => main.emit({ changed, summary: { active: 0, progress: null } }));
const shown = () => [...screen.getByRole('region', { name: 'Notifications' }).querySelectorAll('.notice-text')].map((n) => n.textContent);

describe('the upload view’s notice', () => {
  it('says how many uploads run, and goes when they have all ended', async () => {
    render(
      <>
        <UploadPanel account={account} />
        <NoticeRegion />
      </>,
    );
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [1, 2, 3].map((n) => new File([new Uint8Array([0xff, 0xd8])], `p${n}.jpg`, { type: 'image/jpeg' })) } });
    fireEvent.click(await screen.findByRole('button', { name: 'Upload 3 files' }));
    report(upload(1, 'queued'), upload(2, 'uploading'), upload(3, 'waiting'));
    await waitFor(() => expect(shown()).toEqual(['Uploading 3 files to Media server…']));
    report(upload(1, 'done'), upload(2, 'failed'));
    expect(shown()).toEqual(['Uploading 1 file to Media server…']);
    report(upload(3, 'done'));
    expect(shown()).toEqual([]);
    // Nothing of it is a banner in the view.
    expect(document.querySelector('.upload-panel .banner')).toBeNull();
  });
});
