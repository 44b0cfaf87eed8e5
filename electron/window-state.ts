// Remembered window size and position: where to open the window so that it is on a screen that still exists.
import type { WindowState } from '../core/library/settings';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MIN_VISIBLE = 120;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

/**
 * The bounds to open the window with: the remembered ones when a good part of the window (its title bar) lies on
 * one of the current screens' work areas, else the remembered size (shrunk to fit) centred on the primary screen.
 */
export function initialBounds(saved: WindowState, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: 1280, height: 800 };
  const width = Math.min(saved.width, primary.width);
  const height = Math.min(saved.height, primary.height);
  if (saved.x !== null && saved.y !== null) {
    const want: Rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
    const titleBar: Rect = { x: want.x, y: want.y, width: want.width, height: 40 };
    for (const area of workAreas) {
      const o = overlap(titleBar, area);
      if (o.w >= MIN_VISIBLE && o.h >= 20) return want;
    }
  }
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}

/** The state to remember: the normal (not maximised) bounds and whether the window was maximised. */
export function stateToSave(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.max(400, Math.round(normalBounds.width)),
    height: Math.max(300, Math.round(normalBounds.height)),
    maximized,
  };
}
