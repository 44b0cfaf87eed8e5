// Tests of a library folder whose parts have the wrong kind (a file where a folder belongs and back), and of backups interrupted on the target.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../core/api/contract';
import { ReportLibrary } from '../../core/library/library';
import { loadSample } from '../../core/model/report';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'bc766-lib-edges-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const SAMPLE_ID = loadSample().id;

async function makeLibrary(folder?: string) {
  const dir = folder ?? join(await tempDir(), 'library');
  let t = new Date('2024-08-15T07:00:00.000Z').getTime();
  const notices: Notice[] = [];
  const lib = new ReportLibrary({ folder: dir, now: () => new Date((t += 1000)), onNotice: (n) => notices.push(n) });
  return { dir, lib, notices };
}

/** A library holding the sample and an August report with a figure, then closed (the app quits). */
async function populated() {
  const { dir } = await makeLibrary();
  const first = await makeLibrary(dir);
  const aug = await first.lib.newReport({ kind: 'month', year: 2024, month: 8 });
  await first.lib.save(aug.id, aug.revision, { ...aug.report, total: 88 });
  return { dir, augId: aug.id };
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p)).isDirectory();
}

describe('library parts of the wrong kind', () => {
  it('library.json turned into a folder: moved to corrupt/ with a notice, and the library works (no restart)', async () => {
    const { dir, augId } = await populated();
    // Turned into a folder while the app runs: the next call repairs it, and a deleted sample is not brought back.
    const running = await makeLibrary(dir);
    await running.lib.delete(SAMPLE_ID);
    await rm(join(dir, 'library.json'));
    await mkdir(join(dir, 'library.json'));
    expect((await running.lib.list()).map((s) => s.id)).toEqual([augId]);
    expect((await stat(join(dir, 'library.json'))).isFile()).toBe(true);
    expect((await (await makeLibrary(dir)).lib.list()).map((s) => s.id)).toEqual([augId]);
    const restored = await running.lib.recycleList();
    await running.lib.recycleRestore(restored[0]!.recycleId);
    await rm(join(dir, 'corrupt'), { recursive: true });

    await rm(join(dir, 'library.json'));
    await mkdir(join(dir, 'library.json', 'inside'), { recursive: true });
    const { lib, notices } = await makeLibrary(dir);
    const list = await lib.list();
    expect(list.map((s) => s.id).sort()).toEqual([SAMPLE_ID, augId].sort());
    expect((await stat(join(dir, 'library.json'))).isFile()).toBe(true);
    const aside = (await readdir(join(dir, 'corrupt'))).filter((n) => n.startsWith('library.json--'));
    expect(aside).toHaveLength(1);
    expect(await readdir(join(dir, 'corrupt', aside[0]!))).toEqual(['inside']);
    expect(notices.map((n) => n.code)).toEqual(['LIBRARY_REPAIRED']);
    expect(notices[0]!.message).toMatch(/“library\.json”.*thư mục “corrupt”/);
  });

  it('reports/ turned into a file: set aside, recreated, and each report comes back from its newest version', async () => {
    const { dir, augId } = await populated();
    const deleted = await (await makeLibrary(dir)).lib.duplicate(augId);
    await (await makeLibrary(dir)).lib.delete(deleted.id);
    await rm(join(dir, 'reports'), { recursive: true });
    await writeFile(join(dir, 'reports'), 'not a folder');
    const { lib, notices } = await makeLibrary(dir);
    const list = await lib.list();
    // The deleted copy stays in the recycle bin; the others are back with their last saved figures.
    expect(list.map((s) => s.id).sort()).toEqual([SAMPLE_ID, augId].sort());
    expect((await lib.open(augId)).report.total).toBe(88);
    expect(await isDir(join(dir, 'reports'))).toBe(true);
    const aside = (await readdir(join(dir, 'corrupt'))).filter((n) => n.startsWith('reports--'));
    expect(await readFile(join(dir, 'corrupt', aside[0]!), 'utf8')).toBe('not a folder');
    expect(notices.map((n) => n.code)).toEqual(['LIBRARY_REPAIRED']);
    expect(notices[0]!.message).toMatch(/“reports”/);
    expect(notices[0]!.message).toMatch(/khôi phục 2 báo cáo/);
    // Saving goes on from the recovered revision.
    const opened = await lib.open(augId);
    expect((await lib.save(augId, opened.revision, { ...opened.report, total: 89 })).revision).toBe(opened.revision + 1);
  });

  it('versions/ and recycle/ turned into files while the app runs: the next call repairs them, saves keep working', async () => {
    const { dir, augId } = await populated();
    const { lib, notices } = await makeLibrary(dir);
    await lib.list();
    await rm(join(dir, 'versions'), { recursive: true });
    await writeFile(join(dir, 'versions'), '');
    await rm(join(dir, 'recycle'), { recursive: true });
    await writeFile(join(dir, 'recycle'), 'x');
    const opened = await lib.open(augId);
    await lib.save(augId, opened.revision, { ...opened.report, total: 91 });
    expect((await lib.versions(augId)).map((v) => v.reason)).toEqual(['save']);
    expect((await lib.delete(augId)).reportId).toBe(augId);
    expect(await lib.recycleList()).toHaveLength(1);
    expect(notices.map((n) => n.code)).toEqual(['LIBRARY_REPAIRED']);
    expect(notices[0]!.message).toMatch(/“versions” là một tệp thay vì thư mục; “recycle” là một tệp/);
    expect((await readdir(join(dir, 'corrupt'))).map((n) => n.replace(/--.*/, '')).sort()).toEqual(['recycle', 'versions']);
  });

  it("one report's version folder turned into a file, and a report file turned into a folder, are set aside too", async () => {
    const { dir, augId } = await populated();
    await rm(join(dir, 'versions', SAMPLE_ID), { recursive: true });
    await writeFile(join(dir, 'versions', SAMPLE_ID), '');
    await rm(join(dir, 'reports', `${augId}.json`));
    await mkdir(join(dir, 'reports', `${augId}.json`));
    const { lib, notices } = await makeLibrary(dir);
    expect((await lib.list()).map((s) => s.id).sort()).toEqual([SAMPLE_ID, augId].sort());
    expect((await lib.open(augId)).report.total).toBe(88);
    expect(notices.map((n) => n.code)).toContain('REPORT_RECOVERED');
    const sample = await lib.open(SAMPLE_ID);
    await lib.save(SAMPLE_ID, sample.revision, { ...sample.report, total: 50 });
    expect(await lib.versions(SAMPLE_ID)).toHaveLength(1);
    const aside = await readdir(join(dir, 'corrupt'));
    expect(aside.some((n) => n.startsWith(`versions-${SAMPLE_ID}--`))).toBe(true);
    expect(aside.some((n) => n.startsWith(`${augId}--`))).toBe(true);
  });

  it('the library folder itself a file: set aside inside the new library folder', async () => {
    const dir = join(await tempDir(), 'library');
    await writeFile(dir, 'stray file');
    const { lib, notices } = await makeLibrary(dir);
    expect((await lib.list()).map((s) => s.id)).toEqual([SAMPLE_ID]);
    const aside = await readdir(join(dir, 'corrupt'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, 'corrupt', aside[0]!), 'utf8')).toBe('stray file');
    expect(notices.map((n) => n.code)).toEqual(['LIBRARY_REPAIRED']);
  });

  it('a library that cannot be repaired is refused with what to do, and works once the cause is gone (no restart)', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'blocked'), '');
    const { lib } = await makeLibrary(join(root, 'blocked', 'library'));
    const err = await lib.list().then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('LIBRARY_UNAVAILABLE');
    expect(err?.message).toMatch(/^Không mở được thư viện báo cáo .*Hãy /);
    await rm(join(root, 'blocked'));
    expect((await lib.list()).map((s) => s.id)).toEqual([SAMPLE_ID]);
  });
});

