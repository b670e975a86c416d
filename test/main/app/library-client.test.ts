// A listing's files as the window receives them: every property the library sent, nothing it did not (no key set to
// undefined), and the voicemail recognised.
import { describe, expect, it } from 'vitest';
import { fileInfo } from '../../../main/app/library-client';

const acl = { readUsers: ['u-1'], readApps: [], writeUsers: [], writeApps: ['app-1'] };

describe('fileInfo', () => {
  it('keeps every property of a file', () => {
    const file = { id: 'f/a.jpg', folder: 'f', name: 'a.jpg', acl, createdWith: 'app-1', createdBy: 'u-1', createdOn: '2026-01-02T03:04:05Z', size: 12 };
    expect(fileInfo(file)).toStrictEqual({ ...file, voicemail: false });
  });

  it('sets no key the library left out', () => {
    expect(Object.keys(fileInfo({ id: 'f/b.jpg', folder: 'f', name: 'b.jpg', acl })).sort()).toEqual(['acl', 'folder', 'id', 'name', 'voicemail']);
  });

  it('marks a voicemail by its fields or by its call folder', () => {
    expect(fileInfo({ id: '123/123.mp3', folder: '123', name: '123.mp3', acl, dest: '+15550001', startTime: '2026-01-02T03:04:05Z' })).toMatchObject({ voicemail: true, dest: '+15550001', startTime: '2026-01-02T03:04:05Z' });
    expect(fileInfo({ id: '123/123.mp3', folder: '123', name: '123.mp3', acl }).voicemail).toBe(true);
  });
});
