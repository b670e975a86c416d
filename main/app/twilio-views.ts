// What the Twilio viewer shows, made from what the client read: messages and media in the UI's shape, each media
// with its preview stream (the bytes fetched by main with the account's credentials, Range passed through) and the
// name a download gets.
import type { TwilioMediaView, TwilioMessageView } from '../common/methods/twilio.js';
import { mediaKind } from '../common/twilio-kind.js';
import { AppError } from '../common/errors.js';
import type { AccountStore } from '../core/accounts/account-store.js';
import type { TwilioMedia, TwilioMessage } from '../providers/twilio/index.js';
import type { MediaStreamResponse, MediaStreams } from './media-streams.js';
import { twilioMediaFileName, type MediaNameFacts } from './twilio-file-names.js';
import { twilioClientFor } from './twilio-connection.js';

export function messageView(message: TwilioMessage & { sid: string }): TwilioMessageView {
  const count = message.num_media === null ? null : Number(message.num_media);
  return {
    sid: message.sid,
    from: message.from,
    to: message.to,
    body: message.body,
    status: message.status,
    direction: message.direction,
    dateSent: message.date_sent_iso,
    dateCreated: message.date_created_iso,
    numMedia: count !== null && Number.isFinite(count) ? count : null,
    errorCode: message.error_code,
    errorMessage: message.error_message,
  };
}

/** Messages without a SID cannot be opened or acted on, so they are left out rather than shown broken. */
export function messageViews(messages: TwilioMessage[]): TwilioMessageView[] {
  return messages.filter((m): m is TwilioMessage & { sid: string } => m.sid !== null).map(messageView);
}

/** Registers a stream of one media's bytes and returns the URL the UI loads it from. */
export function registerPreview(accounts: AccountStore, streams: MediaStreams, mediaUrl: (token: string) => string, ids: { accountId: string; messageSid: string; mediaSid: string }): string {
  const token = streams.register({
    subject: { kind: 'Twilio media', accountId: ids.accountId, name: `${ids.messageSid}/${ids.mediaSid}` },
    async open(range, signal): Promise<MediaStreamResponse> {
      // The client is made when the bytes are asked for, so a token edited meanwhile is used.
      const client = twilioClientFor(accounts, ids.accountId);
      try {
        const content = await client.openMediaContent(ids.messageSid, ids.mediaSid, { range, signal });
        const response: MediaStreamResponse = { status: content.status, contentType: content.contentType, acceptRanges: true, body: content.body };
        if (content.contentLength !== undefined) response.contentLength = content.contentLength;
        if (content.contentRange !== undefined) response.contentRange = content.contentRange;
        return response;
      } catch (err) {
        // A seek past the end is the player's question, not a failure: answer it the way HTTP does.
        if (err instanceof AppError && err.details?.status === 416) return { status: 416, contentType: 'text/plain', body: null };
        throw err;
      }
    },
  });
  return mediaUrl(token);
}

export interface MediaViewContext {
  accounts: AccountStore;
  streams: MediaStreams;
  mediaUrl: (token: string) => string;
  accountId: string;
  /** The client's mediaUrl: the address on Twilio's API, no credentials. */
  apiUrl(messageSid: string, mediaSid: string): string;
  /** Settings' pattern for download names. */
  fileNamePattern: string;
}

/** The message's facts a media's file name is made of. */
export type MessageNameFacts = Pick<MediaNameFacts, 'messageDate' | 'from' | 'to' | 'messageSid'>;

export function mediaView(context: MediaViewContext, media: TwilioMedia, messageSid: string, message: MessageNameFacts): TwilioMediaView | null {
  if (media.sid === null) return null;
  const parent = media.parent_sid ?? messageSid;
  return {
    sid: media.sid,
    messageSid: parent,
    contentType: media.content_type,
    kind: mediaKind(media.content_type),
    dateCreated: media.date_created_iso,
    fileName: twilioMediaFileName({ ...message, mediaSid: media.sid, contentType: media.content_type }, context.fileNamePattern),
    mediaUrl: context.apiUrl(parent, media.sid),
    previewUrl: registerPreview(context.accounts, context.streams, context.mediaUrl, { accountId: context.accountId, messageSid: parent, mediaSid: media.sid }),
    resource: {
      sid: media.sid,
      account_sid: media.account_sid,
      parent_sid: media.parent_sid,
      content_type: media.content_type,
      date_created: media.date_created,
      date_updated: media.date_updated,
      uri: media.uri,
    },
  };
}
