// A media source over bytes in memory that honours Range the way a file server does.
import { Readable } from 'node:stream';
import type { MediaStreamResponse, MediaStreamSource, MediaSubject } from '../../main/app/media-streams';

/** What the test sources are, as the activity log would name them. */
export const TEST_MEDIA: MediaSubject = { kind: 'library file', accountId: 'acc_test0001', name: 'Photos/cat.jpg' };

/** A source whose every open fails with `err`. */
export function failingSource(err: Error, subject: MediaSubject = TEST_MEDIA): MediaStreamSource {
  return { subject, open: (): Promise<MediaStreamResponse> => Promise.reject(err) };
}

export function bufferSource(bytes: Buffer, contentType: string): MediaStreamSource & { opened: Array<string | undefined> } {
  const opened: Array<string | undefined> = [];
  return {
    subject: TEST_MEDIA,
    opened,
    async open(range) {
      opened.push(range);
      const match = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
      if (!match) return { status: 200, contentType, contentLength: bytes.length, acceptRanges: true, body: Readable.from([bytes]) };
      const start = match[1] ? Number(match[1]) : bytes.length - Number(match[2]);
      const end = match[1] && match[2] ? Math.min(Number(match[2]), bytes.length - 1) : bytes.length - 1;
      if (start >= bytes.length || start > end) return { status: 416, contentType, contentRange: `bytes */${bytes.length}`, body: null };
      const slice = bytes.subarray(start, end + 1);
      return { status: 206, contentType, contentLength: slice.length, contentRange: `bytes ${start}-${end}/${bytes.length}`, acceptRanges: true, body: Readable.from([slice]) };
    },
  };
}
