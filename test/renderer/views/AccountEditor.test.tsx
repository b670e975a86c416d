// The account form checks and saves what the user sees, with the schemas main uses.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { inEnglish, phrase } from '../../../main/common/i18n/phrase';
import { AccountEditor } from '../../../renderer/src/views/AccountEditor';
import { englishLeft } from '../i18n/english-left';
import { inJapaneseEachTest } from '../i18n/in-japanese';

// main as the form meets it: records what is saved and answers with the saved account.
const main = vi.hoisted(() => {
  const calls: Array<{ method: string; args: unknown }> = [];
  const answers = new Map<string, (args: unknown) => { ok: true; value: unknown } | { ok: false; error: unknown }>();
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => {
      calls.push({ method, args });
      const answer = answers.get(method);
      if (answer) return Promise.resolve(answer(args));
      const { config } = args as { config: Record<string, unknown> };
      return Promise.resolve({ ok: true, value: { ...config, id: 'acc_12345678', secretSet: true, createdAt: '', updatedAt: '' } });
    },
    on: () => () => undefined,
    fileRef: () => Promise.reject(new Error('no files here')),
  } as unknown as MediaDeskBridge;
  return { calls, answers };
});

afterEach(() => {
  cleanup();
  main.calls.length = 0;
  main.answers.clear();
});

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the Twilio account form', () => {
  it('saves with the Auth Token after an API Key SID was typed and the choice switched back', async () => {
    render(<AccountEditor initialKind="twilio" />);
    type('Account name', 'Production');
    type('Account SID', ACCOUNT_SID);
    fireEvent.click(screen.getByLabelText('Use an API key and its secret'));
    type('API Key SID', 'SK12');
    fireEvent.click(screen.getByLabelText('Use the Auth Token'));
    type('Auth Token', 'token');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

    await waitFor(() => expect(main.calls.map((c) => c.method)).toEqual(['accounts.create']));
    expect(screen.queryByText(/Some fields need attention/)).toBeNull();
    const { config } = main.calls[0]?.args as { config: Record<string, unknown> };
    expect(config).toMatchObject({ kind: 'twilio', authMode: 'authToken', accountSid: ACCOUNT_SID });
    expect(config).not.toHaveProperty('apiKeySid');
  });
});

const fieldOf = (label: string) => screen.getByLabelText(label).closest('.field');

describe('the account form’s checks', () => {
  it('says in words what is missing, and takes the focus to the first problem after a failed submit', async () => {
    render(<AccountEditor initialKind="library" />);
    type('Server URL', '');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Account name')));
    expect(fieldOf('Account name')?.querySelector('.error')?.textContent).toBe('A name is required.');
    expect(fieldOf('Server URL')?.querySelector('.error')?.textContent).toBe('Enter a full http:// or https:// URL.');
    expect(fieldOf('Domain')?.querySelector('.error')?.textContent).toBe('The domain is required.');
    expect(document.body.textContent).not.toMatch(/Invalid input|expected string|received undefined/);
    expect(main.calls).toEqual([]);
  });

  it('refuses an ftp:// upload URL as it is typed, with the rule main applies', () => {
    render(<AccountEditor initialKind="generic" />);
    type('Upload URL (genericMediaUploadUrl)', 'ftp://media.example.com/upload');
    expect(fieldOf('Upload URL (genericMediaUploadUrl)')?.querySelector('.error')?.textContent).toBe('Must start with https:// (or http://), not "ftp:".');
    type('Upload URL (genericMediaUploadUrl)', 'https://media.example.com/upload');
    expect(fieldOf('Upload URL (genericMediaUploadUrl)')?.querySelector('.error')).toBeNull();
  });

  it('shows what main refused on the field it names, focused, until the field is edited', async () => {
    const reason = 'genericMediaUploadUrl uses %account[tenant]%, but the account has no "tenant".';
    main.answers.set('accounts.create', () => ({ ok: false, error: { code: 'config', message: reason, details: { field: 'config.settings.genericMediaUploadUrl', reason } } }));
    render(<AccountEditor initialKind="generic" />);
    type('Account name', 'Media');
    type('Upload URL (genericMediaUploadUrl)', 'https://media.example.com/%account[tenant]%/upload');
    type('Multipart data (genericMediaUploadMultipartData)', 'media=%media_content%');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

    const url = screen.getByLabelText('Upload URL (genericMediaUploadUrl)');
    await waitFor(() => expect(document.activeElement).toBe(url));
    expect(fieldOf('Upload URL (genericMediaUploadUrl)')?.querySelector('.error')?.textContent).toBe(reason);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText(`config.settings.genericMediaUploadUrl: ${reason}`)).toBeNull();

    type('Upload URL (genericMediaUploadUrl)', 'https://media.example.com/upload');
    expect(fieldOf('Upload URL (genericMediaUploadUrl)')?.querySelector('.error')).toBeNull();
  });
});

