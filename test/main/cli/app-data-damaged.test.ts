// The CLI opens the data folder for reading only: whatever it finds damaged, it reports and leaves as it is.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppData } from '../../../main/cli/app-data';
import { AppError } from '../../../main/common/errors';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-data-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function contents(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await fs.readdir(dir)) out[name] = await fs.readFile(path.join(dir, name), 'utf8');
  return out;
}

describe('the CLI reading the data folder', () => {
  it('a damaged accounts file: an io error that says to start the app, and the file is left where it is', async () => {
    await fs.writeFile(path.join(dir, 'accounts.json'), '{"version":1,"accounts":[{"id":');
    const before = await contents();
    const error = await openAppData(dir, () => undefined).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('io');
    expect((error as AppError).message).toMatch(/damaged.*Start Media Desk/);
    expect(await contents()).toEqual(before);
  });

  it('an account entry it cannot read: left out with a warning naming it, nothing copied', async () => {
    const good = { id: 'acc_good', createdAt: 'x', updatedAt: 'x', config: { kind: 'library', label: 'Good', serverUrl: 'https://l.example', domain: 'd', userId: 'u', appId: 'a' } };
    const bad = { ...good, id: 'acc_bad', config: { ...good.config, label: 'Bad', kind: 'ftp' } };
    await fs.writeFile(path.join(dir, 'accounts.json'), JSON.stringify({ version: 1, accounts: [good, bad] }));
    const before = await contents();
    const warnings: string[] = [];
    const data = await openAppData(dir, (text) => warnings.push(text));
    expect(data.accounts.list().map((a) => a.id)).toEqual(['acc_good']);
    expect(warnings).toEqual([expect.stringContaining('Bad')]);
    expect(await contents()).toEqual(before);
  });
});
