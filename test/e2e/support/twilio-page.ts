// The Twilio viewer as the end-to-end tests drive it: where its parts are, by role and name, as a user finds them.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { ARTIFACTS, type RunningHost } from '../host';

export async function openSandboxTwilio(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Accounts and tools' }).getByRole('button', { name: /Sandbox Twilio/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Sandbox Twilio/ })).toBeVisible();
}

export const messageList = (page: Page): Locator => page.getByRole('listbox', { name: 'Messages, newest first' });
export const mediaGrid = (page: Page): Locator => page.getByRole('listbox', { name: 'Media of the message' });
export const preview = (page: Page): Locator => page.getByRole('dialog').filter({ has: page.locator('#twilio-preview-title') });

/** The list's own status line ("50 messages, more below"). */
export const listStatus = (page: Page): Locator => page.locator('.twilio-list-status [role="status"]');

/** Scrolls the message list to its end, which asks for the next page. */
export async function scrollMessagesToEnd(page: Page): Promise<void> {
  await messageList(page).evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
}

/** Selects the n-th message (from 0) with the keyboard, as the list's arrows do. */
export async function selectMessage(page: Page, index: number): Promise<void> {
  const list = messageList(page);
  // Keys pressed before the first page arrives would move through an empty list.
  await expect(list.getByRole('option').first()).toBeVisible();
  await list.focus();
  await list.press('Home');
  for (let i = 0; i < index; i++) await list.press('ArrowDown');
  await expect(list.locator('[role="option"][aria-selected="true"]')).toHaveAttribute('aria-posinset', String(index + 1));
}

export async function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
}

/** Waits until the focused element's label matches (focus may follow a key by a frame). */
export async function expectFocusOn(page: Page, label: RegExp): Promise<void> {
  await expect.poll(() => focusedLabel(page)).toMatch(label);
}

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `twilio-${name}.png`), fullPage: true });
}

/** A contract call from the test, with the page's session (the browser host's cookie). */
export async function invoke<T>(request: APIRequestContext, host: RunningHost, method: string, args: unknown): Promise<T> {
  const response = await request.post(`${host.origin}/api/invoke`, { data: { method, args } });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}
