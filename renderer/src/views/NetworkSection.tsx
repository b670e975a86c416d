// Settings → Network: how requests reach the servers. The system's proxy (the OS's in the desktop app, the host's
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY in the browser host), none, or a proxy given here, with an optional user name
// and password. The password goes to main's vault and never comes back: the window only learns whether one is saved.
import { useEffect, useState } from 'react';
import { proxySettingSchema, type ProxyMode, type ProxySetting } from '../../../main/common/proxy';
import { plainErrors } from '../../../main/common/validation-messages';
import { call, messageOf } from '../bridge';
import { Field } from '../components/Field';

type Draft = Omit<ProxySetting, 'port'> & { port: string };
type FieldErrors = Partial<Record<keyof ProxySetting, string>>;

function toDraft(setting: ProxySetting): Draft {
  return { ...setting, port: setting.port === null ? '' : String(setting.port) };
}

function validate(draft: Draft): { setting?: ProxySetting; errors: FieldErrors } {
  const port = draft.port.trim() === '' ? null : /^\d+$/.test(draft.port.trim()) ? Number(draft.port) : draft.port;
  const parsed = proxySettingSchema.safeParse({ ...draft, port }, { error: plainErrors });
  if (parsed.success) return { setting: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof ProxySetting | undefined;
    if (key !== undefined) errors[key] ??= issue.message;
  }
  return { errors };
}

export function NetworkSection({ saved, host, onSave }: { saved: ProxySetting; host: 'electron' | 'browser'; onSave: (proxy: ProxySetting) => Promise<boolean> }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [password, setPassword] = useState('');
  const [passwordSaved, setPasswordSaved] = useState<boolean>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call('settings.proxyPassword', {}).then((s) => setPasswordSaved(s.passwordSaved), () => {});
  }, []);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = async (next: Draft) => {
    setStatus(undefined);
    const checked = validate(next);
    setErrors(checked.errors);
    if (!checked.setting) return;
    if (!(await onSave(checked.setting))) return;
    setStatus('Network settings saved.');
    // Main drops a saved password when the proxy it was saved for changes.
    call('settings.proxyPassword', {}).then((s) => setPasswordSaved(s.passwordSaved), () => {});
  };
  const chooseMode = (mode: ProxyMode) => {
    const next = { ...draft, mode };
    setDraft(next);
    // A manual proxy waits for its host and port; the other choices apply at once.
    if (mode !== 'manual') void save(next);
  };
  const storePassword = async (value: string | null) => {
    setError(undefined);
    setStatus(undefined);
    try {
      const answer = await call('settings.setProxyPassword', { password: value });
      setPasswordSaved(answer.passwordSaved);
      setPassword('');
      setStatus(answer.passwordSaved ? 'Proxy password saved.' : 'Proxy password removed.');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const systemHint =
    host === 'electron'
      ? "Your computer's proxy settings (and its automatic configuration script), as your browser uses them."
      : 'HTTPS_PROXY, HTTP_PROXY and NO_PROXY of the environment the browser host was started in.';
  return (
    <fieldset className="network-settings">
      <legend>Network</legend>
      <div role="radiogroup" aria-label="Proxy">
        <label className="check">
          <input type="radio" name="proxy-mode" checked={draft.mode === 'system'} onChange={() => chooseMode('system')} />
          <span>Use the system proxy<span className="hint">{systemHint}</span></span>
        </label>
        <label className="check">
          <input type="radio" name="proxy-mode" checked={draft.mode === 'none'} onChange={() => chooseMode('none')} />
          <span>No proxy: connect to servers directly</span>
        </label>
        <label className="check">
          <input type="radio" name="proxy-mode" checked={draft.mode === 'manual'} onChange={() => chooseMode('manual')} />
          <span>Use this HTTP proxy</span>
        </label>
      </div>
      {draft.mode === 'manual' ? (
        <div className="proxy-manual">
          <Field label="Proxy host" error={errors.host}>
            {(a11y) => <input {...a11y} type="text" value={draft.host} placeholder="proxy.example.com" autoComplete="off" spellCheck={false} onChange={(e) => set({ host: e.target.value })} />}
          </Field>
          <Field label="Port" error={errors.port}>
            {(a11y) => <input {...a11y} type="text" className="port-input" value={draft.port} inputMode="numeric" placeholder="3128" onChange={(e) => set({ port: e.target.value })} />}
          </Field>
          <Field label="Bypass the proxy for" hint="Comma-separated, as NO_PROXY: hosts, domains (.example.com), IP addresses or ranges (10.0.0.0/8). The embedded sandbox (127.0.0.1) needs to be listed to be reached directly." error={errors.bypass}>
            {(a11y) => <input {...a11y} type="text" value={draft.bypass} placeholder="localhost, 127.0.0.1, .internal.example" spellCheck={false} onChange={(e) => set({ bypass: e.target.value })} />}
          </Field>
        </div>
      ) : null}
      {draft.mode !== 'none' ? (
        <>
          <Field label="Proxy user name" hint="Only for a proxy that asks for one; sent with the password below as Basic authentication." error={errors.username}>
            {(a11y) => <input {...a11y} type="text" value={draft.username} autoComplete="off" spellCheck={false} onChange={(e) => set({ username: e.target.value })} />}
          </Field>
          <div className="form-actions">
            <button type="button" onClick={() => void save(draft)}>Save proxy settings</button>
          </div>
          <Field label="Proxy password" hint={passwordSaved ? 'A password is saved. Type a new one to replace it.' : 'No password saved.'}>
            {(a11y) => <input {...a11y} type="password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="button" disabled={password === ''} onClick={() => void storePassword(password)}>Save password</button>
            {passwordSaved ? <button type="button" onClick={() => void storePassword(null)}>Remove password</button> : null}
          </div>
        </>
      ) : null}
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      {status ? <p className="subtle" role="status">{status}</p> : null}
    </fieldset>
  );
}
