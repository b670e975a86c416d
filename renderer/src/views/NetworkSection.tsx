// Settings → Network: how requests reach the servers. The system's proxy (the OS's in the desktop app, the host's
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY in the browser host), none, or a proxy given here, with an optional user name
// and password. The password goes to main's vault and never comes back: the window only learns whether one is saved.
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n';
import { proxySettingSchema, type ProxyMode, type ProxySetting } from '../../../main/common/proxy';
import { plainErrors } from '../../../main/common/validation-messages';
import { call, messageOf } from '../bridge';
import { Field } from '../components/Field';
import { ProxyTest } from './ProxyTest';

/** Examples of what the fields take: syntax, the same in every language. */
const EXAMPLE = { host: 'proxy.example.com', port: '3128', bypass: 'localhost, 127.0.0.1, .internal.example', credentialsProxy: 'http://proxy.example.com:3128' };

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
  const { t } = useTranslation('settings');
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
    setStatus(t('network.saved'));
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
      setStatus(answer.passwordSaved ? t('network.passwordSaved') : t('network.passwordRemoved'));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const systemHint = t(host === 'electron' ? 'network.systemHint.electron' : 'network.systemHint.browser');
  return (
    <fieldset className="network-settings">
      <legend>{t('network.legend')}</legend>
      <div role="radiogroup" aria-label={t('network.proxy')}>
        <label className="check">
          <input type="radio" name="proxy-mode" checked={draft.mode === 'system'} onChange={() => chooseMode('system')} />
          <span>{t('network.system')}<span className="hint">{systemHint}</span></span>
        </label>
        <label className="check">
          <input type="radio" name="proxy-mode" checked={draft.mode === 'none'} onChange={() => chooseMode('none')} />
          <span>{t('network.none')}</span>
        </label>
        <label className="check">
          <input type="radio" name="proxy-mode" checked={draft.mode === 'manual'} onChange={() => chooseMode('manual')} />
          <span>{t('network.manual')}</span>
        </label>
      </div>
      {draft.mode === 'manual' ? (
        <div className="proxy-manual">
          <Field label={t('network.host')} error={errors.host}>
            {(a11y) => <input {...a11y} type="text" value={draft.host} placeholder={EXAMPLE.host} autoComplete="off" spellCheck={false} onChange={(e) => set({ host: e.target.value })} />}
          </Field>
          <Field label={t('network.port')} error={errors.port}>
            {(a11y) => <input {...a11y} type="text" className="port-input" value={draft.port} inputMode="numeric" placeholder={EXAMPLE.port} onChange={(e) => set({ port: e.target.value })} />}
          </Field>
          <Field label={t('network.bypass')} hint={t('network.bypassHint')} error={errors.bypass}>
            {(a11y) => <input {...a11y} type="text" value={draft.bypass} placeholder={EXAMPLE.bypass} spellCheck={false} onChange={(e) => set({ bypass: e.target.value })} />}
          </Field>
        </div>
      ) : null}
      {draft.mode !== 'none' ? (
        <>
          <Field label={t('network.username')} hint={t('network.usernameHint')} error={errors.username}>
            {(a11y) => <input {...a11y} type="text" value={draft.username} autoComplete="off" spellCheck={false} onChange={(e) => set({ username: e.target.value })} />}
          </Field>
          {draft.mode === 'system' ? (
            <Field label={t('network.credentialsProxy')} hint={t('network.credentialsProxyHint')} error={errors.credentialsProxy}>
              {(a11y) => <input {...a11y} type="text" value={draft.credentialsProxy} placeholder={EXAMPLE.credentialsProxy} autoComplete="off" spellCheck={false} onChange={(e) => set({ credentialsProxy: e.target.value })} />}
            </Field>
          ) : null}
          {saved.mode === 'system' && saved.username !== '' && saved.credentialsProxy === '' ? <p className="banner info">{t('network.credentialsProxyMissing')}</p> : null}
          <div className="form-actions">
            <button type="button" onClick={() => void save(draft)}>{t('network.save')}</button>
          </div>
          <Field label={t('network.password')} hint={passwordSaved ? t('network.passwordSavedHint') : t('network.noPasswordHint')}>
            {(a11y) => <input {...a11y} type="password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="button" disabled={password === ''} onClick={() => void storePassword(password)}>{t('network.savePassword')}</button>
            {passwordSaved ? <button type="button" onClick={() => void storePassword(null)}>{t('network.removePassword')}</button> : null}
          </div>
        </>
      ) : null}
      <ProxyTest />
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      {status ? <p className="subtle" role="status">{status}</p> : null}
    </fieldset>
  );
}
