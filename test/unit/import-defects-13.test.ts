// Issue 13's cell-level defects reproduced and fixed: names pasted into a rate column (13.1), typed vs pasted readings (13.2), fractions among percentages (13.3), 0 of 0 (13.8).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { applyPatch } from '../../core/import/patch';
import { buildPreview } from '../../core/import/preview';
import { clearFigures, loadSample, parseReportJson, serializeReport } from '../../core/model/report';
import type { Cell, Report } from '../../core/model/schema';
import { pastedWorkbook } from '../../core/xlsx/paste';
import { readSpreadsheetBytes } from '../../core/xlsx/read';
import { parseCellInput } from '../../renderer/state/cells';
import { readClipboardBlock, readPastedValues } from '../../renderer/state/clipboard';
import { putRows, toBuffer, type In } from '../helpers/workbooks';

const cell = (r: Report, tableId: string, unitId: string, columnId = 'rate'): Cell =>
  r.tables.find((t) => t.id === tableId)!.rows.find((x) => x.unitId === unitId)?.cells[columnId] ?? null;

async function book(name: string, rows: In[][]) {
  const wb = new ExcelJS.Workbook();
  putRows(wb.addWorksheet('Sheet1'), 1, 1, rows);
  return readSpreadsheetBytes(await toBuffer(wb), name);
}

const loaded = (text: string): Report => {
  const r = parseReportJson(text);
  if (!r.ok) throw new Error(r.problem);
  return r.report;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'defects-13-'));
});

describe('13.1 text pasted into a rate column', () => {
  const report = clearFigures(loadSample());
  const table = report.tables.find((t) => t.id === 'hai-long')!;
  const first = table.rows.findIndex((r) => r.unitId === 'p-duc-xuan');
  const names = ['UBND phường Đức Xuân', 'UBND phường Phùng Chí Kiên', 'UBND phường Huyền Tụng'];

  it('names pasted with their values into the one "Tỷ lệ (%)" column are refused, with a reason, and nothing is written', () => {
    const block = readClipboardBlock({ text: names.map((n) => `${n}\t100%`).join('\r\n') + '\r\n', html: '' });
    expect(block).toEqual(names.map((n) => [n, '100%']));
    // The grid pastes the block from the first commune's cell: the names land in the rate column, "100%" beyond it.
    const items = block.map((row, i) => ({ key: i, value: row[0], columnId: 'rate', column: table.columns[0]! }));
    const { readings } = readPastedValues(items);
    for (const [i, n] of names.entries()) {
      expect(readings.get(i)).toEqual({ kind: 'refused', shown: n, reason: `“${n}” không phải là số hay trạng thái “Không tổng hợp trên Hệ thống”.` });
    }
    expect(first).toBeGreaterThan(0);
  });

  it('"chưa có số liệu" is refused pasted as it is typed', () => {
    const typed = parseCellInput('chưa có số liệu', 'rate');
    const pasted = readPastedValues([{ key: 0, value: readClipboardBlock({ text: 'chưa có số liệu', html: '' })[0]![0], columnId: 'rate', column: { type: 'rate' } }]).readings.get(0)!;
    expect(typed).toEqual({ ok: false, message: expect.stringContaining('hãy để trống ô') });
    expect(pasted).toMatchObject({ kind: 'refused', reason: typed.ok ? '' : typed.message });
  });

  it('the import preview lists refused names with their reasons and its patch leaves them out', () => {
    const p = buildPreview(report, [pastedWorkbook({ text: `STT\tTên cơ quan, đơn vị\tTỷ lệ (%)\n1\tUBND phường Đức Xuân\tUBND phường Đức Xuân\n2\tUBND phường Sông Cầu\t97,5` })], { tableId: 'hai-long' });
    expect(p.refused).toEqual([expect.objectContaining({ unit: 'UBND phường Đức Xuân', text: 'UBND phường Đức Xuân', ambiguous: false, reason: expect.stringContaining('không phải là số') })]);
    const next = applyPatch(report, p.patch);
    expect(cell(next, 'hai-long', 'p-duc-xuan')).toBeNull();
    expect(cell(next, 'hai-long', 'p-song-cau')).toEqual({ t: 'num', v: 97.5 });
  });
});

