// The update methods go to the host that has updates (the desktop app); any other host says where they are handled.
import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../../main/common/contract';
import { createUpdateHandlers } from '../../../../main/app/handlers/updates';
import type { HandlerContext } from '../../../../main/app/handlers/types';
import type { HostCapabilities, UpdatesPort } from '../../../../main/app/services';

const contextFor = (host: Partial<HostCapabilities>) => ({ services: { host } }) as unknown as HandlerContext;

describe('update methods', () => {
  it('answer on the browser host that the desktop app handles updates', async () => {
    const handlers = createUpdateHandlers(contextFor({ host: 'browser' }));
    for (const method of ['updates.status', 'updates.check', 'updates.download', 'updates.install'] as const) {
      await expect(Promise.resolve().then(() => handlers[method]({}))).rejects.toMatchObject({ code: 'validation', message: 'Updates are handled by the desktop app.' });
    }
  });

  it("reach the desktop host's updater", async () => {
    const available: UpdateStatus = { state: 'available', version: '2.0.0', releaseNotes: null, releaseDate: null };
    const install = vi.fn();
    const port: UpdatesPort = { status: () => available, check: vi.fn(() => Promise.resolve(available)), download: vi.fn(() => Promise.resolve(available)), install };
    const handlers = createUpdateHandlers(contextFor({ host: 'electron', updates: port }));
    expect(await handlers['updates.check']({})).toBe(available);
    await handlers['updates.install']({});
    expect(install).toHaveBeenCalled();
  });
});
