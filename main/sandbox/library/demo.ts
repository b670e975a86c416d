// The media library's demo content, and the bulk seeding used by benchmarks. The demo shows ACL effects from the
// demo user's side (through the demo app): folders of his own, one shared with him read-only by a colleague, one
// he can read but only the partner app may write, and one he cannot see at all.
import path from 'node:path';
import { AppError } from '../../common/errors.js';
import { DEMO_FILES } from '../assets.js';
import { EMPTY_ACL } from './access.js';
import { idProblem } from './ids.js';
import type { FolderRecord } from './model.js';
import type { Creator, LibraryStore } from './store.js';

export interface LibraryPeople {
  domain: string;
  demo: Creator;
  other: Creator;
}

export const VOICEMAIL_CALL_ID = '26919119';
export const MAX_SEED_FILES = 10_000;

export async function seedLibraryDemo(store: LibraryStore, people: LibraryPeople, assetsDir: string): Promise<void> {
  const { domain, demo, other } = people;
  const asset = (name: string): string => path.join(assetsDir, name);
  const [sunset, ocean, fractal, portrait] = DEMO_FILES.images;

  // Only the demo user (no ACL: the creator alone).
  const photos = await store.createFolder(domain, 'photos', demo);
  await store.importFiles(photos, [
    { id: 'sunset.jpg', sourcePath: asset(sunset) },
    { id: 'ocean.jpg', sourcePath: asset(ocean) },
    { id: 'fractal.jpg', sourcePath: asset(fractal) },
  ], demo);

  // The demo user writes; the colleague reads too. One file carries its own ACL (readable by the demo user only).
  const videos = await store.createFolder(domain, 'videos', demo, { ...EMPTY_ACL, readUsers: [demo.user, other.user], writeUsers: [demo.user] });
  await store.importFiles(videos, [
    { id: 'clip.mp4', sourcePath: asset(DEMO_FILES.video) },
    { id: 'draft-cut.mp4', sourcePath: asset(DEMO_FILES.video), acl: { ...EMPTY_ACL, readUsers: [demo.user], writeUsers: [demo.user] } },
  ], demo);

  // The colleague's folder, shared read-only with the demo user.
  const fromColleague = await store.createFolder(domain, 'from-colleague', other, { ...EMPTY_ACL, readUsers: [other.user, demo.user], writeUsers: [other.user] });
  await store.importFiles(fromColleague, [
    { id: 'portrait.jpg', sourcePath: asset(portrait) },
    { id: 'ocean-copy.jpg', sourcePath: asset(ocean) },
  ], other);

  // Readable through either application, writable only through the partner's: read-only in Media Desk.
  const partnerDrop = await store.createFolder(domain, 'partner-drop', demo, { ...EMPTY_ACL, readApps: [demo.app, other.app], writeApps: [other.app] });
  await store.importFiles(partnerDrop, [{ id: 'banner.jpg', sourcePath: asset(sunset) }], demo);

  // The colleague's private folder: the demo user does not see it at all.
  const privateFolder = await store.createFolder(domain, 'colleague-private', other);
  await store.importFiles(privateFolder, [{ id: 'secret-plan.jpg', sourcePath: asset(fractal) }], other);

  // A voicemail for the demo user: /media/{domain}/{callId}/{callId}.mp3, only he may fetch it.
  const voicemail = await store.createFolder(domain, VOICEMAIL_CALL_ID, demo, EMPTY_ACL, true);
  await store.importFiles(voicemail, [{
    id: `${VOICEMAIL_CALL_ID}.mp3`,
    sourcePath: asset(DEMO_FILES.voicemail),
    voicemail: { dest: 'tel:+15005550006', startTime: '2025-06-02T08:00:00Z' },
  }], demo);
}

/**
 * Adds `count` files (copies of a small demo JPEG) to a folder, creating the folder for the demo user when it
 * does not exist. Names continue after earlier seeds: seed-00001.jpg, seed-00002.jpg…
 */
export async function seedLibraryFiles(store: LibraryStore, people: LibraryPeople, assetsDir: string, domain: string, folderId: string, count: number): Promise<string[]> {
  if (domain !== people.domain) throw new AppError('validation', `The sandbox's library has only the domain "${people.domain}".`);
  const problem = idProblem(folderId);
  if (problem !== null) throw new AppError('validation', `Invalid folder id: ${problem}.`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEED_FILES) throw new AppError('validation', `count must be an integer from 1 to ${MAX_SEED_FILES}.`);
  const folder: FolderRecord = store.getFolder(domain, folderId) ?? (await store.createFolder(domain, folderId, people.demo));
  const source = path.join(assetsDir, DEMO_FILES.images[3]);
  const ids: string[] = [];
  for (let n = 1; ids.length < count; n++) {
    const id = `seed-${String(n).padStart(5, '0')}.jpg`;
    if (!folder.files.has(id)) ids.push(id);
  }
  await store.importFiles(folder, ids.map((id) => ({ id, sourcePath: source })), people.demo);
  return ids;
}