describe('13.2 typed and pasted read the same', () => {
  const cases: [string, 'rate' | 'count' | 'score' | 'ratio' | 'label', Cell | 'refused'][] = [
    ['1.370', 'score', { t: 'num', v: 1.37 }],
    ['không tổng', 'rate', { t: 'status', v: 'Không tổng hợp trên Hệ thống' }],
    ['abc def', 'rate', 'refused'],
    ['-', 'rate', 'refused'],
  ];
  for (const [text, type, expected] of cases) {
    it(`“${text}” in a ${type} column`, () => {
      const column = type === 'score' ? { type, max: 18 } : { type };
      const typed = parseCellInput(text, column);
      const pasted = readPastedValues([{ key: 0, value: readClipboardBlock({ text, html: '' })[0]![0], columnId: 'c', column }]).readings.get(0)!;
      if (expected === 'refused') {
        expect(typed.ok).toBe(false);
        expect(pasted).toMatchObject({ kind: 'refused', reason: typed.ok ? '' : typed.message });
      } else {
        expect(typed).toEqual({ ok: true, cell: expected });
        expect(pasted).toEqual({ kind: 'cell', cell: expected });
      }
    });
  }
});

describe('13.3 fractions among percentages', () => {
  const rows: In[][] = [
    ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
    ['STT', 'Tên cơ quan, đơn vị', 'Tỷ lệ (%)'],
    [1, 'UBND phường Đức Xuân', '98,5%'],
    [2, 'UBND phường Sông Cầu', '97,1%'],
    [3, 'UBND xã Dương Quang', 0.9844],
  ];

  it('a bare 0,9844 among "98,5%" texts is never taken as 0,9844 %: the column is asked, the cell left out until chosen', async () => {
    const report = clearFigures(loadSample());
    const wb = await book('dung-han.xlsx', rows);
    const p = buildPreview(report, [wb]);
    expect(p.rateColumns).toEqual([{ key: 'dung-han.xlsx › Sheet1 › cột C', header: 'Tỷ lệ (%)', decision: 'ask', auto: false, ambiguous: 1 }]);
    expect(p.refused).toEqual([expect.objectContaining({ unit: 'UBND xã Dương Quang', ambiguous: true })]);
    expect(cell(applyPatch(report, p.patch), 'dung-han', 'x-duong-quang')).toBeNull();
    const chosen = buildPreview(report, [wb], { ratesAs: { 'dung-han.xlsx › Sheet1 › cột C': 'fraction' } });
    expect(chosen.refused).toEqual([]);
    expect(cell(applyPatch(report, chosen.patch), 'dung-han', 'x-duong-quang')).toEqual({ t: 'num', v: 98.44 });
    expect(chosen.changes.find((c) => c.unit === 'UBND xã Dương Quang')!.note).toContain('phân số');
  });

  it('a lone online-payment rate of 0,918 is asked, not printed as 0,92', async () => {
    const report = clearFigures(loadSample());
    const p = buildPreview(report, [await book('tt.xlsx', [['TỶ LỆ THANH TOÁN TRỰC TUYẾN'], ['STT', 'Tên cơ quan, đơn vị', 'Tỷ lệ (%)'], [1, 'UBND phường Đức Xuân', 0.918]])]);
    expect(p.rateColumns[0]).toMatchObject({ decision: 'ask' });
    expect(p.changes).toEqual([]);
  });

  it('the CLI reports the column and leaves it out unless --rates-as says which', async () => {
    await writeFile(join(dir, 'r.json'), serializeReport(clearFigures(loadSample())));
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, rows);
    await writeFile(join(dir, 'dung-han.xlsx'), await toBuffer(wb));
    const run = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
      return { code, out, err };
    };
    const plain = await run('import', join(dir, 'dung-han.xlsx'), '--into', join(dir, 'r.json'), '--out', join(dir, 'a.json'));
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('Cột tỷ lệ chưa rõ cách đọc: dung-han.xlsx › Sheet1 › cột C');
    expect(plain.err).toContain('1 ô không được nhập');
    expect(cell(loaded(await readFile(join(dir, 'a.json'), 'utf8')), 'dung-han', 'x-duong-quang')).toBeNull();
    const fraction = await run('import', join(dir, 'dung-han.xlsx'), '--into', join(dir, 'r.json'), '--out', join(dir, 'b.json'), '--rates-as', 'fraction');
    expect(fraction.code).toBe(0);
    expect(cell(loaded(await readFile(join(dir, 'b.json'), 'utf8')), 'dung-han', 'x-duong-quang')).toEqual({ t: 'num', v: 98.44 });
    const percent = await run('import', join(dir, 'dung-han.xlsx'), '--into', join(dir, 'r.json'), '--out', join(dir, 'c.json'), '--rates-as', 'percent');
    expect(percent.code).toBe(0);
    expect(cell(loaded(await readFile(join(dir, 'c.json'), 'utf8')), 'dung-han', 'x-duong-quang')).toEqual({ t: 'num', v: 0.9844 });
    const bad = await run('inspect', join(dir, 'dung-han.xlsx'), '--rates-as', 'half');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--rates-as cần');
  });
});

