// The secret scan: after a file's flows have run, no secret typed into the app may appear in any file of the data
// dir (settings, accounts, the sealed vault, the transfer list, logs, staged files, files set aside as corrupt), in
// the activity log the user can export, or in anything the renderer was sent (contract answers and events).
// Each secret is looked for as typed, percent-encoded, JSON-escaped, in Base64, and as the Basic auth credential
// "user:secret" in Base64.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AppUnderTest, SecretTyped } from './app.js';

export interface Leak {
  secret: string;
  form: string;
  where: string;
}

function forms(secret: SecretTyped): Array<{ form: string; text: string }> {
  const out = [
    { form: 'as typed', text: secret.value },
    { form: 'percent-encoded', text: encodeURIComponent(secret.value) },
    { form: 'JSON-escaped', text: JSON.stringify(secret.value).slice(1, -1) },
    { form: 'Base64', text: Buffer.from(secret.value, 'utf8').toString('base64').replace(/=+$/, '') },
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
