// Settings' download-name pattern: checked as it is typed (words, not codes), a live preview, and main's answer kept.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { DownloadNamesSection } from '../../../renderer/src/views/DownloadNamesSection';
import { renderWithQueries } from '../render-with-queries';

const main = vi.hoisted(() => {
  const state = { updates: [] as unknown[], refuse: null as string | null };
  window.mediaDesk = {
    invoke: (method: string, args: Record<string, unknown>) => {
      if (method !== 'settings.update') return Promise.resolve({ ok: false, error: { code: 'internal', message: `unexpected ${method}` } });
      state.updates.push(args);
      return Promise.resolve(state.refuse ? { ok: false, error: { code: 'validation', message: state.refuse } } : { ok: true, value: { ...args } });
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

beforeEach(() => {
  main.updates.length = 0;
  main.refuse = null;
  renderWithQueries(<DownloadNamesSection pattern="{date}_{time}_{from}_{mediaSid}{ext}" />);
});
afterEach(cleanup);

const input = () => screen.getByLabelText<HTMLInputElement>('Name pattern');
const type = (value: string) => fireEvent.change(input(), { target: { value } });

describe('the download-name pattern in Settings', () => {
  it('previews the name a photo would get, as the pattern is typed', () => {
    expect(screen.getByText(/^Example:/).textContent).toBe('Example: 2026-12-05_1503_+15551234567_ME9f8e0123456789abcdef0123456789ab.jpg');
    type('{to}-{mediaSid}{ext}');
    expect(screen.getByText(/^Example:/).textContent).toBe('Example: whatsapp_+15557654321-ME9f8e0123456789abcdef0123456789ab.jpg');
  });

  it('says in words what is wrong, and cannot be saved then', () => {
    type('{date}_{sender}_{mediaSid}{ext}');
    expect(screen.getByRole('alert').textContent).toMatch(/^\{sender\} is not a token\. The tokens are/);
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save pattern' }).disabled).toBe(true);
    expect(screen.queryByText(/^Example:/)).toBeNull();
    type('{date}/{mediaSid}{ext}');
    expect(screen.getByRole('alert').textContent).toMatch(/“\/” cannot be in a file name/);
  });

  it('saves a pattern that passes, and shows main’s refusal when main refuses it', async () => {
    type('{messageSid}_{mediaSid}{ext}');
    fireEvent.click(screen.getByRole('button', { name: 'Save pattern' }));
    expect(await screen.findByText(/Saved: the next downloads/)).toBeTruthy();
    expect(main.updates).toEqual([{ twilioFileNamePattern: '{messageSid}_{mediaSid}{ext}' }]);

    main.refuse = 'twilioFileNamePattern: refused by main';
    type('{mediaSid}_{from}{ext}');
    fireEvent.click(screen.getByRole('button', { name: 'Save pattern' }));
    expect((await screen.findByRole('alert')).textContent).toBe('twilioFileNamePattern: refused by main');
  });
});
