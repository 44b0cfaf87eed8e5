// Tests of settings that cannot be written (full disk, no permission) or were written by a newer app: a Vietnamese message, never a reset.
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../core/api/contract';
import { createApiRuntime } from '../../core/api/node-api';
import { UserFacingError } from '../../core/files/errors';
import { defaultSettings } from '../../core/library/settings';
import { openSettings, type KeyValueStore } from '../../core/library/settings-store';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) {
    await chmod(d, 0o755).catch(() => undefined);
    await rm(d, { recursive: true, force: true });
  }
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'bc766-settings-fail-'));
  dirs.push(d);
  return d;
}

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated failure, write`), { code });
}

/** A store like conf's whose writes fail with `code` while `failing` is on (the seam main's electron-store fills). */
function failingStore(path: string, code: string) {
  let data: Record<string, unknown> = {};
  const state = { failing: true, writes: 0 };
  const store: KeyValueStore = {
    get store() {
      return data;
    },
    set store(v: Record<string, unknown>) {
      if (state.failing) throw systemError(code);
      state.writes++;
      data = structuredClone(v);
    },
    path,
  };
  return { store, state };
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('settings that cannot be written', () => {
  it('ENOSPC on settings.set reaches the clerk as a Vietnamese message and keeps the settings as they were', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'settings.json');
    const { store, state } = failingStore(filePath, 'ENOSPC');
    state.failing = false;
    const notices: Notice[] = [];
    const s = openSettings({ filePath, createStore: () => store, onNotice: (n) => notices.push(n) });
    state.failing = true;
    const err = catchError(() => s.set({ exportFolder: '/mnt/usb' }));
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('SETTINGS_WRITE_FAILED');
    expect((err as UserFacingError).message).toMatch(/^Ổ đĩa đầy nên không lưu được cài đặt .*Hãy giải phóng dung lượng/);
    expect(s.get().exportFolder).toBeNull();
    state.failing = false;
    expect(s.set({ exportFolder: '/mnt/usb' }).exportFolder).toBe('/mnt/usb');
    expect(notices).toEqual([]);
  });

  it('through the API, settings.set gives the message with its code, not INTERNAL', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'settings.json');
    const { store, state } = failingStore(filePath, 'EACCES');
    state.failing = false;
    const rt = createApiRuntime({
      libraryFolder: join(dir, 'library'),
      settingsFile: filePath,
      createSettingsStore: () => store,
      dialogs: { openFile: async () => ({ paths: [] }), saveFile: async () => ({ path: null }), chooseFolder: async () => ({ path: null }) },
      appInfo: { name: 'Báo cáo 766', version: 'test', electron: null, platform: process.platform, packaged: false },
    });
    state.failing = true;
    const res = await rt.call('settings.set', { exportFolder: '/mnt/usb' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('SETTINGS_WRITE_FAILED');
    expect(res.error.message).toMatch(/không cho phép ghi tệp cài đặt/);
    expect(res.error.message).toContain(filePath);
  });

  it('at the first start a full disk becomes a notice, and the app runs on the defaults', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'settings.json');
    const { store, state } = failingStore(filePath, 'ENOSPC');
    const notices: Notice[] = [];
    const s = openSettings({ filePath, createStore: () => store, onNotice: (n) => notices.push(n) });
    expect(s.get()).toEqual(defaultSettings());
    expect(notices.map((n) => n.code)).toEqual(['SETTINGS_NOT_SAVED']);
    expect(notices[0]!.message).toMatch(/^Ổ đĩa đầy nên không lưu được cài đặt/);
    // Once there is room again the next change is written.
    state.failing = false;
    s.set({ exportFolder: '/mnt/usb' });
    expect(state.writes).toBe(1);
  });

  it('a store that cannot even be opened at start-up (EACCES) is a notice too, and changes are refused with the reason', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'settings.json');
    const notices: Notice[] = [];
    const s = openSettings({
      filePath,
      createStore: () => {
        throw systemError('EACCES');
      },
      onNotice: (n) => notices.push(n),
    });
    expect(s.get()).toEqual(defaultSettings());
    expect(notices.map((n) => n.code)).toEqual(['SETTINGS_NOT_SAVED']);
    expect(notices[0]!.message).toMatch(/không cho phép ghi tệp cài đặt/);
    const err = catchError(() => s.set({ exportFolder: '/x' }));
    expect((err as UserFacingError).code).toBe('SETTINGS_WRITE_FAILED');
  });

  it('a real read-only data folder: the first start and a change both give the Vietnamese message, no exception', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o555);
    const script = `
      import Conf from 'conf';
      import { openSettings } from ${JSON.stringify(resolve('core/library/settings-store.ts'))};
      const notices = [];
      const cwd = ${JSON.stringify(dir)};
      const s = openSettings({
        filePath: cwd + '/settings.json',
        createStore: () => new Conf({ cwd, configName: 'settings', accessPropertiesByDotNotation: false }),
        onNotice: (n) => notices.push(n),
      });
      let setError = null;
      try { s.set({ exportFolder: '/x' }); } catch (e) { setError = { code: e.code, message: e.message }; }
      console.log(JSON.stringify({ notices, setError }));
    `;
    // Root ignores permission bits, so the check runs as an unprivileged user when the tests run as root.
    const asRoot = process.getuid?.() === 0;
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve('.'),
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(res.stderr).toBe('');
    const out = JSON.parse(res.stdout) as { notices: Notice[]; setError: { code: string; message: string } | null };
    expect(out.notices.map((n) => n.code)).toEqual(['SETTINGS_NOT_SAVED']);
    expect(out.notices[0]!.message).toMatch(/không cho phép ghi tệp cài đặt/);
    expect(out.setError?.code).toBe('SETTINGS_WRITE_FAILED');
    expect(out.setError?.message).toMatch(/không cho phép ghi tệp cài đặt/);
    expect(await readdir(dir)).toEqual([]);
  }, 30_000);
});

describe('settings written by a newer app', () => {
  it('are refused and kept as they are: defaults in memory, a notice, changes refused, the file never rewritten', async () => {
    const dir = await tempDir();
    const filePath = join(dir, 'settings.json');
    const newer = JSON.stringify({ ...defaultSettings(), settingsVersion: 7, exportFolder: '/mnt/usb', futureField: { a: 1 } });
    await writeFile(filePath, newer);
    const notices: Notice[] = [];
    const make = () =>
      openSettings({
        filePath,
        createStore: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', accessPropertiesByDotNotation: false }),
        onNotice: (n) => notices.push(n),
      });
    const s = make();
    expect(s.get()).toEqual(defaultSettings());
    expect(s.setAside).toBeNull();
    expect(notices.map((n) => n.code)).toEqual(['SETTINGS_NEWER']);
    expect(notices[0]!.message).toMatch(/phiên bản mới hơn.*hãy cập nhật ứng dụng/);
    const err = catchError(() => s.set({ exportFolder: '/tmp' }));
    expect((err as UserFacingError).code).toBe('SETTINGS_NEWER');
    expect((err as UserFacingError).message).toMatch(/hãy cập nhật ứng dụng/);
    make();
    expect(await readFile(filePath, 'utf8')).toBe(newer);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
