// An upload main refuses for its recipients (none given, where the account needs one): the recipients field has the
// focus, as the account form's first bad field does, not the page (Upload was disabled while main answered).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import { UploadPanel } from '../../../../renderer/src/views/upload/UploadPanel';
import { account, previewUrl } from './support';

vi.hoisted(() => {
  const answer = (method: string, args: unknown) => {
    if (method === 'transfers.list') return { ok: true, value: { items: [], summary: { active: 0, progress: null } } };
    if (method === 'generic.checkFiles') {
      const [ref] = (args as { files: Array<{ id: string }> }).files;
      return { ok: true, value: [{ name: ref?.id.replace(/^fg_/, ''), size: 4, contentType: 'image/jpeg' }] };
    }
    if (method === 'generic.upload') {
      return { ok: false, error: { code: 'validation', message: 'Enter at least one recipient: Media server sends the upload to them.', details: { field: 'recipients' } } };
    }
    return { ok: false, error: { code: 'internal', message: `unexpected call ${method}` } };
  };
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => Promise.resolve(answer(method, args)),
    on: () => () => undefined,
    fileRef: (file: File) => Promise.resolve({ kind: 'granted', id: `fg_${file.name}` }),
  } as unknown as MediaDeskBridge;
});

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockImplementation((file) => previewUrl(file as File));
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('an upload refused for its recipients', () => {
  it('gives the recipients field the focus and says why there', async () => {
    render(<UploadPanel account={account} />);
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'photo.jpg', { type: 'image/jpeg' });
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file] } });
    const upload = await screen.findByRole('button', { name: /^Upload 1/ });
    await waitFor(() => expect(upload.hasAttribute('disabled')).toBe(false));
    upload.focus();
    fireEvent.click(upload);
    const recipients = screen.getByRole('textbox', { name: 'Recipients' });
    await waitFor(() => expect(recipients.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(recipients);
  });
});
