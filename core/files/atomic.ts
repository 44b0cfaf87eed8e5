// The one atomic file writer (temp file, fsync, rename with retries) and the Vietnamese messages for locked or failed files.
//
// Every file the app saves goes through writeFileAtomic: the target is either its old content or the complete new
// content, never half-written, even if the app is killed or the power fails mid-save. On Windows, Excel, Word and
// antivirus scanners hold files open for a moment, so the final rename is retried before telling the clerk to close
// the file.

import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UserFacingError } from './errors';

/** The part of node:fs/promises the writer uses; tests inject failing versions (locks, full disk) through fsImpl. */
export type AtomicFs = Pick<typeof nodeFs, 'open' | 'rename' | 'unlink' | 'stat' | 'readFile' | 'readdir'>;

export interface WriteFileAtomicOptions {
  /** Retries of a rename that fails with EBUSY, EPERM, EACCES, EMFILE or ENFILE. Default 10 (11 tries). */
  retries?: number;
  /** Linear backoff step: the n-th retry waits n × retryDelayMs. Default 35 ms, so 10 retries span about 1.9 s. */
  retryDelayMs?: number;
  /** fsync the temp file before the rename and the folder after it. Default true; false only for throwaway files. */
  fsync?: boolean;
  /** Test seam: the file system to use (default node:fs/promises). */
  fsImpl?: AtomicFs;
  /**
   * Test seam: called after the temp file is complete, fsynced and closed, just before the rename. A crash test
   * kills the process here to prove the target keeps its old content.
   */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

export interface ReadFileOptions {
  retries?: number;
  retryDelayMs?: number;
  fsImpl?: AtomicFs;
}

/** Why a file could not be replaced although it exists: held open by a program, access denied, or read-only. */
export type FileLockReason = 'locked' | 'denied' | 'read-only';

/**
 * The target stays busy, locked or write-protected after the retries. The message starts with
 * "Hãy đóng tệp “<name>” rồi thử lại." followed by the reason.
 */
export class FileLockedError extends UserFacingError {
  readonly path: string;
  readonly reason: FileLockReason;

  constructor(path: string, reason: FileLockReason, options?: { cause?: unknown }) {
    const name = basename(path);
    const why =
      reason === 'read-only'
        ? `Tệp “${name}” đang ở chế độ chỉ đọc: hãy bỏ thuộc tính chỉ đọc của tệp hoặc lưu với tên khác.`
        : reason === 'denied'
          ? 'Tệp đang được một chương trình khác sử dụng hoặc máy không cho phép ghi vào tệp này.'
          : 'Tệp đang được một chương trình khác (Excel, Word hoặc phần mềm diệt virus) sử dụng.';
    super('FILE_LOCKED', `Hãy đóng tệp “${name}” rồi thử lại. ${why}`, options);
    this.name = 'FileLockedError';
    this.path = path;
    this.reason = reason;
  }
}

/** Any other failure to write a file (missing folder, full disk, no permission on the folder…), in Vietnamese. */
export class FileWriteError extends UserFacingError {
  readonly path: string;
  /** The system error code (ENOSPC, ENOENT…), when there was one. */
  readonly systemCode: string | undefined;

  constructor(path: string, message: string, systemCode?: string, options?: { cause?: unknown }) {
    super('FILE_WRITE_FAILED', message, options);
    this.name = 'FileWriteError';
    this.path = path;
    this.systemCode = systemCode;
  }
}

/** A failure to read an existing file, other than a lock (which is a FileLockedError). */
export class FileReadError extends UserFacingError {
  readonly path: string;
  readonly systemCode: string | undefined;

