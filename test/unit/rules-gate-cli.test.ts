// The export gate on the command line: `pdf` (final) and `export` print the gate's list on the real stderr, still write the file and exit 0; a draft prints no list.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample, newReportFrom, serializeReport } from '../../core/model/report';
import { exportGate, gateLines } from '../../core/rules';
import { pdfText } from '../helpers/pdf';

const run = promisify(execFile);
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Runs the real CLI in a child process and returns its exit code, stdout and stderr. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['core/cli/main.ts', ...argv], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
let input: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-gatecli-'));
  // The case: a new month, group scores empty, Số 412, ngày 15; and one error (a group above its maximum).
  const r = newReportFrom(loadSample(), { kind: 'month', year: 2024, month: 8 }, 'thang-8');
  r.document.number = '412';
  r.document.date.day = 15;
  r.groups[0]!.score = 19;
  input = join(dir, 'thang-8.json');
  await writeFile(input, serializeReport(r));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the export gate in the CLI', () => {
  it('pdf (final) lists the error and every missing figure on stderr, writes the PDF and exits 0', async () => {
    const out = join(dir, 'BC-412.pdf');
    const res = await cli('pdf', input, '--out', out);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const lines = res.stderr.trimEnd().split('\n');
    const report = JSON.parse(await readFile(input, 'utf8'));
    const gate = exportGate(report, { mode: 'final' });
    expect(gate.errors).toHaveLength(1);
    // The same list as the app's confirmation, then the usual last line.
    expect(lines).toEqual([...gateLines(gate, 'pdf'), `Đã xuất bản chính thức ra “${out}”.`]);
    expect(lines[0]).toMatch(/^Chú ý: Bản chính thức còn 1 lỗi chưa sửa và \d+ số liệu sẽ in “\(chưa có số liệu\)”\./);
    expect(lines).toContain('- Lỗi [score-max]: Điểm nhóm “Công khai, minh bạch” là 19, vượt quá điểm tối đa 18. Hãy sửa lại điểm nhóm.');
    expect(lines).toContain('- Chưa có số liệu: Điểm nhóm “2. Tiến độ giải quyết hồ sơ”.');
    const text = await pdfText(await readFile(out), { first: 1, last: 1 });
    expect(text).toContain('Số: 412/BC-UBND');
    expect(text.replace(/\s+/g, ' ')).toContain('đạt (chưa có số liệu)/100 điểm');
  });

  it('pdf --draft is never gated', async () => {
    const res = await cli('pdf', input, '--draft', '--out', join(dir, 'du-thao.pdf'));
    expect(res.code).toBe(0);
    expect(res.stderr.trimEnd().split('\n')).toEqual([`Đã xuất bản dự thảo (để trống số và ngày) ra “${join(dir, 'du-thao.pdf')}”.`]);
  });

  it('export --xlsx lists the same items (blank in the workbook), writes the workbook and exits 0', async () => {
    const out = join(dir, 'BC-412.xlsx');
    const res = await cli('export', input, '--xlsx', out);
    expect(res.code).toBe(0);
    const lines = res.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Chú ý: Tệp Excel còn 1 lỗi chưa sửa và \d+ số liệu còn để trống\./);
    expect(lines.slice(1, -1)).toEqual(gateLines(exportGate(JSON.parse(await readFile(input, 'utf8')), { mode: 'final' }), 'xlsx').slice(1));
    expect(lines.at(-1)).toBe(`Đã xuất báo cáo ra tệp Excel “${out}”.`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBeGreaterThan(1);
  });

  it('a clean report prints only the last line', async () => {
    const clean = loadSample();
    clean.groups[3]!.lines.find((l) => l.id === 'tttt.dossiersOnline')!.rate = 89.32;
    clean.groups[3]!.lines.find((l) => l.id === 'tttt.dossiersOther')!.rate = 10.68;
    clean.tables.find((t) => t.id === 'xep-loai-xa')!.rows.find((x) => x.unitId === 'p-song-cau')!.cells.class = { t: 'text', v: 'Khá' };
    const file = join(dir, 'sach.json');
    await writeFile(file, serializeReport(clean));
    const out = join(dir, 'sach.pdf');
    const res = await cli('pdf', file, '--out', out);
    expect(res).toMatchObject({ code: 0, stdout: '' });
    expect(res.stderr.trimEnd().split('\n')).toEqual([`Đã xuất bản chính thức ra “${out}”.`]);
  });
});
