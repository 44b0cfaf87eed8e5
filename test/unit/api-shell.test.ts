// The built main process run against a fake `electron` module: protocol, hardened window, IPC sender check, menus, flush on close, settings recovery.
//
// The Electron binary cannot be downloaded on the dev machine, so this test bundles electron/main.ts exactly as the
// app does, with `electron` replaced by a recording fake, imports it, and drives it like Electron would.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../core/api/channels';
import { buildElectron, EXTERNAL_DEPS } from '../../scripts/build-electron';
import { downloadElectronBinary, findElectronBinary, MISSING_ELECTRON_MESSAGE } from '../../scripts/start';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '../../electron/security';
import { menuTemplate } from '../../electron/menu';
import { MENU_COMMANDS, type MenuCommand } from '../../core/api/contract';
import { fakeElectronSource } from '../helpers/fake-electron';


interface FakeWindow {
  options: { webPreferences: Record<string, unknown>; [k: string]: unknown };
  url: string;
  destroyed: boolean;
  bounds: { width: number };
  webContents: {
    sent: { channel: string; msg: { event: string; payload: Record<string, unknown> } }[];
    mainFrame: { url: string };
    windowOpenHandler: ((d: { url: string }) => unknown) | null;
    emit(ev: string, ...args: unknown[]): void;
  };
  close(): void;
  emit(ev: string, ...args: unknown[]): void;
}
interface Fake {
  paths: Record<string, string>;
  appPath: string;
  sandboxEnabled?: boolean;
  schemes?: { scheme: string; privileges: Record<string, boolean> }[];
  protocols: Map<string, (req: Request) => Promise<Response>>;
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  ipcListeners: Map<string, unknown>;
  permissionRequestHandler?: (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
  permissionCheckHandler?: () => boolean;
  menu?: { label: string; submenu: { label?: string; click?: () => void; accelerator?: string }[] }[];
  windows: FakeWindow[];
  errorBoxes: string[];
  opened: string[];
  quitCalled?: boolean;
}

const ROOT = resolve('.');
const WORK = join(ROOT, 'node_modules', '.cache', `bc766-shell-${randomBytes(4).toString('hex')}`);
let fake: Fake;
let win: FakeWindow;

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const userData = join(WORK, 'userData');
  await mkdir(join(WORK, 'renderer'), { recursive: true });
  await mkdir(userData, { recursive: true });
  await mkdir(join(WORK, 'docs'), { recursive: true });
  await writeFile(join(WORK, 'renderer', 'index.html'), '<!doctype html><title>Báo cáo 766</title>');
  // A settings file broken by a power cut: the app must start with defaults and say so.
  await writeFile(join(userData, 'settings.json'), '{"window": {"width": 12');
  await writeFile(join(WORK, 'fake-electron.mjs'), fakeElectronSource());
  fake = {
    paths: { userData, documents: join(WORK, 'docs') },
    appPath: ROOT,
    protocols: new Map(),
    ipcHandlers: new Map(),
    ipcListeners: new Map(),
    windows: [],
    errorBoxes: [],
    opened: [],
  };
  (globalThis as { __fake?: Fake }).__fake = fake;
  await build({
    entryPoints: [join(ROOT, 'electron', 'main.ts')],
    outfile: join(WORK, 'main', 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2020',
    external: EXTERNAL_DEPS,
    alias: { electron: join(WORK, 'fake-electron.mjs') },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  await import(pathToFileURL(join(WORK, 'main', 'main.js')).href);
  await waitFor(() => fake.windows.length === 1);
  win = fake.windows[0]!;
}, 120_000);

afterAll(async () => {
  await rm(WORK, { recursive: true, force: true });
});

function trustedEvent() {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

async function invoke(event: unknown, name: string, args: unknown) {
  return (await fake.ipcHandlers.get(IPC_INVOKE_CHANNEL)!(event, name, args)) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
}

describe('main process over a fake electron', () => {
  it('registers the privileged app scheme, enables the sandbox and loads the app page', () => {
    expect(fake.sandboxEnabled).toBe(true);
    expect((fake as unknown as { appUserModelId: string }).appUserModelId).toBe('vn.baocao766.app');
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) }]);
    expect(win.url).toBe(APP_ENTRY_URL);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[\\/]preload\.cjs$/);
    expect(fake.errorBoxes).toEqual([]);
  });

  it('hardens every web contents: no navigation away, no new windows, no webviews', () => {
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    win.webContents.emit('will-navigate', ev, 'https://evil.example/');
    win.webContents.emit('will-attach-webview', ev);
    expect(prevented).toBe(2);
    expect(win.webContents.windowOpenHandler!({ url: 'https://x' })).toEqual({ action: 'deny' });
  });

  it('denies permissions on the default session', () => {
    const answers: boolean[] = [];
    fake.permissionRequestHandler!(null, 'media', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect(fake.permissionCheckHandler!()).toBe(false);
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handle = fake.protocols.get('app')!;
    const ok = await handle(new Request('app://renderer/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('Báo cáo 766');
    for (const url of ['app://renderer/..%2f..%2fuserData%2fsettings.json', 'app://renderer/missing.js', 'app://other/index.html']) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
    expect((await handle(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });

  it('listens on one IPC channel only (no unchecked listener left by electron-store)', () => {
    expect([...fake.ipcHandlers.keys()]).toEqual([IPC_INVOKE_CHANNEL]);
    expect([...fake.ipcListeners.keys()]).toEqual([]);
  });

  it('answers API calls from the app page and refuses any other sender', async () => {
    const list = await invoke(trustedEvent(), 'library.list', {});
    expect(list.ok).toBe(true);
    expect((list.result as { isSample: boolean }[]).map((s) => s.isSample)).toEqual([true]);
    const refused = [
      { sender: win.webContents, senderFrame: { url: 'https://evil.example/' } },
      { sender: { other: true }, senderFrame: win.webContents.mainFrame },
      { sender: win.webContents, senderFrame: { url: APP_ENTRY_URL } }, // a subframe with the app's URL
      { sender: win.webContents, senderFrame: null },
    ];
    for (const ev of refused) expect(await invoke(ev, 'library.list', {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(await invoke(trustedEvent(), 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('set the broken settings file aside at startup and tells the clerk once the page asks', async () => {
    const notices = await invoke(trustedEvent(), 'app.notices', {});
    expect(notices.ok).toBe(true);
    expect((notices.result as { code: string }[]).map((n) => n.code)).toEqual(['SETTINGS_RESET']);
    const settings = await invoke(trustedEvent(), 'settings.get', {});
    expect(settings.result).toMatchObject({ window: { width: 1280 } });
  });

  it('grants only folders chosen in the dialog', async () => {
    const docs = fake.paths.documents!;
    expect(await invoke(trustedEvent(), 'library.backup', { folder: docs })).toMatchObject({ error: { code: 'PATH_NOT_GRANTED' } });
    const chosen = await invoke(trustedEvent(), 'dialog.chooseFolder', { purpose: 'backup' });
    expect(chosen.result).toEqual({ path: docs });
    const backup = await invoke(trustedEvent(), 'library.backup', { folder: docs });
    expect(backup).toMatchObject({ ok: true, result: { reports: 1 } });
  });

  it('builds the Vietnamese menus; app commands reach the page as menu events', () => {
    expect(fake.menu!.map((m) => m.label)).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    const file = fake.menu![0]!.submenu;
    const item = file.find((i) => i.label === 'Báo cáo mới…')!;
    expect(item.accelerator).toBe('CmdOrCtrl+N');
    item.click!();
    expect(win.webContents.sent.at(-1)).toEqual({ channel: IPC_EVENT_CHANNEL, msg: { event: 'menu', payload: { command: 'newReport' } } });
    fake.menu![3]!.submenu.find((i) => i.label === 'Mở thư mục dữ liệu')!.click!();
    expect(fake.opened).toEqual([join(fake.paths.userData!, 'library')]);
  });

  it('on close asks the page to save, waits for it, then closes and remembers the window size', async () => {
    win.bounds = { ...win.bounds, width: 1500 };
    win.close();
    expect(win.destroyed).toBe(false);
    const request = win.webContents.sent.find((s) => s.msg.event === 'app.flushRequest');
    expect(request).toBeDefined();
    const requestId = request!.msg.payload.requestId as string;
    expect(await invoke(trustedEvent(), 'app.flushed', { requestId })).toEqual({ ok: true, result: null });
    expect(win.destroyed).toBe(true);
    const stored = JSON.parse(await readFile(join(fake.paths.userData!, 'settings.json'), 'utf8'));
    expect(stored.window.width).toBe(1500);
  });
});

describe('menus', () => {
  it('every app command of the contract is reachable from a menu, each with a Vietnamese label', () => {
    const sent: MenuCommand[] = [];
    const template = menuTemplate({ send: (c) => sent.push(c), openDataFolder: () => undefined, quit: () => undefined, dev: false });
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    for (const i of items) if (i.click) (i.click as () => void)();
    expect(new Set(sent)).toEqual(new Set(MENU_COMMANDS));
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const a of ['CmdOrCtrl+Z', 'CmdOrCtrl+Y', 'CmdOrCtrl+C', 'CmdOrCtrl+V', 'CmdOrCtrl+X', 'CmdOrCtrl+A', 'CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+Q']) {
      expect(accelerators).toContain(a);
    }
    expect(items.filter((i) => i.type !== 'separator').every((i) => typeof i.label === 'string' && i.label.length > 1)).toBe(true);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});

describe('build and start', () => {
  it('bundles main, preload and CLI; the preload requires nothing but electron', async () => {
    const out = join(WORK, 'out');
    const r = await buildElectron({ outDir: out });
    const preload = await readFile(r.preload, 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    expect((await readFile(r.cli, 'utf8')).startsWith('#!/usr/bin/env node')).toBe(true);
  }, 120_000);

  it('finds no Electron binary here without trying to download it, and says so in one line', async () => {
    const dir = join(WORK, 'electron-pkg');
    await mkdir(join(dir, 'dist'), { recursive: true });
    expect(findElectronBinary(dir, {})).toBeNull();
    await writeFile(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeNull();
    await writeFile(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
    expect(MISSING_ELECTRON_MESSAGE).not.toContain('\n');
    expect(MISSING_ELECTRON_MESSAGE).toContain('npm run cli -- sample');
  });

  it("runs Electron's first-run download when the binary is missing, and reports whether it worked", async () => {
    const failing = join(WORK, 'electron-offline');
    await mkdir(failing, { recursive: true });
    await writeFile(join(failing, 'install.js'), "console.error('getaddrinfo ENOTFOUND github.com'); process.exit(1);\n");
    expect(await downloadElectronBinary(failing)).toBeNull();

    const working = join(WORK, 'electron-online');
    await mkdir(working, { recursive: true });
    await writeFile(
      join(working, 'install.js'),
      "const fs = require('fs'); fs.mkdirSync('dist', { recursive: true }); fs.writeFileSync('dist/electron', ''); fs.writeFileSync('path.txt', 'electron');\n",
    );
    expect(await downloadElectronBinary(working)).toBe(join(working, 'dist', 'electron'));
  });
});
