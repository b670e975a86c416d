import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { accountConfigSchema, GENERIC_AUTH_PAIRS, TWILIO_DEFAULT_BASE_URL, type AccountConfig, type AccountKind, type GenericAuthPasswordKey } from '../../../main/common/accounts';
import { authPasswordsAfter, secretDestinationChanged } from '../../../main/common/secret-binding';
import type { ConnectionTestResult } from '../../../main/common/methods/core';
import type { Words } from '../../../main/common/errors';
import { plainErrors } from '../../../main/common/validation-messages';
import { call, messageOf, UiError } from '../bridge';
import { KIND_ORDER, kindKey } from '../components/kinds';
import { firstField, useFocusLanding } from '../hooks/focus-landing';
import { errorText, i18n, reasonText, useTranslation } from '../i18n';
import { useAppStore } from '../store/app-store';
import { GenericFields, LibraryFields, TwilioFields, type AuthService, type DraftSetter, type FieldErrors } from './account-fields';
import { ImportXmlDialog } from './ImportXmlDialog';
import { SecretInput, type SecretChange } from './SecretInput';

export type Draft = Record<string, unknown>;

/** What a new server URL starts with: the scheme, typed for the user. */
const URL_START = 'https://';

function emptyDraft(kind: AccountKind): Draft {
  switch (kind) {
    case 'generic':
      return { kind, label: '', username: '', variables: {}, settings: { genericMediaUploadUrl: '', genericMediaUploadMethod: 'POST', genericMediaUploadMultipartData: '' } };
    case 'library':
      return { kind, label: '', serverUrl: URL_START, domain: '', userId: '', appId: '' };
    case 'twilio':
      return { kind, label: '', baseUrl: TWILIO_DEFAULT_BASE_URL, accountSid: '', authMode: 'authToken' };
  }
}

/** Fields the form keeps while hidden (to restore them if the user switches back) but never saves. */
function hiddenFields(draft: Draft): Set<string> {
  return new Set(draft.kind === 'twilio' && draft.authMode !== 'apiKey' ? ['apiKeySid'] : []);
}

/**
 * What will be saved: empty optional strings are left out, so that "not set" and "" mean the same thing to the
 * schema, and hidden fields are left out, so that only what the user sees is checked and stored.
 */
function clean(draft: Draft): unknown {
  const out: Draft = {};
  const hidden = hiddenFields(draft);
  for (const [key, value] of Object.entries(draft)) {
    if (hidden.has(key)) continue;
    if (value === '' && key !== 'label' && key !== 'username') continue;
    out[key] = value !== null && typeof value === 'object' && !Array.isArray(value) && key === 'settings' ? clean(value as Draft) : value;
  }
  return out;
}

/** The form field an error path belongs to: a setting ("settings.genericMediaUploadUrl"), or a top-level field. */
function fieldKey(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  return parts[0] === 'settings' ? parts.slice(0, 2).join('.') : (parts[0] ?? '');
}

function validate(draft: Draft): { config?: AccountConfig; errors: FieldErrors } {
  const parsed = accountConfigSchema.safeParse(clean(draft), { error: plainErrors });
  if (parsed.success) return { config: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = fieldKey(issue.path);
    errors[key] ??= issue.message;
  }
  return { errors };
}

/** A user name without its password (or the reverse) cannot authenticate: said on the password field, in words. */
function authPairErrors(draft: Draft, change: (key: GenericAuthPasswordKey) => SecretChange, saved: (key: GenericAuthPasswordKey) => boolean): Partial<Record<GenericAuthPasswordKey, string>> {
  const errors: Partial<Record<GenericAuthPasswordKey, string>> = {};
  const settings = (draft.settings ?? {}) as Record<string, unknown>;
  for (const pair of GENERIC_AUTH_PAIRS) {
    const c = change(pair.password);
    const hasPassword = c.kind === 'set' ? c.value !== '' : c.kind === 'keep' && saved(pair.password);
    const username = settings[pair.username];
    const hasUsername = typeof username === 'string' && username.trim() !== '';
    if (hasUsername && !hasPassword) errors[pair.password] = i18n.t('settings:editor.authNeedsPassword', { password: pair.password });
    else if (hasPassword && !hasUsername) errors[pair.password] = i18n.t('settings:editor.authNeedsUsername', { username: pair.username });
  }
  return errors;
}

