// Tests of the settings: defaults, upgrades, patches, and recovery from a broken file, stored with conf (electron-store's engine).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../core/api/contract';
import { defaultSettings, SETTINGS_VERSION, upgradeSettings, applySettingsPatch, type SettingsUpgrade } from '../../core/library/settings';
import { openSettings } from '../../core/library/settings-store';
import { loadSample } from '../../core/model/report';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function open() {
  const cwd = await mkdtemp(join(tmpdir(), 'bc766-settings-'));
  dirs.push(cwd);
  const notices: Notice[] = [];
  const filePath = join(cwd, 'settings.json');
  const make = () =>
    openSettings({
      filePath,
      createStore: () => new Conf<Record<string, unknown>>({ cwd, configName: 'settings', accessPropertiesByDotNotation: false }),
      onNotice: (n) => notices.push(n),
      now: () => new Date('2024-08-15T07:00:00Z'),
    });
  return { cwd, filePath, notices, make };
}

describe('settings schema', () => {
  it('defaults validate and carry the current version', () => {
    const res = upgradeSettings(defaultSettings());
    expect(res.ok).toBe(true);
    expect(defaultSettings().settingsVersion).toBe(SETTINGS_VERSION);
  });

  it('upgrades the unversioned early shape (windowState → window) and fills missing fields', () => {
    const res = upgradeSettings({ windowState: { x: 10, y: 20, width: 1000, height: 700, maximized: true }, exportFolder: '/tmp/x' });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.upgraded).toBe(true);
    expect(res.filledDefaults).toBe(true);
    expect(res.settings.window).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(res.settings.exportFolder).toBe('/tmp/x');
    expect(res.settings.numberStyle).toEqual(defaultSettings().numberStyle);
  });

  it('applies the given upgrade steps and refuses a newer, unknown or missing version step', () => {
    const chain: SettingsUpgrade[] = [{ from: 0, up: (r) => ({ ...r, exportFolder: r.folder, folder: undefined }) }];
    const res = upgradeSettings({ folder: 'D:\\Bao cao' }, chain, 1);
    expect(res).toMatchObject({ ok: true, upgraded: true, settings: { exportFolder: 'D:\\Bao cao' } });
    const raw = { ...defaultSettings() };
    expect(upgradeSettings({ ...raw, settingsVersion: 99 })).toMatchObject({ ok: false, problem: expect.stringMatching(/mới hơn/) });
    expect(upgradeSettings({ ...raw, settingsVersion: 1 }, [], 2)).toMatchObject({ ok: false, problem: expect.stringMatching(/nâng cấp/) });
    expect(upgradeSettings({ ...raw, settingsVersion: 'một' })).toMatchObject({ ok: false });
    expect(upgradeSettings([1, 2])).toMatchObject({ ok: false });
  });

  it('remembers import mappings in the shape of the dossier mapping', () => {
    const mapping = { headerRow: 3, columns: { unit: 'Cơ quan thực hiện', due: 'F', received: 5 } };
    const s = applySettingsPatch(defaultSettings(), { importMappings: [{ signature: 'mã hồ sơ|tên tthc', mapping, usedAt: '2024-08-15T07:00:00Z' }] });
    expect(s.importMappings[0]!.mapping).toEqual(mapping);
    expect(() => applySettingsPatch(defaultSettings(), { importMappings: [{ signature: 'x', mapping: { columns: { nope: 'A' } } as never, usedAt: '' }] })).toThrow();
  });

  it('a patch replaces whole fields and is validated', () => {
    const s = applySettingsPatch(defaultSettings(), { numberStyle: { trimZeros: false, percentSpace: true } });
    expect(s.numberStyle).toEqual({ trimZeros: false, percentSpace: true });
    expect(s.window).toEqual(defaultSettings().window);
    expect(() => applySettingsPatch(defaultSettings(), { window: { x: 0, y: 0, width: 5, height: 5, maximized: false } })).toThrow();
  });
});

describe('settings store', () => {
  it('first start writes the defaults; changes persist across restarts', async () => {
    const { filePath, make, notices } = await open();
    const s1 = make();
    expect(s1.get()).toEqual(defaultSettings());
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual(defaultSettings());
    const profile = loadSample().profile;
    s1.set({ profile, window: { x: 5, y: 6, width: 1400, height: 900, maximized: false } });
    const s2 = make();
    expect(s2.get().profile).toEqual(profile);
    expect(s2.get().window.width).toBe(1400);
    expect(notices).toEqual([]);
  });

  it('keeps the text size (100, 125 or 150 %); a version-1 file written before it gets 100 % and is written back', async () => {
    const { filePath, make, notices } = await open();
    const { textSize: _omitted, ...before } = defaultSettings();
    void _omitted;
    await writeFile(filePath, JSON.stringify({ ...before, exportFolder: '/mnt/usb' }));
    const s1 = make();
    expect(s1.get().textSize).toBe(100);
    expect(s1.get().exportFolder).toBe('/mnt/usb');
    expect(JSON.parse(await readFile(filePath, 'utf8')).textSize).toBe(100);
    s1.set({ textSize: 125 });
    expect(make().get().textSize).toBe(125);
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toMatchObject({ settingsVersion: SETTINGS_VERSION, textSize: 125 });
    expect(() => s1.set({ textSize: 130 as never })).toThrow();
    expect(make().get().textSize).toBe(125);
    expect(notices).toEqual([]);
  });

  it('NFC-normalises text given in decomposed form', async () => {
    const { make } = await open();
    const s = make();
    const profile = { ...loadSample().profile, place: 'Xuất Hoá'.normalize('NFD') };
    expect(s.set({ profile }).profile!.place).toBe('Xuất Hoá'.normalize('NFC'));
  });

  it('a file that is not JSON is set aside, defaults are used, and the clerk is told', async () => {
    const { cwd, filePath, make, notices } = await open();
    await writeFile(filePath, '{"numberStyle": {"trimZeros": tru');
    const s = make();
    expect(s.get()).toEqual(defaultSettings());
    expect(s.setAside).toBe(join(cwd, 'settings.broken-20240815T070000000Z.json'));
    expect(await readFile(s.setAside!, 'utf8')).toBe('{"numberStyle": {"trimZeros": tru');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.code).toBe('SETTINGS_RESET');
    expect(notices[0]!.message).toMatch(/settings\.broken-/);
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual(defaultSettings());
  });

  it('a file that fails the schema is set aside too; a valid older file is upgraded in place without notice', async () => {
    const { cwd, filePath, make, notices } = await open();
    await writeFile(filePath, JSON.stringify({ ...defaultSettings(), numberStyle: 'đẹp' }));
    make();
    expect(notices.map((n) => n.code)).toEqual(['SETTINGS_RESET']);
    expect((await readdir(cwd)).filter((n) => n.startsWith('settings.broken-'))).toHaveLength(1);

    const other = await open();
    await writeFile(other.filePath, JSON.stringify({ windowState: { x: 1, y: 2, width: 900, height: 600, maximized: false } }));
    const s = other.make();
    expect(s.get().window.width).toBe(900);
    expect(other.notices).toEqual([]);
    expect(JSON.parse(await readFile(other.filePath, 'utf8')).settingsVersion).toBe(SETTINGS_VERSION);
  });
});
