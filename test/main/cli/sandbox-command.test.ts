// `media-desk sandbox`: the standalone sandbox, as `npm run sandbox` runs it: one ready line (or one JSON line),
// the three protocols served, and a clean exit 0 on SIGTERM or SIGINT.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxAccountsSchema } from '../../../main/sandbox/index.js';
import { buildCli, REPO } from './support/cli-process.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
let dataDir: string;

beforeAll(async () => {
  cli = await buildCli();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-sandbox-'));
});
afterAll(async () => {
  await cli?.remove();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Starts the command and resolves with its first line of stdout; `stop` sends a signal and resolves with the exit. */
async function start(args: string[]) {
  const child = spawn(process.execPath, [cli.bundle, 'sandbox', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const first = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    });
    void exited.then(({ code }) => reject(new Error(`exited early with ${code}: ${stderr}`)));
  });
  return {
    first,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop(signal: NodeJS.Signals) {
      child.kill(signal);
      return exited;
    },
  };
}

describe('media-desk sandbox', () => {
  it('--json prints one JSON line once ready, serves the protocols, and exits 0 on SIGTERM', async () => {
    const server = await start(['--json', '--data-dir', dataDir]);
    const ready = JSON.parse(server.first) as { baseUrl: string; cdnUrl: string; accountsFile: string; dataDir: string };
    expect(ready.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.dataDir).toBe(dataDir);
    expect(ready.accountsFile).toBe(path.join(dataDir, 'sandbox-accounts.json'));
    const accounts = sandboxAccountsSchema.parse(JSON.parse(await fs.readFile(ready.accountsFile, 'utf8')));
    expect(accounts.baseUrl).toBe(ready.baseUrl);
    const auth = `Basic ${Buffer.from(`${accounts.twilio.accountSid}:${accounts.twilio.authToken}`).toString('base64')}`;
    expect((await fetch(`${ready.baseUrl}/2010-04-01/Accounts/${accounts.twilio.accountSid}/Messages.json`, { headers: { authorization: auth } })).status).toBe(200);

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(server.stdout()).toBe(`${server.first}\n`);
    expect(server.stderr()).toBe('');
    await expect(fetch(`${ready.baseUrl}/`)).rejects.toThrow();
  });

  it('prints "Sandbox ready: <url>" on the port asked for, and exits 0 on SIGINT', async () => {
    const probe = await start(['--data-dir', dataDir]);
    const port = Number(new URL(probe.first.replace('Sandbox ready: ', '')).port);
    await probe.stop('SIGTERM');
    // The same data folder again, on the port just freed: its accounts and content are kept.
    const server = await start(['--port', String(port), '--data-dir', dataDir]);
    expect(server.first).toBe(`Sandbox ready: http://127.0.0.1:${port}`);
    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });
});
