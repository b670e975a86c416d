// The library speaks through the app's one notice area, not banners above its table: newest first, dismissable,
// and what was said about a folder is cleared when the user leaves it.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeRegion } from '../../../../renderer/src/components/NoticeRegion';
import { useNoticeStore } from '../../../../renderer/src/store/notices-store';
import { folder, ME, OTHER } from './fake-library';
import { layOutTable, resetLibrary, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

beforeEach(() => {
  layOutTable();
  // Readable through this app, writable only through the partner's: every upload into it is refused in words.
  resetLibrary(lib, [folder('partner-drop', ME.userId, { readApps: [ME.appId, OTHER.appId], writeApps: [OTHER.appId] }), folder('photos', ME.userId)]);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  useNoticeStore.setState({ notices: [] });
});

const region = () => screen.getByRole('region', { name: 'Notifications' });
const shown = () => [...region().querySelectorAll('.notice-text')].map((n) => n.textContent);
const jpeg = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' });

async function openPartnerDrop() {
  showLibrary(<NoticeRegion />);
  fireEvent.doubleClick(await screen.findByText('partner-drop'));
  await screen.findByTestId('lib-empty');
}

const refuse = (name: string) => fireEvent.change(screen.getByTestId('lib-file-input'), { target: { files: [jpeg(name)] } });

describe('the library’s notices', () => {
  it('go to the notice area, not above the table', async () => {
    await openPartnerDrop();
    refuse('a.jpg');
    await waitFor(() => expect(shown()).toEqual([expect.stringMatching(/^Nothing was uploaded\. You may not add files to "partner-drop"/)]));
    expect(document.querySelector('.library-panel')?.contains(region())).toBe(false);
    expect(document.querySelector('.library-panel .banner')).toBeNull();
  });

  it('show the newest first and can each be dismissed', async () => {
    await openPartnerDrop();
    refuse('a.jpg');
    await waitFor(() => expect(shown()).toHaveLength(1));
    useNoticeStore.getState().show({ level: 'info', text: 'Something newer' });
    await waitFor(() => expect(shown()[0]).toBe('Something newer'));
    fireEvent.click(within(region()).getByRole('button', { name: /^Dismiss: Nothing was uploaded/ }));
    expect(shown()).toEqual(['Something newer']);
  });

  it('are cleared when the user leaves the folder they are about', async () => {
    await openPartnerDrop();
    refuse('a.jpg');
    await waitFor(() => expect(shown()).toHaveLength(1));
    useNoticeStore.getState().show({ level: 'info', text: 'Not the library’s' });
    fireEvent.keyDown(screen.getByTestId('lib-empty'), { key: 'Backspace' });
    await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
    await waitFor(() => expect(shown()).toEqual(['Not the library’s']));
  });
});
