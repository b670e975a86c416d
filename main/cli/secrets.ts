// Where a command's secret comes from. Never the command line (it would sit in shell history and in `ps` for
// every user to read). In order: the app's vault in the data folder; the MEDIA_DESK_SECRET environment variable;
// a prompt without echo when stdin is a terminal. Otherwise the command stops with exit code 4.
import type { AccountKind, AccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import type { ChosenAccount } from './accounts.js';
import { secretState } from './accounts.js';
import type { AppData } from './app-data.js';
import type { CliIo } from './io.js';
import { promptHidden } from './prompt.js';

export const SECRET_ENV = 'MEDIA_DESK_SECRET';

export const SECRETS_HELP = [
  'Secrets are never taken on the command line. The password or token of the account comes from the app\'s',
  'vault in the data folder (the key-file vault the browser host uses, which plain Node opens). When the vault',
  'cannot give it (a folder written by the desktop app, whose OS keychain only Electron can open, or no secret',
  `saved), it is read from the environment variable ${SECRET_ENV}, else asked for without echo when stdin is a`,
  'terminal; with neither, the command stops with exit code 4.',
];

export function secretName(config: AccountConfig): string {
  if (config.kind === 'twilio') return config.authMode === 'apiKey' ? 'API key secret' : 'Auth Token';
  return 'password';
}

export async function resolveSecret<K extends AccountKind>(data: AppData, account: ChosenAccount<K>, io: CliIo): Promise<string> {
  const saved = data.accounts.secret(account.id);
  if (saved !== undefined && saved !== '') return saved;
  const fromEnv = io.env[SECRET_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const what = secretName(account.config);
  const state = secretState(data, data.accounts.get(account.id));
  const why = state === 'sealed' ? `its saved ${what} cannot be opened here (${data.sealedBecause})` : `no ${what} is saved for it`;
  if (io.stdin.isTTY) {
    io.stderr.write(`"${account.label}": ${why}.\n`);
    const typed = await promptHidden(io.stdin, io.stderr, `${what.charAt(0).toUpperCase()}${what.slice(1)} for "${account.label}": `);
    if (typed !== '') return typed;
    throw new AppError('config', `No ${what} was entered.`);
  }
  throw new AppError('config', `"${account.label}": ${why}. Set ${SECRET_ENV}, or run media-desk in a terminal to be asked.`);
}
