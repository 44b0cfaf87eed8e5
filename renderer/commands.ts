// Where each command of the native menu (and its shortcut) goes in the renderer: one route per command, checked by the
// compiler (a Record over MENU_COMMANDS) and by test/unit/menu-commands.test.ts against electron/menu.ts.
import { MENU_COMMANDS, type MenuCommand } from '../core/api/contract';

/** Commands the open report carries out (ReportScreen registers a handler for each: a Record over this list). */
export const REPORT_COMMANDS = ['import', 'paste', 'preview', 'exportPdf', 'exportDocx', 'exportXlsx', 'print', 'versions'] as const;
export type ReportCommand = (typeof REPORT_COMMANDS)[number];

export type MenuRoute =
  /** Show the library (an open report is saved and closed first), optionally opening one of its dialogs. */
  | { kind: 'library'; dialog: 'new' | 'recycle' | null }
  | { kind: 'settings' }
  | { kind: 'backup'; mode: 'backup' | 'restore' }
  /** The in-app guide (F1), at its start or at "Giới thiệu". */
  | { kind: 'guide'; part: 'guide' | 'about' }
  /**
   * A command on a report: done by the open report; from the library or settings, the selected (or last) report is
   * opened first and the command runs there.
   */
  | { kind: 'report'; command: ReportCommand }
  /** Undo / redo: the typing of the text field being edited, otherwise the report's last change. */
  | { kind: 'history'; redo: boolean }
  /** Ctrl+S: save now (the report, or the settings being edited) and say "Đã lưu". */
  | { kind: 'save' };

export const MENU_ROUTES: Readonly<Record<MenuCommand, MenuRoute>> = {
  newReport: { kind: 'library', dialog: 'new' },
  openLibrary: { kind: 'library', dialog: null },
  recycle: { kind: 'library', dialog: 'recycle' },
  settings: { kind: 'settings' },
  backup: { kind: 'backup', mode: 'backup' },
  restoreBackup: { kind: 'backup', mode: 'restore' },
  guide: { kind: 'guide', part: 'guide' },
  about: { kind: 'guide', part: 'about' },
  import: { kind: 'report', command: 'import' },
  paste: { kind: 'report', command: 'paste' },
  preview: { kind: 'report', command: 'preview' },
  exportPdf: { kind: 'report', command: 'exportPdf' },
  exportDocx: { kind: 'report', command: 'exportDocx' },
  exportXlsx: { kind: 'report', command: 'exportXlsx' },
  print: { kind: 'report', command: 'print' },
  versions: { kind: 'report', command: 'versions' },
  undo: { kind: 'history', redo: false },
  redo: { kind: 'history', redo: true },
  save: { kind: 'save' },
};

/** The route of a command name from main; null for a name this build does not know (ignored). */
export function routeOf(command: string): MenuRoute | null {
  return (MENU_COMMANDS as readonly string[]).includes(command) ? MENU_ROUTES[command as MenuCommand] : null;
}
