// Recipients are phone numbers (E.164) or SIP addresses, checked as each is added with the rule main applies; an
// upload waits until every one is valid, and main's "Enter at least one recipient" goes once one is added.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../../main/common/accounts';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import { recipientProblem } from '../../../../main/common/recipients';
import { UploadPanel } from '../../../../renderer/src/views/upload/UploadPanel';

const main = vi.hoisted(() => {
  const uploads: unknown[] = [];
  const answer = (method: string, args: unknown): { ok: true; value: unknown } | { ok: false; error: unknown } => {
    if (method === 'transfers.list') return { ok: true, value: { items: [], summary: { active: 0, progress: null } } };
    if (method === 'generic.checkFiles') return { ok: true, value: [{ name: 'a.jpg', size: 4, contentType: 'image/jpeg' }] };
    if (method === 'generic.upload') {
      uploads.push(args);
      const { recipients } = args as { recipients: string[] };
      if (recipients.length === 0) return { ok: false, error: { code: 'validation', message: 'Enter at least one recipient: "Media server" sends uploads to a number or address.', details: { field: 'recipients' } } };
      return { ok: true, value: [] };
    }
    throw new Error(`unexpected call ${method}`);
  };
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => Promise.resolve(answer(method, args)),
    on: () => () => undefined,
    fileRef: (file: File) => Promise.resolve({ kind: 'granted', id: `fg_${file.name}` }),
  } as unknown as MediaDeskBridge;
  return { uploads };
});

const account = {
  id: 'acc_12345678', kind: 'generic', label: 'Media server', settings: {}, username: 'me', variables: {},
  secretSet: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
} as unknown as AccountSummary;

afterEach(() => {
  cleanup();
  main.uploads.length = 0;
});

async function panelWithAPhoto() {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  render(<UploadPanel account={account} />);
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([new Uint8Array([0xff, 0xd8, 0xff])], 'a.jpg', { type: 'image/jpeg' })] } });
  return screen.findByRole('button', { name: 'Upload 1 file' });
}

function addRecipient(text: string) {
  const input = screen.getByLabelText('Recipients');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('the recipient rule', () => {
  it('takes E.164 numbers and SIP addresses, and nothing else', () => {
    for (const ok of ['+15551234567', '+4930123456', 'sip:ann@example.com', 'sips:ann.b@pbx.example.com:5061']) expect(recipientProblem(ok)).toBeUndefined();
    for (const bad of ['hello', '15551234567', '+1555', '+1234567890123456', '+0123456789', 'sip:example.com', 'sip:@example.com', 'mailto:ann@example.com', 'sip:ann@exa mple.com', '+1555\u0000123456']) {
      expect(recipientProblem(bad), bad).toMatch(/is not a phone number/);
    }
  });
});

describe('the recipients field', () => {
  it('marks "hello" and refuses the upload until it is removed', async () => {
    const upload = await panelWithAPhoto();
    addRecipient('+15551234567');
    addRecipient('hello');

    const chip = screen.getByText('hello').closest('.chip');
    expect(chip?.classList.contains('chip-invalid')).toBe(true);
    expect(screen.getByText('+15551234567').closest('.chip')?.classList.contains('chip-invalid')).toBe(false);
    expect(screen.getByLabelText('Recipients').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/"hello" is not a phone number \(\+ then 8 to 15 digits/);
    expect(upload).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Remove recipient hello' }));
    expect(screen.getByLabelText('Recipients').getAttribute('aria-invalid')).toBe('false');
    expect(upload).toHaveProperty('disabled', false);
    fireEvent.click(upload);
    await waitFor(() => expect(main.uploads).toHaveLength(1));
    expect(main.uploads[0]).toMatchObject({ recipients: ['+15551234567'] });
  });

  it('shows main’s "Enter at least one recipient" on the field, and clears it when one is added', async () => {
    const upload = await panelWithAPhoto();
    fireEvent.click(upload);
    const error = await screen.findByText(/Enter at least one recipient/);
    expect(error.closest('.field')?.querySelector('label')?.textContent).toBe('Recipients');
    expect(screen.getByLabelText('Recipients').getAttribute('aria-invalid')).toBe('true');

    addRecipient('sip:ann@example.com');
    expect(screen.queryByText(/Enter at least one recipient/)).toBeNull();
    expect(screen.getByLabelText('Recipients').getAttribute('aria-invalid')).toBe('false');
  });
});
