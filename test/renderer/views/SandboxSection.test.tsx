// Settings' sandbox section: "Add the sandbox accounts again" asks main with nothing but the action's name, stays
// focusable but busy (and asks only once) while main works, then says which accounts main added, or that all were
// there, or main's refusal in words; in Japanese, no English left.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvokeResult, MediaDeskBridge, SandboxRestoreResult } from '../../../main/common/contract';
import { switchLanguage } from '../../../renderer/src/i18n';
import { SandboxSection } from '../../../renderer/src/views/SandboxSection';
import { englishLeft } from '../i18n/english-left';

const HOSTILE = '<img src=x onerror=alert(1)> Sandbox Twilio';

const main = vi.hoisted(() => {
  const state = {
    calls: [] as Array<{ method: string; args: unknown }>,
    answers: [] as Array<(answer: InvokeResult<unknown>) => void>,
  };
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => {
      state.calls.push({ method, args });
      return new Promise((resolve) => state.answers.push(resolve));
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

const added = (label: string, kind: 'generic' | 'library' | 'twilio') => ({ id: `acc_${kind.padEnd(16, '0').slice(0, 16)}`, kind, label, sandbox: true, secretSet: true });
/** Main answers the call waiting; the section has taken it in once its button is no longer busy. */
async function answer(value: InvokeResult<unknown>) {
  main.answers.shift()?.(value);
  await waitFor(() => expect(screen.getByRole('button', { name: /Add the sandbox accounts again|再追加/ }).getAttribute('aria-disabled')).toBe('false'));
}
const done = (result: { added: ReturnType<typeof added>[]; present: SandboxRestoreResult['present'] }) => answer({ ok: true, value: result });

function show(url: string | null = 'http://127.0.0.1:41234') {
  const onEnabledChange = vi.fn();
  render(<SandboxSection enabled={url !== null} url={url} onEnabledChange={onEnabledChange} />);
  return { section: screen.getByRole('group', { name: /sandbox|サンドボックス/i }), onEnabledChange };
}

const button = () => screen.getByRole('button', { name: 'Add the sandbox accounts again' });

beforeEach(() => {
  main.calls.length = 0;
  main.answers.length = 0;
});
afterEach(async () => {
  cleanup();
  await switchLanguage('en');
});

describe('adding the sandbox accounts again, in Settings', () => {
  it('is a button described by what it does; busy but focusable while main works, asked once; then says what main added', async () => {
    show();
    const restore = button();
    expect(restore.tagName).toBe('BUTTON');
    expect(document.getElementById(restore.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^Brings back the sandbox accounts you removed.*Your own accounts, whatever their names, are left as they are\.$/);
    restore.focus();
    fireEvent.click(restore);
    expect(restore.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Adding the sandbox accounts…');
    fireEvent.click(restore);
    expect(main.calls).toEqual([{ method: 'accounts.restoreSandbox', args: {} }]);

    await done({ added: [added('Sandbox media library', 'library'), added(HOSTILE, 'twilio')], present: ['generic'] });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe(`Added again: Sandbox media library and ${HOSTILE}. They are in the sidebar, marked sandbox.`);
    expect(status.querySelector('img')).toBeNull();
    expect(restore.getAttribute('aria-disabled')).toBe('false');
    expect(document.activeElement).toBe(restore);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when every sandbox account was still there, and one account in the singular', async () => {
    show();
    fireEvent.click(button());
    await done({ added: [], present: ['generic', 'library', 'twilio'] });
    expect(screen.getByRole('status').textContent).toBe('All the sandbox accounts are already there: nothing was added.');
    fireEvent.click(button());
    await done({ added: [added('Sandbox upload', 'generic')], present: ['library', 'twilio'] });
    expect(screen.getByRole('status').textContent).toBe('Added again: Sandbox upload. It is in the sidebar, marked sandbox.');
  });

  it('says main’s refusal in words when the sandbox is not running, and can be asked again', async () => {
    show(null);
    expect(screen.getByText(/^Not running\./)).toBeTruthy();
    fireEvent.click(button());
    await answer({ ok: false, error: { code: 'conflict', message: 'x', phrase: { key: 'errors:sandbox.notRunningOff' } } });
    expect(screen.getByRole('alert').textContent).toBe('The built-in sandbox is not running, so its accounts cannot be added. Turn on “Run the built-in sandbox server” in Settings, then restart Media Desk.');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(button().getAttribute('aria-disabled')).toBe('false');
    fireEvent.click(button());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(main.calls).toHaveLength(2);
  });

  it('keeps the switch that runs the sandbox', () => {
    const { section, onEnabledChange } = show();
    fireEvent.click(within(section).getByRole('checkbox', { name: /Run the built-in sandbox server/ }));
    expect(onEnabledChange).toHaveBeenCalledWith(false);
  });

  it('speaks Japanese, with no English left', async () => {
    await act(() => switchLanguage('ja'));
    const { section } = show();
    fireEvent.click(screen.getByRole('button', { name: 'サンドボックスのアカウントを再追加' }));
    expect(screen.getByRole('status').textContent).toBe('サンドボックスのアカウントを追加しています…');
    expect(englishLeft(['http://127.0.0.1:41234'], section)).toEqual([]);
    await done({ added: [added('Sandbox media library', 'library'), added('Sandbox Twilio', 'twilio')], present: ['generic'] });
    expect(screen.getByRole('status').textContent).toMatch(/^追加し直しました：Sandbox media library、Sandbox Twilio。/);
    expect(englishLeft(['Sandbox media library', 'Sandbox Twilio', 'http://127.0.0.1:41234'], section)).toEqual([]);
  });
});
