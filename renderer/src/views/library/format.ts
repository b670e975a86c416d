// What the library browser shows for folders and files: type names, preview kinds, dates, sorting and filtering.
// Pure code: the browser's tables and the details panel share it. Words come from the catalogue ('library'), in
// the window's language at the time of the call.
import type { Formats } from '../../../../main/common/i18n/format';
import type { LibraryFileInfo, LibraryFolderInfo } from '../../../../main/common/methods/library';
import { i18n } from '../../i18n';
import { nameListIn, quotedIn } from './acl-words';

export type PreviewKind = 'image' | 'video' | 'audio' | null;

/** A type the catalogue has a name for ('library:type.<name>'). */
type TypeName = 'jpeg' | 'png' | 'gif' | 'webp' | 'mp4' | 'quicktime' | 'webm' | 'mp3' | 'aac' | 'wav' | 'ogg';

interface TypeInfo {
  label: string;
  preview: PreviewKind;
}

/** The extensions the library's names carry, by what their preview plays, each with the name of its type. */
const EXTENSIONS: Record<Exclude<PreviewKind, null>, Record<string, TypeName>> = {
  image: { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', gif: 'gif', webp: 'webp' },
  video: { mp4: 'mp4', m4v: 'mp4', mov: 'quicktime', webm: 'webm' },
  audio: { mp3: 'mp3', m4a: 'aac', wav: 'wav', ogg: 'ogg' },
};
const TYPES = new Map(
  Object.entries(EXTENSIONS).flatMap(([preview, names]) => Object.entries(names).map(([ext, name]) => [ext, { name, preview: preview as PreviewKind }] as const)),
);

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The library sends no media type in listings: the type is told by the name (the preview shows the real bytes). */
export function fileType(file: Pick<LibraryFileInfo, 'name' | 'voicemail'>, lng?: string): TypeInfo {
  if (file.voicemail) return { label: i18n.t('library:type.voicemail', { lng }), preview: 'audio' };
  const ext = extension(file.name);
  const known = TYPES.get(ext);
  if (known) return { label: i18n.t(`library:type.${known.name}`, { lng }), preview: known.preview };
  return { label: ext ? i18n.t('library:type.other', { ext: ext.toUpperCase(), lng }) : i18n.t('library:type.file', { lng }), preview: null };
}

export type Row =
  | { key: string; kind: 'folder'; name: string; item: LibraryFolderInfo; type: string; size: undefined; created: number }
  | { key: string; kind: 'file'; name: string; item: LibraryFileInfo; type: string; size: number | undefined; created: number };

function createdTime(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** The domain's folders as rows; `lng` is the language of their type's name (the window's by default). */
export function folderRows(folders: readonly LibraryFolderInfo[], lng?: string): Row[] {
  const type = i18n.t('library:type.folder', { lng });
  return folders.map((item) => ({ key: `d:${item.name}`, kind: 'folder', name: item.name, item, type, size: undefined, created: createdTime(item.createdOn) }));
}

export function fileRows(files: readonly LibraryFileInfo[], lng?: string): Row[] {
  return files.map((item) => ({ key: `f:${item.name}`, kind: 'file', name: item.name, item, type: fileType(item, lng).label, size: item.size, created: createdTime(item.createdOn) }));
}

/** The sortable columns, in the table's order (their headers are 'library:column.<key>'). */
export const COLUMNS = ['name', 'type', 'size', 'createdOn', 'createdBy', 'createdWith'] as const;
export type SortKey = (typeof COLUMNS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(a: Row, b: Row, key: SortKey): number {
  switch (key) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'type':
      return collator.compare(a.type, b.type);
    case 'size':
      return (a.size ?? -1) - (b.size ?? -1);
    case 'createdOn':
      return a.created === b.created ? 0 : a.created < b.created ? -1 : 1;
    case 'createdBy':
      return collator.compare(a.item.createdBy ?? '', b.item.createdBy ?? '');
    case 'createdWith':
      return collator.compare(a.item.createdWith ?? '', b.item.createdWith ?? '');
  }
}

/** Sorted by the column, then by name, so equal values keep a stable, predictable order. */
export function sortRows(rows: readonly Row[], sort: Sort): Row[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (compareValues(a, b, sort.key) || (sort.key === 'name' ? 0 : collator.compare(a.name, b.name))));
}

export function filterRows(rows: readonly Row[], filter: string): Row[] {
  const needle = filter.trim().toLocaleLowerCase();
  if (!needle) return [...rows];
  return rows.filter((row) => row.name.toLocaleLowerCase().includes(needle));
}

const tableDates = new Map<string, Intl.DateTimeFormat>();
/** The table's compact date, to the minute ("12/5/26, 9:40 PM", "2026/12/05 21:40"): the details have the long one. */
export function tableDate(f: Formats, iso: string | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return f.dateTime(iso);
  let format = tableDates.get(f.language);
  if (!format) {
    format = new Intl.DateTimeFormat(f.language, { dateStyle: 'short', timeStyle: 'short' });
    tableDates.set(f.language, format);
  }
  return format.format(Date.parse(iso));
}

/** A size, or a dash when the library did not say. */
export function sizeText(f: Formats, bytes: number | undefined): string {
  return bytes === undefined ? '—' : f.bytes(bytes);
}

/** "a.jpg, b.jpg and 3 more", in the window's language. */
export function nameList(names: readonly string[], max = 8): string {
  return nameListIn(i18n, names, max);
}

/** A name quoted as the language quotes names ("x" / 「x」). */
export function quoted(name: string): string {
  return quotedIn(i18n, name);
}