describe('testing before saving', () => {
  it('tests the unsaved form with the typed password, shows a server-only answer as information, and one answer at a time', async () => {
    let answer: { ok: boolean; message: string; scope?: 'server' } = { ok: true, scope: 'server', message: 'media.example.com was reached. The user name and password were not checked.' };
    main.answers.set('accounts.testConfig', () => ({ ok: true, value: answer }));
    render(<AccountEditor initialKind="generic" />);
    type('Account name', 'Media');
    type('Upload URL (genericMediaUploadUrl)', 'https://media.example.com/upload');
    type('Multipart data (genericMediaUploadMultipartData)', 'media=%media_content%');
    type('Password', 'typed');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));

    const status = await screen.findByText(/were not checked/);
    expect(status.className).toBe('banner info');
    expect(main.calls.map((c) => c.method)).toEqual(['accounts.testConfig']);
    expect(main.calls[0]?.args).toMatchObject({ config: { kind: 'generic', settings: { genericMediaUploadUrl: 'https://media.example.com/upload' } }, secret: 'typed' });

    answer = { ok: false, message: 'The server refused the precheck (HTTP 401).' };
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/refused the precheck/);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(main.calls).toHaveLength(3));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Test connection' })).toHaveProperty('disabled', false));
    expect(screen.getAllByText(/refused the precheck/)).toHaveLength(1);
    expect(screen.queryByText(/were not checked/)).toBeNull();
  });
});

describe('HTTP authentication of the generic services', () => {
  const fillGeneric = () => {
    type('Account name', 'Digest provider');
    type('Upload URL (genericMediaUploadUrl)', 'https://media.example.com/upload');
    type('Multipart data (genericMediaUploadMultipartData)', 'file=%media_content%');
  };

  it('asks for the password that goes with an HTTP user name, in words, and saves nothing until it is given', async () => {
    render(<AccountEditor initialKind="generic" />);
    fillGeneric();
    type('Upload HTTP user name', '%account[username]%');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(fieldOf('Upload HTTP password')?.querySelector('.error')?.textContent).toBe('Enter the password that goes with this HTTP user name (genericMediaUploadAuthPassword).'));
    expect(main.calls).toEqual([]);

    type('Upload HTTP password', `p%%:+"\\ü`);
    type('Reference send HTTP user name', 'ref');
    type('Reference send HTTP password', 'ref-pass');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await waitFor(() => expect(main.calls.map((c) => c.method)).toEqual(['accounts.create']));
    const args = main.calls[0]?.args as { config: { settings: Record<string, string> }; authSecrets: Record<string, string> };
    expect(args.authSecrets).toEqual({ genericMediaUploadAuthPassword: `p%%:+"\\ü`, genericMediaRefSendAuthPassword: 'ref-pass' });
    expect(args.config.settings).toMatchObject({ genericMediaUploadAuthUsername: '%account[username]%', genericMediaRefSendAuthUsername: 'ref' });
    // The passwords travel only in authSecrets, never in the configuration.
    expect(JSON.stringify(args.config)).not.toContain('ref-pass');
  });

  it('shows a saved password as saved (never its value), and removing it sends null', async () => {
    const saved = {
      kind: 'generic', label: 'Saved', username: 'jo', variables: {}, id: 'acc_12345678', secretSet: true, createdAt: '', updatedAt: '',
      authSecretsSet: ['genericMediaUploadPrecheckAuthPassword'],
      settings: { genericMediaUploadUrl: 'https://m.example/up', genericMediaUploadMultipartData: 'f=%media_content%', genericMediaUploadPrecheckUrl: 'https://m.example/pre', genericMediaUploadPrecheckAuthUsername: 'jo' },
    };
    const { useAppStore } = await import('../../../renderer/src/store/app-store');
    useAppStore.setState({ accounts: [saved] as never });
    render(<AccountEditor accountId="acc_12345678" />);
    const precheck = screen.getByText('Precheck HTTP password').closest('.field');
    expect(precheck?.textContent).toContain('Saved (hidden)');
    fireEvent.click(precheck?.querySelector('button:nth-of-type(2)') as HTMLElement);
    type('Precheck HTTP user name', '');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(main.calls.map((c) => c.method)).toEqual(['accounts.update']));
    expect((main.calls[0]?.args as { authSecrets: unknown }).authSecrets).toEqual({ genericMediaUploadPrecheckAuthPassword: null });
  });
});

