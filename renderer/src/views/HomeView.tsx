import type { AccountKind, AccountSummary } from '../../../main/common/accounts';
import { useAppStore } from '../store/app-store';
import { KIND_DESCRIPTION, KIND_LABEL, KIND_NOUN, KIND_ORDER, SANDBOX_EXPLANATION } from '../components/kinds';

/** What a sandbox account of each kind is for, and the first thing to try in it. */
const SANDBOX_FIRST_STEP: Record<AccountKind, string> = {
  generic: 'Drop a JPEG photo or an MP4 video on it, add a recipient and send: the upload appears under Transfers.',
  library: 'Browse its folders, open a file, then choose Permissions to see and edit who may read or change it.',
  twilio: 'Open a message to view its photos and videos, download them, or clean up old media.',
};


function SandboxTour({ accounts }: { accounts: AccountSummary[] }) {
  const navigate = useAppStore((s) => s.navigate);
  return (
    <section aria-labelledby="sandbox-title" className="tour">
      <h2 id="sandbox-title">Try it in the sandbox</h2>
      <p className="subtle">{SANDBOX_EXPLANATION} The accounts marked <span className="badge">sandbox</span> are ready to use:</p>
      <ol className="cards">
        {KIND_ORDER.flatMap((kind) => {
          const account = accounts.find((a) => a.sandbox && a.kind === kind);
          if (!account) return [];
          return [
            <li key={kind} className="card">
              <h3>{account.label}</h3>
              <p className="card-kind">{KIND_LABEL[kind]}: {KIND_DESCRIPTION[kind]}</p>
              <p><strong>Try first:</strong> {SANDBOX_FIRST_STEP[kind]}</p>
              <button type="button" className="primary" onClick={() => navigate({ view: 'account', accountId: account.id })}>
                Open {account.label}
              </button>
            </li>,
          ];
        })}
      </ol>
    </section>
  );
}

export function HomeView() {
  const navigate = useAppStore((s) => s.navigate);
  const accounts = useAppStore((s) => s.accounts);
  const hasSandbox = accounts.some((a) => a.sandbox);
  return (
    <section className="view view-scroll" aria-labelledby="home-title">
      <h1 id="home-title">Welcome to Media Desk</h1>
      <p className="lead">
        {accounts.length === 0
          ? 'You have no accounts yet. Add one to start: each kind of service has its own view.'
          : 'Media Desk uploads, browses and cleans up media on three kinds of services. Pick an account in the sidebar, or add one.'}
      </p>
      {hasSandbox ? <SandboxTour accounts={accounts} /> : null}
      <section aria-labelledby="add-title">
        <h2 id="add-title">Add your own account</h2>
        <div className="cards">
          {KIND_ORDER.map((kind) => (
            <article key={kind} className="card">
              <h3>{KIND_LABEL[kind]}</h3>
              <p>{KIND_DESCRIPTION[kind]}</p>
              <button type="button" onClick={() => navigate({ view: 'account-new', kind })}>
                Add a {KIND_NOUN[kind]} account
              </button>
            </article>
          ))}
        </div>
      </section>
    </section>
  );
}
