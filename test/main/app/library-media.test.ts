// How a library preview is named in the activity log when it cannot be opened: a voicemail only when it is read
// through the voicemail resource, else the library file it is.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryMediaSource } from '../../../main/app/library-media';
import { AccountStore } from '../../../main/core/accounts/account-store';
import { memoryOnlyCipher } from '../../../main/core/vault/cipher';
import { SecretVault } from '../../../main/core/vault/vault';

// Nothing is read until a source is opened, and these never are.
const unread = path.join(os.tmpdir(), 'md-never-read');
const accounts = new AccountStore(unread, new SecretVault(unread, memoryOnlyCipher));

describe('a library media source', () => {
  it('names its media for the log: a voicemail by its call, anything else as a library file', () => {
    const named = (folder: string, file: string, voicemail: boolean) => libraryMediaSource(accounts, { accountId: 'acc_lib00001', folder, file, voicemail }).subject;
    expect(named('26919119', '26919119.mp3', true)).toEqual({ kind: 'voicemail', accountId: 'acc_lib00001', name: '26919119/26919119.mp3' });
    // Marked voicemail but not the call's own file: read (and named) as the file it is.
    expect(named('26919119', 'other.mp3', true)).toEqual({ kind: 'library file', accountId: 'acc_lib00001', name: '26919119/other.mp3' });
    expect(named('videos', 'clip.mp4', false)).toEqual({ kind: 'library file', accountId: 'acc_lib00001', name: 'videos/clip.mp4' });
  });
});
