// The access-list editor's result for a list applied to many items, after the job was cancelled part way: the items
// saved, the ones the server refused and the ones never tried are three things, and the screen counts and marks
// each as what it is. A cancelled item is not a refusal.
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobItemResult, TransferItem } from '../../../../main/common/transfers';
import { switchLanguage } from '../../../../renderer/src/i18n';
import { createQueryClient } from '../../../../renderer/src/query/client';
import { AclDone } from '../../../../renderer/src/views/library/AclDone';
import { applyOutcomeOf } from '../../../../renderer/src/views/library/queries';

await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

afterEach(async () => {
  cleanup();
  await switchLanguage('en');
});

const job = (items: JobItemResult[]): TransferItem =>
  ({ id: 'tr_0000000000000001', accountId: 'acc_lib12345', direction: 'job', unit: 'items', title: 'Permissions', detail: 'photos', state: 'cancelled', bytesDone: 0, bytesTotal: items.length, speed: 0, eta: null, createdAt: '2026-01-01T00:00:00.000Z', result: { items } });

const saved = (name: string): JobItemResult => ({ name, outcome: 'ok' });
const refused = (name: string): JobItemResult => ({ name, outcome: 'refused', code: 'forbidden', message: 'The server refused: not allowed.' });
const notDone = (name: string): JobItemResult => ({ name, outcome: 'cancelled' });

function showResult(items: JobItemResult[]) {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <AclDone title="Permissions" isFile={false} saved={null} outcome={applyOutcomeOf(job(items))} onEditAgain={() => undefined} onClose={() => undefined} />
    </QueryClientProvider>,
  );
  return screen.getByTestId('acl-editor');
}

describe('the result of an access list applied to many items', () => {
  it('counts items never tried because of a cancel apart from refusals', () => {
    expect(applyOutcomeOf(job([saved('photos'), saved('photos/a.jpg'), refused('photos/b.jpg'), notDone('photos/c.jpg'), notDone('photos/d.jpg')]))).toMatchObject({ saved: 2, failed: 1, notDone: 2 });
  });

  it('says a cancelled job as cancelled, not as refused, and marks each item not done as not done', () => {
    const dialog = showResult([saved('photos'), saved('photos/a.jpg'), notDone('photos/c.jpg'), notDone('photos/d.jpg')]);
    expect(within(dialog).getByRole('status')?.textContent).toContain('Cancelled: 2 saved, 2 not done. Those not done keep their previous access list.');
    expect(within(dialog).queryByText(/refused/i)).toBeNull();
    const c = within(dialog).getByText('c.jpg').closest('li') as HTMLElement;
    expect(c?.textContent).toContain('Not done: cancelled before it was saved');
    expect(c.className).toBe('result-not-done');
  });

  it('names refusals and items not done apart when both happened, as an alert', () => {
    const dialog = showResult([saved('photos'), refused('photos/b.jpg'), notDone('photos/c.jpg')]);
    expect(within(dialog).getByRole('alert')?.textContent).toContain('1 saved, 1 refused, 1 not done because the job was cancelled');
    expect(within(dialog).getByText('b.jpg').closest('li')?.textContent).toContain('Refused: The server refused: not allowed.');
  });

  it('says it in Japanese', async () => {
    await switchLanguage('ja');
    const dialog = showResult([saved('photos'), notDone('photos/c.jpg')]);
    expect(within(dialog).getByRole('status')?.textContent).toContain('キャンセルしました。1 件を保存し、1 件は未実行です。');
    expect(within(dialog).getByText('c.jpg').closest('li')?.textContent).toContain('未実行：保存される前にキャンセルされました');
  });
});
