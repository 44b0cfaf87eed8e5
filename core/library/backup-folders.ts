// Backup folders on the target (a USB stick): the manifest that marks a complete one, finding the newest, and naming interrupted ones as incomplete.
import * as fs from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isAtomicTempName, readFileIfExists } from '../files/atomic';
import { UserFacingError } from '../files/errors';

/** Written last into a backup folder: a folder without it is an interrupted backup. */
export const BACKUP_MANIFEST = 'bao-cao-766-sao-luu.json';
export const BACKUP_FORMAT = 'bao-cao-766/library-backup';
export const BACKUP_PREFIX = 'BaoCao766-sao-luu-';
/** Appended to the name of a backup folder that was interrupted before its manifest was written. */
export const INCOMPLETE_SUFFIX = '-chua-hoan-tat';
/**
 * The name of a backup folder taken at `d`: `BaoCao766-sao-luu-YYYYMMDD-HHMMSS` in the computer's local time, the
 * time the app shows (a backup at 08:15 in Hà Nội is "…-081500", not UTC "…-011500").
 */
export function backupFolderName(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${BACKUP_PREFIX}${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** A backup folder as backup() names it (a second backup in the same second gets "-2"…). */
const BACKUP_NAME_RE = /^BaoCao766-sao-luu-\d{8}-\d{6}(?:-\d+)?$/;

export async function isBackupFolder(dir: string): Promise<boolean> {
  const buf = await readFileIfExists(join(dir, BACKUP_MANIFEST)).catch(() => null);
  if (buf === null) return false;
  try {
    return (JSON.parse(buf.toString('utf8')) as { format?: unknown }).format === BACKUP_FORMAT;
  } catch {
    return false;
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

/** When a complete backup was taken, from its manifest (null when the folder is not one). */
async function backupTakenAt(dir: string): Promise<number | null> {
  const buf = await readFileIfExists(join(dir, BACKUP_MANIFEST)).catch(() => null);
  if (buf === null) return null;
  try {
    const m = JSON.parse(buf.toString('utf8')) as { format?: unknown; createdAt?: unknown };
    if (m.format !== BACKUP_FORMAT) return null;
    const t = typeof m.createdAt === 'string' ? Date.parse(m.createdAt) : NaN;
    return Number.isFinite(t) ? t : 0;
  } catch {
    return null;
  }
}

/**
 * The backup folder itself, or the newest complete backup inside it. Newest by the time in its manifest, not by its
 * name: older versions named folders in UTC, newer ones in local time, so names of both kinds do not sort by time.
 */
export async function findBackupFolder(src: string): Promise<string> {
  if (await isBackupFolder(src)) return src;
  const candidates = (await listNames(src)).filter((n) => n.startsWith(BACKUP_PREFIX)).sort().reverse();
  let best: { name: string; at: number } | null = null;
  for (const name of candidates) {
    const at = await backupTakenAt(join(src, name));
    if (at !== null && (best === null || at > best.at)) best = { name, at };
  }
  if (best) return join(src, best.name);
  throw new UserFacingError(
    'NOT_A_BACKUP',
    `Thư mục “${src}” không chứa bản sao lưu hoàn chỉnh của Báo cáo 766. Hãy chọn thư mục “BaoCao766-sao-luu-…” hoặc thư mục chứa nó.`,
  );
}

/** Removes the atomic writer's temp files in a backup folder and its sub-folders (reports, versions/<id>, recycle). */
async function removeTemps(dir: string): Promise<void> {
  const stack: { path: string; depth: number }[] = [{ path: dir, depth: 0 }];
  while (stack.length) {
    const { path, depth } = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(path, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory() && depth < 3) stack.push({ path: join(path, e.name), depth: depth + 1 });
      else if (e.isFile() && isAtomicTempName(e.name)) await fs.unlink(join(path, e.name)).catch(() => undefined);
    }
  }
}

/**
 * Names an interrupted backup folder as incomplete (`<name>-chua-hoan-tat`) and removes its temp files, so it is
 * never mistaken for a backup. Returns the new path, or null when it could not be renamed (the stick was pulled).
 */
export async function markIncomplete(folder: string): Promise<string | null> {
  await removeTemps(folder);
  let target = `${folder}${INCOMPLETE_SUFFIX}`;
  for (let n = 2; await fs.stat(target).then(() => true, () => false); n++) target = `${folder}${INCOMPLETE_SUFFIX}-${n}`;
  try {
    await fs.rename(folder, target);
    return target;
  } catch {
    return null;
  }
}

/**
 * Finds the backup folders in `dest` that a killed or cut-off backup left without a manifest, and names each as
 * incomplete (temp files removed). Returns `{ from, to }` folder names; a `dest` that cannot be read gives none.
 */
export async function markInterruptedBackups(dest: string): Promise<{ from: string; to: string }[]> {
  const out: { from: string; to: string }[] = [];
  for (const name of await listNames(dest)) {
    if (!BACKUP_NAME_RE.test(name)) continue;
    const dir = join(dest, name);
    const isDir = await fs.stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isDir || (await isBackupFolder(dir))) continue;
    const to = await markIncomplete(dir);
    if (to) out.push({ from: name, to: basename(to) });
  }
  return out;
}

/** The clerk's notice for an interrupted backup named as incomplete. */
export function incompleteMessage(dest: string, from: string, to: string): string {
  return `Bản sao lưu “${from}” trong “${dest}” đã bị gián đoạn trước khi xong; đã đổi tên thành “${to}” (chưa hoàn tất, không dùng để khôi phục) và xóa các tệp tạm của nó. Có thể xóa thư mục này.`;
}
