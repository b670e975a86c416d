// The leave to follow media redirects to loopback (the sandbox's CDN) goes with main's sandbox mark only while that
// sandbox runs in the app and the account still points at it: a marked account left on the port of a sandbox that
// was switched off, or failed to start, is an ordinary account, since anyone may listen on that port now. The
// command line, which runs no sandbox, takes the origin the app running on its data folder announced in
// instance.json, or none (test/main/cli/twilio-sandbox-leave.test.ts).
import { promises as fs } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TwilioAccountConfig } from '../../../main/common/accounts';
import { savedTwilioConnection, useRunningSandbox } from '../../../main/app/connections';
import { sandboxOfRunningApp } from '../../../main/core/storage/instance-lock';
import { bootTestApp } from '../../helpers/app-harness';

const marked = { kind: 'twilio', label: 'Sandbox Twilio', baseUrl: 'http://127.0.0.1:41001/twilio', accountSid: `AC${'1'.repeat(32)}`, authMode: 'authToken', sandbox: true } as TwilioAccountConfig;
const exempt = (config: TwilioAccountConfig): boolean => savedTwilioConnection(config, 'token-1234').sandbox === true;

afterEach(() => useRunningSandbox(null));

describe('the sandbox exemption of a saved Twilio account', () => {
  it('holds in the app while its sandbox runs where the account points', () => {
    useRunningSandbox('http://127.0.0.1:41001');
    expect(exempt(marked)).toBe(true);
  });

  it('is gone when the sandbox is off, or runs on another port than the account points at', () => {
    useRunningSandbox(null);
    expect(exempt(marked)).toBe(false);
    useRunningSandbox('http://127.0.0.1:41999');
    expect(exempt(marked)).toBe(false);
  });

  it('is never given to an account without main mark, wherever it points', () => {
    useRunningSandbox('http://127.0.0.1:41001');
    expect(exempt({ ...marked, sandbox: false })).toBe(false);
  });

  it('is not there until a running sandbox is named: the mark alone is no leave', () => {
    expect(exempt(marked)).toBe(false);
  });

  it('is told to the command line by the running app, in instance.json, until it closes', async () => {
    const app = await bootTestApp(undefined, { sandbox: true });
    try {
      expect(sandboxOfRunningApp(app.dataDir)).toBe(new URL(app.sandbox?.baseUrl ?? 'http://missing').origin);
    } finally {
      await app.close();
      expect(sandboxOfRunningApp(app.dataDir)).toBeNull();
      await fs.rm(app.dataDir, { recursive: true, force: true });
    }
  });
});
