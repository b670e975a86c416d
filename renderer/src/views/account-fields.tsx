// The fields of each kind of account. Values live in the editor's draft; errors come from the same schemas main
// validates with.
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import type { GenericAuthPasswordKey } from '../../../main/common/accounts';
import { Field } from '../components/Field';
import type { Draft } from './account-draft';

/** Examples of what the fields take: templates, URLs and ids, the same in every language. */
const EXAMPLE = {
  multipart: 'user=%account[username]%&media=%media_content%',
  headers: 'X-Api-Key: %account[apikey]%',
  serverUrl: 'https://media.example.com',
  accountSid: 'AC…',
  apiKeySid: 'SK…',
};

export type FieldErrors = Record<string, string>;
export type DraftSetter = (path: string, value: unknown) => void;
interface FieldsProps {
  draft: Draft;
  set: DraftSetter;
  errors: FieldErrors;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function TextField({ label, path, draft, set, errors, hint, multiline, placeholder }: FieldsProps & { label: string; path: string; hint?: string; multiline?: boolean; placeholder?: string }) {
  const [head, tail] = path.split('.') as [string, string | undefined];
  const value = tail === undefined ? str(draft[head]) : str((draft[head] as Draft | undefined)?.[tail]);
  return (
    <Field label={label} hint={hint} error={errors[path]}>
      {(a11y) =>
        multiline ? (
          <textarea {...a11y} rows={3} spellCheck={false} value={value} placeholder={placeholder} onChange={(e) => set(path, e.target.value)} />
        ) : (
          <input {...a11y} type="text" spellCheck={false} value={value} placeholder={placeholder} onChange={(e) => set(path, e.target.value)} />
        )
      }
    </Field>
  );
}

function MethodField({ label, path, draft, set, errors, options }: FieldsProps & { label: string; path: string; options: string[] }) {
  const [head, tail] = path.split('.') as [string, string];
  const value = str((draft[head] as Draft | undefined)?.[tail]).toUpperCase();
  const { t } = useTranslation('settings');
  return (
    <Field label={label} error={errors[path]}>
      {(a11y) => (
        <select {...a11y} value={value} onChange={(e) => set(path, e.target.value)}>
          <option value="">{t('fields.default')}</option>
          {options.map((m) => (
            <option key={m} value={m}>{m}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

function variablesToText(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  return Object.entries(value as Record<string, string>).map(([k, v]) => `${k}=${v}`).join('\n');
}

function textToVariables(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return out;
}

/** The services of a generic account that may ask for HTTP authentication. */
export type AuthService = 'upload' | 'precheck' | 'refSend';

/** HTTP authentication of one service: the user name (a template) and the password (a secret, shown by the editor). */
function AuthFields(props: FieldsProps & { service: AuthService; usernamePath: string; password: ReactNode }) {
  const { t } = useTranslation('settings');
  return (
    <>
      <TextField {...props} label={t(`fields.authUsername.${props.service}`)} path={props.usernamePath} hint={t('fields.authUsernameHint')} />
      {props.password}
    </>
  );
}

export function GenericFields(props: FieldsProps & { authPassword: (key: GenericAuthPasswordKey, service: AuthService) => ReactNode }) {
  const { draft, set, errors, authPassword } = props;
  const { t } = useTranslation('settings');
  return (
    <>
      <TextField {...props} label={t('fields.accountName')} path="label" placeholder={t('fields.placeholder.generic')} />
      <fieldset>
        <legend>{t('fields.upload')}</legend>
        <TextField {...props} label={t('fields.uploadUrl')} path="settings.genericMediaUploadUrl" hint={t('fields.uploadUrlHint')} />
        <MethodField {...props} label={t('fields.method')} path="settings.genericMediaUploadMethod" options={['POST', 'PUT']} />
        <TextField {...props} multiline label={t('fields.multipart')} path="settings.genericMediaUploadMultipartData" placeholder={EXAMPLE.multipart} hint={t('fields.multipartHint')} />
        <TextField {...props} multiline label={t('fields.headers')} path="settings.genericMediaUploadCustomHeaders" placeholder={EXAMPLE.headers} hint={t('fields.headersHint')} />
        <AuthFields {...props} service="upload" usernamePath="settings.genericMediaUploadAuthUsername" password={authPassword('genericMediaUploadAuthPassword', 'upload')} />
      </fieldset>
      <fieldset>
        <legend>{t('fields.precheck')}</legend>
        <TextField {...props} label={t('fields.precheckUrl')} path="settings.genericMediaUploadPrecheckUrl" />
        <MethodField {...props} label={t('fields.precheckMethod')} path="settings.genericMediaUploadPrecheckMethod" options={['GET', 'HEAD', 'POST', 'PUT']} />
        <TextField {...props} multiline label={t('fields.precheckPostData')} path="settings.genericMediaUploadPrecheckPostData" />
        <AuthFields {...props} service="precheck" usernamePath="settings.genericMediaUploadPrecheckAuthUsername" password={authPassword('genericMediaUploadPrecheckAuthPassword', 'precheck')} />
      </fieldset>
      <fieldset>
        <legend>{t('fields.refSend')}</legend>
        <TextField {...props} label={t('fields.refSendUrl')} path="settings.genericMediaRefSendUrl" />
        <MethodField {...props} label={t('fields.refSendMethod')} path="settings.genericMediaRefSendMethod" options={['GET', 'POST', 'PUT']} />
        <TextField {...props} multiline label={t('fields.refSendPostData')} path="settings.genericMediaRefSendPostData" />
        <TextField {...props} multiline label={t('fields.refSendHeaders')} path="settings.genericMediaRefSendCustomHeaders" />
        <AuthFields {...props} service="refSend" usernamePath="settings.genericMediaRefSendAuthUsername" password={authPassword('genericMediaRefSendAuthPassword', 'refSend')} />
      </fieldset>
      <fieldset>
        <legend>{t('fields.account')}</legend>
        <TextField {...props} label={t('fields.username')} path="username" hint={t('fields.usernameHint')} />
        <Field label={t('fields.variables')} hint={t('fields.variablesHint')} error={errors.variables}>
          {(a11y) => <textarea {...a11y} rows={3} spellCheck={false} value={variablesToText(draft.variables)} onChange={(e) => set('variables', textToVariables(e.target.value))} />}
        </Field>
      </fieldset>
    </>
  );
}

export function LibraryFields(props: FieldsProps) {
  const { t } = useTranslation('settings');
  return (
    <>
      <TextField {...props} label={t('fields.accountName')} path="label" placeholder={t('fields.placeholder.library')} />
      <TextField {...props} label={t('fields.serverUrl')} path="serverUrl" placeholder={EXAMPLE.serverUrl} hint={t('fields.serverUrlHint')} />
      <TextField {...props} label={t('fields.domain')} path="domain" />
      <TextField {...props} label={t('fields.userId')} path="userId" />
      <TextField {...props} label={t('fields.appId')} path="appId" />
    </>
  );
}

export function TwilioFields(props: FieldsProps) {
  const { draft, set } = props;
  const apiKey = draft.authMode === 'apiKey';
  const { t } = useTranslation('settings');
  return (
    <>
      <TextField {...props} label={t('fields.accountName')} path="label" placeholder={t('fields.placeholder.twilio')} />
      <TextField {...props} label={t('fields.baseUrl')} path="baseUrl" hint={t('fields.baseUrlHint')} />
      <TextField {...props} label={t('fields.accountSid')} path="accountSid" placeholder={EXAMPLE.accountSid} />
      <fieldset>
        <legend>{t('fields.authentication')}</legend>
        <label className="check">
          <input type="radio" name="authMode" checked={!apiKey} onChange={() => set('authMode', 'authToken')} /> {t('fields.useAuthToken')}
        </label>
        <label className="check">
          <input type="radio" name="authMode" checked={apiKey} onChange={() => set('authMode', 'apiKey')} /> {t('fields.useApiKey')}
        </label>
        {apiKey ? <TextField {...props} label={t('fields.apiKeySid')} path="apiKeySid" placeholder={EXAMPLE.apiKeySid} /> : null}
      </fieldset>
    </>
  );
}
