// Settings → Network: the proxy choice, a manual proxy checked in words before it is sent, and a password that goes
// to main and never comes back to the page.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { DEFAULT_PROXY_SETTING, type ProxySetting } from '../../../main/common/proxy';
import { NetworkSection } from '../../../renderer/src/views/NetworkSection';

const main = vi.hoisted(() => {
  const state = { passwordSaved: false, calls: [] as Array<{ method: string; args: unknown }> };
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => {
      state.calls.push({ method, args });
      if (method === 'settings.setProxyPassword') state.passwordSaved = (args as { password: string | null }).password !== null;
      return Promise.resolve({ ok: true, value: { passwordSaved: state.passwordSaved } });
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

let saved: ProxySetting[];
const onSave = (proxy: ProxySetting) => {
  saved.push(proxy);
  return Promise.resolve(true);
};

async function show(setting: ProxySetting = DEFAULT_PROXY_SETTING) {
  render(<NetworkSection saved={setting} host="electron" onSave={onSave} />);
  await act(() => Promise.resolve());
}

beforeEach(() => {
  saved = [];
  main.calls = [];
  main.passwordSaved = false;
});
afterEach(cleanup);

describe('Settings → Network', () => {
  it('applies "No proxy" at once', async () => {
    await show();
    fireEvent.click(screen.getByRole('radio', { name: /No proxy/ }));
    await act(() => Promise.resolve());
    expect(saved).toEqual([{ ...DEFAULT_PROXY_SETTING, mode: 'none' }]);
  });

  it('checks a manual proxy in words before sending it', async () => {
    await show();
    fireEvent.click(screen.getByRole('radio', { name: 'Use this HTTP proxy' }));
    fireEvent.change(screen.getByLabelText('Proxy host'), { target: { value: 'http://proxy.corp' } });
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '70000' } });
    fireEvent.change(screen.getByLabelText('Bypass the proxy for'), { target: { value: 'localhost, not valid!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy settings' }));
    await act(() => Promise.resolve());
    expect(saved).toEqual([]);
    expect(screen.getByText('Enter the proxy host as a name or an IP address, without http:// or a port.')).toBeTruthy();
    expect(screen.getByText('The proxy port is between 1 and 65535.')).toBeTruthy();
    expect(screen.getByText('List host names, domains (.example.com), IP addresses or ranges (10.0.0.0/8), separated by commas.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Proxy host'), { target: { value: 'proxy.corp' } });
    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '3128' } });
    fireEvent.change(screen.getByLabelText('Bypass the proxy for'), { target: { value: 'localhost, 127.0.0.1, .internal' } });
    fireEvent.change(screen.getByLabelText(/Proxy user name/), { target: { value: 'ops' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy settings' }));
    await act(() => Promise.resolve());
    expect(saved).toEqual([{ mode: 'manual', host: 'proxy.corp', port: 3128, username: 'ops', credentialsProxy: '', bypass: 'localhost, 127.0.0.1, .internal' }]);
  });

  it('asks for a port when a manual proxy has none', async () => {
    await show();
    fireEvent.click(screen.getByRole('radio', { name: 'Use this HTTP proxy' }));
    fireEvent.change(screen.getByLabelText('Proxy host'), { target: { value: 'proxy.corp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy settings' }));
    await act(() => Promise.resolve());
    expect(screen.getByText('Enter the proxy port, or choose another proxy mode.')).toBeTruthy();
    expect(saved).toEqual([]);
  });

  it('sends the password to main, clears the field and only says that one is saved', async () => {
    const password = `p%@:+"'ü`;
    await show({ ...DEFAULT_PROXY_SETTING, username: 'ops' });
    fireEvent.change(screen.getByLabelText('Proxy password'), { target: { value: password } });
    fireEvent.click(screen.getByRole('button', { name: 'Save password' }));
    await act(() => Promise.resolve());
    expect(main.calls.filter((c) => c.method === 'settings.setProxyPassword')).toEqual([{ method: 'settings.setProxyPassword', args: { password } }]);
    expect(screen.getByLabelText<HTMLInputElement>('Proxy password').value).toBe('');
    expect(screen.getByText('A password is saved. Type a new one to replace it.')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain('ü');
    fireEvent.click(screen.getByRole('button', { name: 'Remove password' }));
    await act(() => Promise.resolve());
    expect(main.calls.at(-1)).toEqual({ method: 'settings.setProxyPassword', args: { password: null } });
    expect(screen.getByText('No password saved.')).toBeTruthy();
  });

  it("with the system's proxy, names the proxy the credentials are for, checked in words before it is sent", async () => {
    await show({ ...DEFAULT_PROXY_SETTING, username: 'ops' });
    expect(screen.getByText(/No proxy is named for the user name and password/)).toBeTruthy();
    const field = screen.getByLabelText('Proxy they are for');
    fireEvent.change(field, { target: { value: 'proxy.corp:3128' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy settings' }));
    await act(() => Promise.resolve());
    expect(saved).toEqual([]);
    expect(screen.getByText('Enter the proxy the user name and password are for as http://host:port or https://host:port.')).toBeTruthy();
    fireEvent.change(field, { target: { value: 'https://proxy.corp:3128' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy settings' }));
    await act(() => Promise.resolve());
    expect(saved).toEqual([{ ...DEFAULT_PROXY_SETTING, username: 'ops', credentialsProxy: 'https://proxy.corp:3128' }]);
  });
});
