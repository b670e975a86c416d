export function TransfersView() {
  return (
    <section className="view" aria-labelledby="transfers-title">
      <h1 id="transfers-title">Transfers</h1>
      <p className="empty">No transfers yet. Uploads and downloads you start from an account appear here, with their progress.</p>
    </section>
  );
}
