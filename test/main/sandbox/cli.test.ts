// The standalone sandbox command: its arguments, its one ready line, and a clean stop on SIGTERM / SIGINT.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../main/sandbox/cli-args.js';
import { sandboxAccountsSchema } from '../../../main/sandbox/index.js';
import { basicAuth, httpRequest, makeTempDir } from './helpers.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('parseCliArgs', () => {
  it('reads --port and --data-dir, in both spellings', () => {
    expect(parseCliArgs(['--port', '8123', '--data-dir', 'some/dir'])).toEqual({ port: 8123, dataDir: path.resolve('some/dir') });
    expect(parseCliArgs(['--port=0', '--data-dir=/x/y'])).toEqual({ port: 0, dataDir: path.resolve('/x/y') });
  });

  it('defaults to a random port and a folder under the temp dir', () => {
    const options = parseCliArgs([]);
    expect(options.port).toBe(0);
    expect(options.dataDir.startsWith(os.tmpdir())).toBe(true);
  });

  it('refuses bad ports, missing values and unknown options, with the usage', () => {
    for (const argv of [['--port', 'abc'], ['--port', '70000'], ['--port'], ['--data-dir'], ['--faults'], ['serve']]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(/Usage: sandbox/);
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  ready: string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the command and waits for its first line. `detached` makes it the leader of its own process group. */
async function launch(command: string, args: string[], detached = false): Promise<Started> {
  const child = spawn(command, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], detached });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stderr.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    void exited.then(({ code }) => reject(new Error(`exited early with ${code}`)));
  });
  return { child, ready, stdout: () => stdout, exited };
}

async function newDataDir(): Promise<string> {
  const dir = await makeTempDir();
  dirs.push(dir);
  return dir;
}

describe('the sandbox command', () => {
  it('npx tsx main/sandbox/cli.ts prints exactly one line, "Sandbox ready: <baseUrl>", and serves the three protocols', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    // Its own process group: npx does not pass signals on to tsx, so the test stops the whole group, as a
    // terminal's Ctrl-C would.
    const run = await launch('npx', ['tsx', 'main/sandbox/cli.ts', '--port', String(port), '--data-dir', dataDir], true);
    try {
      expect(run.ready).toBe(`Sandbox ready: http://127.0.0.1:${port}`);
      const accounts = sandboxAccountsSchema.parse(JSON.parse(await fs.readFile(path.join(dataDir, 'sandbox-accounts.json'), 'utf8')));
      expect(accounts.baseUrl).toBe(`http://127.0.0.1:${port}`);
      const twilioAuth = basicAuth(accounts.twilio.accountSid, accounts.twilio.authToken);
      expect((await httpRequest(`${accounts.baseUrl}/2010-04-01/Accounts/${accounts.twilio.accountSid}/Messages.json`, { headers: { Authorization: twilioAuth } })).status).toBe(200);
      const libraryAuth = basicAuth(accounts.library.userId, accounts.library.password);
      expect((await httpRequest(`${accounts.library.serverUrl}/rest/1.0/media/${accounts.library.domain}`, { headers: { Authorization: libraryAuth, [accounts.library.applicationIdHeader]: accounts.library.appId } })).status).toBe(200);
      expect((await httpRequest(`${accounts.baseUrl}/generic/precheck?user=${accounts.generic.username}&pass=${accounts.generic.password}`)).status).toBe(200);
      expect(run.stdout()).toBe(`${run.ready}\n`);
    } finally {
      process.kill(-run.child.pid!, 'SIGINT');
      await run.exited;
    }
    await expect(httpRequest(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`closes cleanly and exits 0 on ${signal}`, async () => {
      const dataDir = await newDataDir();
      const run = await launch(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--data-dir', dataDir]);
      const baseUrl = run.ready.replace('Sandbox ready: ', '');
      expect((await httpRequest(`${baseUrl}/`)).status).toBe(200);
      run.child.kill(signal);
      // Exit code 0, not death by the signal: the handler closed the servers and the stores.
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(run.stdout()).toBe(`${run.ready}\n`);
      await expect(httpRequest(`${baseUrl}/`)).rejects.toThrow(/ECONNREFUSED/);
    });
  }
});
