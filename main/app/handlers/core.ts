// What each contract method does. Arguments arrive already parsed by the dispatcher.
import os from 'node:os';
import type { coreMethods } from '../../common/methods/core.js';
import { AppError, redactWords } from '../../common/errors.js';
import { phrase, sayPhrase } from '../../common/i18n/phrase.js';
import { PROXY_PASSWORD_KEY } from '../../common/proxy.js';
import { authPasswordsAfter, proxyDestinationChanged, secretDestinationChanged } from '../../common/secret-binding.js';
import { createRedactor } from '../../core/log/redact.js';
import { validateAccountConfig } from '../account-validation.js';
import { testConnection } from '../connection-test.js';
import { testProxy } from '../proxy-test.js';
import { desktopLanguage, translatorFor } from '../desktop-language.js';
import { restoreSandboxAccounts } from '../embedded-sandbox.js';
import { downloadFolderToOffer, forgetDownloadFolder, pickFolderTitle, rememberDownloadFolder } from '../download-folders.js';
import { retryTransfers } from '../transfer-retry.js';
import type { HandlerContext, HandlersFor } from './types.js';

/** Only web pages leave the app: no file:, javascript:, custom schemes or other handlers. */
export function validateExternalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('validation', phrase('errors:common.badLink'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('validation', phrase('errors:common.linkScheme'));
  if (url.username || url.password) throw new AppError('validation', phrase('errors:common.linkCredentials'));
  return url.toString();
}

export function createCoreHandlers({ services, staging, grants, sandboxUrl, sandboxAccounts }: HandlerContext): HandlersFor<typeof coreMethods> {
  const { accounts, settings, log, notices, vault } = services;
  /** Restores run one after the other: two quick requests must not make two accounts of a kind. */
  let restoring: Promise<unknown> = Promise.resolve();
  return {
    'app.info': () => ({
      name: 'Media Desk',
      version: services.version,
      host: services.host.host,
      platform: `${os.platform()}-${os.arch()}`,
      dataDir: services.dataDir,
      secureStorage: vault.info,
      sandboxUrl: sandboxUrl(),
      downloadFolder: services.host.downloadFolder ?? null,
    }),
    'app.notices': () => notices.list(),
    'app.dismissNotice': ({ id }) => notices.dismiss(id),

    'settings.get': () => settings.get(),
    'settings.update': async (patch) => {
      const before = settings.get();
      const next = await settings.update(patch);
      if (patch.persistSecretsWithoutKeyring !== undefined && patch.persistSecretsWithoutKeyring !== before.persistSecretsWithoutKeyring) {
        await vault.useCipher(await services.cipherFor(next));
        log.info('settings', `Secret storage is now: ${vault.info.backend}.`);
      }
      // The window names the proxy; its saved password does not follow it to another one.
      if (proxyDestinationChanged(before.proxy, next.proxy) && vault.has(PROXY_PASSWORD_KEY)) {
        await vault.delete(PROXY_PASSWORD_KEY);
        log.info('settings', 'The proxy password was removed: it was saved for another proxy. Enter it again for this one.');
      }
      return next;
    },
    'settings.setProxyPassword': async ({ password }) => {
      if (password === null || password === '') await vault.delete(PROXY_PASSWORD_KEY);
      else await vault.set(PROXY_PASSWORD_KEY, password);
      log.info('settings', password ? 'The proxy password was saved.' : 'The proxy password was removed.');
      return { passwordSaved: vault.has(PROXY_PASSWORD_KEY) };
    },
    'settings.proxyPassword': () => ({ passwordSaved: vault.has(PROXY_PASSWORD_KEY) }),
    'settings.testProxy': async ({ accountId }) => {
      // A server may echo what it was sent in a refusal; the window reads these words.
      const tested = await testProxy(accounts.config(accountId));
      const result = { ok: tested.ok, lines: tested.lines.map((line) => redactWords(line, services.redact)) };
      log.add(result.ok ? 'info' : 'warn', 'settings', `Proxy test: ${result.lines.map((l) => l.message).join(' ')}`, accountId);
      return result;
    },
    'settings.forgetDownloadFolder': async ({ kind }) => {
      if (await forgetDownloadFolder(settings, grants, services.transfers, kind)) log.info('settings', `The folder remembered for ${kind} downloads was forgotten.`);
      return settings.get();
    },

    'accounts.list': () => accounts.list(),
    'accounts.create': async ({ config, secret, authSecrets }) => {
      validateAccountConfig(config);
      const created = await accounts.create(config, secret, authSecrets);
      log.info('accounts', `Added ${config.kind} account "${config.label}".`, created.id);
      return created;
    },
    'accounts.update': async ({ accountId, config, secret, authSecrets }) => {
      validateAccountConfig(config);
      const updated = await accounts.update(accountId, config, secret, authSecrets);
      log.info('accounts', `Saved account "${config.label}".`, accountId);
      return updated;
    },
    'accounts.remove': async ({ accountId }) => {
      const label = accounts.config(accountId).label;
      await accounts.remove(accountId);
      log.info('accounts', `Removed account "${label}".`, accountId);
    },
    'accounts.test': async ({ accountId }) => {
      // A server may echo the saved secret in its refusal; the window reads this answer.
      const result = redactWords(await testConnection(accounts.config(accountId), accounts.secret(accountId), accounts.authSecrets(accountId)), services.redact);
      log.add(result.ok ? 'info' : 'warn', 'accounts', `Connection test: ${result.message}`, accountId);
      return result;
    },

    'accounts.testConfig': async ({ config, secret, authSecrets, accountId }) => {
      validateAccountConfig(config);
      // A saved secret goes only where it was bound: an edited destination needs it typed again.
      const savedAuth = accountId !== undefined ? accounts.authSecrets(accountId) : {};
      const bound = accountId !== undefined && !secretDestinationChanged(accounts.config(accountId), config, { previous: savedAuth, next: authPasswordsAfter(savedAuth, authSecrets) });
      const saved = secret === undefined && bound ? accounts.secret(accountId) : undefined;
      const authPasswords = authPasswordsAfter(bound ? savedAuth : {}, authSecrets);
      const tested = await testConnection(config, secret ?? saved, authPasswords);
      // Typed secrets are not in the vault, so the log's redactor cannot know them; a server may echo them in its error.
      const typed = [secret, ...Object.values(authSecrets ?? {})].filter((value): value is string => typeof value === 'string' && value !== '');
      const redactTyped = createRedactor(() => typed);
      const result = redactWords(tested, (text) => services.redact(redactTyped(text)));
      log.add(result.ok ? 'info' : 'warn', 'accounts', `Connection test of an unsaved configuration: ${result.message}`, accountId);
      return result;
    },

    'accounts.restoreSandbox': () => {
      const run = restoring.catch(() => undefined).then(async () => {
        const running = sandboxAccounts();
        if (!running) throw new AppError('conflict', phrase(settings.get().sandboxEnabled ? 'errors:sandbox.notRunningRestart' : 'errors:sandbox.notRunningOff'));
        const result = await restoreSandboxAccounts(services.dataDir, accounts, running);
        for (const added of result.added) log.info('accounts', `Added the sandbox's ${added.kind} account "${added.label}" again.`, added.id);
        if (result.added.length === 0) log.info('accounts', 'The sandbox accounts were all there: none was added.');
        return result;
      });
      restoring = run;
      return run;
    },

    'transfers.list': () => ({ items: services.transfers.list(), summary: services.transfers.summary() }),
    'transfers.cancel': async ({ ids }) => {
      for (const id of ids) await services.transfers.cancel(id);
    },
    'transfers.retry': ({ ids }) => retryTransfers(services.transfers, accounts, ids),
    'transfers.clearFinished': ({ ids }) => services.transfers.clearFinished(ids),

    'files.pickFolder': async ({ kind }) => {
      // In main's language, as the desktop shell's menu and notifications: the dialog is the system's, not the page's.
      const language = desktopLanguage({ settings, systemLanguages: services.host.systemLanguages });
      const title = sayPhrase(translatorFor(language), pickFolderTitle(kind));
      const chosen = await services.host.pickFolder(title, await downloadFolderToOffer(settings, kind));
      if (!chosen) return null;
      // Only a folder the user chose is remembered (the browser host's Downloads folder is fixed anyway); its grant is
      // that kind's own, which forgetting the folder revokes. A settings file that cannot be written costs the
      // memory, not the download.
      const rememberAs = kind && chosen.picked ? kind : undefined;
      const grant = await grants.grant(chosen.path, chosen.picked, rememberAs);
      if (rememberAs) await rememberDownloadFolder(settings, rememberAs, grant.path).catch((err: unknown) => log.warn('settings', `The download folder could not be remembered: ${String(err)}`));
      return grant;
    },
    'files.findExisting': ({ grantId, names }) => grants.findExisting(grantId, names),
    'files.release': async ({ files }) => {
      for (const ref of files) await staging.release(ref);
    },

    'log.list': ({ limit }) => log.list(limit),
    'log.export': async () => ({
      fileName: `media-desk-activity-${new Date().toISOString().slice(0, 10)}.log`,
      text: await log.exportText(),
    }),
    'shell.openExternal': async ({ url }) => services.host.openExternal(validateExternalUrl(url)),
  };
}
