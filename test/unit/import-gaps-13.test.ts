// Gaps left by issue 13: per-unit counts of portal files checked at import (13.5), rates with nothing resolved are "no dossiers" (13.8), coverage wording.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { coverageLines, previewLines } from '../../core/import/describe';
import { applyPatch } from '../../core/import/patch';
import { buildPreview } from '../../core/import/preview';
import { clearFigures, loadSample, serializeReport } from '../../core/model/report';
import type { Cell, Report } from '../../core/model/schema';
import { readSpreadsheetBytes } from '../../core/xlsx/read';
import { putRows, toBuffer, type In } from '../helpers/workbooks';

const cell = (r: Report, tableId: string, unitId: string, columnId = 'rate'): Cell =>
  r.tables.find((t) => t.id === tableId)!.rows.find((x) => x.unitId === unitId)?.cells[columnId] ?? null;

async function bytes(rows: In[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet('Sheet1'), 1, 1, rows);
  return toBuffer(wb);
}

const run = async (...argv: string[]) => {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gaps-13-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The 2026 portal's per-unit page as a clerk saves it: counts, the rate and the points per unit. */
const PORTAL: In[][] = [
  ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
  ['STT', 'Tên cơ quan, đơn vị', 'Tổng số hồ sơ tiếp nhận', 'Tiếp nhận trực tuyến', 'Đúng hạn / trước hạn', 'Quá hạn', 'Tỷ lệ đúng hạn (%)', 'Điểm'],
  [1, 'UBND phường Đức Xuân - tỉnh Thái Nguyên', 10, 4, 9, 1, 90, 18],
  [2, 'UBND phường Sông Cầu', 10, 3, 8, 1, 88.89, 17.78],
  [3, 'UBND xã Dương Quang', 5, 7, 5, 0, 100, 20],
  [4, 'UBND phường Huyền Tụng', 12, 0, 12, 0, 100, 20],
];

describe('13.5 per-unit counts of a portal file are checked at import', () => {
  it('on time + overdue ≠ received and online > received are warned, naming the unit, the row and the figures', async () => {
    const report = clearFigures(loadSample());
    const p = buildPreview(report, [await readSpreadsheetBytes(await bytes(PORTAL), 'portal.xlsx')]);
    const counts = p.findings.filter((f) => /hồ sơ/.test(f.message) && /dòng/.test(f.where));
    expect(counts).toHaveLength(2);
    expect(counts[0]).toEqual({
      severity: 'warning',
      where: 'portal.xlsx › Sheet1 › dòng 4',
      message: expect.stringMatching(/^UBND phường Sông Cầu: “Đúng hạn \/ trước hạn” \(8\) và “Quá hạn” \(1\) cộng lại là 9, khác “Tổng số hồ sơ tiếp nhận” \(10\)\. .*Cổng Dịch vụ công/),
    });
    expect(counts[1]!.where).toBe('portal.xlsx › Sheet1 › dòng 5');
    expect(counts[1]!.message).toMatch(/^UBND xã Dương Quang: “Tiếp nhận trực tuyến” \(7\) lớn hơn “Tổng số hồ sơ tiếp nhận” \(5\), /);
    // The rates themselves are still imported: the warning asks the clerk to check, it does not drop figures.
    expect(cell(applyPatch(report, p.patch), 'dung-han', 'p-song-cau')).toEqual({ t: 'num', v: 88.89 });
    expect(previewLines(p).join('\n')).toContain('Lưu ý: portal.xlsx › Sheet1 › dòng 4: UBND phường Sông Cầu:');
  });

  it('the CLI import and inspect print the same warnings', async () => {
    await writeFile(join(dir, 'r.json'), serializeReport(clearFigures(loadSample())));
    await writeFile(join(dir, 'portal.xlsx'), await bytes(PORTAL));
    const imp = await run('import', join(dir, 'portal.xlsx'), '--into', join(dir, 'r.json'), '--out', join(dir, 'a.json'));
    expect(imp.code).toBe(0);
    expect(imp.out + imp.err).toContain('UBND phường Sông Cầu: “Đúng hạn / trước hạn” (8) và “Quá hạn” (1) cộng lại là 9');
    expect(imp.out + imp.err).toContain('UBND xã Dương Quang: “Tiếp nhận trực tuyến” (7) lớn hơn');
    const ins = await run('inspect', join(dir, 'portal.xlsx'));
    expect(ins.code).toBe(0);
    expect(ins.out).toContain('Lưu ý dòng 4: UBND phường Sông Cầu: “Đúng hạn / trước hạn” (8) và “Quá hạn” (1) cộng lại là 9');
    expect(ins.out).toContain('Lưu ý dòng 5: UBND xã Dương Quang: “Tiếp nhận trực tuyến” (7) lớn hơn');
  });

  it('consistent counts give no warning', async () => {
    const ok = PORTAL.filter((_, i) => i !== 3 && i !== 4);
    const p = buildPreview(clearFigures(loadSample()), [await readSpreadsheetBytes(await bytes(ok), 'ok.xlsx')]);
    expect(p.findings.filter((f) => /cộng lại|lớn hơn/.test(f.message))).toEqual([]);
  });
});

describe('13.8 a rate with nothing resolved is "no dossiers", never 0 %', () => {
  it('received > 0 with on time + overdue = 0 and nothing resolved: the rate is "Không phát sinh hồ sơ", with a note', async () => {
    const report = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(
      await bytes([
        ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
        ['STT', 'Tên cơ quan, đơn vị', 'Tổng số hồ sơ tiếp nhận', 'Số hồ sơ đã giải quyết', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ đúng hạn (%)', 'Điểm'],
        [1, 'UBND phường Đức Xuân', 6, 0, 0, 0, 0, 0],
        [2, 'UBND phường Sông Cầu', 10, 10, 9, 1, 90, 18],
      ]),
      'resolved.xlsx',
    );
    const p = buildPreview(report, [wb]);
    const next = applyPatch(report, p.patch);
    expect(cell(next, 'dung-han', 'p-duc-xuan')).toEqual({ t: 'status', v: 'Không phát sinh hồ sơ' });
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual({ t: 'num', v: 90 });
    expect(p.changes.find((c) => c.unit === 'UBND phường Đức Xuân')!.note).toBe('không phát sinh hồ sơ (cột “Số hồ sơ đã giải quyết” bằng 0)');
  });

  it('without a resolved column, on time 0 and overdue 0 mean nothing resolved', async () => {
    const report = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(
      await bytes([
        ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
        ['STT', 'Tên cơ quan, đơn vị', 'Tổng số hồ sơ tiếp nhận', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ đúng hạn (%)'],
        [1, 'UBND phường Đức Xuân', 3, 0, 0, 0],
        [2, 'UBND phường Sông Cầu', 3, 0, 3, 0],
      ]),
      'none.xlsx',
    );
    const p = buildPreview(report, [wb]);
    const next = applyPatch(report, p.patch);
    expect(cell(next, 'dung-han', 'p-duc-xuan')).toEqual({ t: 'status', v: 'Không phát sinh hồ sơ' });
    expect(p.changes.find((c) => c.unit === 'UBND phường Đức Xuân')!.note).toBe('không phát sinh hồ sơ (cột “Đúng hạn” và “Quá hạn” đều bằng 0)');
    // All overdue is a real 0 %.
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual({ t: 'num', v: 0 });
  });

  it('an online rate over received dossiers stays 0 % when dossiers were received but none online', async () => {
    const report = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(
      await bytes([
        ['TỶ LỆ HỒ SƠ TRỰC TUYẾN'],
        ['STT', 'Tên cơ quan, đơn vị', 'Tổng số hồ sơ tiếp nhận', 'Số hồ sơ đã giải quyết', 'Tỷ lệ trực tuyến (%)'],
        [1, 'UBND phường Đức Xuân', 6, 0, 0],
      ]),
      'online.xlsx',
    );
    const next = applyPatch(report, buildPreview(report, [wb]).patch);
    const t = report.tables.find((x) => x.kind === 'onlineSubmission')!;
    expect(cell(next, t.id, 'p-duc-xuan')).toEqual({ t: 'num', v: 0 });
  });
});

describe('coverage says why a unit got nothing: no row matched, or a row whose cells were refused, ambiguous or blank', () => {
  it('a matched unit whose cell is refused or ambiguous is not called "không khớp"', async () => {
    const report = clearFigures(loadSample());
    const wb = await readSpreadsheetBytes(
      await bytes([
        ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
        ['STT', 'Tên cơ quan, đơn vị', 'Tỷ lệ (%)'],
        [1, 'UBND phường Đức Xuân', '98,5%'],
        [2, 'UBND phường Sông Cầu', 'chưa có số liệu'],
        [3, 'UBND xã Dương Quang', 0.9844],
        [4, 'UBND phường Huyền Tụng', null],
      ]),
      'cov.xlsx',
    );
    const p = buildPreview(report, [wb]);
    const table = report.tables.find((t) => t.id === 'dung-han')!;
    const c = p.coverage.find((x) => x.tableId === 'dung-han')!;
    expect(c.withFigures).toBe(1);
    expect(c.refused.map((u) => u.unitId)).toEqual(['p-song-cau', 'x-duong-quang']);
    expect(c.blank.map((u) => u.unitId)).toEqual(['p-huyen-tung']);
    expect(c.missing.map((u) => u.unitId)).not.toContain('p-song-cau');
    expect(c.missing).toHaveLength(table.rows.length - 4);
    const line = coverageLines(p)[0]!;
    expect(line).toContain(`${table.rows.length - 4} đơn vị không khớp, chưa có số liệu: `);
    expect(line).toContain('2 đơn vị có dòng trong tệp nhưng ô số liệu bị từ chối hoặc chưa rõ cách đọc (xem các ô không nhập): UBND phường Sông Cầu; UBND xã Dương Quang');
    expect(line).toContain('1 đơn vị có dòng trong tệp nhưng ô để trống: UBND phường Huyền Tụng.');
    expect(line.split('không khớp, chưa có số liệu: ')[1]!.split('; 2 đơn vị')[0]).not.toMatch(/Sông Cầu|Dương Quang|Huyền Tụng/);
  });
});
