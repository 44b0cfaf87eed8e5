// Tests of the `library` CLI command over a real library folder: list, versions, export, backup and restore.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { ReportLibrary } from '../../core/library/library';
import { parseReportJson } from '../../core/model/report';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'bc766-libcli-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('library command', () => {
  it('lists, shows versions, exports a report, backs up and restores into another library', async () => {
    const dir = await tempDir();
    const lib = new ReportLibrary({ folder: dir });
    const aug = await lib.newReport({ kind: 'month', year: 2024, month: 8 });
    await lib.save(aug.id, aug.revision, { ...aug.report, total: 91.25 });

    const list = await cli('library', 'list', '--dir', dir);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/Tháng 8\/2024/);
    expect(list.out).toMatch(/91,25/);
    expect(list.out).toMatch(/\(Mẫu\)/);
    expect(list.out).toMatch(/2 báo cáo\./);

    const versions = await cli('library', 'versions', aug.id, '--dir', dir, '--json');
    expect(JSON.parse(versions.out).map((v: { revision: number }) => v.revision)).toEqual([2, 1]);

    const out = join(await tempDir(), 'aug.json');
    expect((await cli('library', 'export', aug.id, '--out', out, '--dir', dir)).code).toBe(0);
    const exported = parseReportJson(await readFile(out, 'utf8'));
    expect(exported.ok && exported.report.total).toBe(91.25);

    const usb = await tempDir();
    const backup = await cli('library', 'backup', '--to', usb, '--dir', dir);
    expect(backup.code).toBe(0);
    expect(backup.err).toMatch(/Đã sao lưu 2 báo cáo/);
    expect(await readdir(usb)).toHaveLength(1);

    const other = await tempDir();
    const restore = await cli('library', 'restore', '--from', usb, '--dir', other);
    expect(restore.err).toMatch(/Đã khôi phục 2 báo cáo/);
    expect((await cli('library', 'list', '--dir', other)).out).toMatch(/91,25/);
  });

  it('bad input gets one Vietnamese line and exit 2', async () => {
    const dir = await tempDir();
    const noDir = await cli('library', 'list');
    expect(noDir.code).toBe(2);
    expect(noDir.err).toMatch(/--dir/);
    const bad = await cli('library', 'frobnicate', '--dir', dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Thiếu hoặc sai thao tác/);
    const notBackup = await cli('library', 'restore', '--from', dir, '--dir', dir);
    expect(notBackup.code).toBe(2);
    expect(notBackup.err).toMatch(/không chứa bản sao lưu/);
    const missing = await cli('library', 'export', 'khong-co', '--out', join(dir, 'x.json'), '--dir', dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Không tìm thấy báo cáo/);
    expect(noDir.err + bad.err + notBackup.err + missing.err).not.toMatch(/\n\s+at /);
  });
});
