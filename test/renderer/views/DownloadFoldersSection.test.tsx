// Settings' remembered download folders: each kind's folder and path from main's settings (through the query cache),
// a Forget per folder that names only the kind, says what it did (no file touched) and keeps the keyboard focus in
// the section; in Japanese, no English left.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { switchLanguage } from '../../../renderer/src/i18n';
import { useSettings } from '../../../renderer/src/query/settings';
import { DownloadFoldersSection } from '../../../renderer/src/views/DownloadFoldersSection';
import { englishLeft } from '../i18n/english-left';
import { renderWithQueries } from '../render-with-queries';

const LIBRARY = '/home/admin/Exports/Library <b>"&amp;</b> 2026';
const TWILIO = 'C:\\Users\\admin\\Downloads\\twilio';

const main = vi.hoisted(() => {
  const state = { folders: {} as Record<string, string>, forgets: [] as unknown[], refuse: null as string | null };
  window.mediaDesk = {
    invoke: (method: string, args: Record<string, unknown>) => {
      const settings = () => ({ ok: true, value: { downloadFolders: { ...state.folders } } });
      if (method === 'settings.get') return Promise.resolve(settings());
      if (method !== 'settings.forgetDownloadFolder') return Promise.resolve({ ok: false, error: { code: 'internal', message: `unexpected ${method}` } });
      state.forgets.push(args);
      if (state.refuse) return Promise.resolve({ ok: false, error: { code: 'io', message: state.refuse } });
      delete state.folders[String(args.kind)];
      return Promise.resolve(settings());
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

/** As Settings has it: the section fed by the cached settings. */
function FromCache({ host }: { host: 'electron' | 'browser' }) {
  const settings = useSettings();
  return settings ? <DownloadFoldersSection folders={settings.downloadFolders} host={host} /> : <p>loading</p>;
}

async function show(folders: Record<string, string>, host: 'electron' | 'browser' = 'electron') {
  main.folders = { ...folders };
  renderWithQueries(<FromCache host={host} />);
  await waitFor(() => expect(screen.queryByText('loading')).toBeNull());
}

const forgetButton = (kind: RegExp) => screen.getByRole('button', { name: kind });

beforeEach(() => {
  main.forgets.length = 0;
  main.refuse = null;
});
afterEach(async () => {
  cleanup();
  await switchLanguage('en');
});

describe('the remembered download folders in Settings', () => {
  it('lists each remembered folder with what it is for and its path, as text, with a Forget named for it', async () => {
    await show({ library: LIBRARY, twilio: TWILIO });
    const section = screen.getByRole('group', { name: 'Download folders' });
    const rows = within(section).getAllByRole('definition');
    expect(within(section).getAllByRole('term').map((term) => term.textContent)).toEqual(['Media library downloads', 'Twilio media downloads']);
    // A hostile path is shown as the text it is, never as markup.
    expect(rows[0]?.querySelector('.mono')?.textContent).toBe(LIBRARY);
    expect(section.querySelector('b')).toBeNull();
    expect(rows[1]?.querySelector('.mono')?.textContent).toBe(TWILIO);
    for (const name of [/^Forget the folder for media library downloads$/i, /^Forget the folder for twilio media downloads$/i]) {
      const button = forgetButton(name);
      expect(button.tagName).toBe('BUTTON');
      expect(button.textContent).toBe('Forget');
    }
    expect(section.textContent).toMatch(/the folder and its files stay as they are/);
  });

  it('forgets only the kind it names, says what happened, and moves the focus to the next Forget, then to that sentence', async () => {
    await show({ library: LIBRARY, twilio: TWILIO });
    const library = forgetButton(/media library downloads/i);
    library.focus();
    fireEvent.click(library);
    await waitFor(() => expect(screen.queryByText(LIBRARY)).toBeNull());
    expect(main.forgets).toEqual([{ kind: 'library' }]);
    expect(screen.getByRole('status').textContent).toBe('Forgotten: Media library downloads open the folder dialog in Downloads again. No file was changed.');
    await waitFor(() => expect(document.activeElement).toBe(forgetButton(/twilio media downloads/i)));
    expect(screen.getByText(TWILIO)).toBeTruthy();

    fireEvent.click(forgetButton(/twilio media downloads/i));
    await waitFor(() => expect(screen.getByText('No folder remembered yet.')).toBeTruthy());
    expect(main.forgets).toEqual([{ kind: 'library' }, { kind: 'twilio' }]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('status')));
    expect(screen.getByRole('status').textContent).toMatch(/^Forgotten: Twilio media downloads/);
  });

  it('says main’s refusal and keeps the folder listed', async () => {
    await show({ library: LIBRARY });
    main.refuse = 'The settings could not be saved: the disk is full.';
    fireEvent.click(forgetButton(/media library downloads/i));
    expect((await screen.findByRole('alert')).textContent).toBe('The settings could not be saved: the disk is full.');
    expect(screen.getByText(LIBRARY)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says when none is remembered; the browser host, which remembers none itself, shows the section only when there are some', async () => {
    await show({});
    expect(screen.getByRole('group', { name: 'Download folders' }).textContent).toMatch(/No folder remembered yet\./);
    cleanup();
    await show({}, 'browser');
    expect(screen.queryByRole('group', { name: 'Download folders' })).toBeNull();
    cleanup();
    await show({ twilio: TWILIO }, 'browser');
    expect(screen.getByRole('group', { name: 'Download folders' }).textContent).toMatch(/Remembered by the desktop app/);
  });

  it('speaks Japanese, with no English left', async () => {
    await act(() => switchLanguage('ja'));
    await show({ library: LIBRARY, twilio: TWILIO });
    const section = screen.getByRole('group', { name: 'ダウンロード先フォルダー' });
    expect(englishLeft(['Twilio', LIBRARY, TWILIO], section)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'メディアライブラリのダウンロードのフォルダーを忘れる' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^メディアライブラリのダウンロードのフォルダーを忘れました。/));
  });
});
