// The shape of a library folder on disk: checks that each part has the right kind (folder or file) and sets a wrong one aside in corrupt/.
//
// A library folder can be damaged by hand, by a sync tool or by a disk check: `library.json` may become a folder,
// `reports/` or `versions/` a file. Such an item is moved (never deleted) into `corrupt/` as `<name>--<UTC stamp>`
// and the part is created again; what cannot be repaired is refused with a Vietnamese message saying what to do.
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserFacingError } from '../files/errors';
import { compactStamp } from './store';

/** The folders every library holds, besides `corrupt/` (which is checked first, since the others are moved into it). */
export const LIBRARY_FOLDERS = ['reports', 'versions', 'recycle'] as const;
export const LIBRARY_META = 'library.json';
export const CORRUPT_FOLDER = 'corrupt';

type Kind = 'missing' | 'folder' | 'file';

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function kindOf(path: string): Promise<Kind> {
  try {
    return (await fs.stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return 'missing';
    throw err;
  }
}

async function freeName(dir: string, base: string): Promise<string> {
  let path = join(dir, base);
  for (let n = 2; (await kindOf(path)) !== 'missing'; n++) path = join(dir, `${base}-${n}`);
  return path;
}

/** What a repair did: the items set aside (as named in the library folder), for the clerk's notice. */
export interface LayoutRepair {
  /** Library-relative names of the items moved into corrupt/ ("reports", "library.json", "versions/<id>"…). */
  setAside: string[];
}

/**
 * Moves `path` (a file or a folder of the wrong kind) into `<library>/corrupt/` as `<label>--<stamp>`. A corrupt/ that
 * is itself a file is first renamed beside it, the folder created, then moved in.
 */
export async function setAsideInCorrupt(library: string, path: string, label: string, now: Date): Promise<string> {
  const corrupt = join(library, CORRUPT_FOLDER);
  const stamp = compactStamp(now);
  const kind = await kindOf(corrupt);
  if (kind === 'file') {
    const parked = await freeName(library, `.corrupt--${stamp}.aside`);
    await fs.rename(corrupt, parked);
    await fs.mkdir(corrupt);
    const moved = await freeName(corrupt, `${CORRUPT_FOLDER}--${stamp}`);
    await fs.rename(parked, moved);
    if (path === corrupt) return moved;
  } else if (kind === 'missing') {
    await fs.mkdir(corrupt, { recursive: true });
  }
  const target = await freeName(corrupt, `${label}--${stamp}`);
  await fs.rename(path, target);
  return target;
}

function unavailable(folder: string, err: unknown): UserFacingError {
  const code = errorCode(err);
  const why =
    code === 'ENOSPC'
      ? 'ổ đĩa đã đầy'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'máy không cho phép ghi vào đó'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'một phần của đường dẫn là tệp chứ không phải thư mục'
          : `mã lỗi ${code ?? 'không rõ'}`;
  return new UserFacingError(
    'LIBRARY_UNAVAILABLE',
    `Không mở được thư viện báo cáo ở “${folder}” (${why}). Hãy kiểm tra ổ đĩa và quyền ghi của thư mục này (hoặc chuyển tệp gây vướng ra chỗ khác) rồi thử lại; các báo cáo đã lưu không bị xóa.`,
    { cause: err },
  );
}

/**
 * Makes sure the library folder and its parts have the right kind, creating the missing folders and setting aside
 * any item of the wrong kind. Cheap when all is well (a few stat calls), so it runs before every library operation.
 * @throws UserFacingError LIBRARY_UNAVAILABLE when the folder cannot be created or repaired (full disk, no permission…).
 */
export async function ensureLibraryLayout(folder: string, now: () => Date): Promise<LayoutRepair> {
  const setAside: string[] = [];
  try {
    const top = await kindOf(folder);
    if (top === 'file') {
      // The library folder itself is a file: park it, create the folder, then move it into corrupt/.
      const parked = await freeName(dirname(folder), `.${basename(folder)}--${compactStamp(now())}.aside`);
      await fs.rename(folder, parked);
      await fs.mkdir(folder, { recursive: true });
      await setAsideInCorrupt(folder, parked, basename(folder), now());
      setAside.push('.');
    } else if (top === 'missing') {
      await fs.mkdir(folder, { recursive: true });
    }
    const corrupt = join(folder, CORRUPT_FOLDER);
    const corruptKind = await kindOf(corrupt);
    if (corruptKind === 'file') {
      await setAsideInCorrupt(folder, corrupt, CORRUPT_FOLDER, now());
      setAside.push(CORRUPT_FOLDER);
    } else if (corruptKind === 'missing') {
      await fs.mkdir(corrupt, { recursive: true });
    }
    for (const name of LIBRARY_FOLDERS) {
      const path = join(folder, name);
      const kind = await kindOf(path);
      if (kind === 'folder') continue;
      if (kind === 'file') {
        await setAsideInCorrupt(folder, path, name, now());
        setAside.push(name);
      }
      await fs.mkdir(path, { recursive: true });
    }
    const meta = join(folder, LIBRARY_META);
    if ((await kindOf(meta)) === 'folder') {
      await setAsideInCorrupt(folder, meta, LIBRARY_META, now());
      setAside.push(LIBRARY_META);
    }
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw unavailable(folder, err);
  }
  return { setAside };
}

/**
 * Makes sure `<library>/<sub>` is a folder (e.g. one report's versions folder), setting a file of that name aside as
 * `<label>--<stamp>`. Returns true when something was set aside.
 */
export async function ensureSubfolder(library: string, sub: string, label: string, now: Date): Promise<boolean> {
  const path = join(library, sub);
  const kind = await kindOf(path);
  if (kind === 'folder') return false;
  let moved = false;
  if (kind === 'file') {
    await setAsideInCorrupt(library, path, label, now);
    moved = true;
  }
  await fs.mkdir(path, { recursive: true });
  return moved;
}

/** The clerk's notice text for a repair (the library-relative names of what was set aside). */
export function repairMessage(setAside: readonly string[], recovered: number): string {
  const what = setAside
    .map((n) =>
      n === '.'
        ? 'thư mục thư viện là một tệp'
        : n === LIBRARY_META
          ? `“${LIBRARY_META}” là một thư mục thay vì tệp`
          : `“${n}” là một tệp thay vì thư mục`,
    )
    .join('; ');
  const back = recovered > 0 ? ` Đã khôi phục ${recovered} báo cáo từ bản lưu gần nhất của từng báo cáo.` : '';
  return `Thư viện báo cáo có phần bị hỏng (${what}); phần hỏng đã được chuyển vào thư mục “${CORRUPT_FOLDER}” của thư viện và tạo lại.${back} Nếu thấy thiếu báo cáo, hãy khôi phục từ bản sao lưu.`;
}