  constructor(path: string, message: string, systemCode?: string, options?: { cause?: unknown }) {
    super('FILE_READ_FAILED', message, options);
    this.name = 'FileReadError';
    this.path = path;
    this.systemCode = systemCode;
  }
}

const LOCK_CODES = new Set(['EBUSY', 'EPERM', 'EACCES', 'ETXTBSY']);
const RETRY_CODES = new Set(['EBUSY', 'EPERM', 'EACCES', 'ETXTBSY', 'EMFILE', 'ENFILE']);
const DEFAULT_RETRIES = 10;
const DEFAULT_RETRY_DELAY_MS = 35;

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * True when an error means "a program holds this file or access is denied": a FileLockedError, or a system error
 * EBUSY, EPERM, EACCES or ETXTBSY (the codes Windows gives for files open in Excel or scanned by antivirus).
 */
export function isLockError(err: unknown): boolean {
  if (err instanceof FileLockedError) return true;
  const code = errorCode(err);
  return code !== undefined && LOCK_CODES.has(code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Runs `op`, retrying with linear backoff while it fails with a retryable code. */
async function withRetries<T>(op: () => Promise<T>, retries: number, delayMs: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const code = errorCode(err);
      if (attempt >= retries || code === undefined || !RETRY_CODES.has(code)) throw err;
      await sleep(delayMs * (attempt + 1));
    }
  }
}

/**
 * The clerk's message for a failed write of `target` (full disk, no permission, missing folder…): the given
 * UserFacingError as is, anything else as a FileWriteError whose message says what to do.
 */
export function describeWriteError(target: string, err: unknown): UserFacingError {
  return writeFailure(target, err);
}

function writeFailure(target: string, err: unknown): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const code = errorCode(err);
  const name = basename(target);
  const folder = dirname(target);
  let message: string;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      message = `Không ghi được tệp “${name}”: không tìm thấy thư mục “${folder}”. Hãy chọn thư mục khác rồi thử lại.`;
      break;
    case 'ENOSPC':
    case 'EDQUOT':
      message = `Ổ đĩa đã đầy, không ghi được tệp “${name}”. Hãy giải phóng dung lượng hoặc lưu sang ổ đĩa khác rồi thử lại.`;
      break;
    case 'EROFS':
      message = `Ổ đĩa chứa thư mục “${folder}” chỉ cho phép đọc, không ghi được tệp “${name}”. Hãy lưu vào thư mục khác.`;
      break;
    case 'EISDIR':
      message = `Không ghi được tệp “${name}”: đã có một thư mục trùng tên. Hãy chọn tên tệp khác.`;
      break;
    case 'EACCES':
    case 'EPERM':
      message = `Không có quyền ghi vào thư mục “${folder}”, không ghi được tệp “${name}”. Hãy chọn thư mục khác rồi thử lại.`;
      break;
    case 'ENAMETOOLONG':
      message = `Tên hoặc đường dẫn của tệp “${name}” quá dài. Hãy đặt tên ngắn hơn hoặc chọn thư mục gần gốc ổ đĩa hơn.`;
      break;
    case 'EMFILE':
    case 'ENFILE':
      message = `Máy đang mở quá nhiều tệp nên không ghi được “${name}”. Hãy đóng bớt chương trình rồi thử lại.`;
      break;
    case 'EIO':
      message = `Lỗi đọc ghi ổ đĩa khi ghi tệp “${name}”. Hãy kiểm tra ổ đĩa (USB, ổ mạng) rồi thử lại.`;
      break;
    default:
      message = `Không ghi được tệp “${name}”${code ? ` (mã lỗi ${code})` : ''}. Hãy thử lại hoặc lưu vào thư mục khác.`;
  }
  return new FileWriteError(target, message, code, { cause: err });
}

/** True when the file's permission bits allow no write at all (Windows maps the read-only attribute to this). */
function isReadOnlyMode(mode: number): boolean {
  return (mode & 0o222) === 0;
}

/** `.<name>.<pid>.<8 hex>.tmp`: hidden on Unix, and recognisable by cleanupStaleTemps. */
const TEMP_RE = /^\.(.+)\.(\d+)\.([0-9a-f]{8})\.tmp$/;

/** True for the name of a temp file of writeFileAtomic (left behind only when a process died before its rename). */
export function isAtomicTempName(name: string): boolean {
  return TEMP_RE.test(name);
}

