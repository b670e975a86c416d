// What the library browser shows for folders and files: type names, preview kinds, dates, sorting and filtering.
// Pure code: the browser's tables and the details panel share it.
import { formatBytes } from '../../../../main/common/format-bytes';
import type { LibraryFileInfo, LibraryFolderInfo } from '../../../../main/common/methods/library';

export type PreviewKind = 'image' | 'video' | 'audio' | null;

interface TypeInfo {
  label: string;
  preview: PreviewKind;
}

const TYPES: Record<string, TypeInfo> = {
  jpg: { label: 'JPEG image', preview: 'image' },
  jpeg: { label: 'JPEG image', preview: 'image' },
  png: { label: 'PNG image', preview: 'image' },
  gif: { label: 'GIF image', preview: 'image' },
  webp: { label: 'WebP image', preview: 'image' },
  mp4: { label: 'MP4 video', preview: 'video' },
  m4v: { label: 'MP4 video', preview: 'video' },
  mov: { label: 'QuickTime video', preview: 'video' },
  webm: { label: 'WebM video', preview: 'video' },
  mp3: { label: 'MP3 audio', preview: 'audio' },
  m4a: { label: 'AAC audio', preview: 'audio' },
  wav: { label: 'WAV audio', preview: 'audio' },
  ogg: { label: 'Ogg audio', preview: 'audio' },
};

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The library sends no media type in listings: the type is told by the name (the preview shows the real bytes). */
export function fileType(file: Pick<LibraryFileInfo, 'name' | 'voicemail'>): TypeInfo {
  if (file.voicemail) return { label: 'Voicemail (MP3)', preview: 'audio' };
  const ext = extension(file.name);
  return TYPES[ext] ?? { label: ext ? `${ext.toUpperCase()} file` : 'File', preview: null };
}

export type Row =
  | { key: string; kind: 'folder'; name: string; item: LibraryFolderInfo; type: string; size: undefined; created: number }
  | { key: string; kind: 'file'; name: string; item: LibraryFileInfo; type: string; size: number | undefined; created: number };

function createdTime(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

export function folderRows(folders: readonly LibraryFolderInfo[]): Row[] {
  return folders.map((item) => ({ key: `d:${item.name}`, kind: 'folder', name: item.name, item, type: 'Folder', size: undefined, created: createdTime(item.createdOn) }));
}

export function fileRows(files: readonly LibraryFileInfo[]): Row[] {
  return files.map((item) => ({ key: `f:${item.name}`, kind: 'file', name: item.name, item, type: fileType(item).label, size: item.size, created: createdTime(item.createdOn) }));
}

export const COLUMNS = [
  { key: 'name', label: 'Name' },
  { key: 'type', label: 'Type' },
  { key: 'size', label: 'Size' },
  { key: 'createdOn', label: 'Created on' },
  { key: 'createdBy', label: 'Created by' },
  { key: 'createdWith', label: 'Created with' },
] as const;
export type SortKey = (typeof COLUMNS)[number]['key'];
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

// Formatters are built once: toLocaleString with options builds one per call, which a table of rows pays per cell.
const LONG_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return LONG_DATE.format(t);
}

/** The table's compact form ("11/22/26, 8:34 PM" in English): the details panel has the long one. */
export function formatDateShort(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return SHORT_DATE.format(t);
}

export function formatSize(bytes: number | undefined): string {
  return bytes === undefined ? '—' : formatBytes(bytes);
}

/** "a.jpg, b.jpg and 3 more" */
export function nameList(names: readonly string[], max = 8): string {
  if (names.length <= max) {
    if (names.length <= 1) return names.join('');
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