describe('a library in a real read-only folder', () => {
  it('is refused with what to do, not an internal error', async () => {
    const root = await tempDir();
    await chmod(root, 0o555);
    const script = `
      import { ReportLibrary } from ${JSON.stringify(resolve('core/library/library.ts'))};
      const lib = new ReportLibrary({ folder: ${JSON.stringify(join(root, 'library'))} });
      lib.list().then(
        () => console.log(JSON.stringify({ ok: true })),
        (e) => console.log(JSON.stringify({ ok: false, code: e.code, message: e.message })),
      );
    `;
    // Root ignores permission bits, so the check runs as an unprivileged user when the tests run as root.
    const asRoot = process.getuid?.() === 0;
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve('.'),
      encoding: 'utf8',
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    await chmod(root, 0o755);
    expect(res.stderr).toBe('');
    const out = JSON.parse(res.stdout) as { ok: boolean; code?: string; message?: string };
    expect(out.code).toBe('LIBRARY_UNAVAILABLE');
    expect(out.message).toMatch(/máy không cho phép ghi vào đó\)\. Hãy kiểm tra ổ đĩa và quyền ghi/);
  }, 30_000);
});

describe('backups interrupted on the target', () => {
  it('a backup cancelled half-way is named as incomplete at once; leftovers of a killed backup are named and cleaned at the next one', async () => {
    const { lib, notices } = await makeLibrary();
    const aug = await lib.newReport({ kind: 'month', year: 2024, month: 8 });
    await lib.save(aug.id, aug.revision, { ...aug.report, total: 88 });
    const usb = await tempDir();

    // A backup killed on the stick: no manifest, one file still a temp file of the atomic writer.
    const killed = join(usb, 'BaoCao766-sao-luu-20240801-090000');
    await mkdir(join(killed, 'reports'), { recursive: true });
    await writeFile(join(killed, 'reports', `${SAMPLE_ID}.json`), '{}');
    await writeFile(join(killed, 'reports', `.${aug.id}.json.${process.pid}.0123abcd.tmp`), '{"half');
    // A complete older backup is left alone.
    const good = await lib.backup(usb);

    // Cancelled after the first file.
    const ctrl = new AbortController();
    const cancelled = await lib
      .backup(usb, { signal: ctrl.signal, progress: (done) => (done >= 1 ? ctrl.abort() : undefined) })
      .catch((e: { code: string }) => e.code);
    expect(cancelled).toBe('CANCELLED');

    const names = (await readdir(usb)).sort();
    expect(names.filter((n) => n.endsWith('-chua-hoan-tat'))).toHaveLength(2);
    expect(names).toContain('BaoCao766-sao-luu-20240801-090000-chua-hoan-tat');
    expect(await readdir(join(usb, 'BaoCao766-sao-luu-20240801-090000-chua-hoan-tat', 'reports'))).toEqual([`${SAMPLE_ID}.json`]);
    expect(names).toContain(good.folder.split(/[\\/]/).pop());
    expect(notices.filter((n) => n.code === 'BACKUP_INCOMPLETE').length).toBe(1);
    expect(notices.find((n) => n.code === 'BACKUP_INCOMPLETE')!.message).toMatch(/chưa hoàn tất/);

    // Restore still picks the newest complete backup.
    const fresh = new ReportLibrary({ folder: await tempDir(), addSampleOnFirstRun: false });
    expect(await fresh.restoreBackup(usb)).toEqual({ restored: 2, unchanged: 0, skipped: 0 });
  });
});
