import { useState } from 'react';
import { useWindowFileDrop } from '../../hooks/useFileDrop';

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
