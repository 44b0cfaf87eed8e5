// Loads and saves the settings through a conf/electron-store instance: a broken file is set aside, a newer one kept, and write failures become messages.
import { readFileSync, renameSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Notice } from './dto';
import { UserFacingError } from '../files/errors';
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
  /** @throws UserFacingError (SETTINGS_WRITE_FAILED, SETTINGS_NEWER) when the change cannot be stored; nothing changes then. */
  set(patch: SettingsPatch): Settings;
  /** Where a broken settings file was moved at startup, if one was. */
  readonly setAside: string | null;
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The clerk's message for settings that could not be written (or the store not opened): what happened and what to do. */
export function settingsWriteError(filePath: string, err: unknown, action: 'ghi' | 'đọc' = 'ghi'): UserFacingError {
  const code = errorCode(err);
  const name = basename(filePath);
  let message: string;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      message = `Ổ đĩa đầy nên không lưu được cài đặt (tệp “${name}”). Hãy giải phóng dung lượng ổ đĩa rồi thử lại.`;
      break;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      message = `Máy không cho phép ${action} tệp cài đặt “${filePath}”. Hãy nhờ người quản trị máy cấp quyền ${action} cho thư mục “${dirname(filePath)}” rồi thử lại.`;
      break;
    case 'EBUSY':
      message = `Tệp cài đặt “${name}” đang bị một chương trình khác (ví dụ phần mềm diệt virus) giữ. Hãy thử lại sau giây lát.`;
      break;
    default:
      message = `Không ${action === 'ghi' ? 'lưu' : 'đọc'} được cài đặt (tệp “${filePath}”${code ? `, mã lỗi ${code}` : ''}). Hãy thử lại; nếu vẫn lỗi, hãy khởi động lại máy.`;
  }
  return new UserFacingError('SETTINGS_WRITE_FAILED', message, { cause: err });
}

const NOT_SAVED_NOTE = ' Trong lúc này ứng dụng vẫn chạy, nhưng các thay đổi cài đặt chưa được lưu.';

/**
 * Opens the settings. A file that is not JSON, or whose content fails the schema even after the upgrades, is
 * renamed to `settings.broken-<stamp>.json` beside it, defaults are used, and the clerk gets a notice.
 * A file written by a newer app is kept as it is (never reset): defaults are used in memory, changes are refused
 * and the clerk is told to update. An older file is upgraded and written back; missing fields get their defaults.
 * A store that cannot be opened or written (full disk, no permission) is a notice, never an exception: the app runs
 * on the settings in memory and each change says why it was not stored.
 */
export function openSettings(opts: SettingsServiceOptions): SettingsService {
  const now = opts.now ?? (() => new Date());
  const notify = (n: Notice) => opts.onNotice?.(n);
  let setAside: string | null = null;
  let problem: string | null = null;
  let loaded: Settings | null = null;
  let writeBack = false;
  /** Why changes are refused (a newer or unreadable file that must not be overwritten), or null. */
  let refusal: UserFacingError | null = null;

  if (existsSync(opts.filePath)) {
    let raw: unknown;
    let text: string | null = null;
    try {
      text = readFileSync(opts.filePath, 'utf8');
    } catch (err) {
      // An unreadable file is kept (never overwritten with defaults).
      refusal = settingsWriteError(opts.filePath, err, 'đọc');
    }
    if (text !== null) {
      try {
        raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch (err) {
        problem = `tệp không phải JSON hợp lệ (${(err as Error).message})`;
      }
    }
    if (text !== null && problem === null) {
      const res = upgradeSettings(raw);
      if (res.ok) {
        loaded = res.settings;
        writeBack = res.upgraded || res.filledDefaults;
      } else if (res.newer) {
        refusal = new UserFacingError(
          'SETTINGS_NEWER',
          `Tệp cài đặt “${opts.filePath}” được lưu bởi phiên bản mới hơn của ứng dụng nên không được sửa ở đây; hãy cập nhật ứng dụng rồi mở lại.`,
        );
      } else {
        problem = res.problem;
      }
    }
    if (problem !== null) {
      const name = basename(opts.filePath).replace(/\.json$/i, '');
      const aside = join(dirname(opts.filePath), `${name}.broken-${compactStamp(now())}.json`);
      try {
        renameSync(opts.filePath, aside);
        setAside = aside;
      } catch (err) {
        // The broken file cannot be moved: keep it (never overwritten) and say why changes are not stored.
        refusal = settingsWriteError(opts.filePath, err);
      }
    }
  }

  let current: Settings = loaded ?? defaultSettings();
  let store: KeyValueStore | null = null;
  if (refusal === null) {
    try {
      store = opts.createStore();
      if (loaded === null || writeBack) store.store = { ...current };
    } catch (err) {
      const e = settingsWriteError(opts.filePath, err);
      notify({ level: 'error', code: 'SETTINGS_NOT_SAVED', message: e.message + NOT_SAVED_NOTE });
    }
  } else {
    notify({
      level: 'warning',
      code: refusal.code === 'SETTINGS_NEWER' ? 'SETTINGS_NEWER' : 'SETTINGS_NOT_SAVED',
      message:
        refusal.code === 'SETTINGS_NEWER'
          ? `Tệp cài đặt được lưu bởi phiên bản mới hơn của ứng dụng; ứng dụng dùng cài đặt mặc định và giữ nguyên tệp đó, hãy cập nhật ứng dụng.`
          : refusal.message + NOT_SAVED_NOTE,
    });
  }

  if (problem !== null && setAside !== null) {
    notify({
      level: 'warning',
      code: 'SETTINGS_RESET',
      message: `Tệp cài đặt bị hỏng (${problem}) nên ứng dụng dùng cài đặt mặc định. Tệp cũ được giữ lại với tên “${basename(setAside)}”; hãy kiểm tra lại phần Cài đặt.`,
    });
  }

  return {
    get: () => structuredClone(current),
    set(patch) {
      if (refusal) throw refusal;
      const next = applySettingsPatch(current, patch);
      try {
        store ??= opts.createStore();
        store.store = { ...next };
      } catch (err) {
        throw settingsWriteError(opts.filePath, err);
      }
      current = next;
      return structuredClone(current);
    },
    get setAside() {
      return setAside;
    },
  };
}
