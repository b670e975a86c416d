import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { useAppStore, type Route } from '../store/app-store';
import { useHostGone } from '../store/host-store';
import { useTransfers } from '../store/transfers-store';
import { KIND_ORDER, kindKey } from './kinds';

/** Marks drawn beside the words, hidden from screen readers. */
const ICON = { brand: '◧', menu: '☰' };

function NavButton({ route, current, title, children }: { route: Route; current: boolean; title?: string; children: ReactNode }) {
  const navigate = useAppStore((s) => s.navigate);
  return (
    <button type="button" className={`nav-item${current ? ' current' : ''}`} aria-current={current ? 'page' : undefined} title={title} onClick={() => navigate(route)}>
      {children}
    </button>
  );
}

/**
 * The accounts and tools. Wide windows: a column on the left. Narrow ones: a bar with a menu button, whose list
 * opens over the content (so the content keeps its place however many accounts there are) and closes on a choice.
 */
export function Sidebar() {
  const accounts = useAppStore((s) => s.accounts);
  const route = useAppStore((s) => s.route);
  const routeSerial = useAppStore((s) => s.routeSerial);
  const navigate = useAppStore((s) => s.navigate);
  const currentAccount = 'accountId' in route ? route.accountId : undefined;
  const active = useTransfers((s) => s.summary.active);
  const progress = useTransfers((s) => s.summary.progress);
  const hostGone = useHostGone();
  // The menu closes at every navigation: it remembers the navigation it was opened at.
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const menuOpen = openedAt === routeSerial;
  const toggle = useRef<HTMLButtonElement>(null);
  const { t } = useTranslation(['shell', 'common']);
  // Escape closes the open menu and gives the focus back to its button, as a menu's keyboard users expect.
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setOpenedAt(null);
    toggle.current?.focus();
  };
  return (
    <nav className={`sidebar${menuOpen ? ' menu-open' : ''}`} aria-label={t('nav.label')} onKeyDown={closeOnEscape}>
      <div className="sidebar-bar">
        <button type="button" className="brand" title={t('nav.home')} onClick={() => navigate({ view: 'home' })}>
          <span className="brand-mark" aria-hidden="true">{ICON.brand}</span> {t('common:app.name')}
        </button>
        <button
          ref={toggle}
          type="button"
          className="nav-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav-menu"
          onClick={() => setOpenedAt(menuOpen ? null : routeSerial)}
        >
          <span aria-hidden="true">{ICON.menu}</span> {t('nav.menu')}
        </button>
      </div>
      <div className="nav-menu" id="nav-menu">
        {KIND_ORDER.map((kind) => {
          const ofKind = accounts.filter((a) => a.kind === kind);
          return (
            <section key={kind} className="nav-group" aria-labelledby={`group-${kind}`}>
              <h2 id={`group-${kind}`} className="nav-heading">{t(kindKey(kind, 'label'))}</h2>
              {ofKind.length === 0 ? (
                <button type="button" className="nav-item muted" onClick={() => navigate({ view: 'account-new', kind })}>
                  {t(kindKey(kind, 'navAdd'))}
                </button>
              ) : (
                <ul className="nav-list">
                  {ofKind.map((account) => (
                    <li key={account.id}>
                      <NavButton route={{ view: 'account', accountId: account.id }} current={currentAccount === account.id} title={account.label}>
                        <span className="nav-label">{account.label}</span>
                        {account.sandbox ? <span className="badge" title={t('sandbox.explanation')}>{t('sandbox.badge')}</span> : null}
                      </NavButton>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
        <div className="nav-group">
          <NavButton route={{ view: 'account-new' }} current={route.view === 'account-new'}>{t('nav.addAccount')}</NavButton>
        </div>
        <div className="nav-group nav-bottom">
          <NavButton route={{ view: 'transfers' }} current={route.view === 'transfers'}>
            <span className="nav-label">{t('nav.transfers')}</span>
            {/* Not while the browser host is gone: nothing it counted still runs (the banner says so). */}
            {active > 0 && !hostGone ? (
              <span className="badge badge-active" aria-label={progress !== null ? t('nav.runningPercent', { n: active, percent: Math.round(progress * 100) }) : t('nav.running', { n: active })}>
                {active}
              </span>
            ) : null}
          </NavButton>
          <NavButton route={{ view: 'activity' }} current={route.view === 'activity'}>{t('nav.activity')}</NavButton>
          <NavButton route={{ view: 'address-book' }} current={route.view === 'address-book'}>{t('nav.addressBook')}</NavButton>
          <NavButton route={{ view: 'settings' }} current={route.view === 'settings'}>{t('nav.settings')}</NavButton>
        </div>
      </div>
    </nav>
  );
}
