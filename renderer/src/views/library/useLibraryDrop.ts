import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { useWindowFileDrop } from '../../hooks/useFileDrop';
import { useNoticeWhile } from '../../store/notices-store';
import type { ActionState } from './access';

function folderAt(e: DragEvent): string | null {
  const target = e.target instanceof Element ? e.target.closest('[data-drop-folder]') : null;
  return target?.getAttribute('data-drop-folder') ?? null;
}

/**
 * Files dragged from the system over the window while the library browser shows: a drop onto a folder row
 * (an element with data-drop-folder) goes into that folder, a drop anywhere else into the open folder (or
 * nowhere, at the top level). Returns whether a drag is on, and the folder row it is over.
 */
export function useLibraryDrop(onDrop: (files: File[], rowFolder: string | null) => void): { dragging: boolean; overFolder: string | null } {
  const [overFolder, setOverFolder] = useState<string | null>(null);
  const dragging = useWindowFileDrop({
    onDrop: (files, e) => onDrop(files, folderAt(e)),
    onOver: (e) => setOverFolder(folderAt(e)),
    onEnd: () => setOverFolder(null),
  });
  return { dragging, overFolder };
}

/**
 * Said in the notice area while files are dragged over the library: the folder they would go into, or why they
 * would be refused there (`blocked`: what the access lists allow for `target`).
 */
export function useDropNotice(dragging: boolean, target: string | null, blocked: ActionState | null): void {
  const { t } = useTranslation('library');
  useNoticeWhile(
    'library.drop',
    !dragging
      ? null
      : blocked && !blocked.enabled
        ? { level: 'warn', text: blocked.reason ?? t('drop.refused') }
        : { level: 'info', text: target ? t('drop.into', { folder: target }) : t('drop.ontoRow') },
  );
}
