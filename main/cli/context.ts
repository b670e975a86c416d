// The context a command runs in: the streams, Ctrl-C, and the data folder, account and secret, each opened only
// when the command asks (so `sandbox` and usage errors never touch the app's folder).
import path from 'node:path';
import type { AccountKind } from '../common/accounts.js';
import { useRunningSandbox } from '../app/connections.js';
import { defaultDataDir } from '../app/paths.js';
import { chooseAccount, type ChosenAccount } from './accounts.js';
import { openAppData, type AppData } from './app-data.js';
import type { CommandContext } from './command.js';
import type { CliIo, Output } from './io.js';
import { resolveSecret } from './secrets.js';
import type { CliWords } from './words.js';

export interface ContextOptions {
  io: CliIo;
  out: Output;
  words: CliWords;
  signal: AbortSignal;
  dataDirOption: string | undefined;
  accountName: string | undefined;
  /** Told about every secret in use, so that output can be scrubbed of it. */
  onSecret(secret: string): void;
  onAppData(data: AppData): void;
  /** Told which account the command works on (messages add hints for sandbox accounts). */
  onAccount(account: { label: string; sandbox: boolean }): void;
}

export function createContext(options: ContextOptions): CommandContext {
  const { io, out, words } = options;
  let opened: Promise<AppData> | undefined;
  const appData = (): Promise<AppData> => {
    opened ??= openAppData(options.dataDirOption ?? defaultDataDir(), (text) => out.warn(words.say('cli:warning', { text })), words).then((data) => {
      // The sandbox account's leave to follow media redirects to loopback goes with the sandbox of a running app
      // only: with the app closed, anyone may listen on its old port.
      useRunningSandbox(data.runningSandbox);
      options.onAppData(data);
      return data;
    });
    return opened;
  };
  return {
    io,
    out,
    words,
    signal: options.signal,
    dataDirOption: options.dataDirOption,
    appData,
    async account<K extends AccountKind>(kind: K): Promise<ChosenAccount<K>> {
      const account = chooseAccount(await appData(), options.accountName, kind);
      options.onAccount(account);
      return account;
    },
    async secret<K extends AccountKind>(account: ChosenAccount<K>): Promise<string> {
      const secret = await resolveSecret(await appData(), account, io, words);
      options.onSecret(secret);
      return secret;
    },
    resolvePath: (file) => path.resolve(io.cwd, file),
  };
}
