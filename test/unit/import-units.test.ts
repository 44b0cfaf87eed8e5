// A new issuer's units from a sheet: plain lists with block rows, tables with a block column, clerks' per-unit tables; applied as the report's units.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { applyUnitsProposal, proposeUnits } from '../../core/import/units';
import { loadSample, parseReportJson, serializeReport } from '../../core/model/report';
import { readSpreadsheetBytes } from '../../core/xlsx/read';
import { clerkOnTimeWorkbook, putRows, toBuffer } from '../helpers/workbooks';

/** A province's list: a title, then block rows and a hundred communes' names, no header at all. */
async function plainList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  const rows: (string | number | null)[][] = [['DANH SÁCH CƠ QUAN, ĐƠN VỊ TỈNH THÁI NGUYÊN'], [null], ['I', 'Cấp tỉnh']];
  ['Sở Tư pháp', 'Sở Nội vụ', 'Sở Tài chính'].forEach((n, i) => rows.push([i + 1, n]));
  rows.push(['II', 'Cấp xã']);
  for (let i = 1; i <= 100; i++) rows.push([i, `${i % 2 ? 'UBND xã' : 'Phường'} Thôn ${['Một', 'Hai', 'Ba'][i % 3]} ${i}`]);
  rows.push([null, 'Phường  Thôn Một 6']); // a duplicate of row "Phường Thôn Một 6"
  putRows(ws, 1, 1, rows);
  return toBuffer(wb);
}

describe('units from a sheet', () => {
  it('proposes a hundred communes with their blocks from a plain list', async () => {
    const p = proposeUnits([await readSpreadsheetBytes(await plainList(), 'don-vi.xlsx')]);
    expect(p.from).toBe('list');
    expect(p.blocks).toEqual([
      { numeral: 'I', name: 'Cấp tỉnh' },
      { numeral: 'II', name: 'Cấp xã' },
    ]);
    expect(p.units).toHaveLength(103);
    expect(p.units.filter((u) => u.block === 1)).toHaveLength(100);
    expect(p.units[0]!.name).toBe('Sở Tư pháp');
    expect(p.skipped.map((s) => s.reason)).toContain('dòng khối');
    expect(p.skipped.some((s) => s.text === 'Phường Thôn Một 6' && s.reason.startsWith('trùng'))).toBe(true);
  });

  it('reads blocks from a block column under a header', async () => {
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('DS'), 2, 2, [
      ['STT', 'Tên đơn vị', 'Khối'],
      [1, 'Phường Tân Lập', 'Cấp xã'],
      [2, 'Sở Y tế', 'Cấp tỉnh'],
      [3, 'Xã Quyết Thắng', 'Cấp xã'],
      [null, 'Tổng cộng', null],
    ]);
    const p = proposeUnits([await readSpreadsheetBytes(await toBuffer(wb), 'ds.xlsx')]);
    expect(p.from).toBe('header');
    expect(p.blocks.map((b) => b.name)).toEqual(['Cấp xã', 'Cấp tỉnh']);
    expect(p.units.map((u) => [u.name, u.block])).toEqual([
      ['Phường Tân Lập', 0],
      ['Sở Y tế', 1],
      ['Xã Quyết Thắng', 0],
    ]);
    expect(p.skipped.map((s) => s.reason)).toEqual(['dòng tổng cộng']);
  });

  it('takes units from a clerk’s per-unit table and keeps known units’ ids and figures', async () => {
    const sample = loadSample();
    const p = proposeUnits([await readSpreadsheetBytes(await clerkOnTimeWorkbook(), 'dung-han.xlsx')]);
    expect(p.blocks.map((b) => b.name)).toEqual(['Cấp thành phố', 'Cấp xã']);
    expect(p.units).toHaveLength(12);
    const applied = applyUnitsProposal(sample, p);
    const r = applied.report;
    expect(r.blocks.map((b) => b.id)).toEqual(['cap-thanh-pho', 'cap-xa']);
    expect(applied.kept).toBe(10);
    expect(applied.added).toBe(2);
    // "P. Xuất Hóa" matched the known unit: same id, name and figure kept; "Phường Huyền Tung" (a tone mark missing) is new.
    const xh = r.units.find((u) => u.id === 'p-xuat-hoa')!;
    expect(xh.name).toBe('UBND phường Xuất Hoá');
    expect(r.tables.find((t) => t.id === 'dung-han')!.rows.find((x) => x.unitId === 'p-xuat-hoa')!.cells.rate).toEqual({ t: 'num', v: 100 });
    const newUnit = r.units.find((u) => u.name === 'UBND phường Xuân Hòa')!;
    expect(newUnit.id).toBe('phuong-xuan-hoa');
    expect(newUnit.blockId).toBe('cap-xa');
    // Tables that covered one block cover the same block; the communes' evaluation table gets the new commune.
    expect(r.tables.find((t) => t.id === 'xep-loai-xa')!.rows.map((x) => x.unitId)).toContain('phuong-xuan-hoa');
    expect(r.tables.find((t) => t.id === 'xep-loai-thanh-pho')!.rows.map((x) => x.unitId)).toEqual(['phong-kinh-te', 'phong-tu-phap', 'phong-noi-vu']);
    expect(applied.removed).toContain('Phòng QLĐT');
  });

  it('units FILE --into REPORT --out FILE writes the report with the new units', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'units-'));
    await writeFile(join(dir, 'ds.xlsx'), await plainList());
    await writeFile(join(dir, 'r.json'), serializeReport(loadSample()));
    let err = '';
    const code = await runCli(['units', join(dir, 'ds.xlsx'), '--into', join(dir, 'r.json'), '--out', join(dir, 'moi.json')], {
      stdout: () => undefined,
      stderr: (t) => (err += t),
    });
    expect(code).toBe(0);
    expect(err).toContain('Đã đặt 103 đơn vị');
    const res = parseReportJson(await readFile(join(dir, 'moi.json'), 'utf8'));
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.report.units).toHaveLength(103);
      expect(res.report.tables.find((t) => t.id === 'dung-han')!.rows).toHaveLength(103);
      expect(res.report.tables.filter((t) => t.kind === 'evaluation').map((t) => t.rows.length)).toEqual([3, 100]);
    }
  });
});
