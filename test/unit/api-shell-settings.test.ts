// The built main process on a full disk: settings that cannot be written are a Vietnamese notice, and closing still saves the report first.
//
// Like api-shell.test.ts, main.ts is bundled with a recording fake `electron`; here `electron-store` is replaced too,
// by a store whose every write fails with ENOSPC (the write electron-store does at the first start included).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../core/api/channels';
import { EXTERNAL_DEPS } from '../../scripts/build-electron';
import { fakeElectronSource } from '../helpers/fake-electron';

const FAKE_STORE = `
export default class FullDiskStore {
  constructor(opts) { this.path = globalThis.__fakeDiskFull.settingsFile; }
  get store() { return {}; }
  set store(value) {
    globalThis.__fakeDiskFull.writes++;
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }
}
`;

interface FakeWindow {
  destroyed: boolean;
  webContents: { sent: { msg: { event: string; payload: Record<string, unknown> } }[]; mainFrame: { url: string } };
  close(): void;
}
interface Fake {
  paths: Record<string, string>;
  windows: FakeWindow[];
  errorBoxes: string[];
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>;
  writes: number;
  settingsFile: string;
  [k: string]: unknown;
}

const ROOT = resolve('.');
const WORK = join(ROOT, 'node_modules', '.cache', `bc766-shell-disk-${randomBytes(4).toString('hex')}`);
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
  await writeFile(join(WORK, 'renderer', 'index.html'), '<!doctype html><title>Báo cáo 766</title>');
  await writeFile(join(WORK, 'fake-electron.mjs'), fakeElectronSource('__fakeDiskFull'));
  await writeFile(join(WORK, 'fake-store.mjs'), FAKE_STORE);
  fake = {
    paths: { userData, documents: join(WORK, 'docs') },
    appPath: ROOT,
    protocols: new Map(),
    ipcHandlers: new Map(),
    ipcListeners: new Map(),
    windows: [],
    errorBoxes: [],
    opened: [],
    writes: 0,
    settingsFile: join(userData, 'settings.json'),
  };
  (globalThis as { __fakeDiskFull?: Fake }).__fakeDiskFull = fake;
  await build({
    entryPoints: [join(ROOT, 'electron', 'main.ts')],
    outfile: join(WORK, 'main', 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2020',
    external: EXTERNAL_DEPS,
    alias: { electron: join(WORK, 'fake-electron.mjs'), 'electron-store': join(WORK, 'fake-store.mjs') },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  await import(pathToFileURL(join(WORK, 'main', 'main.js')).href);
  await waitFor(() => fake.windows.length === 1 || fake.errorBoxes.length > 0);
  win = fake.windows[0]!;
}, 120_000);

afterAll(async () => {
  await rm(WORK, { recursive: true, force: true });
});

async function invoke(name: string, args: unknown) {
  const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  return (await fake.ipcHandlers.get(IPC_INVOKE_CHANNEL)!(event, name, args)) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
}

describe('main process on a full disk', () => {
  it('starts (no start-up failure box) and tells the clerk in Vietnamese that settings are not saved', async () => {
    expect(fake.errorBoxes).toEqual([]);
    expect(fake.writes).toBeGreaterThan(0);
    const notices = await invoke('app.notices', {});
    const list = notices.result as { code: string; message: string }[];
    expect(list.map((n) => n.code)).toEqual(['SETTINGS_NOT_SAVED']);
    expect(list[0]!.message).toMatch(/^Ổ đĩa đầy nên không lưu được cài đặt/);
  });

  it('settings.set gives the Vietnamese message with its code, not INTERNAL', async () => {
    const res = await invoke('settings.set', { exportFolder: '/mnt/usb' });
    expect(res).toMatchObject({ ok: false, error: { code: 'SETTINGS_WRITE_FAILED' } });
    expect(res.error!.message).toMatch(/Hãy giải phóng dung lượng ổ đĩa/);
  });

  it('on close the window stays open until the page has saved, although the window size cannot be stored', async () => {
    const before = fake.writes;
    win.close();
    expect(fake.writes).toBe(before + 1);
    expect(win.destroyed).toBe(false);
    const request = win.webContents.sent.find((s) => s.msg.event === 'app.flushRequest');
    expect(request).toBeDefined();
    expect(await invoke('app.flushed', { requestId: request!.msg.payload.requestId })).toEqual({ ok: true, result: null });
    expect(win.destroyed).toBe(true);
  });
});
