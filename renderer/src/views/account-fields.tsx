// The fields of each kind of account. Values live in the editor's draft; errors come from the same schemas main
// validates with.
import type { ReactNode } from 'react';
import type { GenericAuthPasswordKey } from '../../../main/common/accounts';
import { Field } from '../components/Field';
import type { Draft } from './AccountEditor';

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
  return (
    <Field label={label} error={errors[path]}>
      {(a11y) => (
        <select {...a11y} value={value} onChange={(e) => set(path, e.target.value)}>
          <option value="">Default</option>
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

/** HTTP authentication of one service: the user name (a template) and the password (a secret, shown by the editor). */
function AuthFields(props: FieldsProps & { service: string; usernamePath: string; password: ReactNode }) {
  return (
    <>
      <TextField {...props} label={`${props.service} HTTP user name`} path={props.usernamePath} hint="Only when the server asks for HTTP authentication (Digest or Basic). A template, e.g. %account[username]%." />
      {props.password}
    </>
  );
}

export function GenericFields(props: FieldsProps & { authPassword: (key: GenericAuthPasswordKey, label: string) => ReactNode }) {
  const { draft, set, errors, authPassword } = props;
  return (
    <>
      <TextField {...props} label="Account name" path="label" placeholder="My provider" />
      <fieldset>
        <legend>Upload</legend>
        <TextField {...props} label="Upload URL (genericMediaUploadUrl)" path="settings.genericMediaUploadUrl" hint="A template: %account[username]%, %sms_to%, %description%, %media_size%, %content_type% are filled in for each file." />
        <MethodField {...props} label="Method" path="settings.genericMediaUploadMethod" options={['POST', 'PUT']} />
        <TextField {...props} multiline label="Multipart data (genericMediaUploadMultipartData)" path="settings.genericMediaUploadMultipartData" placeholder="user=%account[username]%&media=%media_content%" hint="name=value pairs joined by &. The part whose value is %media_content% carries the file." />
        <TextField {...props} multiline label="Custom headers" path="settings.genericMediaUploadCustomHeaders" placeholder="X-Api-Key: %account[apikey]%" hint="One 'Name: value' per line." />
        <AuthFields {...props} service="Upload" usernamePath="settings.genericMediaUploadAuthUsername" password={authPassword('genericMediaUploadAuthPassword', 'Upload HTTP password')} />
      </fieldset>
      <fieldset>
        <legend>Precheck (optional)</legend>
        <TextField {...props} label="Precheck URL" path="settings.genericMediaUploadPrecheckUrl" />
        <MethodField {...props} label="Precheck method" path="settings.genericMediaUploadPrecheckMethod" options={['GET', 'HEAD', 'POST', 'PUT']} />
        <TextField {...props} multiline label="Precheck post data" path="settings.genericMediaUploadPrecheckPostData" />
        <AuthFields {...props} service="Precheck" usernamePath="settings.genericMediaUploadPrecheckAuthUsername" password={authPassword('genericMediaUploadPrecheckAuthPassword', 'Precheck HTTP password')} />
      </fieldset>
      <fieldset>
        <legend>Media reference send (optional)</legend>
        <TextField {...props} label="Reference send URL" path="settings.genericMediaRefSendUrl" />
        <MethodField {...props} label="Reference send method" path="settings.genericMediaRefSendMethod" options={['GET', 'POST', 'PUT']} />
        <TextField {...props} multiline label="Reference send post data" path="settings.genericMediaRefSendPostData" />
        <TextField {...props} multiline label="Reference send headers" path="settings.genericMediaRefSendCustomHeaders" />
        <AuthFields {...props} service="Reference send" usernamePath="settings.genericMediaRefSendAuthUsername" password={authPassword('genericMediaRefSendAuthPassword', 'Reference send HTTP password')} />
      </fieldset>
      <fieldset>
        <legend>Account</legend>
        <TextField {...props} label="User name" path="username" hint="Available to templates as %account[username]%." />
        <Field label="Other account variables" hint="One name=value per line, available as %account[name]%. Put passwords in the password field, not here." error={errors.variables}>
          {(a11y) => <textarea {...a11y} rows={3} spellCheck={false} value={variablesToText(draft.variables)} onChange={(e) => set('variables', textToVariables(e.target.value))} />}
        </Field>
      </fieldset>
    </>
  );
}

export function LibraryFields(props: FieldsProps) {
  return (
    <>
      <TextField {...props} label="Account name" path="label" placeholder="Company media" />
      <TextField {...props} label="Server URL" path="serverUrl" placeholder="https://media.example.com" hint="The REST API lives under /rest/1.0 on this server." />
      <TextField {...props} label="Domain" path="domain" />
      <TextField {...props} label="User id" path="userId" />
      <TextField {...props} label="Application id" path="appId" />
    </>
  );
}

export function TwilioFields(props: FieldsProps) {
  const { draft, set } = props;
  const apiKey = draft.authMode === 'apiKey';
  return (
    <>
      <TextField {...props} label="Account name" path="label" placeholder="Production" />
      <TextField {...props} label="API base URL" path="baseUrl" hint="https://api.twilio.com unless you test against another server." />
      <TextField {...props} label="Account SID" path="accountSid" placeholder="AC…" />
      <fieldset>
        <legend>Authentication</legend>
        <label className="check">
          <input type="radio" name="authMode" checked={!apiKey} onChange={() => set('authMode', 'authToken')} /> Use the Auth Token
        </label>
        <label className="check">
          <input type="radio" name="authMode" checked={apiKey} onChange={() => set('authMode', 'apiKey')} /> Use an API key and its secret
        </label>
        {apiKey ? <TextField {...props} label="API Key SID" path="apiKeySid" placeholder="SK…" /> : null}
      </fieldset>
    </>
  );
}
