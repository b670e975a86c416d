import { Trans, useTranslation } from '../i18n';
import type { AccountSummary } from '../../../main/common/accounts';
import { useAppStore } from '../store/app-store';
import { KIND_ORDER, kindKey } from '../components/kinds';

/** What a sandbox account of each kind is for, and the first thing to try in it (kind.<kind>.firstStep). */
function SandboxTour({ accounts }: { accounts: AccountSummary[] }) {
  const navigate = useAppStore((s) => s.navigate);
  const { t } = useTranslation('shell');
  return (
    <section aria-labelledby="sandbox-title" className="tour">
      <h2 id="sandbox-title">{t('home.tourTitle')}</h2>
      <p className="subtle">
        {t('sandbox.explanation')} <Trans t={t} i18nKey="home.tourReady" components={{ badge: <span className="badge" /> }} />
      </p>
      <ol className="cards">
        {KIND_ORDER.flatMap((kind) => {
          const account = accounts.find((a) => a.sandbox && a.kind === kind);
          if (!account) return [];
          return [
            <li key={kind} className="card">
              <h3>{account.label}</h3>
              <p className="card-kind">{t('home.cardKind', { kind: t(kindKey(kind, 'label')), description: t(kindKey(kind, 'description')) })}</p>
              <p><strong>{t('home.tryFirst')}</strong> {t(kindKey(kind, 'firstStep'))}</p>
              <button type="button" className="primary" onClick={() => navigate({ view: 'account', accountId: account.id })}>
                {t('home.open', { name: account.label })}
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
  const { t } = useTranslation('shell');
  const hasSandbox = accounts.some((a) => a.sandbox);
  return (
    <section className="view view-scroll" aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <p className="lead">{accounts.length === 0 ? t('home.leadEmpty') : t('home.lead')}</p>
      {hasSandbox ? <SandboxTour accounts={accounts} /> : null}
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t('home.addTitle')}</h2>
        <div className="cards">
          {KIND_ORDER.map((kind) => (
            <article key={kind} className="card">
              <h3>{t(kindKey(kind, 'label'))}</h3>
              <p>{t(kindKey(kind, 'description'))}</p>
              <button type="button" onClick={() => navigate({ view: 'account-new', kind })}>
                {t(kindKey(kind, 'add'))}
              </button>
            </article>
          ))}
        </div>
      </section>
    </section>
  );
}
