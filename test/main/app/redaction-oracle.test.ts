// The window is untrusted and must never learn a stored secret. It can put guesses in any text main quotes back
// (an account's label, logged on save and named in errors): if the redactor hid a right guess there, the hiding
// would tell the window the secret. Every channel must show a right guess exactly as it shows a wrong one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp } from '../../helpers/app-harness';

const SECRET = '7351';
const WRONG = '7350';
const LIBRARY = { kind: 'library', serverUrl: 'https://lib.example.com', domain: 'd', userId: 'u', appId: 'a' } as const;

let app: Awaited<ReturnType<typeof bootTestApp>>;
beforeAll(async () => {
  app = await bootTestApp(undefined, { sandbox: true });
  // The proxy is bypassed for every host (the sandbox's too): it is here for its password, the secret to guess.
  await call('settings.update', { proxy: { mode: 'manual', host: '10.9.9.9', port: 3128, username: 'corp', bypass: '*' } });
  await call('settings.setProxyPassword', { password: SECRET });
});
afterAll(async () => app.cleanup());

async function call(method: string, args: unknown): Promise<unknown> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value;
}

/** What the window reads back after naming an account `label`, with the guess written as GUESS. */
async function readBack(label: (guess: string) => string, guess: string): Promise<{ log: string; error: unknown }> {
  const { id } = (await call('accounts.create', { config: { ...LIBRARY, label: label(guess) } })) as { id: string };
  await call('accounts.update', { accountId: id, config: { ...LIBRARY, label: label(guess) } });
  const logged = ((await call('log.list', { limit: 2 })) as Array<{ message: string }>).map((e) => e.message).join('\n');
  // Many later calls with right guesses of their own: the label is no longer among the call strings the redactor
  // keeps. A library call quotes it from the store, in an error (no password saved for the account).
  await app.dispatch('files.findExisting', { grantId: `dg_${'0'.repeat(24)}`, names: Array.from({ length: 300 }, (_, i) => `${i} ${SECRET}`) });
  const answer = await app.dispatch('library.listFolders', { accountId: id });
  await call('accounts.remove', { accountId: id });
  const error = answer.ok ? answer.value : answer.error;
  return JSON.parse(JSON.stringify({ log: logged, error }).split(guess).join('GUESS').split(id).join('ID')) as { log: string; error: unknown };
}

describe('a guess at a stored secret in an account label', () => {
  it.each([
    ['the whole label', (g: string) => g],
    ['inside a label', (g: string) => `Office ${g} desk`],
  ])('reads back the same in the log and in errors, right or wrong: %s', async (_what, label) => {
    const right = await readBack(label, SECRET);
    const wrong = await readBack(label, WRONG);
    expect(right.log).toContain('Saved account "');
    expect(JSON.stringify(right.error)).toContain(label('GUESS'));
    expect(right).toEqual(wrong);
    expect(JSON.stringify(right)).not.toContain('[redacted]');
  });
});

async function sandboxLibrary(): Promise<string> {
  const accounts = (await call('accounts.list', {})) as Array<{ id: string; kind: string }>;
  const library = accounts.find((a) => a.kind === 'library');
  if (!library) throw new Error('no sandbox library account');
  return library.id;
}

describe('a guess at a stored secret in a library folder or file name', () => {
  // The names travel only in the call: nothing stored tells the redactor they are the window's.
  async function createFolder(guess: string): Promise<string> {
    const before = (await call('log.list', { limit: 1 })) as Array<{ seq: number }>;
    await call('library.createFolder', { accountId: await sandboxLibrary(), folder: `box ${guess}` });
    const entries = (await call('log.list', { limit: 20 })) as Array<{ seq: number; message: string }>;
    const said = entries.filter((e) => e.seq > (before[0]?.seq ?? 0)).map((e) => e.message).join('\n');
    return said.split(guess).join('GUESS').replace(/\(\d+ ms\)/g, '(N ms)');
  }

  it('reads back the same in the log, right or wrong', async () => {
    const right = await createFolder(SECRET);
    // Also in the request's record, percent-encoded in its URL.
    expect(right).toContain('Created folder "box GUESS".');
    expect(right).toContain('/box%20GUESS/');
    expect(await createFolder(WRONG)).toBe(right);
  });

  // The server quotes the names back in its refusal, which the transfer list shows with the folder joined to the file.
  async function deleteMissing(guess: string): Promise<string> {
    const accountId = await sandboxLibrary();
    await call('library.createFolder', { accountId, folder: `bin ${guess}` });
    const { id } = (await call('library.deleteFiles', { accountId, folder: `bin ${guess}`, files: [`gone ${guess}`] })) as { id: string };
    for (;;) {
      const { items } = (await call('transfers.list', {})) as { items: Array<{ id: string; state: string; result?: unknown; error?: unknown }> };
      const item = items.find((i) => i.id === id);
      if (item && ['done', 'failed', 'cancelled'].includes(item.state)) return JSON.stringify({ state: item.state, result: item.result, error: item.error }).split(guess).join('GUESS');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('reads back the same in the transfer list, right or wrong', async () => {
    const right = await deleteMissing(SECRET);
    expect(right).toContain('The file \\"bin GUESS/gone GUESS\\" does not exist.');
    expect(await deleteMissing(WRONG)).toBe(right);
  });
});