function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes a file atomically: a temp file in the same folder is written, fsynced and closed, then renamed over the
 * target (retried while Windows reports the target busy), then the folder is fsynced (ignored where unsupported).
 * On any failure the temp file is removed and the target keeps its previous content.
 *
 * A target whose permission bits forbid writing (read-only attribute, chmod 444) is refused up front with a
 * FileLockedError, on every platform (POSIX would let the rename replace it; the clerk's read-only flag wins).
 *
 * @throws FileLockedError when the target stays busy/locked/denied after the retries or is read-only.
 * @throws FileWriteError for every other failure (folder missing, disk full, folder not writable…).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  opts: WriteFileAtomicOptions = {},
): Promise<void> {
  const fs = opts.fsImpl ?? nodeFs;
  const retries = opts.retries ?? DEFAULT_RETRIES;
  const retryDelayMs = opts.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const doSync = opts.fsync ?? true;
  const target = resolve(path);
  const folder = dirname(target);

  let mode = 0o666;
  try {
    const st = await fs.stat(target);
    if (st.isDirectory()) {
      const err = Object.assign(new Error(`EISDIR: ${target} is a directory`), { code: 'EISDIR' });
      throw writeFailure(target, err);
    }
    if (isReadOnlyMode(st.mode)) throw new FileLockedError(target, 'read-only');
    mode = st.mode & 0o777;
  } catch (err) {
    const code = errorCode(err);
    if (err instanceof UserFacingError) throw err;
    if (code !== 'ENOENT') throw writeFailure(target, err);
    // ENOENT: a new file (or a missing folder, reported when the temp file cannot be created).
  }

  const temp = tempNameFor(target);
  let created = false;
  try {
    const handle = await fs.open(temp, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(data);
      if (doSync) await handle.sync();
    } finally {
      await handle.close();
    }
    if (opts.beforeRename) await opts.beforeRename(temp);
    try {
      await withRetries(() => fs.rename(temp, target), retries, retryDelayMs);
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && LOCK_CODES.has(code)) {
        let readOnly = false;
        try {
          readOnly = isReadOnlyMode((await fs.stat(target)).mode);
        } catch {
          // The target vanished or cannot be inspected: report the lock as it is.
        }
        throw new FileLockedError(target, readOnly ? 'read-only' : code === 'EBUSY' ? 'locked' : 'denied', {
          cause: err,
        });
      }
      throw err;
    }
    created = false;
  } catch (err) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw writeFailure(target, err);
  }

  if (doSync) await syncFolder(fs, folder);
}

/** fsyncs a folder so the rename survives a power cut; Windows cannot open folders, so errors are ignored. */
async function syncFolder(fs: AtomicFs, folder: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM on Windows, EINVAL on some network file systems: the data itself is already safe.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Reads a whole file, or returns null if it does not exist. A file held by another program is retried like a
 * rename, then reported as a FileLockedError; other failures as a FileReadError.
 */
export async function readFileIfExists(path: string, opts: ReadFileOptions = {}): Promise<Buffer | null> {
  const fs = opts.fsImpl ?? nodeFs;
  const target = resolve(path);
  try {
    return await withRetries(
      () => fs.readFile(target),
      opts.retries ?? DEFAULT_RETRIES,
      opts.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    );
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code !== undefined && LOCK_CODES.has(code)) {
      throw new FileLockedError(target, code === 'EBUSY' ? 'locked' : 'denied', { cause: err });
    }
    const name = basename(target);
    const message =
      code === 'EISDIR'
        ? `“${name}” là một thư mục, không phải tệp.`
        : `Không đọc được tệp “${name}”${code ? ` (mã lỗi ${code})` : ''}. Hãy thử lại.`;
    throw new FileReadError(target, message, code, { cause: err });
  }
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

export interface CleanupOptions {
  /** Temp files of a running process are removed only when older than this. Default one hour. */
  olderThanMs?: number;
  fsImpl?: AtomicFs;
}

/**
 * Removes temp files that writeFileAtomic left in a folder when a process died between writing and renaming:
 * those of processes no longer running, and any older than `olderThanMs`. Returns the removed paths.
 * A missing folder is not an error. Call it when opening a library folder.
 */
export async function cleanupStaleTemps(folder: string, opts: CleanupOptions = {}): Promise<string[]> {
  const fs = opts.fsImpl ?? nodeFs;
  const olderThanMs = opts.olderThanMs ?? 60 * 60 * 1000;
  const dir = resolve(folder);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m) continue;
    const full = join(dir, name);
    try {
      const st = await fs.stat(full);
      if (!st.isFile()) continue;
      const stale = !isProcessAlive(Number(m[2])) || Date.now() - st.mtimeMs > olderThanMs;
      if (!stale) continue;
      await fs.unlink(full);
      removed.push(full);
    } catch {
      // Gone already or still locked: try again next time.
    }
  }
  return removed;
}
