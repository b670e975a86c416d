// The account form's draft as pure data: what a new one starts with, what is saved of it, its checks, and whether
// it differs from where the form started (the unsaved work a leave asks about).
import { accountConfigSchema, GENERIC_AUTH_PAIRS, TWILIO_DEFAULT_BASE_URL, type AccountConfig, type AccountKind, type GenericAuthPasswordKey } from '../../../main/common/accounts';
import { plainErrors } from '../../../main/common/validation-messages';
import { i18n } from '../i18n';
import type { FieldErrors } from './account-fields';
import type { SecretChange } from './SecretInput';

export type Draft = Record<string, unknown>;

/** What a new server URL starts with: the scheme, typed for the user. */
const URL_START = 'https://';

export function emptyDraft(kind: AccountKind): Draft {
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
export function clean(draft: Draft): unknown {
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
export function fieldKey(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  return parts[0] === 'settings' ? parts.slice(0, 2).join('.') : (parts[0] ?? '');
}

export function validate(draft: Draft): { config?: AccountConfig; errors: FieldErrors } {
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
export function authPairErrors(draft: Draft, change: (key: GenericAuthPasswordKey) => SecretChange, saved: (key: GenericAuthPasswordKey) => boolean): Partial<Record<GenericAuthPasswordKey, string>> {
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


/** Whether two plain values (what `clean` makes) are the same, whatever order their keys were set in. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => key in right && sameValue(left[key], right[key]));
}

/** A secret change that would change something: a typed value or a removal (a field typed in and emptied is none). */
function secretChanged(change: SecretChange | undefined): boolean {
  return change !== undefined && (change.kind === 'remove' || (change.kind === 'set' && change.value !== ''));
}

/**
 * Whether leaving the form would throw something away: what would be saved differs from where the form started
 * (a field typed in and emptied again is no change), or a secret was typed or removed.
 */
export function hasUnsavedChanges(start: Draft, draft: Draft, secrets: ReadonlyArray<SecretChange | undefined>): boolean {
  return !sameValue(clean(start), clean(draft)) || secrets.some(secretChanged);
}
