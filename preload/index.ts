// The preload: exposes the contract as one global, `window.mediaDesk`, and nothing else. It runs sandboxed, so it
// only forwards: main checks the sender and validates every argument.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_NAME_LIST, IPC_EVENT, IPC_GRANT_FILE, IPC_INVOKE } from '../main/common/channels.js';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT, (_event: IpcRendererEvent, message: { event: string; payload: unknown }) => {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
});

contextBridge.exposeInMainWorld('mediaDesk', {
  invoke: (method: string, args: unknown) => ipcRenderer.invoke(IPC_INVOKE, method, args),
  on: (event: string, listener: Listener) => {
    if (!(EVENT_NAME_LIST as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    if (typeof listener !== 'function') throw new Error('A listener must be a function');
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
  // The path comes from the File object (only a file the user dropped or picked has one), never from the page; main
  // grants it and answers with an id. The page itself cannot name a path.
  fileRef: async (file: File) => {
    const answer = (await ipcRenderer.invoke(IPC_GRANT_FILE, webUtils.getPathForFile(file))) as { ok: true; value: unknown } | { ok: false; error: { message: string } };
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  },
});
