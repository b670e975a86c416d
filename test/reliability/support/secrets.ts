// The secret scan: after a file's flows have run, no secret typed into the app may appear in any file of the data
// dir (settings, accounts, the sealed vault, the transfer list, logs, staged files, files set aside as corrupt), in
// the activity log the user can export, or in anything the renderer was sent (contract answers and events).
// Each secret is looked for in every encoding the app can write it in, computed here independently of the app's
// own encoders: as typed, percent-encoded (encodeURIComponent, and the template engine's stricter RFC 3986 form),
// form-encoded (space as '+'), JSON-escaped (plain and with \u escapes for non-ASCII), Base64, the Basic auth
// credential base64("user:secret"), hex, and the SHA-1 hex a template's %sha1(…)% could make of it.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AppUnderTest, SecretTyped } from './app.js';

export interface Leak {
  secret: string;
  form: string;
  where: string;
}

const strictPercent = (text: string): string => encodeURIComponent(text).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function forms(secret: SecretTyped): Array<{ form: string; text: string }> {
  const json = JSON.stringify(secret.value).slice(1, -1);
  const out = [
    { form: 'as typed', text: secret.value },
    { form: 'encodeURIComponent', text: encodeURIComponent(secret.value) },
    { form: 'percent-encoded (RFC 3986 unreserved only)', text: strictPercent(secret.value) },
    { form: 'percent-encoded, ~ kept', text: strictPercent(secret.value).replace(/%7E/g, '~') },
    { form: 'form-encoded', text: strictPercent(secret.value).replace(/%20/g, '+') },
    { form: 'form-encoded (URLSearchParams)', text: new URLSearchParams({ v: secret.value }).toString().slice(2) },
    { form: 'JSON-escaped', text: json },
    { form: 'JSON-escaped, \\u for non-ASCII', text: json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) },
    { form: 'Base64', text: Buffer.from(secret.value, 'utf8').toString('base64').replace(/=+$/, '') },
    { form: 'hex', text: Buffer.from(secret.value, 'utf8').toString('hex') },
    { form: 'SHA-1 hex', text: createHash('sha1').update(secret.value, 'utf8').digest('hex') },
  ];
  if (secret.user !== undefined) out.push({ form: 'Basic auth', text: Buffer.from(`${secret.user}:${secret.value}`, 'utf8').toString('base64').replace(/=+$/, '') });
  // Only forms long enough to be the secret and not something else.
  return out.filter((f, i, all) => f.text.length >= 8 && all.findIndex((g) => g.text === f.text) === i);
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

export function leaksIn(text: string | Buffer, where: string, secrets: readonly SecretTyped[]): Leak[] {
  const haystack = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    for (const { form, text: needle } of forms(secret)) {
      if (haystack.includes(Buffer.from(needle, 'utf8'))) leaks.push({ secret: secret.label, form, where });
    }
  }
  return leaks;
}

/** Every place a typed secret shows up; empty when none does. */
export async function findSecretLeaks(t: AppUnderTest): Promise<Leak[]> {
  await t.app.services.transfers.flush();
  await t.app.services.log.flush();
  const leaks: Leak[] = [];
  // What the renderer can ask for: the log (list and export) and the transfer list, recorded like every answer.
  await t.call('log.list', { limit: 5000 });
  await t.call('log.export', {});
  await t.call('transfers.list', {});
  await t.call('accounts.list', {});
  await t.call('app.notices', {});
  await t.call('app.info', {});
  await t.call('settings.get', {});
  for (const file of await filesUnder(t.dataDir)) {
    leaks.push(...leaksIn(await fs.readFile(file), `file ${path.relative(t.dataDir, file)}`, t.secrets));
  }
  leaks.push(...leaksIn(JSON.stringify(t.seenByRenderer), 'contract answers and events', t.secrets));
  return leaks;
}

export function describeLeaks(leaks: readonly Leak[]): string {
  if (leaks.length === 0) return 'no typed secret in any file of the data dir, the log, or the contract answers and events';
  const unique = [...new Set(leaks.map((l) => `${l.secret} (${l.form}) in ${l.where}`))];
  return unique.join('; ');
}
