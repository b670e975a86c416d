// The upload view in Japanese: the drop zone, the files with their refusals (main's phrase said in Japanese), the
// recipients and their problems, the upload button and the history. No English phrase is left besides the fixture's.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import { UploadPanel } from '../../../../renderer/src/views/upload/UploadPanel';
import { englishLeft } from '../../i18n/english-left';
import { inJapaneseEachTest } from '../../i18n/in-japanese';
import { account, previewUrl } from './support';

// main's answers: photo.jpg is a JPEG; anything else is refused with a phrase (main's English in `message`).
vi.hoisted(() => {
  const answer = (method: string, args: unknown): unknown => {
    if (method === 'transfers.list') return { items: [], summary: { active: 0, progress: null } };
    if (method === 'generic.checkFiles') {
      const id = (args as { files: Array<{ id: string }> }).files[0]?.id ?? '';
      const name = id.replace(/^fg_/, '');
      if (name === 'photo.jpg') return [{ name, size: 2048, contentType: 'image/jpeg' }];
      return [{ name, size: 4, error: { code: 'unsupported_media', message: 'This file cannot be read.', phrase: { key: 'upload:file.unreadable' } } }];
    }
    throw new Error(`unexpected call ${method}`);
  };
  const bridge = {
    invoke: (method: string, args: unknown) => Promise.resolve({ ok: true, value: answer(method, args) }),
    on: () => () => undefined,
    fileRef: (file: File) => Promise.resolve({ kind: 'granted', id: `fg_${file.name}` }),
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
});

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockImplementation((file) => previewUrl(file as File));
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});

inJapaneseEachTest();

describe('the upload view in Japanese', () => {
  it('says the drop zone, the files, the recipients and the history in Japanese', async () => {
    render(<UploadPanel account={account} />);
    expect(screen.getByRole('button', { name: '写真や動画を追加：ここにファイルをドロップするか、Enter キーを押して選択してください' })).toBeTruthy();
    expect(screen.getByText('JPEG の写真と MP4 の動画をここにドロップ')).toBeTruthy();
    expect(screen.getByLabelText('宛先')).toBeTruthy();
    expect(screen.getByLabelText('説明')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'アップロード履歴' })).toBeTruthy();
    expect(screen.getByText('このアカウントでアップロードしたものはまだありません。')).toBeTruthy();
    expect(englishLeft()).toEqual([]);

    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [new File([bytes], 'photo.jpg'), new File([bytes], 'notes.txt')] } });
    const files = within(await screen.findByRole('list', { name: '送るファイル' }));
    // main's refusal, said from its phrase in the reader's language.
    expect((await files.findByRole('alert')).textContent).toBe('このファイルは読み込めません。');
    expect(await files.findByText(/^JPEG 写真 · /)).toBeTruthy();
    expect(files.getByRole('button', { name: '「notes.txt」を外す' })).toBeTruthy();

    const recipients = screen.getByLabelText('宛先');
    fireEvent.change(recipients, { target: { value: 'hello' } });
    fireEvent.keyDown(recipients, { key: 'Enter' });
    expect(recipients.closest('.field')?.querySelector('[role="alert"]')?.textContent).toBe('「hello」は電話番号（+ に続く 8～15 桁の数字。例：+15551234567）でも SIP アドレス（sip:user@host）でもありません。');
    expect(screen.getByRole('button', { name: '1 件をアップロード' })).toHaveProperty('disabled', true);
    expect(englishLeft(['Media server'])).toEqual([]);
  });
});
