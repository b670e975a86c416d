// The account form checks and saves what the user sees, with the schemas main uses.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { AccountEditor } from '../../../renderer/src/views/AccountEditor';

// main as the form meets it: records what is saved and answers with the saved account.
const main = vi.hoisted(() => {
  const calls: Array<{ method: string; args: unknown }> = [];
  const answers = new Map<string, (args: unknown) => { ok: true; value: unknown } | { ok: false; error: unknown }>();
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => {
      calls.push({ method, args });
      const answer = answers.get(method);
      if (answer) return Promise.resolve(answer(args));
      const { config } = args as { config: Record<string, unknown> };
      return Promise.resolve({ ok: true, value: { ...config, id: 'acc_12345678', secretSet: true, createdAt: '', updatedAt: '' } });
    },
    on: () => () => undefined,
    fileRef: () => Promise.reject(new Error('no files here')),
  } as unknown as MediaDeskBridge;
  return { calls, answers };
});

afterEach(() => {
  cleanup();
  main.calls.length = 0;
  main.answers.clear();
});

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the Twilio account form', () => {
  it('saves with the Auth Token after an API Key SID was typed and the choice switched back', async () => {
    render(<AccountEditor initialKind="twilio" />);
    type('Account name', 'Production');
    type('Account SID', ACCOUNT_SID);
    fireEvent.click(screen.getByLabelText('Use an API key and its secret'));
    type('API Key SID', 'SK12');
    fireEvent.click(screen.getByLabelText('Use the Auth Token'));
    type('Auth Token', 'token');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

    await waitFor(() => expect(main.calls.map((c) => c.method)).toEqual(['accounts.create']));
    expect(screen.queryByText(/Some fields need attention/)).toBeNull();
    const { config } = main.calls[0]?.args as { config: Record<string, unknown> };
    expect(config).toMatchObject({ kind: 'twilio', authMode: 'authToken', accountSid: ACCOUNT_SID });
    expect(config).not.toHaveProperty('apiKeySid');
  });
});
