import type { ReactNode } from 'react';
import { useAppStore, type Route } from '../store/app-store';
import { useTransfers } from '../store/transfers-store';
import { KIND_LABEL, KIND_NOUN, KIND_ORDER } from './kinds';

function NavButton({ route, current, children }: { route: Route; current: boolean; children: ReactNode }) {
  const navigate = useAppStore((s) => s.navigate);
  return (
    <button type="button" className={`nav-item${current ? ' current' : ''}`} aria-current={current ? 'page' : undefined} onClick={() => navigate(route)}>
      {children}
    </button>
  );
}

export function Sidebar() {
  const accounts = useAppStore((s) => s.accounts);
  const route = useAppStore((s) => s.route);
  const currentAccount = 'accountId' in route ? route.accountId : undefined;
  const active = useTransfers((s) => s.summary.active);
  const progress = useTransfers((s) => s.summary.progress);
  return (
    <nav className="sidebar" aria-label="Accounts and tools">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">◧</span> Media Desk
      </div>
      {KIND_ORDER.map((kind) => {
        const ofKind = accounts.filter((a) => a.kind === kind);
        return (
          <section key={kind} className="nav-group" aria-labelledby={`group-${kind}`}>
            <h2 id={`group-${kind}`} className="nav-heading">{KIND_LABEL[kind]}</h2>
            {ofKind.length === 0 ? (
              <button type="button" className="nav-item muted" onClick={() => useAppStore.getState().navigate({ view: 'account-new', kind })}>
                + Add {KIND_NOUN[kind]} account
              </button>
            ) : (
              <ul className="nav-list">
                {ofKind.map((account) => (
                  <li key={account.id}>
                    <NavButton route={{ view: 'account', accountId: account.id }} current={currentAccount === account.id}>
                      <span className="nav-label">{account.label}</span>
                      {account.sandbox ? <span className="badge">sandbox</span> : null}
                    </NavButton>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <div className="nav-group">
        <NavButton route={{ view: 'account-new' }} current={route.view === 'account-new'}>+ Add account</NavButton>
      </div>
      <div className="nav-group nav-bottom">
        <NavButton route={{ view: 'transfers' }} current={route.view === 'transfers'}>
          <span className="nav-label">Transfers</span>
          {active > 0 ? (
            <span className="badge badge-active" aria-label={`${active} running${progress !== null ? `, ${Math.round(progress * 100)}%` : ''}`}>
              {active}
            </span>
          ) : null}
        </NavButton>
        <NavButton route={{ view: 'activity' }} current={route.view === 'activity'}>Activity</NavButton>
        <NavButton route={{ view: 'settings' }} current={route.view === 'settings'}>Settings</NavButton>
      </div>
    </nav>
  );
}
