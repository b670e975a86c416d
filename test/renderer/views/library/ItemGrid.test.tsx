// The library table's columns as a Transmit user reads them: a thumbnail for an image whose row is on screen (and
// only then; its kind icon when it cannot be had), the access column from the list that governs each row, and a
// folder's file count once its listing has been read (never a 0 it does not know).
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowAccess } from '../../../../renderer/src/views/library/access';
import { fileRows, folderRows } from '../../../../renderer/src/views/library/format';
import { folder, ME, OTHER } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

const many = Array.from({ length: 80 }, (_, i) => ({ name: `pic-${String(i).padStart(3, '0')}.jpg` }));

beforeEach(() => {
  layOutTable();
  resetLibrary(
    lib,
    [
      folder('photos', ME.userId, {}, [{ name: 'sunset.jpg' }, { name: 'clip.mp4' }, { name: 'notes.txt' }, { name: 'locked.jpg', acl: { readUsers: [OTHER.userId], writeUsers: [OTHER.userId] } }]),
      folder('many', ME.userId, {}, many),
      folder('from-colleague', OTHER.userId, { readUsers: [OTHER.userId, ME.userId], writeUsers: [OTHER.userId] }),
    ],
  );
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const thumbnailCalls = () => lib.calls.filter((c) => c.method === 'library.mediaUrl' && c.args.thumbnail === true).map((c) => String(c.args.file));

async function open(name: string) {
  await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
  fireEvent.doubleClick(row(name));
  await screen.findByRole('grid', { name: `Files in folder ${name}` });
}

describe('thumbnails in the file list', () => {
  it('are asked for only for the rows on screen, not for the rows rendered ahead of the scroll nor the rest', async () => {
    showLibrary();
    await open('many');
    await waitFor(() => expect(thumbnailCalls().length).toBeGreaterThan(0));
    const rendered = document.querySelectorAll('[role="row"][data-name^="pic-"]').length;
    const asked = thumbnailCalls();
    // 600 px of table at 34 px a row: about 17 on screen; the virtualizer renders a dozen more below them.
    expect(asked.length).toBeLessThanOrEqual(18);
    expect(rendered).toBeGreaterThan(asked.length);
    expect(asked).toEqual(many.slice(0, asked.length).map((f) => f.name));
    await waitFor(() => expect(screen.getAllByTestId('lib-thumb').length).toBe(asked.length));
  });

  it('falls back to the kind icon when the image cannot be loaded, and gives the other kinds their icon', async () => {
    showLibrary();
    await open('photos');
    const image = await within(row('sunset.jpg')).findByTestId('lib-thumb');
    expect(image.getAttribute('src')).toBe('/media/m_sunset.jpg');
    fireEvent.error(image);
    expect(within(row('sunset.jpg')).queryByTestId('lib-thumb')).toBeNull();
    expect(row('sunset.jpg').querySelector('svg[data-kind="Image"]')).not.toBeNull();
    expect(row('clip.mp4').querySelector('svg[data-kind="Video"]')).not.toBeNull();
    expect(row('notes.txt').querySelector('svg[data-kind="File"]')).not.toBeNull();
    // Only images are asked for, and never one this account cannot read.
    expect(thumbnailCalls()).toEqual(['sunset.jpg']);
  });

  it('stay on the rows a refetch pushed down (an upload added files above them), without another render', async () => {
    showLibrary();
    await open('photos');
    await within(row('sunset.jpg')).findByTestId('lib-thumb');
    // The upload's files sort above sunset.jpg; the folder is read again as when the transfer queue says it is done.
    const photos = lib.folders[0]!;
    const added = ['aaa.jpg', 'abc.mp4'].map((name) => ({ ...photos.files[0]!, id: `photos/${name}`, name }));
    photos.files.push(...added);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(within(row('aaa.jpg')).queryByTestId('lib-thumb')).not.toBeNull());
    expect(within(row('sunset.jpg')).queryByTestId('lib-thumb')).not.toBeNull();
  });

  it('keeps the icon when main refuses the thumbnail (too large, gone)', async () => {
    lib.override = (method, args) => {
      if (method === 'library.mediaUrl' && args.thumbnail === true) throw new Error('This file is larger than a thumbnail is made from.');
      return undefined;
    };
    showLibrary();
    await open('photos');
    await waitFor(() => expect(thumbnailCalls()).toEqual(['sunset.jpg']));
    expect(within(row('sunset.jpg')).queryByTestId('lib-thumb')).toBeNull();
    expect(row('sunset.jpg').querySelector('svg[data-kind="Image"]')).not.toBeNull();
  });
});

describe('the access column', () => {
  const access = (name: string) => within(row(name)).getByTestId('lib-access');

  it('shows a lock with what this account may not do, and the whole explanation as the tooltip', async () => {
    showLibrary();
    await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
    expect(access('photos').textContent).toBe('Full access');
    expect(access('photos').querySelector('.lib-lock')).toBeNull();
    expect(access('from-colleague').textContent).toBe('Read only');
    expect(access('from-colleague').querySelector('.lib-lock')).not.toBeNull();
    expect(access('from-colleague').title).toBe(
      `Read only: you can read this folder through this app but not change or delete it. Only you and the user ${OTHER.userId} can read, through any application. Only the user ${OTHER.userId} can write, through any application.`,
    );
    await open('photos');
    expect(access('locked.jpg').textContent).toBe('No access through this app');
    expect(access('locked.jpg').title).toMatch(/^Not readable through this app: you can neither read nor change this file\. Only the user colleague can read/);
    expect(access('sunset.jpg').title).toBe(`You can read and change this file through this app. It follows its folder's access list. Only the creator (you) can read. Only the creator (you) can write.`);
  });

  it('tells each case apart from the rules of library-acl.ts, and takes a summarizer that names people', () => {
    const me = ME;
    const [readOnly, writeOnly, none, own] = folderRows([
      folder('r', OTHER.userId, { readUsers: [ME.userId] }).info,
      folder('w', OTHER.userId, { writeApps: [ME.appId] }).info,
      folder('n', OTHER.userId).info,
      folder('o', ME.userId).info,
    ]);
    expect([readOnly, writeOnly, none, own].map((r) => rowAccess(r!, me, null)?.level)).toEqual(['read', 'write', 'none', 'full']);
    expect(rowAccess(writeOnly!, me, null)?.label).toBe('Not readable through this app');
    expect(rowAccess(own!, null, null)).toBeNull();
    // A file without a list follows its folder's: readable only because the folder says so.
    const shared = folder('s', OTHER.userId, { readUsers: [ME.userId] }, [{ name: 'a.jpg' }]);
    const [file] = fileRows(shared.files);
    expect(rowAccess(file!, me, shared.info)?.level).toBe('read');
    const named = rowAccess(file!, me, shared.info, (acl, creator) => ({ read: `read ${acl?.readUsers.map((id) => `<${id}>`).join()}`, write: `write by ${creator ?? ''}` }));
    expect(named?.title).toBe("Read only: you can read this file through this app but not change or delete it. It follows its folder's access list. read <demo-user> write by colleague");
  });
});

describe('folder file counts', () => {
  const size = (name: string) => row(name).querySelector('.col-size')?.textContent ?? '';

  it('are blank (never 0) until the folder has been read, then say how many files it holds', async () => {
    showLibrary();
    await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
    for (const name of ['photos', 'many', 'from-colleague']) expect(size(name)).not.toMatch(/\d/);
    expect(row('photos').querySelector('.col-size span')?.getAttribute('title')).toMatch(/Open the folder to count them/);
    await open('photos');
    fireEvent.click(screen.getByRole('button', { name: 'demo.example' }));
    await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
    expect(size('photos')).toBe('4 files');
    expect(size('many')).not.toMatch(/\d/);
  });
});

describe('the creator and application columns', () => {
  it('keep the "you" and "this app" marks apart from the id, which alone gives way, and say them whole to a screen reader', async () => {
    showLibrary();
    await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
    const cell = (name: string, column: string) => row(name).querySelector<HTMLElement>(`.col-${column}`)!;
    for (const [column, id, mark, words] of [['createdBy', ME.userId, 'you', '(you)'], ['createdWith', ME.appId, 'this app', '(this app)']] as const) {
      const mine = cell('photos', column);
      expect(mine.getAttribute('title')).toBe(id);
      // The id is the element that is cut with an ellipsis; the mark is beside it, not inside it.
      const name = mine.querySelector('.person-name');
      const badge = mine.querySelector('.person-mark');
      expect(name?.textContent).toBe(id);
      expect(badge?.textContent).toBe(mark);
      expect(name?.contains(badge ?? null)).toBe(false);
      expect(badge?.getAttribute('aria-hidden')).toBe('true');
      expect(mine.querySelector('.visually-hidden')?.textContent).toBe(words);
    }
    // Another user's folder: the id, no mark.
    const theirs = cell('from-colleague', 'createdBy');
    expect(theirs.querySelector('.person-name')?.textContent).toBe(OTHER.userId);
    expect(theirs.querySelector('.person-mark')).toBeNull();
    expect(theirs.textContent).not.toMatch(/you/);
  });
});