describe('13.8 0 of 0 is "no dossiers", never 0 %', () => {
  it('a portal row with 0 dossiers received gives the status "Không phát sinh hồ sơ" with a note; other rows their rate', async () => {
    const report = clearFigures(loadSample());
    const wb = await book('portal.xlsx', [
      ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
      ['STT', 'Tên cơ quan, đơn vị', 'Tổng số hồ sơ tiếp nhận', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ đúng hạn (%)', 'Điểm'],
      [1, 'UBND phường Đức Xuân', 0, 0, 0, 0, 0],
      [2, 'UBND phường Sông Cầu', 10, 9, 1, 90, 18],
      [3, 'UBND xã Dương Quang', '0', '0', '0', '0%', '0'],
    ]);
    const p = buildPreview(report, [wb]);
    const next = applyPatch(report, p.patch);
    expect(cell(next, 'dung-han', 'p-duc-xuan')).toEqual({ t: 'status', v: 'Không phát sinh hồ sơ' });
    expect(cell(next, 'dung-han', 'x-duong-quang')).toEqual({ t: 'status', v: 'Không phát sinh hồ sơ' });
    expect(cell(next, 'dung-han', 'p-song-cau')).toEqual({ t: 'num', v: 90 });
    expect(p.changes.find((c) => c.unit === 'UBND phường Đức Xuân')!.note).toBe('không phát sinh hồ sơ (cột “Tổng số hồ sơ tiếp nhận” bằng 0)');
    expect(p.changes.find((c) => c.unit === 'UBND phường Sông Cầu')!.note).toBeUndefined();
  });

  it('the eCopies table: 0 arising dossiers leave no 0 % rate', async () => {
    const report = clearFigures(loadSample());
    const wb = await book('ct.xlsx', [
      ['SỐ LIỆU CUNG CẤP DỊCH VỤ CHỨNG THỰC BẢN SAO ĐIỆN TỬ TỪ BẢN CHÍNH'],
      ['STT', 'Tên cơ quan, đơn vị', 'Số đơn vị triển khai', 'Số hồ sơ chứng thực bản sao điện tử từ bản chính hoàn thành', 'Số hồ sơ phát sinh lĩnh vực chứng thực', 'Tỷ lệ (%)'],
      [1, 'UBND phường Đức Xuân', '1/1', 0, 0, 0],
    ]);
    const next = applyPatch(report, buildPreview(report, [wb]).patch);
    expect(cell(next, 'chung-thuc', 'p-duc-xuan', 'rate')).toEqual({ t: 'status', v: 'Không phát sinh hồ sơ' });
    expect(cell(next, 'chung-thuc', 'p-duc-xuan', 'arising')).toEqual({ t: 'num', v: 0 });
  });

  it('old reports stay valid: the status is an ordinary status cell (no schema change)', () => {
    const report = clearFigures(loadSample());
    const next = applyPatch(report, { changes: [{ target: { kind: 'cell', tableId: 'dung-han', unitId: 'p-duc-xuan', columnId: 'rate' }, before: null, after: { t: 'status', v: 'Không phát sinh hồ sơ' } }], aliases: [], rows: [] });
    expect(parseReportJson(serializeReport(next)).ok).toBe(true);
    expect(parseReportJson(serializeReport(loadSample())).ok).toBe(true);
  });
});
