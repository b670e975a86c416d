import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AccountKind, GenericAuthPasswordKey } from '../../../main/common/accounts';
import { authPasswordsAfter, secretDestinationChanged } from '../../../main/common/secret-binding';
import type { ConnectionTestResult } from '../../../main/common/methods/core';
import type { Words } from '../../../main/common/errors';
import { call, messageOf, UiError } from '../bridge';
import { useUnsavedWork } from '../components/DiscardQuestion';
import { KIND_ORDER, kindKey } from '../components/kinds';
import { firstField, useFocusLanding } from '../hooks/focus-landing';
import { errorText, reasonText, useTranslation } from '../i18n';
import { useAppStore } from '../store/app-store';
import { authPairErrors, emptyDraft, fieldKey, hasUnsavedChanges, validate, type Draft } from './account-draft';
import { GenericFields, LibraryFields, TwilioFields, type AuthService, type DraftSetter, type FieldErrors } from './account-fields';
import { ImportXmlDialog } from './ImportXmlDialog';
import { SecretInput, type SecretChange } from './SecretInput';

/** Which secret an account of each kind keeps (settings catalogue: editor.secret.*, editor.secretDropped.*). */
const SECRET_KIND: Record<AccountKind, 'password' | 'authToken'> = { generic: 'password', library: 'password', twilio: 'authToken' };

export function AccountEditor({ accountId, initialKind }: { accountId?: string; initialKind?: AccountKind | undefined }) {
  const existing = useAppStore((s) => s.accounts.find((a) => a.id === accountId));
  const navigate = useAppStore((s) => s.navigate);
  const go = useAppStore((s) => s.go);
  const { t } = useTranslation(['settings', 'common', 'shell']);
  const [kind, setKind] = useState<AccountKind | undefined>(existing?.kind ?? initialKind);
  const [draft, setDraft] = useState<Draft>(() => {
    if (!existing) return kind ? emptyDraft(kind) : {};
    // The sandbox mark is main's to keep or clear; the form does not send it back.
    const { id: _id, secretSet: _s, authSecretsSet: _a, createdAt: _c, updatedAt: _u, sandbox: _sandbox, ...config } = existing;
    return config;
  });
  // Where the form started: what its unsaved work is measured against.
  const [start, setStart] = useState(draft);
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
  // Counts the edits: a test answer about a form edited since it was asked is stale, and not shown.
  const edits = useRef(0);
  const edited = () => {
    edits.current += 1;
    setTest((last) => (last.result ? { running: last.running } : last));
  };
  const unsaved = kind !== undefined && hasUnsavedChanges(start, draft, [secret, ...Object.values(authSecrets)]);
  const name = existing?.label ?? (typeof draft.label === 'string' ? draft.label.trim() : '');
  const discardQuestion = useUnsavedWork(unsaved ? { title: name ? t('editor.discard.title', { name }) : t('editor.discard.titleNew'), body: t('editor.discard.body') } : null);

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
    edited();
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
              <button type="button" className="primary" onClick={() => {
                const empty = emptyDraft(k);
                setKind(k);
                setDraft(empty);
                setStart(empty);
              }}>
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
      onChange={(change) => {
        edited();
        setAuthSecrets((s) => ({ ...s, [key]: change }));
      }}
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
      // Saved: nothing is left to discard. A failed test of what was saved is said on the account's view.
      const failedTest = test.result && !test.result.ok ? test.result : undefined;
      go({ view: 'account', accountId: saved.id, ...(failedTest ? { failedTest } : {}) });
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
    const asked = edits.current;
    const answer = (result: ConnectionTestResult) => setTest(edits.current === asked ? { running: false, result } : { running: false });
    try {
      // A typed secret goes with this form's config; a saved one only where main bound it (checked there).
      const result = await call('accounts.testConfig', {
        config,
        ...(secret.kind === 'set' && secret.value !== '' ? { secret: secret.value } : {}),
        ...(kind === 'generic' && Object.keys(authArg()).length > 0 ? { authSecrets: authArg() } : {}),
        ...(existing && secret.kind === 'keep' ? { accountId: existing.id } : {}),
      });
      answer(result);
    } catch (err) {
      answer({ ok: false, message: messageOf(err) });
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
            edited();
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
        <SecretInput label={secretLabel} isSet={existing?.secretSet ?? false} change={secret} onChange={(change) => {
          edited();
          setSecret(change);
        }} />
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
      {discardQuestion}
    </section>
  );
}
