import { useEffect } from 'react';

const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once `minutes` pass without mouse, keyboard or touch input. */
export function useIdleLock(minutes: number | null, onIdle: () => void) {
  useEffect(() => {
    if (!minutes) return undefined;
    const ms = minutes * 60_000;
    let timer = window.setTimeout(onIdle, ms);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, ms);
    };
    ACTIVITY.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    return () => {
      window.clearTimeout(timer);
      ACTIVITY.forEach((e) => window.removeEventListener(e, reset));
    };
  }, [minutes, onIdle]);
}
