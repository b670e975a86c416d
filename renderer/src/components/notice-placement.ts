// How long a notice stays, and where the notice area sits: what keeps it off the controls the user needs.
//
// Timing, as accessible toasts do it: news (info, ok) leaves by itself after a while long enough to read it, and the
// clock stops while the pointer is over the notices or the focus is in them (WCAG 2.2.1: the reader can take the time
// they need). What the user has to act on (warn, error) and main's notices (a damaged file set aside) stay until
// dismissed or until their cause ends.
//
// Place: the bottom right, as desktop notifications are (the top right holds the views' header buttons), but above
// any panel docked at the bottom of the window that registers itself with the `noticeFloor` ref (the library's
// status line and its Transfers, whose rows hold Cancel and the time left).
import { useEffect, useRef, useState } from 'react';
import type { ShownNotice } from '../store/notices-store';

/** A news notice's time on screen: a few seconds, a little longer for a long sentence. */
export function noticeLifetime(notice: Pick<ShownNotice, 'level' | 'text' | 'mainId'>): number | null {
  if (notice.mainId !== undefined || notice.level === 'warn' || notice.level === 'error') return null;
  return Math.min(12_000, 6_000 + Math.max(0, notice.text.length - 80) * 50);
}

/**
 * Calls `expire` once `lifetime` ms of unpaused time have passed; restarts when `restart` changes (the notice was
 * replaced by a newer one of its cause). A null lifetime never expires.
 */
export function useExpiry(lifetime: number | null, paused: boolean, restart: unknown, expire: () => void): void {
  const left = useRef(lifetime);
  const onExpire = useRef(expire);
  onExpire.current = expire;
  useEffect(() => {
    left.current = lifetime;
  }, [lifetime, restart]);
  useEffect(() => {
    const ms = left.current;
    if (ms === null || paused) return undefined;
    const started = Date.now();
    const timer = setTimeout(() => onExpire.current(), ms);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(0, ms - (Date.now() - started));
    };
  }, [paused, lifetime, restart]);
}

const GAP = 8;
const EDGE = 12;

/** The panels docked at the bottom that the notices keep above, as they mount and unmount. */
const floors = new Set<HTMLElement>();
const floorListeners = new Set<() => void>();
const floorsChanged = (): void => {
  for (const listener of floorListeners) listener();
};

/**
 * A ref for a panel docked at the bottom whose controls the notices must not cover (`<section ref={noticeFloor}>`):
 * the notice area sits above the highest one shown. Registered by the panel itself, so that nothing watches the
 * whole page for it.
 */
export function noticeFloor(element: HTMLElement | null): (() => void) | undefined {
  if (!element) return undefined;
  floors.add(element);
  floorsChanged();
  return () => {
    floors.delete(element);
    floorsChanged();
  };
}

/** The region's distance from the window's bottom: above the highest visible floor panel (noticeFloor). */
export function useNoticeFloor(): number {
  const [bottom, setBottom] = useState(EDGE);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      let top = window.innerHeight;
      for (const floor of floors) {
        const box = floor.getBoundingClientRect();
        if (box.height > 0 && box.top < top) top = box.top;
      }
      // Never pushed into the window's upper half: a floor that tall is not a docked panel.
      const lifted = top < window.innerHeight ? Math.min(window.innerHeight - top + GAP, window.innerHeight / 2) : EDGE;
      setBottom(Math.max(EDGE, Math.round(lifted)));
    };
    const later = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    const sizes = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(later);
    const watch = () => {
      sizes?.disconnect();
      for (const floor of floors) sizes?.observe(floor);
      later();
    };
    measure();
    watch();
    floorListeners.add(watch);
    window.addEventListener('resize', later);
    window.addEventListener('scroll', later, true);
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      sizes?.disconnect();
      floorListeners.delete(watch);
      window.removeEventListener('resize', later);
      window.removeEventListener('scroll', later, true);
    };
  }, []);
  return bottom;
}
