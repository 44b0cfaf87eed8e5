// Loads and saves the settings through a conf/electron-store instance, setting a broken file aside and falling back to defaults.
import { readFileSync, renameSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Notice } from '../api/contract';
import { compactStamp } from './store';
import {
  applySettingsPatch,
  defaultSettings,
  upgradeSettings,
  type Settings,
  type SettingsPatch,
} from './settings';

/** The part of conf / electron-store used here: the whole store as one object, and its file path. */
export interface KeyValueStore {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface SettingsServiceOptions {
  /** Where the store keeps its file (conf's `path`, known before the store is created). */
  filePath: string;
  /** Creates the store (called after a broken file has been set aside, so it never sees one). */
  createStore: () => KeyValueStore;
  onNotice?: (notice: Notice) => void;
  now?: () => Date;
}

export interface SettingsService {
  get(): Settings;
  set(patch: SettingsPatch): Settings;
  /** Where a broken settings file was moved at startup, if one was. */
  readonly setAside: string | null;
}

/**
 * Opens the settings. A file that is not JSON, or whose content fails the schema even after the upgrades, is
 * renamed to `settings.broken-<stamp>.json` beside it, defaults are used, and the clerk gets a notice.
 * An older file is upgraded and written back; missing fields get their defaults.
 */
export function openSettings(opts: SettingsServiceOptions): SettingsService {
  const now = opts.now ?? (() => new Date());
  let setAside: string | null = null;
  let problem: string | null = null;
  let loaded: Settings | null = null;
  let writeBack = false;

  if (existsSync(opts.filePath)) {
    let raw: unknown;
    try {
      const text = readFileSync(opts.filePath, 'utf8');
      raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (err) {
      problem = `tệp không phải JSON hợp lệ (${(err as Error).message})`;
    }
    if (problem === null) {
      const res = upgradeSettings(raw);
      if (res.ok) {
        loaded = res.settings;
        writeBack = res.upgraded || res.filledDefaults;
      } else {
        problem = res.problem;
      }
    }
    if (problem !== null) {
      const name = basename(opts.filePath).replace(/\.json$/i, '');
      setAside = join(dirname(opts.filePath), `${name}.broken-${compactStamp(now())}.json`);
      renameSync(opts.filePath, setAside);
    }
  }

  const store = opts.createStore();
  let current: Settings = loaded ?? defaultSettings();
  if (loaded === null || writeBack) store.store = { ...current };

  if (problem !== null && setAside !== null) {
    opts.onNotice?.({
      level: 'warning',
      code: 'SETTINGS_RESET',
      message: `Tệp cài đặt bị hỏng (${problem}) nên ứng dụng dùng cài đặt mặc định. Tệp cũ được giữ lại với tên “${basename(setAside)}”; hãy kiểm tra lại phần Cài đặt.`,
    });
  }

  return {
    get: () => structuredClone(current),
    set(patch) {
      const next = applySettingsPatch(current, patch);
      store.store = { ...next };
      current = next;
      return structuredClone(current);
    },
    get setAside() {
      return setAside;
    },
  };
}
