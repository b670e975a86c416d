// Shared by the Twilio handler tests: the app booted with its embedded sandbox, typed contract calls, and listings
// made through the contract the way the UI pages through them.
import type { AccountSummary } from '../../../../main/common/accounts';
import type { MethodArgs, MethodName, MethodResult } from '../../../../main/common/contract';
import type { AppErrorData } from '../../../../main/common/errors';
import type { TwilioMediaView, TwilioMessageView } from '../../../../main/common/methods/twilio';
import type { TransferItem } from '../../../../main/common/transfers';
import type { bootTestApp } from '../../../helpers/app-harness';

export type TestApp = Awaited<ReturnType<typeof bootTestApp>>;

export async function call<M extends MethodName>(app: TestApp, method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const result = await app.dispatch(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResult<M>;
}

export async function failure<M extends MethodName>(app: TestApp, method: M, args: MethodArgs<M>): Promise<AppErrorData> {
  const result = await app.dispatch(method, args);
  if (result.ok) throw new Error(`${method} succeeded where it should have failed`);
  return result.error;
}

export async function twilioAccount(app: TestApp): Promise<AccountSummary> {
  const account = (await call(app, 'accounts.list', {})).find((a) => a.kind === 'twilio' && a.sandbox);
  if (!account) throw new Error('the sandbox Twilio account is missing');
  return account;
}

/** Every message, page after page through nextPageUri, as the UI loads them while scrolling. */
export async function allMessages(app: TestApp, accountId: string, pageSize = 50): Promise<{ messages: TwilioMessageView[]; pages: number; links: string[] }> {
  let page = await call(app, 'twilio.listMessages', { accountId, pageSize });
  const messages = [...page.items];
  const links: string[] = [];
  let pages = 1;
  while (page.nextPageUri !== null) {
    links.push(page.nextPageUri);
    page = await call(app, 'twilio.nextMessages', { accountId, nextPageUri: page.nextPageUri });
    messages.push(...page.items);
    pages += 1;
  }
  return { messages, pages, links };
}

export async function allMediaOf(app: TestApp, accountId: string, messageSid: string, pageSize?: number): Promise<TwilioMediaView[]> {
  let page = await call(app, 'twilio.listMedia', { accountId, messageSid, ...(pageSize ? { pageSize } : {}) });
  const media = [...page.items];
  while (page.nextPageUri !== null) {
    page = await call(app, 'twilio.nextMedia', { accountId, nextPageUri: page.nextPageUri });
    media.push(...page.items);
  }
  return media;
}

/** Every media item of the account, by listing every message and every message's media. */
export async function everyMedia(app: TestApp, accountId: string): Promise<TwilioMediaView[]> {
  const { messages } = await allMessages(app, accountId, 1000);
  const all: TwilioMediaView[] = [];
  for (const message of messages) if (message.numMedia !== 0) all.push(...(await allMediaOf(app, accountId, message.sid, 1000)));
  return all;
}

export const tick = (ms = 10): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the queue until these transfers end (bounded: a stuck transfer fails the test instead of hanging it). */
export async function transfersSettled(app: TestApp, ids: string[]): Promise<TransferItem[]> {
  for (let i = 0; i < 1000; i++) {
    const items = (await call(app, 'transfers.list', {})).items.filter((t) => ids.includes(t.id));
    if (items.length === ids.length && items.every((t) => ['done', 'failed', 'cancelled'].includes(t.state))) return items;
    await tick(20);
  }
  throw new Error('transfers did not finish');
}

/** A GMT day, YYYY-MM-DD, `offset` days from today. */
export function gmtDay(offset = 0): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
