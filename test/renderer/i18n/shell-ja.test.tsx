// The shell and Settings in Japanese: after a switch to Japanese the sidebar, the Welcome page, Settings, the
// account editor of each kind, the account view, Transfers, Activity and the conflict question say their words in
// Japanese, and no English sentence of the app is left on screen or in a label, a tooltip or a placeholder.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { MediaDeskBridge } from '../../../main/common/contract';
import type { TransferItem } from '../../../main/common/transfers';
import { ConflictDialog } from '../../../renderer/src/components/ConflictDialog';
import { Sidebar } from '../../../renderer/src/components/Sidebar';
import { switchLanguage } from '../../../renderer/src/i18n';
import { phrase } from '../../../main/common/i18n/phrase';
import { englishLeft } from './english-left';
import { useAppStore } from '../../../renderer/src/store/app-store';
import { useTransfers } from '../../../renderer/src/store/transfers-store';
import { AccountEditor } from '../../../renderer/src/views/AccountEditor';
import { AccountView } from '../../../renderer/src/views/AccountView';
import { ActivityView } from '../../../renderer/src/views/ActivityView';
import { HomeView } from '../../../renderer/src/views/HomeView';
import { SettingsView } from '../../../renderer/src/views/SettingsView';
import { TransfersView } from '../../../renderer/src/views/TransfersView';
import { renderWithQueries } from '../render-with-queries';

// As main makes them: a job's title and detail in English for the log, with their phrases for the window.
const job: TransferItem = {
  id: 'tr_00000000000000aa', accountId: 'acc_library1', direction: 'job', unit: 'items',
  title: 'Access list on the folder and 2 files', titlePhrase: phrase('shell:transfer.job.aclOnFolder', { count: 2 }),
  detail: '社内ライブラリ · in photos', detailPhrase: phrase('shell:transfer.job.inFolder', { account: '社内ライブラリ', folder: 'photos' }),
  state: 'done', bytesDone: 3, bytesTotal: 3, speed: 0, eta: null, createdAt: '2026-12-05T16:00:00.000Z', finishedAt: '2026-12-05T16:01:00.000Z',
  result: { items: [{ name: 'photos/a.jpg', outcome: 'ok' }, { name: 'photos/b.jpg', outcome: 'refused', message: '権限がありません。' }] },
};
const upload: TransferItem = {
  id: 'tr_00000000000000bb', accountId: 'acc_upload01', direction: 'upload', title: 'IMG_0001.jpg', state: 'uploading',
  detail: 'サンドボックスのアップロード · to +15551234567 and 2 others', detailPhrase: phrase('shell:transfer.to.recipientsMore', { account: 'サンドボックスのアップロード', first: '+15551234567', count: 2 }),
  bytesDone: 1_500_000, bytesTotal: 3_000_000, speed: 250_000, eta: 6, createdAt: '2026-12-05T16:00:00.000Z',
};

