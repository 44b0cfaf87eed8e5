// Per-unit figures from dossier lists built in code with known answers: every date form, the period edges, bad rows, mapping, cancelling.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { aggregate, previewDossierList } from '../../core/dossiers/aggregate';
import { isOnTime, MAX_BAD_ROWS, MAX_LIST_UNITS, MAX_UNKNOWN_NAMES, rate, type AggregateResult, type UnitFigures } from '../../core/dossiers/aggregator';
import { dossierSignature, parseDossierMapping } from '../../core/dossiers/fields';
import { parseAggregatePeriod } from '../../core/dossiers/period';
import { loadSample } from '../../core/model/report';
import { tempDir, utc, writeDossierWorkbook, type CellInput } from '../helpers/dossier-lists';

const units = loadSample().units;

const HEADER = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Cơ quan tiếp nhận',
  'Kênh thực hiện',
  'Ngày tiếp nhận',
  'Ngày hẹn trả',
  'Ngày trả kết quả',
  'Trạng thái',
  'Phí, lệ phí',
  'Thanh toán trực tuyến',
  'Đánh giá',
];

interface D {
  code: string;
  unit: CellInput;
  channel?: CellInput;
  received: CellInput;
  due?: CellInput;
  finished?: CellInput;
  status?: CellInput;
  fee?: CellInput;
  payment?: CellInput;
  rating?: CellInput;
}

const row = (d: D, i: number): CellInput[] => [
  i + 1,
  d.code,
  'Chứng thực bản sao từ bản chính',
  d.unit,
  d.channel ?? null,
  d.received,
  d.due ?? null,
  d.finished ?? null,
  d.status ?? null,
  d.fee ?? null,
  d.payment ?? null,
  d.rating ?? null,
];

const TU_PHAP = 'Phòng Tư pháp';
/** The list: a title block of two lines and a blank line, so the header is row 4 and data start at row 5. */
const DOSSIERS: D[] = [
  // T1: Excel date-times; due on the period's last day and finished that day → on time.
  { code: 'T1', unit: TU_PHAP, channel: 'Trực tuyến', received: utc(2024, 7, 1, 8, 0), due: utc(2024, 7, 31), finished: utc(2024, 7, 31, 16, 0), fee: 50000, payment: 'Có', rating: 'Rất hài lòng' },
  // T2: text dates, channel code 2; unfinished and due on the last day → on time (not yet overdue that day).
  { code: 'T2', unit: TU_PHAP, channel: 2, received: '15/07/2024', due: '31/07/2024', fee: 0, rating: 'Hài lòng' },
  // T3: text date-times; unfinished and due before the period's end → overdue.
  { code: 'T3', unit: TU_PHAP, channel: 'Trực tiếp', received: '10/07/2024 09:15', due: '30/07/2024 17:00', status: 'Đang xử lý', fee: '20.000 đ', payment: 'Không', rating: 'Không hài lòng' },
  // T4: ISO dates, channel code 1; finished two days late → overdue.
  { code: 'T4', unit: TU_PHAP, channel: 1, received: '2024-07-12', due: '2024-07-20', finished: '2024-07-22', status: 'Đã trả kết quả', fee: 100000, payment: true },
  // T5: an Excel serial without a date format (45492 = 19/07/2024); finished after the period, due after it → on time.
  { code: 'T5', unit: TU_PHAP, channel: 'Bưu chính công ích', received: 45492, due: utc(2024, 8, 5), finished: utc(2024, 8, 10), rating: 'Chưa đánh giá' },
  // T6: ISO date-time; due and finished the same day, finished an hour late → overdue.
  { code: 'T6', unit: TU_PHAP, channel: 'Trực tuyến', received: '2024-07-20T10:00:00', due: '20/07/2024 10:00', finished: '20/07/2024 11:00' },
  // T7: received late on the last day → in the period; channel code 3; due after the end, unfinished → on time.
  { code: 'T7', unit: TU_PHAP, channel: 3, received: '31/07/2024 23:00', due: '02/08/2024', rating: 'Rất hài lòng' },
  // T8: finished after the period but due before its end → overdue (it was open and past due at the end).
  { code: 'T8', unit: TU_PHAP, channel: 'Trực tiếp', received: '20/07/2024', due: '25/07/2024', finished: '03/08/2024' },
  // T9: due without a time, finished that day in the afternoon → on time.
  { code: 'T9', unit: TU_PHAP, channel: 'Trực tiếp', received: '18/07/2024', due: '20/07/2024', finished: '20/07/2024 16:00' },
  // Out of the period (before and after).
  { code: 'T10', unit: TU_PHAP, channel: 'Trực tiếp', received: '30/06/2024 10:00', due: '05/07/2024' },
  { code: 'T11', unit: TU_PHAP, channel: 'Trực tiếp', received: '01/08/2024', due: '05/08/2024' },
  // Cancelled: not counted at all.
  { code: 'T12', unit: TU_PHAP, channel: 'Trực tiếp', received: '05/07/2024', due: '08/07/2024', status: 'Đã hủy' },
  // Unreadable rows: a bad date (row 17), an unknown unit (row 18), an unknown channel (row 19).
  { code: 'T13', unit: TU_PHAP, channel: 'Trực tiếp', received: '32/07/2024', due: '05/08/2024' },
  { code: 'T14', unit: 'Phòng Không Tồn Tại', channel: 'Trực tiếp', received: '05/07/2024', due: '08/07/2024' },
  { code: 'T15', unit: TU_PHAP, channel: 'Fax', received: '05/07/2024', due: '08/07/2024' },
  // Xuất Hóa, upper case and the old tone placement: both on time, one online, no fee, not rated.
  { code: 'X1', unit: 'UBND PHƯỜNG XUẤT HÓA', channel: 'Trực tuyến', received: '02/07/2024', due: '05/07/2024', finished: '04/07/2024' },
  { code: 'X2', unit: 'UBND PHƯỜNG XUẤT HÓA', channel: 'Trực tiếp', received: '03/07/2024', due: '10/07/2024', finished: '10/07/2024' },
  // Đức Xuân (abbreviated): a status saying "result returned" with no finish date → unreadable (row 22).
  { code: 'D1', unit: 'P. Đức Xuân', channel: 'Trực tiếp', received: '03/07/2024', due: '10/07/2024', status: 'Đã trả kết quả' },
];

