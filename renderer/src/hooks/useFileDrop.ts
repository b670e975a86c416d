import { useEffect, useRef, useState } from 'react';

export interface WindowFileDropHandlers {
  /** Files dropped anywhere on the window; the event says where. */
  onDrop(files: File[], event: DragEvent): void;
  /** A drag with files moves over the window (to highlight a drop target). */
  onOver?(event: DragEvent): void;
  /** The drag left the window or ended. */
  onEnd?(): void;
}

/**
 * Files dragged from the system over the window while the view that uses this is showing. Returns whether a drag
 * with files is over the window, for the drop hint. Handlers may change between renders; the listeners stay.
 */
export function useWindowFileDrop(handlers: WindowFileDropHandlers, enabled = true): boolean {
  const [dragging, setDragging] = useState(false);
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const end = () => {
      depth = 0;
      setDragging(false);
      current.current.onEnd?.();
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
      current.current.onOver?.(e);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) end();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      end();
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) current.current.onDrop(files, e);
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
  }, [enabled]);
  return dragging;
}
