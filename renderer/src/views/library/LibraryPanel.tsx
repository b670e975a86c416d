import type { AccountSummary } from '../../../../main/common/accounts';

/** The media library browser (folders, files, previews, access lists). */
export function LibraryPanel({ account }: { account: AccountSummary }) {
  return <p className="empty">The folder browser for {account.label} is not available yet.</p>;
}
