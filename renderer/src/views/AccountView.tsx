import { useState } from 'react';
import type { AccountSummary } from '../../../main/common/accounts';
import type { ConnectionTestResult } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { kindKey } from '../components/kinds';
import { errorText, i18n, useTranslation } from '../i18n';
import { useAppStore } from '../store/app-store';
import { LibraryPanel } from './library/LibraryPanel';
import { TwilioPanel } from './twilio/TwilioPanel';
import { UploadPanel } from './upload/UploadPanel';

type RowLabel = `account.row.${'uploadUrl' | 'method' | 'username' | 'password' | 'server' | 'domain' | 'userId' | 'appId' | 'baseUrl' | 'accountSid' | 'authentication' | 'authToken' | 'apiKeySecret'}`;

/** The method the generic upload uses when the account names none. */
const DEFAULT_METHOD = 'POST';

/** The connection's settings as label and value; the labels are keys of the settings catalogue. */
function connectionRows(account: AccountSummary): Array<[RowLabel, string]> {
  const secret = i18n.t(account.secretSet ? 'settings:account.secretSaved' : 'settings:account.secretNotSet');
  switch (account.kind) {
    case 'generic':
      return [
        ['account.row.uploadUrl', account.settings.genericMediaUploadUrl],
        ['account.row.method', (account.settings.genericMediaUploadMethod || DEFAULT_METHOD).toUpperCase()],
        ['account.row.username', account.username || '—'],
        ['account.row.password', secret],
      ];
    case 'library':
      return [
        ['account.row.server', account.serverUrl],
        ['account.row.domain', account.domain],
        ['account.row.userId', account.userId],
        ['account.row.appId', account.appId],
        ['account.row.password', secret],
      ];
    case 'twilio':
      return [
        ['account.row.baseUrl', account.baseUrl],
        ['account.row.accountSid', account.accountSid],
        ['account.row.authentication', account.authMode === 'apiKey' ? i18n.t('settings:account.row.apiKey', { sid: account.apiKeySid ?? '' }) : i18n.t('settings:account.row.authToken')],
        [account.authMode === 'apiKey' ? 'account.row.apiKeySecret' : 'account.row.authToken', secret],
      ];
  }
}

/** failedTest: the account was saved just now although its last test had failed, which the view says until a new test. */
export function AccountView({ accountId, failedTest }: { accountId: string; failedTest?: ConnectionTestResult | undefined }) {
  const account = useAppStore((s) => s.accounts.find((a) => a.id === accountId));
  const navigate = useAppStore((s) => s.navigate);
  const [test, setTest] = useState<{ running: boolean; result?: ConnectionTestResult; savedAnyway?: boolean }>(() => (failedTest ? { running: false, result: failedTest, savedAnyway: true } : { running: false }));
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [error, setError] = useState<string>();
  const { t } = useTranslation(['settings', 'shell']);
  if (!account) return null;

  const runTest = async () => {
    setTest({ running: true });
    try {
      setTest({ running: false, result: await call('accounts.test', { accountId }) });
    } catch (err) {
      setTest({ running: false, result: { ok: false, message: messageOf(err) } });
    }
  };
  const remove = async () => {
    setConfirmRemove(false);
    try {
      await call('accounts.remove', { accountId });
      navigate({ view: 'home' });
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="view" aria-labelledby="account-title">
      <header className="view-header">
        <div>
          <h1 id="account-title">
            {account.label} {account.sandbox ? <span className="badge">{t('shell:sandbox.badge')}</span> : null}
          </h1>
          <p className="subtle">{t(`shell:${kindKey(account.kind, 'label')}`)} · {t(`shell:${kindKey(account.kind, 'description')}`)}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => void runTest()} disabled={test.running}>
            {test.running ? t('account.testing') : t('account.test')}
          </button>
          <button type="button" onClick={() => navigate({ view: 'account-edit', accountId })}>{t('account.edit')}</button>
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>{t('account.remove')}</button>
        </div>
      </header>
      {test.result && test.savedAnyway ? (
        <p className="banner warn" role="status">{t('account.savedTestFailed', { reason: errorText(test.result) })}</p>
      ) : test.result ? (
        <p className={`banner ${!test.result.ok ? 'bad' : test.result.scope === 'server' ? 'info' : 'ok'}`} role="status">{errorText(test.result)}</p>
      ) : null}
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      {account.kind === 'generic' ? <UploadPanel account={account} /> : null}
      {account.kind === 'library' ? <LibraryPanel account={account} /> : null}
      {account.kind === 'twilio' ? <TwilioPanel account={account} /> : null}
      <details className="connection">
        <summary>{t('account.connection')}</summary>
        <dl className="details">
          {connectionRows(account).map(([name, value]) => (
            <div key={name} className="details-row">
              <dt>{t(name)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      {confirmRemove ? (
        <ConfirmDialog title={t('account.removeTitle', { name: account.label })} confirmLabel={t('account.removeConfirm')} destructive onConfirm={() => void remove()} onCancel={() => setConfirmRemove(false)}>
          <p>{t(account.kind === 'twilio' ? 'account.removeBody.token' : 'account.removeBody.password')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