const mainAnswers = vi.hoisted(() => {
  const answers: Record<string, unknown> = {
    'settings.get': {
      theme: 'system', language: 'ja', concurrency: 2, sandboxEnabled: true, persistSecretsWithoutKeyring: false, welcomeSeen: true, lastPlace: null,
      accountPlaces: {}, downloadFolders: {}, twilioFileNamePattern: '{date}_{time}_{from}_{mediaSid}{ext}',
      proxy: { mode: 'manual', host: '', port: null, username: '', bypass: '' },
    },
    'settings.proxyPassword': { passwordSaved: true },
    'updates.status': { state: 'up-to-date', version: '1.0.0' },
    'transfers.list': { items: [], summary: { active: 0, progress: null } },
  };
  window.mediaDesk = {
    invoke: (method: string) => Promise.resolve(method in answers ? { ok: true, value: answers[method] } : { ok: false, error: { code: 'internal', message: `unexpected ${method}` } }),
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return answers;
});

const accounts = [
  { id: 'acc_upload01', kind: 'generic', label: 'サンドボックスのアップロード', sandbox: true, secretSet: true, username: '', settings: { genericMediaUploadUrl: 'https://m.example/up', genericMediaUploadMethod: 'POST' } },
  { id: 'acc_library1', kind: 'library', label: '社内ライブラリ', sandbox: false, secretSet: false, serverUrl: 'https://media.example.com', domain: 'example', userId: 'u1', appId: 'a1' },
  { id: 'acc_twilio01', kind: 'twilio', label: '本番', sandbox: false, secretSet: true, baseUrl: 'https://api.twilio.com', accountSid: `AC${'0'.repeat(32)}`, authMode: 'apiKey', apiKeySid: `SK${'1'.repeat(32)}` },
] as unknown as AccountSummary[];

/** Names of the product and of protocols that Japanese keeps in Latin letters. */
const KEPT_IN_LATIN = ['Auth Token', 'Account XML', 'REST API', '--downloads FOLDER'];
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

beforeAll(async () => {
  await switchLanguage('ja');
  useAppStore.setState({
    accounts,
    route: { view: 'home' },
    info: {
      name: 'Media Desk', version: '1.0.0', host: 'electron', platform: 'linux', dataDir: '/data', sandboxUrl: 'http://127.0.0.1:4000', downloadFolder: '/downloads',
      secureStorage: { persistent: false, backend: 'basic_text', description: 'キーリングがありません。' },
    },
    log: [{ seq: 1, time: '2026-12-05T16:00:00.000Z', level: 'warn', scope: 'library', message: 'Deleted /voicemail/old.wav', accountId: 'acc_library1' }],
  });
  // The Transfers view loads its list from main: main's answer holds the same two.
  mainAnswers['transfers.list'] = { items: [job, upload], summary: { active: 1, progress: 0.5 } };
  useTransfers.setState({ items: new Map([[job.id, job], [upload.id, upload]]), order: [job.id, upload.id], summary: { active: 1, progress: 0.5 } });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
afterAll(() => switchLanguage('en'));

describe('in Japanese', () => {
  it('the sidebar names the places and the kinds of account', () => {
    const { container } = render(<Sidebar />);
    const nav = screen.getByRole('navigation', { name: 'アカウントとツール' });
    expect(within(nav).getByRole('button', { name: 'メニュー' })).toBeTruthy();
    for (const place of ['アクティビティ', 'アドレス帳', '設定', '+ アカウントを追加']) expect(within(nav).getByRole('button', { name: place })).toBeTruthy();
    expect(within(nav).getByRole('heading', { name: 'メディアライブラリ' })).toBeTruthy();
    expect(within(nav).getByText('サンドボックス').getAttribute('title')).toMatch(/練習用サーバー/);
    expect(within(nav).getByLabelText('1 件実行中、50%')).toBeTruthy();
    expect(englishLeft(KEPT_IN_LATIN, container)).toEqual([]);
  });

  it('the Welcome page says what each kind is and what to try first', () => {
    const { container } = render(<HomeView />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Media Desk へようこそ');
    expect(screen.getByRole('button', { name: 'メディアライブラリのアカウントを追加' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '「サンドボックスのアップロード」を開く' })).toBeTruthy();
    expect(englishLeft(KEPT_IN_LATIN, container)).toEqual([]);
  });

  it('Settings, with a manual proxy and the desktop app’s updates', async () => {
    const { container } = renderWithQueries(<SettingsView />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('設定');
    expect(await screen.findByText('Media Desk 1.0.0 は最新バージョンです。')).toBeTruthy();
    await settle();
    expect(screen.getByLabelText('外観')).toBeTruthy();
    expect(screen.getByLabelText('プロキシのホスト')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'プロキシ設定を保存' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'アップデートを確認' })).toBeTruthy();
    expect(screen.getByText(/^例：/)).toBeTruthy();
    expect(englishLeft(KEPT_IN_LATIN, container)).toEqual([]);
  });

  it('the account editor of each kind, and the choice of kind', async () => {
    const chooser = render(<AccountEditor />);
    expect(screen.getByRole('button', { name: 'Twilio を選択' })).toBeTruthy();
    expect(englishLeft(KEPT_IN_LATIN, chooser.container)).toEqual([]);
    cleanup();

    const generic = render(<AccountEditor initialKind="generic" />);
    expect(screen.getByLabelText('アップロードの HTTP ユーザー名')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('アップロードの HTTP ユーザー名'), { target: { value: 'jo' } });
    fireEvent.click(screen.getByRole('button', { name: 'アカウントを追加' }));
    await settle();
    expect(screen.getByText('この HTTP ユーザー名に対応するパスワードを入力してください（genericMediaUploadAuthPassword）。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Account XML をインポート…' }));
    expect(screen.getByRole('dialog', { name: 'プロバイダーの Account XML をインポート' })).toBeTruthy();
    // The form's own words only: what the shared schemas say about a field is main's, not this view's.
    for (const error of generic.container.querySelectorAll('.field > .error')) error.remove();
    expect(englishLeft(KEPT_IN_LATIN, generic.container)).toEqual([]);
    cleanup();

    const library = render(<AccountEditor initialKind="library" />);
    expect(screen.getByLabelText('サーバー URL')).toBeTruthy();
    expect(englishLeft(KEPT_IN_LATIN, library.container)).toEqual([]);
    cleanup();

    const twilio = render(<AccountEditor accountId="acc_twilio01" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('「本番」を編集');
    expect(screen.getByLabelText('API キー SID')).toBeTruthy();
    expect(screen.getByRole('button', { name: '変更を保存' })).toBeTruthy();
    expect(englishLeft(KEPT_IN_LATIN, twilio.container)).toEqual([]);
  });

  it('the account view and its removal question', () => {
    const { container } = renderWithQueries(<AccountView accountId="acc_library1" />);
    fireEvent.click(screen.getByRole('button', { name: '削除' }));
    const question = screen.getByRole('dialog', { name: '「社内ライブラリ」を削除しますか？' });
    expect(englishLeft(KEPT_IN_LATIN, question)).toEqual([]);
    expect(screen.getByText('ユーザー ID')).toBeTruthy();
    // The library's own panel is another view's (and another helper's): only this view's words are checked here.
    expect(englishLeft(KEPT_IN_LATIN, container.querySelector('.view-header') as HTMLElement)).toEqual([]);
    expect(englishLeft(KEPT_IN_LATIN, container.querySelector('.connection') as HTMLElement)).toEqual([]);
  });

  it('Transfers and Activity', async () => {
    // happy-dom lays nothing out: the virtualized list is given a window's size, so that its rows are rendered.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
    const transfers = render(<TransfersView />);
    await settle();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('転送');
    expect(screen.getByRole('button', { name: '失敗分を再試行（0）' })).toBeTruthy();
    // A job's title and the rows' details are main's phrases, said in Japanese, not the English kept for the log.
    expect(screen.getByRole('listitem', { name: 'フォルダーとファイル 2 件のアクセスリスト：完了' })).toBeTruthy();
    expect(transfers.container.textContent).toContain('社内ライブラリ · photos 内');
    expect(transfers.container.textContent).toContain('サンドボックスのアップロード · 宛先 +15551234567 ほか 2 件');
    expect(englishLeft(KEPT_IN_LATIN, transfers.container)).toEqual([]);
    cleanup();

    const activity = render(<ActivityView />);
    expect(screen.getByRole('combobox', { name: 'アカウント' })).toBeTruthy();
    expect(screen.getByRole('option', { name: '警告' })).toBeTruthy();
    // The log itself stays in English, for support.
    for (const line of activity.container.querySelectorAll('.log-message, .log-scope')) line.remove();
    expect(englishLeft(KEPT_IN_LATIN, activity.container)).toEqual([]);
  });

  it('the conflict question', () => {
    const { baseElement } = render(<ConflictDialog names={['a.jpg', 'b.jpg', 'c.jpg']} where="「写真」フォルダー" onDone={() => undefined} onCancel={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: '3 件の名前がすでに使われています' });
    expect(within(dialog).getAllByRole('button').map((b) => b.textContent)).toEqual(['すべてキャンセル', 'スキップ', '両方を残す', '置き換え']);
    expect(within(dialog).getByRole('checkbox', { name: 'すでに使われている残り 2 件の名前にも同じ操作を行う' })).toBeTruthy();
    expect(dialog.textContent).toContain('a.jpg はすでに 「写真」フォルダー にあります。（3 件中 1 件目）');
    expect(englishLeft(KEPT_IN_LATIN, baseElement)).toEqual([]);
  });
});
