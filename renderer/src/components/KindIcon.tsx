// The kind icons drawn where no thumbnail is shown (the library's table, Twilio's grid and clean-up lists): SVG, so
// they draw the same in every language and font, where a symbol character may have no glyph at all.

export type IconKind = 'folder' | 'image' | 'video' | 'audio' | 'file';

const PATHS: Record<IconKind, string> = {
  folder: 'M1.5 3.5h4l1.5 1.5h7.5v8.5h-13z',
  image: 'M1.5 2.5h13v11h-13z M3.5 11.5l3-4 2.5 3 1.5-2 2.5 3z',
  video: 'M1.5 3.5h9v9h-9z M10.5 6.5l4-2.5v8l-4-2.5',
  audio: 'M6 12.5a2 2 0 1 1-2-2 2 2 0 0 1 2 2zM6 12.5V3l7-1.5v9 M13 10.5a2 2 0 1 1-2-2 2 2 0 0 1 2 2z',
  file: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3',
};
const KIND_NAMES: Record<IconKind, string> = { folder: 'Folder', image: 'Image', video: 'Video', audio: 'Audio', file: 'File' };

export function KindIcon({ kind, className = 'kind-icon' }: { kind: IconKind; className?: string }) {
  return (
    <svg className={`${className} icon-${kind}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" data-kind={KIND_NAMES[kind]}>
      <path d={PATHS[kind]} />
    </svg>
  );
}