describe('a sandbox account in the form', () => {
  it('is saved without the sandbox mark, which is main’s to keep or clear, when the user points it at a real server', async () => {
    const sandboxLibrary = {
      kind: 'library', label: 'Sandbox media library', sandbox: true, serverUrl: 'http://127.0.0.1:40123', domain: 'sandbox', userId: 'demo', appId: 'desk',
      id: 'acc_12345678', secretSet: true, createdAt: '', updatedAt: '',
    };
    const { useAppStore } = await import('../../../renderer/src/store/app-store');
    useAppStore.setState({ accounts: [sandboxLibrary] as never });
    render(<AccountEditor accountId="acc_12345678" />);
    type('Server URL', 'https://library.corp.example');
    type('Domain', 'corp');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(main.calls.map((c) => c.method)).toEqual(['accounts.update']));
    const { config } = main.calls[0]?.args as { config: Record<string, unknown> };
    expect(config).toMatchObject({ serverUrl: 'https://library.corp.example', domain: 'corp', label: 'Sandbox media library' });
    expect(config).not.toHaveProperty('sandbox');
  });
});

describe('an Account XML import in Japanese', () => {
  inJapaneseEachTest();

  it('lists what was skipped in the reader’s language, from main’s phrases, with no English sentence left', async () => {
    // What main's importer answers for that XML (its own test: test/main/providers/generic/account-xml.test.ts).
    const said = [
      phrase('errors:accounts.xmlElementRepeated', { name: 'note', count: 2 }),
      phrase('errors:accounts.xmlUnknownSetting', { name: 'genericMediaUploadTimeout' }),
      phrase('errors:template.uploadUrlEmpty', { setting: 'genericMediaUploadUrl' }),
      phrase('errors:template.noFilePart', { setting: 'genericMediaUploadMultipartData' }),
    ];
    const draft = { settings: {}, authPasswords: {}, variables: { note: '1' }, problems: said.map((p) => ({ message: inEnglish(p), phrase: p })) };
    main.answers.set('generic.importAccountXml', () => ({ ok: true, value: draft }));
    render(<AccountEditor initialKind="generic" />);
    fireEvent.click(screen.getByRole('button', { name: 'Account XML をインポート…' }));
    type('Account XML の内容', '<account><note>1</note><note>2</note><genericMediaUploadTimeout>x</genericMediaUploadTimeout></account>');
    fireEvent.click(screen.getByRole('button', { name: 'インポート' }));
    const remarks = (await screen.findByText(/インポートしました（注意事項があります）/)).closest('.banner') as HTMLElement;
    expect([...remarks.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '<note> が 2 回出てきます。最初の値を使いました。',
      'genericMediaUploadTimeout は Media Desk が知らない設定のため、スキップしました。',
      'genericMediaUploadUrl が空です。アップロードには URL が必要です。',
      expect.stringMatching(/^genericMediaUploadMultipartData に値が %media_content% のパートがない/),
    ]);
    expect(englishLeft(['genericMediaUploadTimeout', 'genericMediaUploadUrl', 'genericMediaUploadMultipartData'], remarks)).toEqual([]);
  });
});
