// The narrow window's menu (the CSS shows its button only below 760 px): it opens, closes at a choice, and closes on
// Escape with the focus back on its button.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { Sidebar } from '../../../renderer/src/components/Sidebar';
import { useAppStore } from '../../../renderer/src/store/app-store';

vi.hoisted(() => {
  window.mediaDesk = { invoke: () => Promise.reject(new Error('no call expected')), on: () => () => undefined } as unknown as MediaDeskBridge;
});

beforeEach(() => {
  useAppStore.setState({ accounts: [{ id: 'acc_company1', kind: 'library', label: 'Company library', sandbox: false } as AccountSummary], route: { view: 'home' } });
});
afterEach(cleanup);

const menuButton = () => within(screen.getByRole('navigation', { name: 'Accounts and tools' })).getByRole('button', { name: 'Menu' });

describe('the narrow window’s menu', () => {
  it('opens, and closes when a place is chosen', () => {
    render(<Sidebar />);
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(menuButton());
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Company library' }));
    expect(useAppStore.getState().route).toEqual({ view: 'account', accountId: 'acc_company1' });
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on Escape and gives the focus back to its button', () => {
    render(<Sidebar />);
    fireEvent.click(menuButton());
    const activity = screen.getByRole('button', { name: 'Activity' });
    activity.focus();
    fireEvent.keyDown(activity, { key: 'Escape' });
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menuButton());
  });
});
