// Tests of the atomic file writer on real temp folders: writes, overwrites, locks, read-only files, full disks and crashes.
//
// Tests run as root in CI, where permission bits do not stop a write, so locks are simulated by injecting a file
// system (opts.fsImpl) whose rename/open fails with the codes Windows gives for files held by Excel or antivirus
// (EBUSY, EPERM). The read-only case uses a real chmod 0o444: the writer checks the permission bits itself.
// The crash test runs writeFileAtomic in a child Node process that kills itself in the beforeRename hook.
import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileLockedError,
  FileReadError,
  FileWriteError,
  cleanupStaleTemps,
  isLockError,
  readFileIfExists,
  writeFileAtomic,
  type AtomicFs,
} from '../../core/files/atomic';
import { UserFacingError, isUserFacingError } from '../../core/files/errors';

const TEMP_RE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

let dir: string;

beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'bc766-atomic-'));
});

afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function listing(): Promise<string[]> {
  return (await fsp.readdir(dir)).sort();
}

function sysError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** The real file system with rename failing `times` times (Infinity = always) with `code`. */
function renameFailing(code: string, times: number): { fs: AtomicFs; calls: () => number } {
  let calls = 0;
  const fs: AtomicFs = {
    ...fsp,
    rename: async (from, to) => {
      calls++;
      if (calls <= times) throw sysError(code);
      return fsp.rename(from, to);
    },
  };
  return { fs, calls: () => calls };
}

