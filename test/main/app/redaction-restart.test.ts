// What main keeps of the window's words it still quotes after a restart: a job's folder and files (retried after the
// restart, the server's refusal echoes them) and address-book entries. The call that carried them is gone, so only
// what main stored says they were the window's; a right guess at a stored secret must read back as a wrong one does.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootTestApp } from '../../helpers/app-harness';

const SECRET = `73%5+&"é'[redacted]`;
const WRONG = `73%5+&"é'[redacted`;
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

type App = Awaited<ReturnType<typeof bootTestApp>>;

async function call(app: App, method: string, args: unknown): Promise<unknown> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value;
}

async function boot(dir: string): Promise<App> {
  return bootTestApp(dir, { sandbox: true });
}

async function libraryOf(app: App): Promise<string> {
  const accounts = (await call(app, 'accounts.list', {})) as Array<{ id: string; kind: string }>;
  const library = accounts.find((a) => a.kind === 'library');
  if (!library) throw new Error('no sandbox library account');
  return library.id;
}

async function finished(app: App, id: string, after = ''): Promise<{ state: string; error?: unknown; result?: unknown; finishedAt?: string }> {
  for (;;) {
    const { items } = (await call(app, 'transfers.list', {})) as { items: Array<{ id: string; state: string; finishedAt?: string; error?: unknown; result?: unknown }> };
    const item = items.find((i) => i.id === id);
    if (item && ['done', 'failed', 'cancelled'].includes(item.state) && (item.finishedAt ?? '') > after) return item;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A download of a missing file, failed once, then retried after a restart: what the window reads of the retry. */
async function retriedAfterRestart(guess: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-restart-'));
  dirs.push(dir);
  let app = await boot(dir);
  await call(app, 'settings.update', { proxy: { mode: 'manual', host: '10.9.9.9', port: 3128, username: 'corp', bypass: '*' } });
  await call(app, 'settings.setProxyPassword', { password: SECRET });
  const accountId = await libraryOf(app);
  await call(app, 'library.createFolder', { accountId, folder: `bin ${guess}` });
  const downloads = path.join(dir, 'downloads');
  await fs.mkdir(downloads);
  const grantId = await app.grantFolder(downloads);
  const [queued] = (await call(app, 'library.download', { accountId, folder: `bin ${guess}`, grantId, files: [{ name: `gone ${guess}` }] })) as Array<{ id: string }>;
  const id = queued?.id ?? '';
  const first = await finished(app, id);
  await app.close();

  app = await boot(dir);
  try {
    await call(app, 'transfers.retry', { ids: [id] });
    const item = await finished(app, id, first.finishedAt);
    const logged = ((await call(app, 'log.list', { limit: 20 })) as Array<{ message: string }>).map((e) => e.message).filter((m) => m.includes('gone'));
    // The guess as written, percent-encoded (the request's URL in the log) and JSON-escaped, in every string read back.
    const forms = [guess, encodeURIComponent(guess), JSON.stringify(guess).slice(1, -1)];
    const said = JSON.stringify({ state: item.state, error: item.error, result: item.result, logged }, (_key, value: unknown) => (typeof value === 'string' ? forms.reduce((text, form) => text.split(form).join('GUESS'), value) : value));
    return said.replace(/127\.0\.0\.1:\d+/g, 'HOST').replace(/\(\d+ ms\)/g, '(N ms)');
  } finally {
    await app.close();
  }
}

describe('a guess at a stored secret in a job retried after a restart', () => {
  it('reads back the same, right or wrong', async () => {
    const right = await retriedAfterRestart(SECRET);
    expect(right).toContain('"state":"failed"');
    expect(right).toContain('The file \\"bin GUESS/gone GUESS\\" does not exist.');
    expect(await retriedAfterRestart(WRONG)).toBe(right);
  });
});
