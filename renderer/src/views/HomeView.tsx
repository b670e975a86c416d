import { useAppStore } from '../store/app-store';
import { KIND_DESCRIPTION, KIND_LABEL, KIND_NOUN, KIND_ORDER } from '../components/kinds';

export function HomeView() {
  const navigate = useAppStore((s) => s.navigate);
  const accounts = useAppStore((s) => s.accounts);
  return (
    <section className="view" aria-labelledby="home-title">
      <h1 id="home-title">Welcome to Media Desk</h1>
      <p className="lead">
        {accounts.length === 0
          ? 'You have no accounts yet. Add one to start: each kind of service has its own view.'
          : 'Pick an account in the sidebar, or add another one.'}
      </p>
      <div className="cards">
        {KIND_ORDER.map((kind) => (
          <article key={kind} className="card">
            <h2>{KIND_LABEL[kind]}</h2>
            <p>{KIND_DESCRIPTION[kind]}</p>
            <button type="button" className="primary" onClick={() => navigate({ view: 'account-new', kind })}>
              Add a {KIND_NOUN[kind]} account
            </button>
          </article>
        ))}
      </div>
    </section>
  );
}
