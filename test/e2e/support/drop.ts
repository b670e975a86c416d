// Simulated drag and drop of files from the OS onto an element, as Chromium delivers it.
import type { Page } from '@playwright/test';

export interface DroppedFile {
  name: string;
  type: string;
  /** Base64, to cross into the page. */
  base64: string;
}

export function dropped(name: string, type: string, bytes: Buffer): DroppedFile {
  return { name, type, base64: bytes.toString('base64') };
}

export async function dropFiles(page: Page, selector: string, files: DroppedFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list: DroppedFile[]) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return transfer;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop'] as const) await page.dispatchEvent(selector, type, { dataTransfer });
}
