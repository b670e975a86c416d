// The process the crash test kills. It opens the app's stores on a data dir exactly as services.ts composes them
// (temp files removed, settings, the vault with its key file, accounts, the transfer queue, the activity log; the
// protocol clients are left out so that the process starts quickly), then writes settings, accounts (with their
// secrets) and the transfer queue in a loop, as fast as it can, until it is killed with SIGKILL at a random moment.
// It reports on stdout, one line per fact, only once the write is complete:
//   ready <accounts> <notices>     the services loaded the data dir (notices: what they found damaged, JSON)
//   created <id>                   accounts.create resolved: the account is on disk
//   removing <id>                  accounts.remove is about to start (the account may be gone from now on)
//   removed <id>                   accounts.remove resolved
// Writes to a pipe are synchronous on Linux, so a line written is a line the parent reads, even after SIGKILL.
// Bundled with esbuild by the test and run with plain node.
import { inEnglish } from '../../../main/common/i18n/phrase.js';
import type { AccountConfig } from '../../../main/common/accounts.js';
import { AccountStore } from '../../../main/core/accounts/account-store.js';
import { ActivityLog } from '../../../main/core/log/activity-log.js';
import { createRedactor } from '../../../main/core/log/redact.js';
import { SettingsStore } from '../../../main/core/settings-store.js';
import { removeStaleTemps } from '../../../main/core/storage/atomic.js';
import { TransferQueue } from '../../../main/core/transfers/transfer-queue.js';
import { createKeyFileCipher } from '../../../main/core/vault/cipher.js';
import { SecretVault } from '../../../main/core/vault/vault.js';

const [dataDir = '', seedText = '1'] = process.argv.slice(2);
let seed = Number(seedText) >>> 0 || 1;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let x = seed;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

function libraryConfig(n: number): AccountConfig {
  return { kind: 'library', label: `Crash library ${n}`, serverUrl: 'https://library.example', domain: 'crash', userId: `user-${n}`, appId: 'crash-app' };
}

/** The stores, opened in the order and the way createAppServices opens them; what they found damaged. */
async function open() {
  await removeStaleTemps(dataDir);
  const notices: string[] = [];
  const settings = new SettingsStore(dataDir);
  const settingsLoad = await settings.load();
  if (settingsLoad.status === 'corrupt') notices.push(`settings damaged: ${inEnglish(settingsLoad.reason)}`);
  const vault = new SecretVault(dataDir, await createKeyFileCipher(dataDir));
  const log = new ActivityLog({ dataDir, redact: createRedactor(() => vault.allValues()) });
  const accounts = new AccountStore(dataDir, vault);
  const vaultLoad = await vault.load();
  if (vaultLoad.corruptMovedTo) notices.push('secrets damaged');
  if (vaultLoad.unreadable.length > 0) notices.push(`${vaultLoad.unreadable.length} secrets could not be decrypted`);
  const accountsLoad = await accounts.load();
  if (accountsLoad.status === 'corrupt') notices.push(`accounts damaged: ${inEnglish(accountsLoad.reason)}`);
  const transfers = new TransferQueue({ dataDir, concurrency: settings.get().concurrency });
  const transfersLoad = await transfers.load();
  if (transfersLoad.corruptMovedTo) notices.push('transfers damaged');
  return { settings, vault, log, accounts, transfers, notices };
}

async function main(): Promise<void> {
  const services = await open();
  // A job type of our own: runs a few milliseconds, so the queue keeps changing state and being saved.
  services.transfers.registerRunner('crash.sleep', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(random() * 20)));
    return {};
  });
  say(`ready ${services.accounts.list().length} ${JSON.stringify(services.notices)}`);
  let n = Math.floor(random() * 1e6);
  for (;;) {
    const op = pick(['settings', 'create', 'create', 'update', 'remove', 'enqueue', 'enqueue', 'clear']);
    const accounts = services.accounts.list().filter((a) => a.label.startsWith('Crash'));
    switch (op) {
      case 'settings':
        await services.settings.update({ theme: pick(['system', 'light', 'dark'] as const), concurrency: 1 + Math.floor(random() * 8) });
        break;
      case 'create': {
        const created = await services.accounts.create(libraryConfig(++n), `secret-${n}-${Math.floor(random() * 1e9)}`);
        say(`created ${created.id}`);
        services.log.info('accounts', `Added account ${created.id}.`);
        break;
      }
      case 'update': {
        const target = accounts.length > 0 ? pick(accounts) : undefined;
        if (target) await services.accounts.update(target.id, { ...libraryConfig(++n), label: `Crash renamed ${n}` }, random() < 0.5 ? `secret-${n}` : undefined);
        break;
      }
      case 'remove': {
        // Keep a few, so that there is always something to lose.
        const target = accounts.length > 5 ? pick(accounts) : undefined;
        if (target) {
          say(`removing ${target.id}`);
          await services.accounts.remove(target.id);
          say(`removed ${target.id}`);
        }
        break;
      }
      case 'enqueue':
        services.transfers.enqueue(
          { type: 'crash.sleep', params: { n } },
          { accountId: accounts[0]?.id ?? 'acc_none', direction: 'upload', title: `file-${n}.jpg`, detail: 'crash test', bytesTotal: 1000 },
        );
        await services.transfers.flush();
        break;
      case 'clear':
        await services.transfers.clearFinished();
        break;
    }
  }
}

main().catch((err: unknown) => {
  say(`error ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
