// A media library as main would answer the window: a domain with folders and files and their access lists, kept
// in memory, answering the contract's library methods by the same access rules (main/common/library-acl.ts).
// Installed as window.mediaDesk before the panel's modules load, as the preload script does.
import { canAccess, canAccessFile, emptyAcl, type Acl } from '../../../../main/common/library-acl';
import type { AccountSummary } from '../../../../main/common/accounts';
import type { AddressEntry } from '../../../../main/common/address-book';
import type { MediaDeskBridge } from '../../../../main/common/contract';
import type { LibraryFileInfo, LibraryFolderInfo } from '../../../../main/common/methods/library';

export const ME = { userId: 'demo-user', appId: 'media-desk' };
export const OTHER = { userId: 'colleague', appId: 'partner-app' };

export interface FakeFolder {
  info: LibraryFolderInfo;
  files: LibraryFileInfo[];
}

export const account = {
  id: 'acc_lib12345',
  kind: 'library',
  label: 'Demo library',
  sandbox: false,
  serverUrl: 'https://library.example',
  domain: 'demo.example',
  userId: ME.userId,
  appId: ME.appId,
  variables: {},
  secretSet: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as unknown as AccountSummary;

export function folder(name: string, createdBy: string, acl: Partial<Acl> = {}, files: Array<{ name: string; acl?: Partial<Acl>; createdBy?: string }> = []): FakeFolder {
  return {
    info: { id: name, name, createdBy, createdWith: ME.appId, createdOn: '2026-01-02T10:00:00Z', acl: { ...emptyAcl(), ...acl } },
    files: files.map((f) => ({
      id: `${name}/${f.name}`,
      name: f.name,
      folder: name,
      size: 1000,
      createdBy: f.createdBy ?? createdBy,
      createdOn: '2026-01-02T11:00:00Z',
      acl: { ...emptyAcl(), ...f.acl },
      voicemail: false,
    })),
  };
}

type Answer = (method: string, args: Record<string, unknown>) => unknown;

/** What the fake library holds and was asked; `hold` keeps a method's answers pending until released. */
export interface FakeLibrary {
  folders: FakeFolder[];
  /** The address book main answers (empty unless a test names people). */
  book: AddressEntry[];
  calls: Array<{ method: string; args: Record<string, unknown> }>;
  /** Methods that fail with this error (code, message). */
  failing: Map<string, { code: string; message: string }>;
  /** Methods whose answers wait (for the loading state). */
  holding: Set<string>;
  override: Answer | null;
  /** Sends an event as main would (the transfer queue's changes). */
  emit(event: string, payload: unknown): void;
}

function refused(message: string): never {
  throw Object.assign(new Error(message), { code: 'forbidden' });
}

export function installFakeLibrary(): FakeLibrary {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const lib: FakeLibrary = {
    folders: [],
    book: [],
    calls: [],
    failing: new Map(),
    holding: new Set(),
    override: null,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
  const find = (name: unknown) => lib.folders.find((f) => f.info.name === name) ?? refused(`No folder ${String(name)}.`);
  const answer: Answer = (method, args) => {
    switch (method) {
      case 'transfers.list':
        return { items: [], summary: { active: 0, progress: null } };
      case 'library.whoami':
        return { accountId: account.id, label: account.label, ...ME, domain: 'demo.example', host: 'library.example:443' };
      case 'library.listFolders':
        return lib.folders.filter((f) => canAccess(f.info, 'read', ME.userId, ME.appId)).map((f) => f.info);
      case 'library.getFolder': {
        const f = find(args.folder);
        if (!canAccess(f.info, 'read', ME.userId, ME.appId)) refused(`You may not read the folder "${f.info.name}".`);
        return { folder: f.info, files: f.files };
      }
      case 'library.existingNames': {
        const f = find(args.folder);
        if (!canAccess(f.info, 'read', ME.userId, ME.appId)) refused(`You may not read the folder "${f.info.name}".`);
        return (args.names as string[]).filter((name) => f.files.some((x) => x.name === name));
      }
      case 'library.createFolder': {
        const created = folder(String(args.folder), ME.userId);
        lib.folders.push(created);
        return created.info;
      }
      case 'library.getAcl': {
        const target = args.target as { folder: string; file?: string };
        const f = find(target.folder);
        const file = target.file ? f.files.find((x) => x.name === target.file) : undefined;
        const item = file ?? f.info;
        if (file ? !canAccessFile(file, f.info, 'read', ME.userId, ME.appId) : !canAccess(f.info, 'read', ME.userId, ME.appId)) refused('You may not read the permissions.');
        return { target, id: item.id, createdBy: item.createdBy, acl: item.acl, ownAcl: true, ...(file ? { folderAcl: f.info.acl } : {}), reloaded: true };
      }
      case 'addressBook.list':
        return lib.book;
      case 'library.mediaUrl':
        return { url: `/media/m_${String(args.file)}`, voicemail: false };
      default:
        throw new Error(`unexpected call ${method}`);
    }
  };
  const bridge = {
    invoke: async (method: string, args: Record<string, unknown>) => {
      lib.calls.push({ method, args });
      if (lib.holding.has(method)) await new Promise(() => undefined);
      const failure = lib.failing.get(method);
      if (failure) return { ok: false, error: failure };
      try {
        // A copy, as the IPC would deliver it: the window never shares the fake's arrays.
        return { ok: true, value: structuredClone(lib.override ? (lib.override(method, args) ?? answer(method, args)) : answer(method, args)) };
      } catch (err) {
        return { ok: false, error: { code: 'forbidden', message: err instanceof Error ? err.message : String(err) } };
      }
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    fileRef: (file: File) => Promise.resolve({ kind: 'granted', id: `fg_${file.name}` }),
  };
  window.mediaDesk = bridge as unknown as MediaDeskBridge;
  return lib;
}
