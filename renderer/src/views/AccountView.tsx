import { useState } from 'react';
import type { AccountSummary } from '../../../main/common/accounts';
import type { ConnectionTestResult } from '../../../main/common/contract';
import { call, messageOf } from '../bridge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { KIND_DESCRIPTION, KIND_LABEL } from '../components/kinds';
import { useAppStore } from '../store/app-store';
import { LibraryPanel } from './library/LibraryPanel';
import { TwilioPanel } from './twilio/TwilioPanel';
import { UploadPanel } from './upload/UploadPanel';

function connectionRows(account: AccountSummary): Array<[string, string]> {
  const secret = account.secretSet ? 'saved' : 'not set';
  switch (account.kind) {
    case 'generic':
      return [
        ['Upload URL', account.settings.genericMediaUploadUrl],
        ['Method', (account.settings.genericMediaUploadMethod || 'POST').toUpperCase()],
        ['User name', account.username || '—'],
        ['Password', secret],
      ];
    case 'library':
      return [
        ['Server', account.serverUrl],
        ['Domain', account.domain],
        ['User id', account.userId],
        ['Application id', account.appId],
        ['Password', secret],
      ];
    case 'twilio':
      return [
        ['API base URL', account.baseUrl],
        ['Account SID', account.accountSid],
        ['Authentication', account.authMode === 'apiKey' ? `API key ${account.apiKeySid ?? ''}` : 'Auth Token'],
        [account.authMode === 'apiKey' ? 'API key secret' : 'Auth Token', secret],
      ];
  }
}

export function AccountView({ accountId }: { accountId: string }) {
  const account = useAppStore((s) => s.accounts.find((a) => a.id === accountId));
  const navigate = useAppStore((s) => s.navigate);
  const [test, setTest] = useState<{ running: boolean; result?: ConnectionTestResult }>({ running: false });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [error, setError] = useState<string>();
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
            {account.label} {account.sandbox ? <span className="badge">sandbox</span> : null}
          </h1>
          <p className="subtle">{KIND_LABEL[account.kind]} · {KIND_DESCRIPTION[account.kind]}</p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => void runTest()} disabled={test.running}>
            {test.running ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" onClick={() => navigate({ view: 'account-edit', accountId })}>Edit</button>
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>Remove</button>
        </div>
      </header>
      {test.result ? (
        <p className={`banner ${!test.result.ok ? 'bad' : test.result.scope === 'server' ? 'info' : 'ok'}`} role="status">{test.result.message}</p>
      ) : null}
      {error ? <p className="banner bad" role="alert">{error}</p> : null}
      {account.kind === 'generic' ? <UploadPanel account={account} /> : null}
      {account.kind === 'library' ? <LibraryPanel account={account} /> : null}
      {account.kind === 'twilio' ? <TwilioPanel account={account} /> : null}
      <details className="connection">
        <summary>Connection</summary>
        <dl className="details">
          {connectionRows(account).map(([name, value]) => (
            <div key={name} className="details-row">
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      {confirmRemove ? (
        <ConfirmDialog title={`Remove "${account.label}"?`} confirmLabel="Remove account" destructive onConfirm={() => void remove()} onCancel={() => setConfirmRemove(false)}>
          <p>The account's settings and its saved {account.kind === 'twilio' ? 'token' : 'password'} are deleted from this computer. Nothing is deleted on the server.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
