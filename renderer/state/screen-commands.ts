// The screen on show lends App what it does for the menu's commands (routes in commands.ts): App owns one slot per
// screen kind, in its own React tree (no module-level store: a remount, a second App or the next test starts empty).
import { useState } from 'react';

/** A handler lent by the mounted screen of one kind; `register` returns the screen's unregister (for its effect). */
export interface CommandSlot<H> {
  /** The handler of the screen on show, null when none is mounted. */
  readonly current: H | null;
  readonly register: (handler: H) => () => void;
}

/**
 * A slot owned by the calling component (App). Unregistering clears it only if it still holds that screen's handler,
 * so a screen leaving after the next one mounted does not clear the new one.
 */
export function useCommandSlot<H>(): CommandSlot<H> {
  const [slot] = useState<CommandSlot<H>>(() => {
    let current: H | null = null;
    return {
      get current() {
        return current;
      },
      register: (handler) => {
        current = handler;
        return () => {
          if (current === handler) current = null;
        };
      },
    };
  });
  return slot;
}

/**
 * The text field the clerk is typing in, whose own undo/redo the menu's Hoàn tác / Làm lại should drive (the grid's
 * hidden editor only while it is editing a cell); null elsewhere.
 */
export function typingField(active: Element | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (active instanceof HTMLTextAreaElement) return active;
  if (!(active instanceof HTMLInputElement)) return null;
  if (!['text', 'search', ''].includes(active.type)) return null;
  if (active.classList.contains('grid-editor')) return active.getAttribute('data-editing') === 'true' ? active : null;
  return active;
}
