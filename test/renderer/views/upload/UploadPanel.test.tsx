// The upload panel's previews: a chosen photo's object URL lives while the photo is in the list, and no longer
// (an object URL holds the file's bytes in memory until it is revoked).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { FileRef } from '../../../../main/common/files';
import { UploadPanel } from '../../../../renderer/src/views/upload/UploadPanel';
import { useAppStore } from '../../../../renderer/src/store/app-store';
import { account, previewUrl } from './support';

// The contract as main would answer it: every file is a JPEG, every upload is queued. Installed before the panel's
// modules load, as the preload script does.
const uploads = vi.hoisted(() => {
  const sent: FileRef[][] = [];
  const checked: FileRef[][] = [];
  const answer = (method: string, args: unknown): unknown => {
    if (method === 'transfers.list') return { items: [], summary: { active: 0, progress: null } };
    if (method === 'generic.checkFiles') {
      checked.push((args as { files: FileRef[] }).files);
      const [ref] = (args as { files: Array<{ id: string }> }).files;
      return [{ name: ref?.id.replace(/^fg_/, ''), size: 4, contentType: 'image/jpeg' }];
    }
    if (method === 'generic.upload') {
      sent.push((args as { files: FileRef[] }).files);
      return [];
    }
    throw new Error(`unexpected call ${method}`);
  };
  const bridge = {
    invoke: (method: string, args: unknown) => Promise.resolve({ ok: true, value: answer(method, args) }),
    on: () => () => undefined,
    fileRef: (file: File) => Promise.resolve({ kind: 'granted', id: `fg_${file.name}` }),
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
  return { sent, checked };
});

let created: string[];
let revoked: string[];

beforeEach(() => {
  created = [];
  revoked = [];
  uploads.sent.length = 0;
  uploads.checked.length = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((file) => {
    created.push(previewUrl(file as File));
    return previewUrl(file as File);
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const photo = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], name, { type: 'image/jpeg' });

async function choose(...files: File[]) {
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
  // The previews are decorative (alt=""): found by their class, not by a role.
  await waitFor(() => expect([...document.querySelectorAll('img.thumb')].map((img) => img.getAttribute('src'))).toEqual(files.map(previewUrl)));
}

describe('the upload panel previews', () => {
  it('revokes a removed photo’s URL at once, and the others’ when the panel goes', async () => {
    const view = render(<UploadPanel account={account} />);
    const [kept, removed] = [photo('kept.jpg'), photo('removed.jpg')];
    await choose(kept, removed);

    fireEvent.click(screen.getByRole('button', { name: 'Remove removed.jpg' }));
    await waitFor(() => expect(revoked).toEqual([previewUrl(removed)]));

    view.unmount();
    expect(revoked.sort()).toEqual([previewUrl(kept), previewUrl(removed)].sort());
    expect(created.filter((url) => !revoked.includes(url))).toEqual([]);
  });

  it('revokes the URLs of the photos it sent', async () => {
    render(<UploadPanel account={account} />);
    const photos = [photo('a.jpg'), photo('b.jpg')];
    await choose(...photos);

    fireEvent.click(screen.getByRole('button', { name: 'Upload 2 files' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull());
    expect(uploads.sent).toEqual([[{ kind: 'granted', id: 'fg_a.jpg' }, { kind: 'granted', id: 'fg_b.jpg' }]]);
    expect(revoked.sort()).toEqual(photos.map(previewUrl).sort());
  });
});

describe('files the OS opened the desktop app with', () => {
  it('are taken from the store once, checked by their bytes like a drop, and listed to send', async () => {
    const opened = { ref: { kind: 'granted', id: 'fg_dock.jpg' } as FileRef, name: 'dock.jpg' };
    useAppStore.setState({ openedFiles: [opened] });
    render(<UploadPanel account={account} />);
    await waitFor(() => expect(uploads.checked).toEqual([[opened.ref]]));
    expect(useAppStore.getState().openedFiles).toEqual([]);
    await waitFor(() => expect(screen.getByRole('list', { name: 'Files to send' }).textContent).toContain('dock.jpg'));
  });
});
