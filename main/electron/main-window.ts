// The one app window, as each OS expects it: forgotten when closed, made again on demand (macOS's Dock `activate`,
// a file opened while no window is open), and never sent to once destroyed (a send to a destroyed window throws in
// main).
import type { BrowserWindow } from 'electron';
import { IPC_EVENT } from '../common/channels.js';
import type { EventMap, EventName } from '../common/contract.js';

export class MainWindow {
  private window: BrowserWindow | undefined;
  private opening: Promise<BrowserWindow> | undefined;

  constructor(private readonly create: () => Promise<BrowserWindow>) {}

  /** The live window, if there is one. */
  get(): BrowserWindow | undefined {
    return this.window && !this.window.isDestroyed() ? this.window : undefined;
  }

  /** The live window, made first when there is none (one at a time, however many ask at once). */
  async ensure(): Promise<BrowserWindow> {
    const live = this.get();
    if (live) return live;
    this.opening ??= this.create()
      .then((window) => {
        this.window = window;
        window.on('closed', () => {
          if (this.window === window) this.window = undefined;
        });
        return window;
      })
      .finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** Brings the window to the front (a second launch, a file opened). */
  focus(): void {
    const window = this.get();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  /** An event for the UI; dropped when no live window shows it. */
  send<E extends EventName>(event: E, payload: EventMap[E]): void {
    const window = this.get();
    if (!window || window.webContents.isDestroyed()) return;
    window.webContents.send(IPC_EVENT, { event, payload });
  }
}