async function writeList(dossiers: D[] = DOSSIERS, header = HEADER): Promise<string> {
  const dir = await tempDir();
  return writeDossierWorkbook(join(dir, 'danh-sach.xlsx'), {
    title: ['UBND THÀNH PHỐ BẮC KẠN', 'DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 7/2024'],
    gap: 1,
    header,
    rows: dossiers.map(row),
  });
}

function unit(result: AggregateResult, id: string): UnitFigures {
  const u = result.perUnit.find((x) => x.unitId === id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
}

describe('aggregate: a July 2024 list with known answers', () => {
  it('computes every figure per unit, with names as the report spells them', async () => {
    const path = await writeList();
    const result = await aggregate(path, { period: '2024-07', units, listOverdue: true });

    expect(result.period).toMatchObject({ from: '2024-07-01', to: '2024-07-31', text: 'tháng 7 năm 2024' });
    expect(result.header.row).toBe(4);
    expect(result.header.columns.unit).toEqual({ index: 3, label: 'Cơ quan tiếp nhận', how: 'auto' });
    expect(result.header.columns.finished?.label).toBe('Ngày trả kết quả');
    expect(result.header.columns.due?.label).toBe('Ngày hẹn trả');

    expect(unit(result, 'phong-tu-phap')).toEqual({
      unitId: 'phong-tu-phap',
      unitName: 'Phòng Tư pháp',
      received: 9,
      onTime: 5,
      overdue: 4,
      onTimeRate: 55.56,
      overdueRate: 44.44,
      online: 3,
      onlineRate: 33.33,
      withFee: 3,
      paidOnline: 2,
      paymentRate: 66.67,
      rated: 4,
      satisfied: 3,
      satisfactionRate: 75,
    });
    expect(unit(result, 'p-xuat-hoa')).toEqual({
      unitId: 'p-xuat-hoa',
      unitName: 'UBND phường Xuất Hoá',
      received: 2,
      onTime: 2,
      overdue: 0,
      onTimeRate: 100,
      overdueRate: 0,
      online: 1,
      onlineRate: 50,
      withFee: 0,
      paidOnline: 0,
      paymentRate: null,
      rated: 0,
      satisfied: 0,
      satisfactionRate: null,
    });
    // A unit without dossiers: zero counts, every rate null (never 0).
    const none = unit(result, 'phong-kinh-te');
    expect(none.received).toBe(0);
    expect([none.onTimeRate, none.overdueRate, none.onlineRate, none.paymentRate, none.satisfactionRate]).toEqual([null, null, null, null, null]);
    // Every report unit, in the report's order.
    expect(result.perUnit.map((u) => u.unitId)).toEqual(units.map((u) => u.id));

    expect(result.unitsWithOverdue).toEqual([{ unitId: 'phong-tu-phap', unitName: 'Phòng Tư pháp', overdue: 4 }]);
    expect(result.overdueDossiers?.map((d) => [d.code, d.due, d.finished])).toEqual([
      ['T3', '2024-07-30', null],
      ['T4', '2024-07-20', '2024-07-22'],
      ['T6', '2024-07-20', '2024-07-20'],
      ['T8', '2024-07-25', '2024-08-03'],
    ]);
    expect(result.overdueDossiers?.[0]).toEqual({
      row: 7,
      code: 'T3',
      procedure: 'Chứng thực bản sao từ bản chính',
      unitId: 'phong-tu-phap',
      unitName: 'Phòng Tư pháp',
      received: '2024-07-10',
      due: '2024-07-30',
      finished: null,
    });

    expect(result.rowsRead).toBe(DOSSIERS.length);
    expect(result.counted).toBe(11);
    expect(result.outOfPeriod).toBe(2);
    expect(result.cancelled).toBe(1);
    expect(result.badRowCount).toBe(4);
    expect(result.badRows.map((b) => b.row)).toEqual([17, 18, 19, 22]);
    expect(result.badRows[0]!.reason).toMatch(/^Ngày tiếp nhận: “32\/07\/2024” không phải là ngày/);
    expect(result.badRows[1]!.reason).toBe('không nhận ra đơn vị “Phòng Không Tồn Tại”');
    expect(result.badRows[2]!.reason).toMatch(/^Hình thức nộp: không rõ hình thức nộp “Fax”/);
    expect(result.badRows[3]!.reason).toMatch(/Đã trả kết quả.*thiếu Ngày có kết quả/);
    expect(result.unknownUnits).toEqual([{ name: 'Phòng Không Tồn Tại', rows: 1, suggestions: expect.any(Array) }]);
    expect(result.note).toMatch(/tính từ danh sách hồ sơ/);
  });

  it('moves dossiers in and out with the period: a quarter, a range, a single day', async () => {
    const path = await writeList();
    const q3 = await aggregate(path, { period: '2024-Q3', units });
    // T11 (received 1/8) joins. At 30/09 every open dossier is past due: T2 (due 31/7), T3, T7 (due 2/8) and
    // T11 (due 5/8) are overdue; T5 now counts as finished (10/8) after its due date (5/8) → overdue; T4, T6, T8
    // finished late; only T1 and T9 are on time.
    const tp = unit(q3, 'phong-tu-phap');
    expect(tp.received).toBe(10);
    expect(tp.onTime).toBe(2);
    expect(tp.overdue).toBe(8);
    const range = await aggregate(path, { period: '2024-07-20..2024-07-20', units });
    // Only T6 (20/07 10:00) and T8 (20/07) were received that day; at the end of 20/07 T6 is late, T8 open and not yet due.
    expect(unit(range, 'phong-tu-phap')).toMatchObject({ received: 2, onTime: 1, overdue: 1 });
    expect(range.period.text).toBe('từ ngày 20/07/2024 đến ngày 20/07/2024');
  });

  it('groups units by their canonical name when no report units are given', async () => {
    const path = await writeList();
    const result = await aggregate(path, { period: '2024-07' });
    expect(result.perUnit.map((u) => [u.unitName, u.received])).toEqual([
      ['Phòng Tư pháp', 9],
      ['Phòng Không Tồn Tại', 1],
      ['UBND PHƯỜNG XUẤT HÓA', 2],
    ]);
    expect(result.unknownUnits).toEqual([]);
  });

  it('takes the user’s mapping for columns with unusual names, and ignores a column mapped to null', async () => {
    const header = [...HEADER];
    header[3] = 'Nơi xử lý hồ sơ';
    header[5] = 'Ngày bắt đầu';
    header[6] = 'Kỳ hạn';
    const path = await writeList(DOSSIERS, header);
    await expect(aggregate(path, { period: '2024-07', units })).rejects.toMatchObject({ code: 'DOSSIER_COLUMN_MISSING' });
    const mapping = parseDossierMapping(JSON.stringify({ columns: { unit: 'Nơi xử lý hồ sơ', received: 'F', due: 7, payment: null } }));
    const result = await aggregate(path, { period: '2024-07', units, mapping });
    expect(result.header.columns.unit).toEqual({ index: 3, label: 'Nơi xử lý hồ sơ', how: 'mapping' });
    expect(result.header.columns.received).toEqual({ index: 5, label: 'Ngày bắt đầu', how: 'mapping' });
    expect(result.header.columns.payment).toBeUndefined();
    expect(unit(result, 'phong-tu-phap')).toMatchObject({ received: 9, onTime: 5, overdue: 4, paidOnline: null, paymentRate: null, withFee: 3 });
    // headerRow skips the search.
    const byRow = await aggregate(path, { period: '2024-07', units, mapping: { ...mapping, headerRow: 4 } });
    expect(unit(byRow, 'phong-tu-phap').received).toBe(9);
    expect(() => parseDossierMapping('{"columns":{"donvi":"A"}}')).toThrow(/Tệp ánh xạ cột không đúng mẫu/);
    expect(() => parseDossierMapping('{')).toThrow(/không phải JSON/);
  });

  it('reads a two-level header (group titles above column titles)', async () => {
    const dir = await tempDir();
    const path = join(dir, 'hai-tang.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['DANH SÁCH HỒ SƠ']);
    ws.addRow(['STT', 'Mã hồ sơ', 'Đơn vị tiếp nhận', 'Thời gian', null, null]);
    ws.addRow([null, null, null, 'Tiếp nhận', 'Hẹn trả', 'Có kết quả']);
    ws.mergeCells('D2:F2');
    ws.mergeCells('A2:A3');
    ws.mergeCells('B2:B3');
    ws.mergeCells('C2:C3');
    ws.addRow([1, 'H1', TU_PHAP, '10/07/2024', '20/07/2024', '15/07/2024']);
    ws.addRow([2, 'H2', TU_PHAP, '11/07/2024', '12/07/2024', null]);
    await wb.xlsx.writeFile(path);
    const result = await aggregate(path, { period: '2024-07', units });
    expect(result.header.row).toBe(2);
    expect(result.header.columns.received).toMatchObject({ index: 3, label: 'Thời gian / Tiếp nhận' });
    expect(result.header.columns.due).toMatchObject({ index: 4 });
    expect(result.header.columns.finished).toMatchObject({ index: 5 });
    expect(result.badRowCount).toBe(0);
    expect(unit(result, 'phong-tu-phap')).toMatchObject({ received: 2, onTime: 1, overdue: 1 });
  });

  it('refuses a list without a header, and an unreadable period, with one Vietnamese sentence', async () => {
    const dir = await tempDir();
    const path = await writeDossierWorkbook(join(dir, 'x.xlsx'), { header: ['A', 'B', 'C'], rows: [[1, 2, 3]] });
    await expect(aggregate(path, { period: '2024-07', units })).rejects.toMatchObject({ code: 'DOSSIER_HEADER_NOT_FOUND' });
    await expect(aggregate(path, { period: '2024-13', units })).rejects.toMatchObject({ code: 'PERIOD_INVALID', message: expect.stringMatching(/^Không hiểu kỳ “2024-13”/) });
  });

  it('is cancelled through its signal mid-file and rejects with an AbortError', async () => {
    const many: D[] = [];
    for (let i = 0; i < 4000; i++) many.push({ code: `C${i}`, unit: TU_PHAP, channel: 'Trực tiếp', received: '10/07/2024', due: '20/07/2024' });
    const path = await writeList(many);
    const controller = new AbortController();
    let calls = 0;
    const run = aggregate(path, {
      period: '2024-07',
      units,
      signal: controller.signal,
      onProgress: () => {
        calls++;
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
    // The same file, not cancelled, gives the whole answer.
    const full = await aggregate(path, { period: '2024-07', units });
    expect(unit(full, 'phong-tu-phap').received).toBe(4000);
  });

  it('gives an overdue rate that complements the rounded on-time rate', async () => {
    // 31 of 32 on time: 96,875 → 96,88; the overdue rate is 3,12 (not 3,13), so the pair sums to 100.
    const rows = Array.from({ length: 32 }, (_, i) => ({ row: i + 2, values: [TU_PHAP, '10/07/2024', i === 0 ? '11/07/2024' : '31/07/2024', i === 0 ? '15/07/2024' : null] }));
    const result = await aggregate([[{ row: 1, values: ['Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'] }, ...rows]], { period: '2024-07', units });
    expect(unit(result, 'phong-tu-phap')).toMatchObject({ received: 32, onTime: 31, overdue: 1, onTimeRate: 96.88, overdueRate: 3.12 });
  });

  it('counts every unreadable row but lists only the first MAX_BAD_ROWS', async () => {
    const batches = [
      [{ row: 1, values: ['Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả'] }],
      Array.from({ length: MAX_BAD_ROWS + 10 }, (_, i) => ({ row: i + 2, values: [TU_PHAP, 'hôm qua', '01/07/2024'] })),
    ];
    const result = await aggregate(batches, { period: '2024-07', units });
    expect(result.badRowCount).toBe(MAX_BAD_ROWS + 10);
    expect(result.badRows).toHaveLength(MAX_BAD_ROWS);
    expect(result.badRows[0]).toEqual({ row: 2, reason: expect.stringMatching(/“hôm qua” không phải là ngày/) });
  });
});

describe('a unit column mapped to the wrong column', () => {
  it('stays bounded: unknown names are listed up to a limit, every row is counted as unreadable', async () => {
    const n = MAX_UNKNOWN_NAMES + 500;
    const batches = [
      [{ row: 1, values: ['Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả'] }],
      Array.from({ length: n }, (_, i) => ({ row: i + 2, values: [`HS-${i}`, '10/07/2024', '20/07/2024'] })),
    ];
    const withUnits = await aggregate(batches, { period: '2024-07', units });
    expect(withUnits.badRowCount).toBe(n);
    expect(withUnits.unknownUnits).toHaveLength(MAX_UNKNOWN_NAMES);
    const rows = Array.from({ length: MAX_LIST_UNITS + 3 }, (_, i) => ({ row: i + 2, values: [`HS-${i}`, '10/07/2024', '20/07/2024'] }));
    const noUnits = await aggregate([[batches[0]![0]!, ...rows]], { period: '2024-07' });
    expect(noUnits.perUnit).toHaveLength(MAX_LIST_UNITS);
    expect(noUnits.badRowCount).toBe(3);
    expect(noUnits.badRows[0]!.reason).toMatch(/hãy kiểm tra cột Cơ quan tiếp nhận/);
  });
});

describe('on-time rule at the period end', () => {
  const d = (date: string, minutes: number | null = null) => ({ date, minutes });
  it('judges finished, open and undated dossiers', () => {
    expect(isOnTime(d('2024-07-31'), d('2024-07-31'), '2024-07-31')).toBe(true);
    expect(isOnTime(d('2024-07-31'), null, '2024-07-31')).toBe(true);
    expect(isOnTime(d('2024-07-30'), null, '2024-07-31')).toBe(false);
    expect(isOnTime(d('2024-07-30'), d('2024-08-01'), '2024-07-31')).toBe(false);
    expect(isOnTime(d('2024-08-02'), d('2024-08-05'), '2024-07-31')).toBe(true);
    expect(isOnTime(d('2024-07-20', 600), d('2024-07-20', 660), '2024-07-31')).toBe(false);
    expect(isOnTime(d('2024-07-20', 600), d('2024-07-20', 600), '2024-07-31')).toBe(true);
    expect(isOnTime(d('2024-07-20'), d('2024-07-20', 1000), '2024-07-31')).toBe(true);
    expect(isOnTime(null, null, '2024-07-31')).toBe(true);
  });

  it('rounds rates to 2 decimals and gives null for an empty denominator', () => {
    expect(rate(2, 3)).toBe(66.67);
    expect(rate(1, 3)).toBe(33.33);
    expect(rate(0, 5)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('aggregation periods', () => {
  it('reads months, quarters, halves, years and ranges', () => {
    expect(parseAggregatePeriod('2024-08')).toMatchObject({ from: '2024-08-01', to: '2024-08-31' });
    expect(parseAggregatePeriod('2024-Q3')).toMatchObject({ from: '2024-07-01', to: '2024-09-30', text: 'quý III năm 2024' });
    expect(parseAggregatePeriod('2024-H1')).toMatchObject({ from: '2024-01-01', to: '2024-06-30' });
    expect(parseAggregatePeriod('2024-H2')).toMatchObject({ from: '2024-07-01', to: '2024-12-31', period: null });
    expect(parseAggregatePeriod('2024')).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    expect(parseAggregatePeriod('2024-02')).toMatchObject({ to: '2024-02-29' });
    expect(parseAggregatePeriod('2024-07-01..2024-09-30')).toMatchObject({ from: '2024-07-01', to: '2024-09-30', period: null });
    expect(parseAggregatePeriod('01/07/2024..15/07/2024')).toMatchObject({ from: '2024-07-01', to: '2024-07-15' });
    expect(parseAggregatePeriod('2024-09-30..2024-07-01')).toBeNull();
    expect(parseAggregatePeriod('2024-02-30..2024-03-01')).toBeNull();
    expect(parseAggregatePeriod('Q3')).toBeNull();
  });
});

describe('mapping screen support', () => {
  it('previews the first rows and the columns found, and names the required ones missing', async () => {
    const path = await writeList();
    const preview = await previewDossierList(path);
    expect(preview.rows[0]).toEqual({ row: 1, values: ['UBND THÀNH PHỐ BẮC KẠN'] });
    expect(preview.header).toMatchObject({ row: 4, labels: HEADER, missing: [] });
    expect(preview.header?.columns).toMatchObject({ unit: 3, received: 5, due: 6, finished: 7, rating: 11 });
    expect(preview.header?.signature).toBe(dossierSignature(HEADER));

    const header = [...HEADER];
    header[6] = 'Kỳ hạn';
    const odd = await previewDossierList(await writeList(DOSSIERS, header));
    expect(odd.header?.missing).toEqual(['due']);
    const none = await previewDossierList(await writeList(DOSSIERS.slice(0, 2), ['a', 'b', 'c']));
    expect(none.header).toBeNull();
    expect(none.rows.map((r) => r.row)).toEqual([1, 2, 4, 5, 6]);
  });

  it('gives lists with the same columns the same settings signature, whatever their title block', () => {
    expect(dossierSignature(HEADER)).toBe(dossierSignature(HEADER.map((h) => h.toUpperCase())));
    expect(dossierSignature(HEADER)).not.toBe(dossierSignature(HEADER.slice(1)));
    expect(dossierSignature(HEADER).startsWith('dossiers:stt|ma ho so|')).toBe(true);
  });
});

describe('a CSV dossier row written with another delimiter (fuzz csv-shape)', () => {
  it('is counted as unreadable and named, never dropped as a blank line', async () => {
    const dir = await tempDir();
    const header = 'STT;Mã hồ sơ;Tên TTHC;Đơn vị tiếp nhận;Hình thức nộp;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả';
    const good = (i: number, unit: string) => `${i};H-${i};Đăng ký khai sinh;${unit};Trực tuyến;02/07/2024 08:00;05/07/2024 08:00;03/07/2024 09:00`;
    const lines = [header, good(1, 'UBND phường Đức Xuân'), good(2, 'UBND phường Đức Xuân').replaceAll(';', ','), good(3, 'UBND phường Sông Cầu'), 'Người lập biểu'];
    const { writeFile } = await import('node:fs/promises');
    const path = join(dir, 'danh-sach.csv');
    await writeFile(path, '\ufeff' + lines.join('\r\n') + '\r\n');
    const result = await aggregate(path, { period: '2024-07', units: loadSample().units });
    expect(result.badRows.map((b) => b.row)).toEqual([3]);
    expect(result.badRows[0]!.reason).toMatch(/dính liền/);
    expect(result.rowsRead).toBe(3);
    expect(result.perUnit.find((u) => u.unitName.includes('Đức Xuân'))?.received).toBe(1);
  });
});
