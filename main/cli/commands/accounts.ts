// `accounts list`: what is in the data folder, for people and for scripts. Never a secret: only whether one is
// saved, sealed where media-desk cannot open it, or missing.
import { z } from 'zod';
import type { AccountConfig, AccountSummary } from '../../common/accounts.js';
import { KIND_NAMES, secretState } from '../accounts.js';
import { parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { printable, table } from '../format.js';
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

/** Where the account points, in a few words. */
export function accountWhere(config: AccountConfig): string {
  switch (config.kind) {
    case 'generic':
      return host(config.settings.genericMediaUploadUrl);
    case 'library':
      return `${host(config.serverUrl)} domain ${config.domain} as ${config.userId}`;
    case 'twilio':
      return `${host(config.baseUrl)} ${config.accountSid}`;
  }
}

export const accountsList = defineCommand({
  words: ['accounts', 'list'],
  summary: 'List the accounts in the data folder',
  usage: '[options]',
  description: [
    'Shows each account\'s name, kind, id and server, and whether its secret is "saved" in the vault, "sealed"',
    '(saved by the desktop app in the OS keychain, which media-desk cannot open) or "none".',
    'JSON: {"accounts": [{id, label, kind, sandbox, secret, where, ...configuration}]}.',
  ],
  parse: (line) => parseWith(z.object({ positionals: noPositionals('accounts list') }), argsOf(line)),
  async run(ctx) {
    const data = await ctx.appData();
    const list = data.accounts.list();
    const rows = list.map((account: AccountSummary) => {
      const { secretSet: _hidden, ...rest } = account;
      return { ...rest, sandbox: account.sandbox === true, secret: secretState(data, account), where: accountWhere(account) };
    });
    if (rows.length === 0) ctx.out.warn(`No accounts in ${data.dataDir}.`);
    else {
      const lines = table(
        ['NAME', 'KIND', 'ID', 'SECRET', 'WHERE'],
        rows.map((row) => [printable(row.label), KIND_NAMES[row.kind], row.id, row.secret, printable(row.where)]),
      );
      for (const line of lines) ctx.out.line(line);
    }
    return { json: { dataDir: data.dataDir, accounts: rows } };
  },
});
