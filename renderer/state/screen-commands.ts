// The screen on show registers what it does for the menu's commands; App (main.tsx) calls it (routes in commands.ts).
import type { ReportCommand } from '../commands';

/** The open report's handler of report commands (ReportScreen registers it while mounted). */
export const reportCommands: { run: ((command: ReportCommand) => void) | null } = { run: null };

/** The settings screen's save (Ctrl+S there): resolves true when saved or nothing was to save, false when refused. */
export const settingsCommands: { save: (() => Promise<boolean>) | null } = { save: null };

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
