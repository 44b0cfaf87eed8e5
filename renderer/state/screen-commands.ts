// The screen on show registers what it does for the menu's commands; App (main.tsx) calls it (routes in commands.ts).
import type { ReportCommand } from '../commands';

/** The open report's handler of report commands (ReportScreen registers it while mounted). */
export const reportCommands: { run: ((command: ReportCommand) => void) | null } = { run: null };

/** The settings screen's save (Ctrl+S there): resolves true when saved or nothing was to save, false when refused. */
export const settingsCommands: { save: (() => Promise<boolean>) | null } = { save: null };
