// The access-list sentences as the window says them: a shortened id ending a sentence ends it with its ellipsis
// alone, in English and Japanese, and the reader's own ids are "you" and "this app".
import { afterAll, describe, expect, it } from 'vitest';
import { shortId } from '../../../../main/common/address-book';
import { emptyAcl } from '../../../../main/common/library-acl';
import { i18n, switchLanguage } from '../../../../renderer/src/i18n';
import { summarizeAclText } from '../../../../renderer/src/views/library/acl-words';

const APP = 'mediadesk-demo-app-0001';
const USER = 'eb0e14a2-0bba-47e6-836e-4a3f033edfde';
const OTHER = 'd3ccc02d-ba58-4100-9838-b1b524c3518a';

afterAll(async () => {
  await switchLanguage('en');
});

describe('summarizeAclText', () => {
  it('never ends a sentence in "…."', () => {
    const said = summarizeAclText(i18n, { ...emptyAcl(), readUsers: [OTHER], readApps: ['partner-portal-app'] }, USER, shortId);
    expect(said.read).toBe('Only the user d3ccc02d… can read, and only through the application partner-…. The creator (eb0e14a2…) is not listed and cannot read.'.replace('partner-….', 'partner-…'));
    expect(said.read).not.toContain('….');
  });

  it('says the signed-in user and this app as you and this app, in English and Japanese', async () => {
    const acl = { ...emptyAcl(), readUsers: [USER, OTHER], readApps: [APP] };
    const me = { userId: USER, appId: APP };
    expect(summarizeAclText(i18n, acl, USER, shortId, undefined, me).read).toBe('Only you and the user d3ccc02d… can read, and only through this app.');
    expect(summarizeAclText(i18n, null, USER, shortId, undefined, me).read).toBe('Only the creator (you) can read.');
    await switchLanguage('ja');
    expect(summarizeAclText(i18n, acl, USER, shortId, undefined, me).read).toBe('あなたとユーザー d3ccc02d…だけが、このアプリからのみ読み取れます。');
  });
});
