// Every command of the native menu (electron/menu.ts) has a route in the renderer (renderer/commands.ts): no menu item
// or shortcut can be added without one. The routes' effects on screen are walked in test/e2e/walk.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../core/api/contract';
import { menuTemplate } from '../../electron/menu';
import { MENU_ROUTES, REPORT_COMMANDS, routeOf } from '../../renderer/commands';
import { GUIDE } from '../../renderer/strings/guide';
import type { MenuItemConstructorOptions } from 'electron';

const REPO = join(__dirname, '..', '..');

/** Every command the menu sends, with its label and accelerator, found by clicking each item (dev items too). */
function menuCommands(): { command: MenuCommand; label: string; accelerator: string | null }[] {
  const out: { command: MenuCommand; label: string; accelerator: string | null }[] = [];
  let last: MenuCommand | null = null;
  const template = menuTemplate({ send: (c) => (last = c), openDataFolder: () => undefined, quit: () => undefined, dev: true });
  const walk = (items: MenuItemConstructorOptions[]): void => {
    for (const i of items) {
      if (Array.isArray(i.submenu)) walk(i.submenu);
      if (!i.click) continue;
      last = null;
      (i.click as () => void)();
      if (last) out.push({ command: last, label: String(i.label), accelerator: i.accelerator ? String(i.accelerator) : null });
    }
  };
  walk(template);
  return out;
}

describe('menu commands', () => {
  it('every command the menu sends, and every command id in electron/menu.ts, has a renderer route', () => {
    const sent = menuCommands();
    expect(sent.length).toBeGreaterThanOrEqual(MENU_COMMANDS.length);
    for (const { command, label } of sent) {
      expect(routeOf(command), `${label} (${command})`).not.toBeNull();
    }
    // The ids as written in the menu's source, so an item added with a literal id is caught even before it is clicked.
    const source = readFileSync(join(REPO, 'electron/menu.ts'), 'utf8');
    const ids = [...source.matchAll(/cmd\(\s*'[^']*',\s*'([A-Za-z]+)'/g)].map((m) => m[1]!);
    expect(new Set(ids)).toEqual(new Set(sent.map((s) => s.command)));
    for (const id of ids) expect(routeOf(id), id).not.toBeNull();
  });

  it('the four items that did nothing are routed: Báo cáo mới (Ctrl+N), Dán bảng (Ctrl+Shift+V), Thùng rác, the guide (F1)', () => {
    const sent = menuCommands();
    const by = (label: string) => sent.find((s) => s.label.startsWith(label));
    expect(by('Báo cáo mới')).toMatchObject({ command: 'newReport', accelerator: 'CmdOrCtrl+N' });
    expect(MENU_ROUTES.newReport).toEqual({ kind: 'library', dialog: 'new' });
    expect(by('Dán bảng')).toMatchObject({ command: 'paste', accelerator: 'CmdOrCtrl+Shift+V' });
    expect(MENU_ROUTES.paste).toEqual({ kind: 'report', command: 'paste' });
    expect(by('Thùng rác')).toMatchObject({ command: 'recycle' });
    expect(MENU_ROUTES.recycle).toEqual({ kind: 'library', dialog: 'recycle' });
    expect(by('Hướng dẫn')).toMatchObject({ command: 'guide', accelerator: 'F1' });
    expect(MENU_ROUTES.guide).toEqual({ kind: 'guide', part: 'guide' });
    expect(by('Giới thiệu')).toMatchObject({ command: 'about' });
    expect(MENU_ROUTES.about).toEqual({ kind: 'guide', part: 'about' });
    expect(by('Lưu')).toMatchObject({ command: 'save', accelerator: 'CmdOrCtrl+S' });
  });

  it('commands on a report are ones the report screen handles, and unknown names are ignored', () => {
    for (const route of Object.values(MENU_ROUTES)) {
      if (route.kind === 'report') expect(REPORT_COMMANDS).toContain(route.command);
    }
    // ReportScreen keeps one handler per report command (a Record over REPORT_COMMANDS, checked by the compiler).
    const screen = readFileSync(join(REPO, 'renderer/screens/ReportScreen.tsx'), 'utf8');
    expect(screen).toMatch(/const handlers: Record<ReportCommand, \(\) => void> = \{/);
    for (const c of REPORT_COMMANDS) expect(screen).toMatch(new RegExp(`\\n\\s+${c}: \\(\\) =>`));
    expect(routeOf('formatDisk')).toBeNull();
    expect(routeOf('__proto__')).toBeNull();
  });
});

describe('dates in the renderer', () => {
  it('no native date input and no OS-locale date formatting anywhere in the renderer', () => {
    const files = listFiles(join(REPO, 'renderer')).filter((f) => /\.(tsx?|html)$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (/type=["'{]*(date|datetime-local|month|week|time)["'}]/.test(text)) offenders.push(`${f}: native date input`);
      if (/toLocale(Date|Time)String|Intl\.DateTimeFormat|\.toISOString\(\)\.slice\(0, ?10\)/.test(text)) offenders.push(`${f}: locale or UTC date`);
    }
    expect(offenders).toEqual([]);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

describe('the guide (F1)', () => {
  it('names each menu command with the shortcut the menu gives it', () => {
    const text = GUIDE.flatMap((part) => part.paragraphs).join('\n');
    const shown = (accelerator: string): string => accelerator.replace('CmdOrCtrl', 'Ctrl');
    let checked = 0;
    for (const { label, accelerator } of menuCommands()) {
      const name = label.replace(/…$/, '');
      // "Xem trước (Ctrl+Shift+P)", "“Báo cáo mới” (Ctrl+N)": a command's name, then its shortcut in brackets.
      for (const m of text.matchAll(new RegExp(`${name}”? \\(([^)]*)\\)`, 'g'))) {
        if (!accelerator) continue;
        expect(m[1], `the guide on “${name}”`).toBe(shown(accelerator));
        checked++;
      }
    }
    // The guide names at least these with their shortcut: Báo cáo mới, Nhập Excel, Dán bảng, Xem trước, In, Xuất PDF, Xuất Excel.
    expect(checked).toBeGreaterThanOrEqual(7);
  });
});
