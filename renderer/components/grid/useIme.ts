// IME composition (Vietnamese Telex/VNI): while a syllable is being composed, keys belong to the IME, not the grid.
import { useCallback, useRef } from 'react';

export interface Ime {
  /** True while the IME composes, or for the key event that feeds it (keyCode 229). */
  isComposing(e: React.KeyboardEvent): boolean;
  /** True between compositionstart and compositionend. */
  active(): boolean;
  onCompositionStart(): void;
  onCompositionEnd(): void;
}

/** Tracks composition; `onStart` runs when a composition begins (it starts the edit), `onEnd` when it ends. */
export function useIme(onStart: () => void, onEnd: () => void): Ime {
  const composing = useRef(false);
  const start = useRef(onStart);
  const end = useRef(onEnd);
  start.current = onStart;
  end.current = onEnd;
  const isComposing = useCallback((e: React.KeyboardEvent) => e.nativeEvent.isComposing || composing.current || e.keyCode === 229, []);
  const active = useCallback(() => composing.current, []);
  const onCompositionStart = useCallback(() => {
    composing.current = true;
    start.current();
  }, []);
  const onCompositionEnd = useCallback(() => {
    composing.current = false;
    end.current();
  }, []);
  return { isComposing, active, onCompositionStart, onCompositionEnd };
}
