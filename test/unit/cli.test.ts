// The command-line interface: sample, new and check on real files, exit codes, and one-line messages without stack traces.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { loadSample, parseReportJson } from '../../core/model/report';

const run = promisify(execFile);

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-cli-'));
});

describe('sample', () => {
  it('prints the sample JSON on stdout', async () => {
    const { code, stdout } = await cli('sample');
    expect(code).toBe(0);
    const parsed = parseReportJson(stdout);
    expect(parsed.ok && parsed.report).toEqual(loadSample());
  });

  it('writes it to a file with --out', async () => {
    const out = join(dir, 'mau.json');
    const { code, stderr } = await cli('sample', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toContain('Đã ghi báo cáo mẫu');
    expect(JSON.parse(await readFile(out, 'utf8')).total).toBe(88.4);
  });
});

describe('new', () => {
  it('starts the next month from an earlier report, with no figures', async () => {
    const src = join(dir, 'src.json');
    const out = join(dir, 'thang8.json');
    await cli('sample', '--out', src);
    const { code } = await cli('new', '--from', src, '--period', '2024-08', '--out', out);
    expect(code).toBe(0);
    const parsed = parseReportJson(await readFile(out, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.period).toEqual({ kind: 'month', year: 2024, month: 8 });
    expect(parsed.report.total).toBeNull();
    expect(parsed.report.units).toEqual(loadSample().units);
  });

  it('rejects a bad period with exit 2 and says how to write one', async () => {
    const src = join(dir, 'src2.json');
    await cli('sample', '--out', src);
    const { code, stderr } = await cli('new', '--from', src, '--period', 'tháng 8', '--out', join(dir, 'x.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('Kỳ báo cáo “tháng 8” không hợp lệ');
  });
});

describe('check', () => {
  it('prints findings as text and as JSON', async () => {
    const src = join(dir, 'c.json');
    await cli('sample', '--out', src);
    const text = await cli('check', src);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3 lỗi, 7 cảnh báo.');
    const json = await cli('check', src, '--json');
    const { findings } = JSON.parse(json.stdout) as { findings: { ruleId: string; severity: string; message: string; location: unknown; section: string }[] };
    expect(findings).toHaveLength(10);
    expect(findings[0]).toMatchObject({ ruleId: 'rate-matches-count', severity: 'error', section: 'TTTT' });
    expect(findings[0]!.location).toEqual({ kind: 'line', group: 'TTTT', lineId: 'tttt.dossiersOnline', field: 'rate' });
  });

  it('exits 2 with one line for a missing file, invalid JSON and a schema violation', async () => {
    const missing = await cli('check', join(dir, 'khong-co.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('Không tìm thấy tệp');

    const badJson = join(dir, 'hong.json');
    await writeFile(badJson, '{"schemaVersion": 1,');
    const bad = await cli('check', badJson);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Tệp “hong\.json”: không phải JSON hợp lệ/);

    const invalid = join(dir, 'sai.json');
    const r = loadSample() as unknown as Record<string, unknown>;
    delete r.profile;
    await writeFile(invalid, JSON.stringify(r));
    const schema = await cli('check', invalid);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toContain('profile');
    expect(schema.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints no stack trace from the real process', async () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const err = await run(tsx, ['core/cli/main.ts', 'check', join(dir, 'khong-co.json')]).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    const stderr = (err as { stderr: string }).stderr;
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\bat \S+ \(/);
  });

  it('names an unknown command', async () => {
    const { code, stderr } = await cli('lam-gi');
    expect(code).toBe(2);
    expect(stderr).toContain('Lệnh “lam-gi” không có');
  });
});
