// The media library over HTTP: every resource of PROTOCOLS.md §2, the demo users and applications, and the ACL
// rules as seen through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../../../../main/sandbox/index.js';
import { demoAsset, httpRequest, startTestSandbox, type TestSandbox } from '../helpers.js';
import { entries, libraryClient, type LibraryClient } from './client.js';

describe('the media library API', () => {
  let t: TestSandbox;
  let lib: LibraryClient;
  let demoUser: string;
  let otherUser: string;
  const d = (): string => `/${lib.domain}`;

  beforeAll(async () => {
    t = await startTestSandbox();
    lib = libraryClient(t.sandbox);
    demoUser = t.sandbox.accounts.library.userId;
    otherUser = t.sandbox.accounts.library.otherUser.userId;
  });
  afterAll(() => t.stop());

  describe('authentication', () => {
    it('needs Basic credentials of a known user and a known application id header', async () => {
      const noAuth = await httpRequest(`${lib.root}${d()}`);
      expect(noAuth.status).toBe(401);
      expect(noAuth.headers['www-authenticate']).toMatch(/^Basic /);
      const wrongPassword = await lib.call('GET', d(), { headers: { Authorization: `Basic ${Buffer.from(`${demoUser}:nope`).toString('base64')}` } });
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.json()).toEqual({ message: 'Invalid user id or password.' });
      const noApp = await lib.call('GET', d(), { headers: { 'X-Application-Id': '' } });
      expect(noApp.status).toBe(401);
      expect((noApp.json() as { message: string }).message).toContain('X-Application-Id');
      const unknownApp = await lib.call('GET', d(), { app: 'some-other-app' });
      expect(unknownApp.status).toBe(401);
      expect((await lib.call('GET', '/another-domain')).status).toBe(404);
    });
  });

  describe('demo content and ACL effects', () => {
    it('each user lists the folders his ACLs let him read', async () => {
      const demoSees = entries(await lib.call('GET', d())).map((e) => e.id);
      expect(demoSees).toEqual(['26919119', 'from-colleague', 'partner-drop', 'photos', 'videos']);
      const otherSees = entries(await lib.call('GET', d(), { as: 'other' })).map((e) => e.id);
      expect(otherSees).toEqual(['colleague-private', 'from-colleague', 'partner-drop', 'videos']);
      const demoThroughPartnerApp = entries(await lib.call('GET', d(), { app: 'other' })).map((e) => e.id);
      expect(demoThroughPartnerApp).toEqual(demoSees);
    });

    it('a folder listing has one entry per file, with well-formed plural ACL keys', async () => {
      const photos = entries(await lib.call('GET', `${d()}/photos`));
      expect(photos.map((e) => e.id)).toEqual(['photos/fractal.jpg', 'photos/ocean.jpg', 'photos/sunset.jpg']);
      const fractal = await demoAsset('fractal.jpg');
      expect(photos[0]).toMatchObject({ createdBy: demoUser, createdWith: t.sandbox.accounts.library.appId, size: fractal.length, readUsers: [], writeApps: [] });
      expect(Date.parse(photos[0]!.createdOn)).not.toBeNaN();
    });

    it('read access shared with a colleague, with a file that keeps its own stricter ACL', async () => {
      expect((await lib.call('GET', `${d()}/videos`, { as: 'other' })).status).toBe(200);
      expect((await lib.call('GET', `${d()}/videos/clip.mp4`, { as: 'other' })).status).toBe(200);
      expect((await lib.call('GET', `${d()}/videos/draft-cut.mp4`, { as: 'other' })).status).toBe(403);
      expect((await lib.call('POST', `${d()}/videos`, { as: 'other', json: { id: 'mine.mp4' } })).status).toBe(403);
      expect((await lib.call('GET', `${d()}/photos`, { as: 'other' })).status).toBe(403);
    });

    it('an ACL of applications only: who may write depends on the application, not the user', async () => {
      const drop = `${d()}/partner-drop`;
      expect((await lib.call('POST', drop, { json: { id: 'from-media-desk.jpg' } })).status).toBe(403);
      expect((await lib.call('POST', drop, { app: 'other', json: { id: 'demo-via-partner.jpg' } })).status).toBe(201);
      expect((await lib.call('POST', drop, { as: 'other', json: { id: 'other-via-partner.jpg' } })).status).toBe(201);
      expect((await lib.call('GET', drop)).status).toBe(200);
    });

    it('changing an ACL needs write access, and the new ACL takes effect at once', async () => {
      expect((await lib.call('PUT', `${d()}/from-colleague/acl`, { json: { readUsers: [demoUser] } })).status).toBe(403);
      const created = await lib.call('POST', d(), { json: { id: 'acl-demo' } });
      expect(created.status).toBe(201);
      expect((await lib.call('GET', `${d()}/acl-demo`, { as: 'other' })).status).toBe(403);
      // Singular keys, as the document's samples write them, are accepted; the answer uses the plural ones.
      const granted = await lib.call('PUT', `${d()}/acl-demo/acl`, { json: { readUser: [demoUser, otherUser], writeUser: [demoUser] } });
      expect(granted.status).toBe(202);
      expect(entries(granted)[0]).toMatchObject({ id: 'acl-demo', readUsers: [demoUser, otherUser], writeUsers: [demoUser], readApps: [], writeApps: [] });
      expect((await lib.call('GET', `${d()}/acl-demo`, { as: 'other' })).status).toBe(200);
      expect(entries(await lib.call('GET', `${d()}/acl-demo/acl`, { as: 'other' }))[0]!.readUsers).toEqual([demoUser, otherUser]);
      // Locking oneself out is allowed (the app warns before it): the creator is not in the new lists.
      expect((await lib.call('PUT', `${d()}/acl-demo/acl`, { json: { readUsers: [otherUser], writeUsers: [otherUser] } })).status).toBe(202);
      expect((await lib.call('GET', `${d()}/acl-demo`)).status).toBe(403);
      expect((await lib.call('PUT', `${d()}/acl-demo/acl`, { json: {} })).status).toBe(403);
    });

    it('a file without its own ACL follows its folder; emptying a file ACL makes it follow the folder again', async () => {
      expect((await lib.call('POST', d(), { json: { id: 'inherit' } })).status).toBe(201);
      expect((await lib.call('PUT', `${d()}/inherit/acl`, { json: { readUsers: [demoUser, otherUser], writeUsers: [demoUser] } })).status).toBe(202);
      expect((await lib.call('POST', `${d()}/inherit`, { json: { id: 'f.jpg' } })).status).toBe(201);
      expect((await lib.call('GET', `${d()}/inherit/f.jpg`, { as: 'other' })).status).toBe(200);
      expect((await lib.call('PUT', `${d()}/inherit/f.jpg/acl`, { json: { readUsers: [demoUser] } })).status).toBe(202);
      expect((await lib.call('GET', `${d()}/inherit/f.jpg`, { as: 'other' })).status).toBe(403);
      expect((await lib.call('PUT', `${d()}/inherit/f.jpg/acl`, { json: {} })).status).toBe(202);
      expect((await lib.call('GET', `${d()}/inherit/f.jpg`, { as: 'other' })).status).toBe(200);
    });

    it('a voicemail downloads as MP3 for its owner only, at both documented paths, whatever its ACL says', async () => {
      const original = await demoAsset(DEMO_FILES.voicemail);
      const direct = await lib.call('GET', `${d()}/26919119/26919119.mp3`);
      expect(direct.status).toBe(200);
      expect(direct.headers['content-type']).toBe('audio/mpeg');
      expect(direct.body.equals(original)).toBe(true);
      const alias = await lib.call('GET', '/call:26919119/26919119.mp3');
      expect(alias.body.equals(original)).toBe(true);
      const details = entries(await lib.call('GET', `${d()}/26919119/26919119.mp3`, { headers: { Accept: 'application/json' } }))[0]!;
      expect(details).toMatchObject({ id: '26919119/26919119.mp3', size: original.length, createdBy: demoUser });
      expect(details.dest).toMatch(/^tel:/);
      expect(Date.parse(details.startTime!)).not.toBeNaN();
      expect((await lib.call('PUT', `${d()}/26919119/26919119.mp3/acl`, { json: { readUsers: [demoUser, otherUser] } })).status).toBe(202);
      expect((await lib.call('GET', `${d()}/26919119/26919119.mp3`, { as: 'other' })).status).toBe(403);
      expect((await lib.call('GET', '/call:26919119/26919119.mp3', { as: 'other' })).status).toBe(403);
    });
  });

  describe('folders and files', () => {
    it('creates a folder and a file, answering 201 with a Location that works; a second create is 409', async () => {
      const folder = await lib.call('POST', d(), { json: { id: 'holiday 2025' } });
      expect(folder.status).toBe(201);
      expect(folder.headers.location).toBe(`${lib.root}${d()}/holiday%202025`);
      expect(entries(folder)[0]).toMatchObject({ id: 'holiday 2025', createdBy: demoUser, createdWith: t.sandbox.accounts.library.appId });
      expect((await lib.call('POST', d(), { json: { id: 'holiday 2025' } })).status).toBe(409);
      const file = await lib.call('POST', `${d()}/holiday%202025`, { json: { id: 'beach.jpg' } });
      expect(file.status).toBe(201);
      expect(file.headers.location).toBe(`${lib.root}${d()}/holiday%202025/beach.jpg`);
      expect(entries(file)[0]).toMatchObject({ id: 'holiday 2025/beach.jpg', size: 0 });
      expect((await lib.call('POST', `${d()}/holiday%202025`, { json: { id: 'beach.jpg' } })).status).toBe(409);
      expect((await lib.call('POST', `${d()}/holiday%202025`, { json: { id: 'acl' } })).status).toBe(400);
    });

    it('uploads content as application/octet-stream and serves it back, with Range and content negotiation', async () => {
      const original = await demoAsset('ocean-gradient.jpg');
      await lib.call('POST', d(), { json: { id: 'uploads' } });
      await lib.call('POST', `${d()}/uploads`, { json: { id: 'ocean.jpg' } });
      const up = await lib.call('POST', `${d()}/uploads/ocean.jpg`, { body: original, headers: { 'Content-Type': 'application/octet-stream' } });
      expect(up.status).toBe(201);
      expect(up.headers.location).toBe(`${lib.root}${d()}/uploads/ocean.jpg`);
      expect(entries(up)[0]!.size).toBe(original.length);

      const details = await lib.call('GET', `${d()}/uploads/ocean.jpg`);
      expect(details.headers['content-type']).toMatch(/^application\/json/);
      expect(entries(details)[0]!.size).toBe(original.length);
      const octets = await lib.call('GET', `${d()}/uploads/ocean.jpg`, { headers: { Accept: 'application/octet-stream' } });
      expect(octets.headers['content-type']).toBe('application/octet-stream');
      expect(octets.body.equals(original)).toBe(true);
      const typed = await lib.call('GET', `${d()}/uploads/ocean.jpg`, { headers: { Accept: 'image/jpeg' } });
      expect(typed.headers['content-type']).toBe('image/jpeg');
      expect(typed.body.equals(original)).toBe(true);
      const ranged = await lib.call('GET', `${d()}/uploads/ocean.jpg`, { headers: { Accept: 'application/octet-stream', Range: 'bytes=10-' } });
      expect(ranged.status).toBe(206);
      expect(ranged.body.equals(original.subarray(10))).toBe(true);
      expect((await lib.call('GET', `${d()}/uploads/ocean.jpg`, { headers: { Accept: 'video/mp4' } })).status).toBe(406);

      // Uploading to a file that does not exist yet creates it (when the caller may write to the folder).
      const direct = await lib.call('POST', `${d()}/uploads/clip.mp4`, { body: await demoAsset(DEMO_FILES.video), headers: { 'Content-Type': 'application/octet-stream' } });
      expect(direct.status).toBe(201);
      expect((await lib.call('GET', `${d()}/uploads/clip.mp4`, { headers: { Accept: 'video/mp4' } })).headers['content-type']).toBe('video/mp4');
      // Replacing content keeps the file and changes its size.
      const replaced = await lib.call('POST', `${d()}/uploads/ocean.jpg`, { body: Buffer.from('plain bytes'), headers: { 'Content-Type': 'application/octet-stream' } });
      expect(entries(replaced)[0]!.size).toBe('plain bytes'.length);
    });

    it('deletes files (204, then 404), refuses to delete a non-empty folder (409) and deletes an empty one', async () => {
      await lib.call('POST', d(), { json: { id: 'to-delete' } });
      await lib.call('POST', `${d()}/to-delete`, { json: { id: 'x.jpg' } });
      expect((await lib.call('DELETE', `${d()}/to-delete`)).status).toBe(409);
      expect((await lib.call('DELETE', `${d()}/to-delete/x.jpg`, { as: 'other' })).status).toBe(403);
      expect((await lib.call('DELETE', `${d()}/to-delete/x.jpg`)).status).toBe(204);
      expect((await lib.call('GET', `${d()}/to-delete/x.jpg`)).status).toBe(404);
      expect((await lib.call('DELETE', `${d()}/to-delete`)).status).toBe(204);
      expect((await lib.call('GET', `${d()}/to-delete`)).status).toBe(404);
    });
  });
});
