import type { AccountSummary } from '../../../../main/common/accounts';

/** The Twilio message-media viewer (messages, media, previews, clean-up). */
export function TwilioPanel({ account }: { account: AccountSummary }) {
  return <p className="empty">The message media viewer for {account.label} is not available yet.</p>;
}
