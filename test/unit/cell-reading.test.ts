// One reading of cell content: typing, grid paste, the paste preview and an .xlsx import give the same cell or the same refusal, for every column type.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPreview } from '../../core/import/preview';
import type { ImportPreview } from '../../core/import/preview-types';
import { clearFigures, loadSample } from '../../core/model/report';
import type { Cell, Column, Report } from '../../core/model/schema';
import { readCell, settleRateColumn } from '../../core/text/cell-reading';
import { pastedWorkbook } from '../../core/xlsx/paste';
import { readSpreadsheetBytes } from '../../core/xlsx/read';
import { parseCellInput } from '../../renderer/state/cells';
import { readClipboardBlock, readPastedValues } from '../../renderer/state/clipboard';
import { putRows, toBuffer, type In } from '../helpers/workbooks';

const UNIT = 'UBND xã Dương Quang';
const UNIT_ID = 'x-duong-quang';

/** Each column type, the report table and column it lands in, and the header and title a file gives it. */
const COLUMNS = {
  rate: { tableId: 'hai-long', columnId: 'rate', title: 'TỶ LỆ VỀ MỨC ĐỘ HÀI LÒNG', header: 'Tỷ lệ hài lòng (%)' },
  count: { tableId: 'chung-thuc', columnId: 'completed', title: 'SỐ LIỆU CHỨNG THỰC BẢN SAO ĐIỆN TỬ', header: 'Số hồ sơ chứng thực bản sao điện tử từ bản chính hoàn thành' },
  score: { tableId: 'xep-loai-xa', columnId: 'ckmb', title: 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ', header: 'Chỉ số công khai minh bạch (Tổng điểm 18)' },
  ratio: { tableId: 'chung-thuc', columnId: 'deployed', title: 'SỐ LIỆU CHỨNG THỰC BẢN SAO ĐIỆN TỬ', header: 'Số đơn vị triển khai' },
  label: { tableId: 'xep-loai-xa', columnId: 'class', title: 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ', header: 'Xếp loại' },
} as const;
type Kind = keyof typeof COLUMNS;
const KINDS = Object.keys(COLUMNS) as Kind[];

/** Texts as clerks type or paste them; every divergence of the old two parsers is here. */
const INPUTS = [
  '', '   ', '0', '97,74', '97.74', '97,74%', ' 92,08 % ', '100', '100%', '101', '-3', '1.370', '1,370', '1.025',
  '993.507', '1.234,5', '0,9844', '0.918', '0,5%', '1', '18', '18,5', '3,5', '135', '12 500', '88,73', '1/1', '0/1',
  '1/0', '3/4', 'Không tổng hợp trên Hệ thống', 'không tổng hợp trên hệ thống', 'KHONG TONG HOP TREN HE THONG',
  'không tổng', 'Không tổng hợp trong Hệ thống', 'Không phát sinh hồ sơ', 'chưa có số liệu', 'Chưa có dữ liệu',
  'abc def', 'abc', 'UBND phường Đức Xuân', '-', '–', '#DIV/0!', '#N/A', 'Xuất sắc', 'xuat sac', 'tốt', 'Trung bình',
  'Yếu kém', '97,7a', '9 3', 'TRUE',
];

type Outcome = { cell: Cell } | { refused: string };

const typed = (text: string, column: Column): Outcome => {
  const p = parseCellInput(text, column);
  return p.ok ? { cell: p.cell } : { refused: p.message };
};

const gridPasted = (text: string, column: Column): Outcome => {
  const block = readClipboardBlock({ text, html: '' });
  const value = block[0]?.[0] ?? null;
  const r = readPastedValues([{ key: 0, value, columnId: column.id, column }]).readings.get(0)!;
  return r.kind === 'cell' ? { cell: r.cell } : { refused: r.reason };
};

function fromPreview(p: ImportPreview, kind: Kind): Outcome {
  const { tableId, columnId } = COLUMNS[kind];
  const change = p.changes.find((c) => c.change.target.kind === 'cell' && c.change.target.tableId === tableId && c.change.target.unitId === UNIT_ID && c.change.target.columnId === columnId);
  if (change) return { cell: change.change.after as Cell };
  if (p.refused.length > 0) return { refused: p.refused[0]!.reason };
  expect(p.sources[0]?.matchedRows).toBe(1);
  return { cell: null };
}

let report: Report;
const imported = new Map<string, Outcome>();

function sheetRows(kind: Kind, value: In): In[][] {
  return [[COLUMNS[kind].title], ['STT', 'Tên cơ quan, đơn vị', COLUMNS[kind].header], [1, UNIT, value]];
}

beforeAll(async () => {
  report = clearFigures(loadSample());
  // One workbook per column type, one sheet per input (each column of a file is read as a whole).
  for (const kind of KINDS) {
    const wb = new ExcelJS.Workbook();
    INPUTS.forEach((text, i) => putRows(wb.addWorksheet(`c${i}`), 1, 1, sheetRows(kind, text)));
    const book = await readSpreadsheetBytes(await toBuffer(wb), `${kind}.xlsx`);
    for (const [i, text] of INPUTS.entries()) {
      const p = buildPreview(report, [{ ...book, sheets: [book.sheets[i]!] }], { tableId: COLUMNS[kind].tableId });
      imported.set(`${kind}|${text}`, fromPreview(p, kind));
    }
  }
});

function columnOf(kind: Kind): Column {
  const { tableId, columnId } = COLUMNS[kind];
  return report.tables.find((t) => t.id === tableId)!.columns.find((c) => c.id === columnId)!;
}

describe(`the one reading: ${INPUTS.length} inputs × ${KINDS.length} column types, typed = pasted = imported`, () => {
  for (const kind of KINDS) {
    it(`${kind} column`, () => {
      const column = columnOf(kind);
      for (const text of INPUTS) {
        const t = typed(text, column);
        const dialog = fromPreview(
          buildPreview(report, [pastedWorkbook({ text: sheetRows(kind, text).map((r) => r.join('\t')).join('\n') })], { tableId: COLUMNS[kind].tableId }),
          kind,
        );
        const label = `${kind} “${text}”`;
        expect({ label, o: gridPasted(text, column) }).toEqual({ label, o: t });
        expect({ label, o: dialog }).toEqual({ label, o: t });
        expect({ label, o: imported.get(`${kind}|${text}`) }).toEqual({ label, o: t });
      }
    });
  }
});

describe('the readings decided for the old divergences (13.2) and for text in numeric columns (13.1)', () => {
  const cellOf = (text: string, kind: Kind): Outcome => typed(text, columnOf(kind));
  const num = (v: number): Outcome => ({ cell: { t: 'num', v } });
  const refusedWith = (part: string) => ({ refused: expect.stringContaining(part) });

  it('"1.370" is 1,37 in a score column (1370 is above its maximum) and 1370 in a count column', () => {
    expect(cellOf('1.370', 'score')).toEqual(num(1.37));
    expect(cellOf('1.370', 'count')).toEqual(num(1370));
    expect(cellOf('1,370', 'count')).toEqual(num(1370));
    expect(cellOf('1.025', 'rate')).toEqual(num(1.025));
    expect(cellOf('993.507', 'count')).toEqual(num(993507));
  });

  it('the start of a standard status reads as the status, typed or pasted; a known wording in any case is kept as known', () => {
    for (const kind of KINDS) {
      expect(cellOf('không tổng', kind)).toEqual({ cell: { t: 'status', v: 'Không tổng hợp trên Hệ thống' } });
      expect(cellOf('KHONG TONG HOP TREN HE THONG', kind)).toEqual({ cell: { t: 'status', v: 'Không tổng hợp trên Hệ thống' } });
      expect(cellOf('Không tổng hợp trong Hệ thống', kind)).toEqual({ cell: { t: 'status', v: 'Không tổng hợp trong Hệ thống' } });
    }
  });

  it('"abc def", a unit name, "chưa có số liệu" and "-" are refused in every column, with a reason', () => {
    for (const kind of KINDS) {
      expect(cellOf('abc def', kind)).toEqual(refusedWith('“abc def”'));
      expect(cellOf('UBND phường Đức Xuân', kind)).toEqual(refusedWith('“UBND phường Đức Xuân”'));
      expect(cellOf('chưa có số liệu', kind)).toEqual(refusedWith('hãy để trống ô'));
      expect(cellOf('-', kind)).toEqual(refusedWith('chưa rõ là 0 hay để trống'));
    }
  });

  it('classification takes a band label or a status; other text and figures are refused', () => {
    expect(cellOf('xuat sac', 'label')).toEqual({ cell: { t: 'text', v: 'Xuất sắc' } });
    expect(cellOf('Yếu kém', 'label')).toEqual(refusedWith('không phải là xếp loại'));
    expect(cellOf('88,73', 'label')).toEqual(refusedWith('Cột xếp loại cần chữ'));
  });

  it('a bare rate ≤ 1 is ambiguous alone; "%" or an Excel % format settles it', () => {
    expect(readCell('0,9844', { type: 'rate' })).toMatchObject({ kind: 'ambiguous', percent: 0.9844, fraction: 98.44 });
    expect(cellOf('0,9844', 'rate')).toEqual(refusedWith('chưa rõ'));
    expect(cellOf('0,5%', 'rate')).toEqual(num(0.5));
    expect(readCell(0.9744, { type: 'rate' }, { numFmt: '0.00%' })).toEqual({ kind: 'cell', cell: { t: 'num', v: 97.44 }, scaled: true });
    expect(readCell(0, { type: 'rate' })).toEqual({ kind: 'cell', cell: { t: 'num', v: 0 } });
  });

  it('Excel values read like the text Excel shows for them', async () => {
    const cases: { value: In; shown: string; kind: Kind }[] = [
      { value: { v: 0.9744, fmt: '0.00%' }, shown: '97,44%', kind: 'rate' },
      { value: 97.74, shown: '97,74', kind: 'rate' },
      { value: 0.918, shown: '0,918', kind: 'rate' },
      { value: 1370, shown: '1.370', kind: 'count' },
      { value: 17.5, shown: '17,5', kind: 'score' },
      { value: 19, shown: '19', kind: 'score' },
      { value: { error: '#DIV/0!' }, shown: '#DIV/0!', kind: 'rate' },
    ];
    for (const c of cases) {
      const wb = new ExcelJS.Workbook();
      putRows(wb.addWorksheet('S'), 1, 1, sheetRows(c.kind, c.value));
      const p = buildPreview(report, [await readSpreadsheetBytes(await toBuffer(wb), 'v.xlsx')], { tableId: COLUMNS[c.kind].tableId });
      const o = fromPreview(p, c.kind);
      const t = typed(c.shown, columnOf(c.kind));
      if ('cell' in t) expect(o).toEqual(t);
      else expect('refused' in o).toBe(true);
    }
  });
});

describe('rate columns of a file or paste are read as a whole (13.3)', () => {
  const r = (t: string) => readCell(t, { type: 'rate' });

  it('all figures ≤ 1 → fractions; mixed → ask; one lone figure ≤ 1 → ask; a choice settles either', () => {
    expect(settleRateColumn([r('0,98'), r('1'), r('0')])).toMatchObject({ decision: 'fraction', auto: true, ambiguous: 2 });
    expect(settleRateColumn([r('0,98'), r('1')]).readings).toEqual([
      { kind: 'cell', cell: { t: 'num', v: 98 }, scaled: true },
      { kind: 'cell', cell: { t: 'num', v: 100 }, scaled: true },
    ]);
    expect(settleRateColumn([r('98,5%'), r('97,1%'), r('0,9844')])).toMatchObject({ decision: 'ask', ambiguous: 1 });
    expect(settleRateColumn([r('0,918')])).toMatchObject({ decision: 'ask' });
    expect(settleRateColumn([r('98,5%'), r('0,9844')], 'fraction').readings[1]).toEqual({ kind: 'cell', cell: { t: 'num', v: 98.44 }, scaled: true });
    expect(settleRateColumn([r('98,5%'), r('0,9844')], 'percent').readings[1]).toEqual({ kind: 'cell', cell: { t: 'num', v: 0.9844 } });
  });
});
