// The Twilio viewer's methods: messages and media read through the Twilio client, previews through the app's media
// streams, downloads through the transfer queue, and the clean-up's count and run as jobs in that queue (the run's
// detailed results read from main as the job moves on), its report written by main where downloads go.
import path from 'node:path';
import type { TwilioMediaView, TwilioPage, twilioMethods } from '../../common/methods/twilio.js';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { type Page, type TwilioClient, type TwilioMedia } from '../../providers/twilio/index.js';
import { accountOfKind } from '../connections.js';
import { TWILIO_DOWNLOAD, type TwilioDownloadParams } from '../runners/twilio.js';
import { TWILIO_CLEANUP_RUN, type TwilioCleanupRunParams } from '../runners/twilio-cleanup-run.js';
import { registerTwilioCleanupRunners, TWILIO_CLEANUP_COUNT, type TwilioCleanupCountParams } from '../runners/twilio-cleanup-count.js';
import { reportFolder, saveReport } from '../saved-reports.js';
import { TwilioCleanups } from '../twilio-cleanup.js';
import { twilioClientFor } from '../twilio-connection.js';
import type { TwilioMessageView } from '../../common/methods/twilio.js';
import { twilioMediaFileName } from '../twilio-file-names.js';
import { mediaView, messageViews, registerPreview, type MessageNameFacts } from '../twilio-views.js';
import type { HandlerContext, HandlersFor } from './types.js';

const MESSAGE_IN_MEDIA_LINK = /\/Messages\/((?:SM|MM)[0-9a-fA-F]{32})\/Media\.json/;

