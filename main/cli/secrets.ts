// Where a command's secret comes from. Never the command line (it would sit in shell history and in `ps` for
// every user to read). In order: the app's vault in the data folder; the MEDIA_DESK_SECRET environment variable;
// a prompt without echo when stdin is a terminal. Otherwise the command stops with exit code 4.
import type { AccountKind, AccountConfig } from '../common/accounts.js';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import type { ChosenAccount } from './accounts.js';
import { secretState } from './accounts.js';
import type { AppData } from './app-data.js';
import type { CliIo } from './io.js';
import { promptHidden } from './prompt.js';
import type { CliWords } from './words.js';

export const SECRET_ENV = 'MEDIA_DESK_SECRET';

type SecretName = 'apiKeySecret' | 'authToken' | 'password';

export function secretName(config: AccountConfig): SecretName {
  if (config.kind === 'twilio') return config.authMode === 'apiKey' ? 'apiKeySecret' : 'authToken';
  return 'password';
}

/** The secret's name inside a sentence, and as a prompt's first word. */
const SECRET_WORDS = {
  apiKeySecret: { name: 'cli:secret.name.apiKeySecret', prompt: 'cli:secret.prompt.apiKeySecret' },
  authToken: { name: 'cli:secret.name.authToken', prompt: 'cli:secret.prompt.authToken' },
  password: { name: 'cli:secret.name.password', prompt: 'cli:secret.prompt.password' },
} as const;

export async function resolveSecret<K extends AccountKind>(data: AppData, account: ChosenAccount<K>, io: CliIo, words: CliWords): Promise<string> {
  const saved = data.accounts.secret(account.id);
  if (saved !== undefined && saved !== '') return saved;
  const fromEnv = io.env[SECRET_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const what = SECRET_WORDS[secretName(account.config)];
  const state = secretState(data, data.accounts.get(account.id));
  const why =
    state === 'sealed'
      ? phrase('cli:secret.sealed', { account: account.label, secret: phrase(what.name), because: phrase(data.sealedBecause) })
      : phrase('cli:secret.none', { account: account.label, secret: phrase(what.name) });
  if (io.stdin.isTTY) {
    io.stderr.write(`${words.said(why)}\n`);
    const typed = await promptHidden(io.stdin, io.stderr, words.say(what.prompt, { account: account.label }));
    if (typed !== '') return typed;
    throw new AppError('config', phrase('cli:secret.noneEntered', { secret: phrase(what.name) }));
  }
  throw new AppError('config', phrase('cli:secret.notAvailable', { why, variable: SECRET_ENV }));
}
