// `accounts list`: what is in the data folder, for people and for scripts. Never a secret: only whether one is
// saved, sealed where media-desk cannot open it, or missing.
import { z } from 'zod';
import type { AccountConfig, AccountSummary } from '../../common/accounts.js';
import { kindName, SECRET_STATE_NAMES, secretState } from '../accounts.js';
import { parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { printable, table } from '../format.js';
import { cliWords, type CliWords } from '../words.js';
import { argsOf, noPositionals } from './shared.js';

function host(url: string): string {
  // Generic upload URLs are templates (%account[…]%): only the scheme and server part is shown.
  const match = /^(https?:\/\/[^/?#%]+)/i.exec(url.trim());
  try {
    return match?.[1] ? new URL(match[1]).host : url;
  } catch {
    return url;
  }
}

/** Where the account points, in a few words; in English unless told (the --json document's `where` is English). */
export function accountWhere(config: AccountConfig, words: CliWords = cliWords('en')): string {
  switch (config.kind) {
    case 'generic':
      return host(config.settings.genericMediaUploadUrl);
    case 'library':
      return words.say('cli:where.library', { host: host(config.serverUrl), domain: config.domain, user: config.userId });
    case 'twilio':
      return [host(config.baseUrl), config.accountSid].join(' ');
  }
}

export const accountsList = defineCommand({
  words: ['accounts', 'list'],
  summary: 'cli:accounts.list.summary',
  usage: '[options]',
  description: 'cli:accounts.list.description',
  parse: (line) => parseWith(z.object({ positionals: noPositionals('accounts list') }), argsOf(line)),
  async run(ctx) {
    const data = await ctx.appData();
    const list = data.accounts.list();
    const { say, said } = ctx.words;
    const kindText = (kind: AccountSummary['kind']): string => {
      const name = kindName(kind);
      return typeof name === 'object' ? said(name) : String(name);
    };
    const rows = list.map((account: AccountSummary) => {
      const { secretSet: _hidden, ...rest } = account;
      return { ...rest, sandbox: account.sandbox === true, secret: secretState(data, account), where: accountWhere(account) };
    });
    if (rows.length === 0) ctx.out.warn(say('cli:accounts.list.empty', { folder: data.dataDir }));
    else {
      const lines = table(
        ctx.words,
        ['cli:column.name', 'cli:column.kind', 'cli:column.id', 'cli:column.secret', 'cli:column.where'],
        rows.map((row, i) => [printable(row.label), kindText(row.kind), row.id, say(SECRET_STATE_NAMES[row.secret]), printable(accountWhere(list[i]!, ctx.words))]),
      );
      for (const line of lines) ctx.out.line(line);
    }
    return { json: { dataDir: data.dataDir, accounts: rows } };
  },
});