export function createTwilioHandlers({ services, media, grants }: HandlerContext): HandlersFor<typeof twilioMethods> {
  const { accounts, log, transfers } = services;
  const cleanups = new TwilioCleanups(path.join(services.dataDir, 'twilio-cleanup'), log);
  registerTwilioCleanupRunners(transfers, { accounts, log }, cleanups);
  const client = (accountId: string): TwilioClient => {
    accountOfKind(accounts, accountId, 'twilio');
    return twilioClientFor(accounts, accountId);
  };

  // A media's file name needs its message's date and sender: remembered from the messages listed (the usual way to
  // reach media), read from Twilio otherwise. A message's date and sender do not change once sent.
  const messageFacts = new Map<string, MessageNameFacts>();
  const remember = (accountId: string, views: TwilioMessageView[]): TwilioMessageView[] => {
    if (messageFacts.size > 20_000) messageFacts.clear();
    for (const v of views) messageFacts.set(`${accountId}/${v.sid}`, { messageDate: v.dateSent ?? v.dateCreated, from: v.from, to: v.to, messageSid: v.sid });
    return views;
  };
  const factsOf = async (accountId: string, c: TwilioClient, messageSid: string): Promise<MessageNameFacts> => {
    const known = messageFacts.get(`${accountId}/${messageSid}`);
    if (known) return known;
    remember(accountId, messageViews([await c.getMessage(messageSid)]));
    return messageFacts.get(`${accountId}/${messageSid}`) ?? { messageDate: null, from: null, to: null, messageSid };
  };

  // A media's type names its file's extension: the server's word for it, remembered from the media listed (the usual
  // way to reach a download), read from Twilio otherwise; never the window's, which could save an SVG as ".txt".
  const mediaTypes = new Map<string, string | null>();
  const typeOf = async (accountId: string, c: TwilioClient, messageSid: string, mediaSid: string): Promise<string | null> => {
    const key = `${accountId}/${messageSid}/${mediaSid}`;
    if (!mediaTypes.has(key)) {
      if (mediaTypes.size > 20_000) mediaTypes.clear();
      mediaTypes.set(key, (await c.getMedia(messageSid, mediaSid)).content_type ?? null);
    }
    return mediaTypes.get(key) ?? null;
  };

  const mediaPage = async (accountId: string, c: TwilioClient, page: Page<TwilioMedia>, messageSid: string): Promise<TwilioPage<TwilioMediaView>> => {
    const context = { accounts, streams: media, mediaUrl: (token: string) => services.host.mediaUrl(token), accountId, apiUrl: c.mediaUrl.bind(c), fileNamePattern: services.settings.get().twilioFileNamePattern };
    const facts = await factsOf(accountId, c, messageSid);
    if (mediaTypes.size > 20_000) mediaTypes.clear();
    for (const m of page.items) mediaTypes.set(`${accountId}/${messageSid}/${m.sid}`, m.content_type ?? null);
    const items = page.items.map((m) => mediaView(context, m, messageSid, facts)).filter((m): m is TwilioMediaView => m !== null);
    return { items, nextPageUri: page.nextPageUri };
  };

  return {
    'twilio.listMessages': async ({ accountId, withMediaOnly, ...filters }) => {
      const page = await client(accountId).listMessages({ ...filters, ...(withMediaOnly ? { withMediaOnly } : {}) });
      return { items: remember(accountId, messageViews(page.items)), nextPageUri: page.nextPageUri };
    },

    'twilio.nextMessages': async ({ accountId, nextPageUri, withMediaOnly }) => {
      const page = await client(accountId).nextMessages(nextPageUri, { withMediaOnly: withMediaOnly === true });
      return { items: remember(accountId, messageViews(page.items)), nextPageUri: page.nextPageUri };
    },

    'twilio.getMessage': async ({ accountId, messageSid }) => {
      const [view] = remember(accountId, messageViews([await client(accountId).getMessage(messageSid)]));
      if (!view) throw new AppError('protocol', phrase('errors:twilio.messageWithoutSid'));
      return view;
    },

    'twilio.listMedia': async ({ accountId, messageSid, ...filters }) => {
      const c = client(accountId);
      return await mediaPage(accountId, c, await c.listMedia(messageSid, filters), messageSid);
    },

    'twilio.nextMedia': async ({ accountId, nextPageUri }) => {
      const messageSid = MESSAGE_IN_MEDIA_LINK.exec(nextPageUri)?.[1];
      if (!messageSid) throw new AppError('validation', phrase('errors:twilio.notMediaPageLink'), { field: 'nextPageUri' });
      const c = client(accountId);
      return await mediaPage(accountId, c, await c.nextMedia(nextPageUri), messageSid);
    },

    'twilio.getMedia': async ({ accountId, messageSid, mediaSid }) => {
      const c = client(accountId);
      const [view] = (await mediaPage(accountId, c, { items: [await c.getMedia(messageSid, mediaSid)], nextPageUri: null, pagesFetched: 1 }, messageSid)).items;
      if (!view) throw new AppError('protocol', phrase('errors:twilio.mediaWithoutSid'));
      return view;
    },

    'twilio.getMediaXml': async ({ accountId, messageSid, mediaSid }) => {
      const { xml } = await client(accountId).getMediaXml(messageSid, mediaSid);
      return { xml };
    },

    'twilio.previewUrl': ({ accountId, messageSid, mediaSid }) => {
      accountOfKind(accounts, accountId, 'twilio');
      return { url: registerPreview(accounts, media, (token) => services.host.mediaUrl(token), { accountId, messageSid, mediaSid }) };
    },

    'twilio.download': async ({ accountId, grantId, items }) => {
      const account = accountOfKind(accounts, accountId, 'twilio');
      const target = await grants.folder(grantId);
      const choice = grants.choice(grantId);
      const c = client(accountId);
      const named: Array<(typeof items)[number] & { fileName: string }> = [];
      const pattern = services.settings.get().twilioFileNamePattern;
      for (const item of items) {
        const contentType = await typeOf(accountId, c, item.messageSid, item.mediaSid);
        const fileName = twilioMediaFileName({ ...(await factsOf(accountId, c, item.messageSid)), mediaSid: item.mediaSid, contentType }, pattern);
        named.push({ ...item, fileName });
      }
      // All or nothing, before anything is queued.
      await grants.allowOverwrite(
        grantId,
        named.filter((item) => item.onExisting === 'overwrite').map((item) => item.fileName),
      );
      const queued = named.map(({ fileName, ...item }) => {
        const params: TwilioDownloadParams = { accountId, messageSid: item.messageSid, mediaSid: item.mediaSid, folder: target, fileName, ...(item.onExisting ? { onExisting: item.onExisting } : {}) };
        return transfers.enqueue({ type: TWILIO_DOWNLOAD, params, ...(choice ? { choice } : {}) }, { accountId, direction: 'download', title: fileName, detail: phrase('shell:transfer.to.folder', { account: account.label, folder: target }), bytesTotal: null });
      });
      log.info('transfers', `Queued ${queued.length} download(s) from "${account.label}" to ${target}.`, accountId);
      return queued;
    },

    'twilio.deleteMedia': async ({ accountId, messageSid, mediaSid }) => {
      await client(accountId).deleteMedia(messageSid, mediaSid);
      log.info('twilio', `Deleted media ${mediaSid} of message ${messageSid}.`, accountId);
    },

    'twilio.cleanupPlan': ({ accountId, dateFrom, dateTo, from, to }) => {
      const account = accountOfKind(accounts, accountId, 'twilio');
      client(accountId);
      const params: TwilioCleanupCountParams = { accountId, dateFrom, dateTo, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
      return transfers.enqueue(
        { type: TWILIO_CLEANUP_COUNT, params },
        { accountId, direction: 'job', unit: 'items', title: phrase('shell:transfer.job.cleanupCount', { from: dateFrom, to: dateTo }), detail: phrase('shell:transfer.job.cleanupCountDetail', { account: account.label }), bytesTotal: null },
      );
    },
    'twilio.cleanupGetPlan': ({ accountId, planId }) => cleanups.plan(accountId, planId),

    'twilio.cleanupStart': async ({ accountId, planId, exclude }) => {
      const account = accountOfKind(accounts, accountId, 'twilio');
      client(accountId);
      const { runId, planFile, plan, excluded } = await cleanups.take(accountId, planId, exclude);
      const params: TwilioCleanupRunParams = { accountId, runId, planFile };
      const { dateFrom, dateTo } = plan.criteria;
      const job = transfers.enqueue(
        { type: TWILIO_CLEANUP_RUN, params, ownedFiles: [planFile] },
        { accountId, direction: 'job', unit: 'items', title: phrase('shell:transfer.job.cleanupRun', { from: dateFrom, to: dateTo }), detail: phrase('shell:transfer.job.cleanupRunDetail', { account: account.label }), bytesTotal: plan.count },
      );
      // The job may wait its turn: the screen finds the run (nothing done yet) at once all the same.
      cleanups.queued({ runId, accountId, excluded, plan }, job.id);
      return cleanups.status(runId, 0);
    },
    'twilio.cleanupStatus': ({ runId, since }) => cleanups.status(runId, since ?? 0),
    'twilio.cleanupLatest': ({ accountId }) => cleanups.latest(accountId),
    'twilio.cleanupReport': async ({ runId, format }) => {
      const { fileName, text } = cleanups.report(runId, format);
      const savedTo = await saveReport(await reportFolder(services.settings, services.host.downloadFolder, 'twilio'), fileName, text);
      log.info('twilio', `Clean-up report saved to ${savedTo}.`, cleanups.status(runId).accountId);
      return { savedTo };
    },
  };
}