describe('writeFileAtomic', () => {
  it('writes a new file (string as UTF-8) and leaves no temp file', async () => {
    const target = join(dir, 'báo cáo 364.json');
    await writeFileAtomic(target, '{"tên":"Phường Xuất Hoá"}');
    expect(await fsp.readFile(target, 'utf8')).toBe('{"tên":"Phường Xuất Hoá"}');
    expect(await listing()).toEqual(['báo cáo 364.json']);
  });

  it('writes bytes', async () => {
    const target = join(dir, 'data.bin');
    await writeFileAtomic(target, new Uint8Array([0, 1, 2, 255]));
    expect([...(await fsp.readFile(target))]).toEqual([0, 1, 2, 255]);
  });

  it('overwrites an existing file and keeps its permission bits', async () => {
    const target = join(dir, 'report.json');
    await fsp.writeFile(target, 'old content that is longer than the new one');
    await fsp.chmod(target, 0o640);
    await writeFileAtomic(target, 'new');
    expect(await fsp.readFile(target, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect((await fsp.stat(target)).mode & 0o777).toBe(0o640);
    expect(await listing()).toEqual(['report.json']);
  });

  it('survives many concurrent writers: the target is always one complete version', async () => {
    const target = join(dir, 'busy.txt');
    const versions = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(1000));
    await Promise.all(versions.map((v) => writeFileAtomic(target, v, { fsync: false })));
    expect(versions).toContain(await fsp.readFile(target, 'utf8'));
    expect(await listing()).toEqual(['busy.txt']);
  });

  it('retries a locked rename until the lock clears', async () => {
    const target = join(dir, 'bao-cao.xlsx');
    await fsp.writeFile(target, 'old');
    const { fs, calls } = renameFailing('EBUSY', 3);
    await writeFileAtomic(target, 'new', { fsImpl: fs, retryDelayMs: 1 });
    expect(calls()).toBe(4);
    expect(await fsp.readFile(target, 'utf8')).toBe('new');
    expect(await listing()).toEqual(['bao-cao.xlsx']);
  });

  it('also retries EPERM, EACCES and EMFILE', async () => {
    for (const code of ['EPERM', 'EACCES', 'EMFILE']) {
      const target = join(dir, `${code}.txt`);
      const { fs, calls } = renameFailing(code, 2);
      await writeFileAtomic(target, code, { fsImpl: fs, retryDelayMs: 1 });
      expect(calls()).toBe(3);
      expect(await fsp.readFile(target, 'utf8')).toBe(code);
    }
  });

  it('gives up on a target that stays locked with a Vietnamese FileLockedError, old content intact', async () => {
    const target = join(dir, 'bao-cao.xlsx');
    await fsp.writeFile(target, 'old');
    const { fs, calls } = renameFailing('EBUSY', Number.POSITIVE_INFINITY);
    const error = await writeFileAtomic(target, 'new', { fsImpl: fs, retries: 4, retryDelayMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileLockedError);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(isUserFacingError(error)).toBe(true);
    expect(isLockError(error)).toBe(true);
    const locked = error as FileLockedError;
    expect(locked.code).toBe('FILE_LOCKED');
    expect(locked.reason).toBe('locked');
    expect(locked.path).toBe(target);
    expect(locked.message.startsWith('Hãy đóng tệp “bao-cao.xlsx” rồi thử lại.')).toBe(true);
    expect(locked.message.length).toBeGreaterThan('Hãy đóng tệp “bao-cao.xlsx” rồi thử lại.'.length);
    expect(calls()).toBe(5);
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect(await listing()).toEqual(['bao-cao.xlsx']);
  });

  // How long the default retries take (1,5–4 s) is measured in bench/timings.bench.ts, not asserted here.
  it('retries ten times by default before giving up', async () => {
    const target = join(dir, 'x.xlsx');
    const { fs, calls } = renameFailing('EPERM', Number.POSITIVE_INFINITY);
    const error = await writeFileAtomic(target, 'new', { fsImpl: fs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileLockedError);
    expect((error as FileLockedError).reason).toBe('denied');
    expect(calls()).toBe(11);
  });

  it('refuses a read-only target (chmod 0o444) without touching it', async () => {
    const target = join(dir, 'chi-doc.xlsx');
    await fsp.writeFile(target, 'old');
    await fsp.chmod(target, 0o444);
    const error = await writeFileAtomic(target, 'new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileLockedError);
    const locked = error as FileLockedError;
    expect(locked.code).toBe('FILE_LOCKED');
    expect(locked.reason).toBe('read-only');
    expect(locked.message).toContain('Hãy đóng tệp “chi-doc.xlsx” rồi thử lại.');
    expect(locked.message).toContain('Tệp “chi-doc.xlsx” đang ở chế độ chỉ đọc');
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect(await listing()).toEqual(['chi-doc.xlsx']);
  });

  it('reports a read-only target when the rename is denied and the file turned read-only meanwhile', async () => {
    const target = join(dir, 'r.xlsx');
    await fsp.writeFile(target, 'old');
    const fs: AtomicFs = {
      ...fsp,
      rename: async () => {
        await fsp.chmod(target, 0o444);
        throw sysError('EPERM');
      },
    };
    const error = await writeFileAtomic(target, 'new', { fsImpl: fs, retries: 1, retryDelayMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect((error as FileLockedError).reason).toBe('read-only');
    expect(await listing()).toEqual(['r.xlsx']);
  });

  it('fails with FileWriteError when the folder is missing', async () => {
    const target = join(dir, 'khong-co', 'report.json');
    const error = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as FileWriteError).code).toBe('FILE_WRITE_FAILED');
    expect((error as FileWriteError).systemCode).toBe('ENOENT');
    expect((error as Error).message).toContain('không tìm thấy thư mục');
    expect(isLockError(error)).toBe(false);
  });

  it('fails with FileWriteError when the target is a folder', async () => {
    const target = join(dir, 'a-folder');
    await fsp.mkdir(target);
    const error = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toContain('thư mục trùng tên');
    expect(await listing()).toEqual(['a-folder']);
  });

  it('reports a full disk and removes the partial temp file', async () => {
    const target = join(dir, 'big.xlsx');
    await fsp.writeFile(target, 'old');
    const fs: AtomicFs = {
      ...fsp,
      open: (async (path: string, flags?: string, mode?: number) => {
        const handle = await fsp.open(path, flags, mode);
        if (flags === 'wx') {
          handle.writeFile = async () => {
            await fsp.appendFile(path, 'partial');
            throw sysError('ENOSPC');
          };
        }
        return handle;
      }) as AtomicFs['open'],
    };
    const error = await writeFileAtomic(target, 'new', { fsImpl: fs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toContain('Ổ đĩa đã đầy');
    expect((error as FileWriteError).cause).toMatchObject({ code: 'ENOSPC' });
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect(await listing()).toEqual(['big.xlsx']);
  });

  it('does not retry errors that are not locks', async () => {
    const target = join(dir, 'x.json');
    const { fs, calls } = renameFailing('EXDEV', Number.POSITIVE_INFINITY);
    const error = await writeFileAtomic(target, 'x', { fsImpl: fs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toContain('EXDEV');
    expect(calls()).toBe(1);
    expect(await listing()).toEqual([]);
  });

  it('removes the temp file when the beforeRename hook throws', async () => {
    const target = join(dir, 'x.json');
    await fsp.writeFile(target, 'old');
    let seenTemp = '';
    const error = await writeFileAtomic(target, 'new', {
      beforeRename: async (temp) => {
        seenTemp = temp;
        expect(await fsp.readFile(temp, 'utf8')).toBe('new');
        throw new Error('boom');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect(TEMP_RE.test(seenTemp.split(/[\\/]/).pop() ?? '')).toBe(true);
    expect(await fsp.readFile(target, 'utf8')).toBe('old');
    expect(await listing()).toEqual(['x.json']);
  });

  it('keeps the old file when the process dies between write and rename; cleanupStaleTemps removes the leftover', async () => {
    const target = join(dir, 'report.json');
    await fsp.writeFile(target, 'OLD CONTENT');
    const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
    const atomicUrl = pathToFileURL(join(repoRoot, 'core', 'files', 'atomic.ts')).href;
    const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const script = join(dir, 'crash.mts');
    await fsp.writeFile(
      script,
      [
        `import { writeFileAtomic } from ${JSON.stringify(atomicUrl)};`,
        `const [target, how] = process.argv.slice(2);`,
        `await writeFileAtomic(target!, 'NEW CONTENT', {`,
        `  beforeRename: () => { if (how === 'kill') process.kill(process.pid, 'SIGKILL'); else process.exit(7); },`,
        `});`,
        `process.exit(0);`,
      ].join('\n'),
    );

    for (const how of ['kill', 'exit']) {
      const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
        (done, fail) => {
          const child = spawn(process.execPath, ['--import', tsxLoader, script, target, how], {
            cwd: repoRoot,
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('error', fail);
          child.on('exit', (code, signal) => done({ code, signal, stderr }));
        },
      );
      if (how === 'kill' && process.platform !== 'win32') expect(outcome.signal, outcome.stderr).toBe('SIGKILL');
      if (how === 'exit') expect(outcome.code, outcome.stderr).toBe(7);

      expect(await fsp.readFile(target, 'utf8')).toBe('OLD CONTENT');
      const temps = (await listing()).filter((n) => TEMP_RE.test(n));
      expect(temps).toHaveLength(1);
      // The leftover is complete: it was fsynced before the crash.
      expect(await fsp.readFile(join(dir, temps[0] ?? ''), 'utf8')).toBe('NEW CONTENT');

      const removed = await cleanupStaleTemps(dir);
      expect(removed).toEqual([join(dir, temps[0] ?? '')]);
      expect(await listing()).toEqual(['crash.mts', 'report.json']);
    }
  });
});

describe('cleanupStaleTemps', () => {
  it('keeps temps of live processes unless old, and ignores other files', async () => {
    const mine = join(dir, `.a.json.${process.pid}.0123abcd.tmp`);
    const dead = join(dir, '.b.json.999999999.89abcdef.tmp');
    const other = join(dir, '.hidden.tmp');
    for (const p of [mine, dead, other, join(dir, 'a.json')]) await fsp.writeFile(p, 'x');
    expect(await cleanupStaleTemps(dir)).toEqual([dead]);
    expect(await listing()).toEqual(['.a.json.' + process.pid + '.0123abcd.tmp', '.hidden.tmp', 'a.json']);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await fsp.utimes(mine, old, old);
    expect(await cleanupStaleTemps(dir)).toEqual([mine]);
    expect(await listing()).toEqual(['.hidden.tmp', 'a.json']);
  });

  it('accepts a missing folder', async () => {
    expect(await cleanupStaleTemps(join(dir, 'nope'))).toEqual([]);
  });
});

describe('readFileIfExists', () => {
  it('reads a file or returns null when it does not exist', async () => {
    const target = join(dir, 'a.txt');
    expect(await readFileIfExists(target)).toBeNull();
    expect(await readFileIfExists(join(dir, 'no', 'such', 'a.txt'))).toBeNull();
    await fsp.writeFile(target, 'xin chào');
    expect((await readFileIfExists(target))?.toString('utf8')).toBe('xin chào');
  });

  it('retries a locked read and reports a persistent lock', async () => {
    const target = join(dir, 'a.xlsx');
    await fsp.writeFile(target, 'data');
    let calls = 0;
    const flaky: AtomicFs = {
      ...fsp,
      readFile: (async (...args: Parameters<typeof fsp.readFile>) => {
        calls++;
        if (calls <= 2) throw sysError('EBUSY');
        return fsp.readFile(...args);
      }) as AtomicFs['readFile'],
    };
    expect((await readFileIfExists(target, { fsImpl: flaky, retryDelayMs: 1 }))?.toString()).toBe('data');
    expect(calls).toBe(3);

    const stuck: AtomicFs = {
      ...fsp,
      readFile: (async () => {
        throw sysError('EBUSY');
      }) as AtomicFs['readFile'],
    };
    const error = await readFileIfExists(target, { fsImpl: stuck, retries: 2, retryDelayMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileLockedError);
    expect((error as Error).message.startsWith('Hãy đóng tệp “a.xlsx” rồi thử lại.')).toBe(true);
  });

  it('reports a folder given as a file', async () => {
    const error = await readFileIfExists(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as FileReadError).code).toBe('FILE_READ_FAILED');
  });
});

describe('isLockError', () => {
  it('recognises lock codes only', () => {
    expect(isLockError(sysError('EBUSY'))).toBe(true);
    expect(isLockError(sysError('EPERM'))).toBe(true);
    expect(isLockError(sysError('EACCES'))).toBe(true);
    expect(isLockError(sysError('ENOENT'))).toBe(false);
    expect(isLockError(new Error('x'))).toBe(false);
    expect(isLockError(null)).toBe(false);
    expect(isLockError('EBUSY')).toBe(false);
  });
});