/** Which secret an account of each kind keeps (settings catalogue: editor.secret.*, editor.secretDropped.*). */
const SECRET_KIND: Record<AccountKind, 'password' | 'authToken'> = { generic: 'password', library: 'password', twilio: 'authToken' };

export function AccountEditor({ accountId, initialKind }: { accountId?: string; initialKind?: AccountKind | undefined }) {
  const existing = useAppStore((s) => s.accounts.find((a) => a.id === accountId));
  const navigate = useAppStore((s) => s.navigate);
  const { t } = useTranslation(['settings', 'common', 'shell']);
  const [kind, setKind] = useState<AccountKind | undefined>(existing?.kind ?? initialKind);
  const [draft, setDraft] = useState<Draft>(() => {
    if (!existing) return kind ? emptyDraft(kind) : {};
    // The sandbox mark is main's to keep or clear; the form does not send it back.
    const { id: _id, secretSet: _s, authSecretsSet: _a, createdAt: _c, updatedAt: _u, sandbox: _sandbox, ...config } = existing;
    return config;
  });
  const [secret, setSecret] = useState<SecretChange>({ kind: 'keep' });
  const [authSecrets, setAuthSecrets] = useState<Partial<Record<GenericAuthPasswordKey, SecretChange>>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();
  // What main said about a field (config.settings.genericMediaUploadUrl…), shown on it until it is edited.
  const [serverFieldErrors, setServerFieldErrors] = useState<FieldErrors>({});
  // Bumped after a failed submit: the first field with a problem then takes the focus, once it is on screen.
  const [focusRequest, setFocusRequest] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const [importing, setImporting] = useState(false);
  // The latest test only: a new test replaces the last answer instead of adding to it.
  const [test, setTest] = useState<{ running: boolean; result?: ConnectionTestResult }>({ running: false });
  const [importProblems, setImportProblems] = useState<Words[]>([]);

  const { config, errors } = useMemo(() => validate(draft), [draft]);
  const visibleErrors: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) if (submitted || touched.has(key)) visibleErrors[key] = message;
  for (const [key, message] of Object.entries(serverFieldErrors)) visibleErrors[key] ??= message;

  useEffect(() => {
    if (focusRequest === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    first.focus();
    // happy-dom and old engines have no scrollIntoView: focus alone still brings the field into view there.
    if (typeof first.scrollIntoView === 'function') first.scrollIntoView({ block: 'center' });
  }, [focusRequest]);

  // A kind chosen on the cards: the card's button is gone, so the form's first field takes the focus.
  useFocusLanding(kind, () => firstField(form.current), kind !== undefined && initialKind === undefined && existing === undefined);

  const set: DraftSetter = (path, value) => {
    setTouched((t) => new Set(t).add(path));
    setServerFieldErrors((e) => {
      if (!(path in e)) return e;
      const { [path]: _edited, ...rest } = e;
      return rest;
    });
    setDraft((d) => {
      const [head, tail] = path.split('.') as [string, string | undefined];
      if (tail === undefined) return { ...d, [head]: value };
      return { ...d, [head]: { ...(d[head] ?? {}), [tail]: value } };
    });
  };

  if (!kind) {
    return (
      <section className="view" aria-labelledby="new-title">
        <h1 id="new-title">{t('editor.newTitle')}</h1>
        <p className="lead">{t('editor.whichKind')}</p>
        <div className="cards">
          {KIND_ORDER.map((k) => (
            <article key={k} className="card">
              <h2>{t(`shell:${kindKey(k, 'label')}`)}</h2>
              <p>{t(`shell:${kindKey(k, 'description')}`)}</p>
              <button type="button" className="primary" onClick={() => { setKind(k); setDraft(emptyDraft(k)); }}>
                {t(`editor.choose.${k}`)}
              </button>
            </article>
          ))}
        </div>
      </section>
    );
  }

  const secretKind = kind === 'twilio' && draft.authMode === 'apiKey' ? 'apiKeySecret' : SECRET_KIND[kind];
  const secretLabel = t(`editor.secret.${secretKind}`);
  const authSet = (key: GenericAuthPasswordKey): boolean => existing?.authSecretsSet?.includes(key) === true;
  const authChange = (key: GenericAuthPasswordKey): SecretChange => authSecrets[key] ?? { kind: 'keep' };
  const authErrors = kind === 'generic' ? authPairErrors(draft, (key) => authChange(key), authSet) : {};
  const authValid = Object.keys(authErrors).length === 0;
  const authArg = (): Partial<Record<GenericAuthPasswordKey, string | null>> => {
    const out: Partial<Record<GenericAuthPasswordKey, string | null>> = {};
    for (const [key, change] of Object.entries(authSecrets) as Array<[GenericAuthPasswordKey, SecretChange]>) {
      if (change.kind === 'set' && change.value !== '') out[key] = change.value;
      else if (change.kind === 'remove') out[key] = null;
    }
    return out;
  };
  const authPassword = (key: GenericAuthPasswordKey, service: AuthService) => (
    <SecretInput
      label={t(`fields.authPassword.${service}`)}
      isSet={authSet(key)}
      change={authChange(key)}
      onChange={(change) => setAuthSecrets((s) => ({ ...s, [key]: change }))}
      hint={t('editor.authPasswordHint')}
      error={submitted ? authErrors[key] : undefined}
    />
  );
  // Said before saving: main drops a saved secret whose account now points elsewhere (main/common/secret-binding.ts).
  // The saved …AuthPassword templates are secrets the form never sees: only the typed ones take part.
  const secretWillBeDropped =
    existing?.secretSet === true && secret.kind === 'keep' && config !== undefined && secretDestinationChanged(existing, config, { next: authPasswordsAfter({}, authArg()) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(undefined);
    if (!config || !authValid) {
      setFocusRequest((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      const secretArg = secret.kind === 'set' ? secret.value : secret.kind === 'remove' ? null : undefined;
      const auth = kind === 'generic' ? authArg() : {};
      const authPart = Object.keys(auth).length > 0 ? { authSecrets: auth } : {};
      const saved = existing
        ? await call('accounts.update', { accountId: existing.id, config, ...(secretArg !== undefined ? { secret: secretArg } : {}), ...authPart })
        : await call('accounts.create', { config, ...(typeof secretArg === 'string' ? { secret: secretArg } : {}), ...authPart });
      navigate({ view: 'account', accountId: saved.id });
    } catch (err) {
      const field = err instanceof UiError ? err.details?.field : undefined;
      if (err instanceof UiError && field?.startsWith('config.')) {
        setServerFieldErrors({ [fieldKey(field.split('.').slice(1))]: reasonText(err.details) ?? messageOf(err) });
        setFocusRequest((n) => n + 1);
      } else {
        setServerError(messageOf(err));
      }
    } finally {
      setSaving(false);
    }
  };

  const runTest = async () => {
    setSubmitted(true);
    if (!config) {
      setFocusRequest((n) => n + 1);
      return;
    }
    setTest({ running: true });
    try {
      // A typed secret goes with this form's config; a saved one only where main bound it (checked there).
      const result = await call('accounts.testConfig', {
        config,
        ...(secret.kind === 'set' && secret.value !== '' ? { secret: secret.value } : {}),
        ...(kind === 'generic' && Object.keys(authArg()).length > 0 ? { authSecrets: authArg() } : {}),
        ...(existing && secret.kind === 'keep' ? { accountId: existing.id } : {}),
      });
      setTest({ running: false, result });
    } catch (err) {
      setTest({ running: false, result: { ok: false, message: messageOf(err) } });
    }
  };

  const title = existing ? t('editor.editTitle', { name: existing.label }) : t(`editor.title.${kind}`);
  return (
    <section className="view" aria-labelledby="editor-title">
      <h1 id="editor-title">{title}</h1>
      {kind === 'generic' ? (
        <p className="inline">
          <button type="button" onClick={() => setImporting(true)}>{t('editor.import')}</button>
          <span className="subtle">{t('editor.importHint')}</span>
        </p>
      ) : null}
      {importProblems.length > 0 ? (
        <div className="banner warn" role="status">
          {t('editor.importRemarks')}
          <ul>{importProblems.map((p) => <li key={p.message}>{errorText(p)}</li>)}</ul>
        </div>
      ) : null}
      {importing ? (
        <ImportXmlDialog
          onClose={() => setImporting(false)}
          onImported={(imported) => {
            setImporting(false);
            setImportProblems(imported.problems);
            setDraft((d) => ({
              ...d,
              settings: { ...(d.settings ?? {}), ...imported.settings },
              ...(imported.username !== undefined ? { username: imported.username } : {}),
              variables: { ...(d.variables ?? {}), ...imported.variables },
            }));
            if (imported.password !== undefined) setSecret({ kind: 'set', value: imported.password });
            setAuthSecrets((s) => ({ ...s, ...Object.fromEntries(Object.entries(imported.authPasswords).map(([key, value]) => [key, { kind: 'set', value }])) }));
            setSubmitted(true);
          }}
        />
      ) : null}
      <form ref={form} className="form" data-landing onSubmit={(e) => void submit(e)} noValidate>
        {kind === 'generic' ? <GenericFields draft={draft} set={set} errors={visibleErrors} authPassword={authPassword} /> : null}
        {kind === 'library' ? <LibraryFields draft={draft} set={set} errors={visibleErrors} /> : null}
        {kind === 'twilio' ? <TwilioFields draft={draft} set={set} errors={visibleErrors} /> : null}
        <SecretInput label={secretLabel} isSet={existing?.secretSet ?? false} change={secret} onChange={setSecret} />
        {secretWillBeDropped ? (
          <p className="banner warn" role="status">
            {t(`editor.secretDropped.${secretKind}`)}
          </p>
        ) : null}
        <fieldset className="advanced">
          <legend>{t('editor.security')}</legend>
          <label className="check">
            <input type="checkbox" checked={draft.allowInsecure === true} onChange={(e) => set('allowInsecure', e.target.checked)} />
            {t('editor.allowInsecure')}
          </label>
        </fieldset>
        {test.result ? (
          <p className={`banner ${!test.result.ok ? 'bad' : test.result.scope === 'server' ? 'info' : 'ok'}`} role="status">{errorText(test.result)}</p>
        ) : null}
        {serverError ? <p className="banner bad" role="alert">{serverError}</p> : null}
        {submitted && (!config || !authValid) ? <p className="banner bad" role="alert">{t('editor.needsAttention')}</p> : null}
        <div className="form-actions">
          <button type="button" onClick={() => navigate(existing ? { view: 'account', accountId: existing.id } : { view: 'home' })}>{t('common:action.cancel')}</button>
          <button type="button" onClick={() => void runTest()} disabled={test.running}>{test.running ? t('account.testing') : t('account.test')}</button>
          <button type="submit" className="primary" disabled={saving}>{saving ? t('editor.saving') : existing ? t('editor.saveChanges') : t('editor.add')}</button>
        </div>
      </form>
    </section>
  );
}
