import { useEffect, useRef, useState } from 'react';

/**
 * Files dragged from the system over the window while the library browser shows: a drop onto a folder row
 * (an element with data-drop-folder) goes into that folder, a drop anywhere else into the open folder (or
 * nowhere, at the top level). Returns whether a drag is on, and the folder row it is over.
 */
export function useLibraryDrop(onDrop: (files: File[], rowFolder: string | null) => void): { dragging: boolean; overFolder: string | null } {
  const [dragging, setDragging] = useState(false);
  const [overFolder, setOverFolder] = useState<string | null>(null);
  const handler = useRef(onDrop);
  handler.current = onDrop;
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const folderAt = (e: DragEvent): string | null => {
      const target = e.target instanceof Element ? e.target.closest('[data-drop-folder]') : null;
      return target?.getAttribute('data-drop-folder') ?? null;
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setOverFolder(folderAt(e));
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        setDragging(false);
        setOverFolder(null);
      }
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      setOverFolder(null);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) handler.current(files, folderAt(e));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return { dragging, overFolder };
}
