// Previews and voicemail playback: the renderer gets an opaque media URL; main opens the library's bytes with the
// account's credentials at each request (so a removed account or a changed password takes effect at once),
// forwarding Range so players can seek.
import type { AccountStore } from '../core/accounts/account-store.js';
import type { MediaStreamResponse, MediaStreamSource } from './media-streams.js';
import { libraryClientFor } from './library-client.js';

/** Only media types are passed on; anything else is sent as opaque bytes, never as something a page could run. */
function mediaType(value: string | undefined): string {
  const type = (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^(image|video|audio)\/[a-z0-9.+-]+$/.test(type) ? type : 'application/octet-stream';
}

export interface LibraryMediaRef {
  accountId: string;
  folder: string;
  file: string;
  /** Played through the voicemail resource /media/{domain}/{callId}/{callId}.mp3. */
  voicemail: boolean;
}

export function libraryMediaSource(accounts: AccountStore, ref: LibraryMediaRef): MediaStreamSource {
  const voicemail = ref.voicemail && ref.file === `${ref.folder}.mp3`;
  return {
    subject: { kind: voicemail ? 'voicemail' : 'library file', accountId: ref.accountId, name: `${ref.folder}/${ref.file}` },
    async open(range: string | undefined, signal: AbortSignal): Promise<MediaStreamResponse> {
      const client = libraryClientFor(accounts, ref.accountId);
      const options = { range, signal };
      const stream = voicemail ? await client.openVoicemailStream(ref.folder, options) : await client.openFileStream(ref.folder, ref.file, options);
      const { headers } = stream;
      const length = headers['content-length'];
      const response: MediaStreamResponse = {
        status: stream.status,
        contentType: mediaType(headers['content-type']),
        acceptRanges: headers['accept-ranges'] === 'bytes',
        body: stream.body,
      };
      if (length !== undefined && /^\d+$/.test(length)) response.contentLength = Number(length);
      if (headers['content-range']) response.contentRange = headers['content-range'];
      return response;
    },
  };
}
