// Tests of the shared cell normaliser and header finder on plain raw rows (no exceljs involved).
import { describe, expect, it } from 'vitest';
import { fromExcelJs, isPercentFormat, normalizeCell } from '../../core/xlsx/cells';
import { applyMerges, findHeader, type HeaderSpec } from '../../core/xlsx/header';

describe('normalizeCell', () => {
  it('reads numbers, text with a decimal comma or %, and Excel percentages stored as fractions', () => {
    expect(normalizeCell(97.74, 'rate')).toEqual({ ok: true, cell: { t: 'num', v: 97.74 } });
    expect(normalizeCell('97,74', 'rate')).toEqual({ ok: true, cell: { t: 'num', v: 97.74 } });
    expect(normalizeCell('97,74%', 'rate')).toEqual({ ok: true, cell: { t: 'num', v: 97.74 } });
    expect(normalizeCell(' 92,08 % ', 'rate')).toEqual({ ok: true, cell: { t: 'num', v: 92.08 } });
    expect(normalizeCell(0.9744, 'rate', { numFmt: '0.00%' })).toEqual({ ok: true, cell: { t: 'num', v: 97.44 }, scaled: true });
    expect(normalizeCell(1, 'rate', { numFmt: '0%' })).toEqual({ ok: true, cell: { t: 'num', v: 100 }, scaled: true });
    // A bare rate ≤ 1 is a fraction or a small percentage: a problem until the column's reading is known.
    expect(normalizeCell(0.9744, 'rate')).toMatchObject({ ok: false, problem: expect.stringContaining('chưa rõ') });
    expect(normalizeCell(0.9744, 'rate', { ratesAs: 'percent' })).toEqual({ ok: true, cell: { t: 'num', v: 0.9744 } });
    expect(normalizeCell(0.9744, 'rate', { ratesAs: 'fraction' })).toEqual({ ok: true, cell: { t: 'num', v: 97.44 }, scaled: true });
    expect(normalizeCell('1.370', 'count')).toEqual({ ok: true, cell: { t: 'num', v: 1370 } });
    expect(normalizeCell('1/1', 'ratio')).toEqual({ ok: true, cell: { t: 'ratio', n: 1, d: 1 } });
    expect(normalizeCell('90,9', 'score', { max: 100 })).toEqual({ ok: true, cell: { t: 'num', v: 90.9 } });
    expect(normalizeCell('xuất sắc', 'label')).toEqual({ ok: true, cell: { t: 'text', v: 'Xuất sắc' } });
  });

  it('keeps blanks and statuses as such, never zero', () => {
    expect(normalizeCell(null, 'rate')).toEqual({ ok: true, cell: null });
    expect(normalizeCell('   ', 'rate')).toEqual({ ok: true, cell: null });
    expect(normalizeCell('Không tổng hợp trên Hệ thống', 'rate')).toEqual({
      ok: true,
      cell: { t: 'status', v: 'Không tổng hợp trên Hệ thống' },
    });
    expect(normalizeCell('Không tổng hợp trên Hệ thống', 'label')).toEqual({
      ok: true,
      cell: { t: 'status', v: 'Không tổng hợp trên Hệ thống' },
    });
    expect(normalizeCell(0, 'rate')).toEqual({ ok: true, cell: { t: 'num', v: 0 } });
  });

  it('turns errors, failed formulas, negative or over-100 rates and non-numbers into problems', () => {
    const bad: [unknown, string][] = [
      [{ error: '#DIV/0!' }, '#DIV/0!'],
      ['#N/A', '#N/A'],
      [{ error: 'FORMULA', formula: 'A1/B1' }, 'công thức'],
      [-3, 'âm'],
      [101, 'lớn hơn 100'],
      ['120,5', 'lớn hơn 100'],
      ['abc', 'không phải là số'],
      ['97,7a', 'không phải là số'],
      [true, 'đúng/sai'],
      [new Date(Date.UTC(2024, 0, 1)), 'ngày'],
    ];
    for (const [raw, words] of bad) {
      const r = normalizeCell(raw as never, 'rate');
      expect(r.ok, String(raw)).toBe(false);
      if (!r.ok) expect(r.problem).toContain(words);
    }
    const date = normalizeCell(new Date(Date.UTC(2024, 0, 1)), 'ratio');
    expect(date.ok).toBe(false);
    const over = normalizeCell(19, 'score', { max: 18 });
    expect(over.ok).toBe(false);
    expect(normalizeCell(3.5, 'count').ok).toBe(false);
  });

  it('converts exceljs values: rich text, formulas with and without results, errors, hyperlinks', () => {
    expect(fromExcelJs({ richText: [{ text: 'Không tổng hợp ' }, { text: 'trên Hệ thống' }] })).toBe('Không tổng hợp trên Hệ thống');
    expect(fromExcelJs({ formula: 'A1*100', result: 97.5 })).toBe(97.5);
    expect(fromExcelJs({ formula: 'A1/0', result: { error: '#DIV/0!' } })).toEqual({ error: '#DIV/0!' });
    expect(fromExcelJs({ formula: 'A1' })).toEqual({ error: 'FORMULA', formula: 'A1' });
    expect(fromExcelJs({ text: 'Phòng Tư pháp', hyperlink: 'http://x' })).toBe('Phòng Tư pháp');
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('0.00"%"')).toBe(false);
  });
});

const specs: HeaderSpec[] = [
  { key: 'stt', synonyms: ['STT', 'Số TT'] },
  { key: 'name', synonyms: ['Tên cơ quan', 'Tên đơn vị', 'Đơn vị'], required: true },
  { key: 'rate', synonyms: ['Tỷ lệ'], exclude: ['số hồ sơ'] },
  { key: 'total', synonyms: ['Tổng điểm'] },
  { key: 'class', synonyms: ['Xếp loại'] },
];

describe('findHeader', () => {
  it('finds a header below title rows and not in column A', () => {
    const rows = [
      [null, 'ỦY BAN NHÂN DÂN'],
      [null, 'TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
      [],
      [null, null, 'STT', 'Tên cơ quan, đơn vị', 'Số hồ sơ', 'Tỷ lệ (%)'],
      [null, null, 1, 'Phòng Tư pháp', 12, '97,74'],
    ];
    const h = findHeader(rows, specs);
    expect(h).not.toBeNull();
    expect(h!.rowIndex).toBe(3);
    expect(h!.depth).toBe(1);
    expect(h!.columns).toEqual({ stt: 2, name: 3, rate: 5 });
  });

  it('reads a two-level merged header', () => {
    const rows = [
      ['STT', 'Tên cơ quan/đơn vị', 'Chỉ số công khai minh bạch (Tổng điểm 18)', 'Tổng hợp xếp loại (Tổng điểm 100)', null],
      [null, null, null, 'Tổng điểm', 'Xếp loại'],
      [1, 'UBND phường Đức Xuân', null, 90.9, 'Xuất sắc'],
    ];
    applyMerges(rows, [
      { top: 0, left: 0, bottom: 1, right: 0 },
      { top: 0, left: 3, bottom: 0, right: 4 },
    ]);
    const h = findHeader(rows, specs);
    expect(h!.depth).toBe(2);
    expect(h!.columns.total).toBe(3);
    expect(h!.columns.class).toBe(4);
    expect(h!.labels[4]).toBe('Tổng hợp xếp loại (Tổng điểm 100) / Xếp loại');
  });

  it('returns null when there is no header', () => {
    expect(findHeader([['a', 'b'], [1, 2]], specs)).toBeNull();
  });
});

describe('row kinds', () => {
  it('tells totals, blocks and units apart', async () => {
    const { blockOf, isTotalName } = await import('../../core/import/recognise');
    expect(isTotalName('Tổng cộng')).toBe(true);
    expect(isTotalName('Cộng:')).toBe(true);
    expect(isTotalName('Toàn tỉnh')).toBe(true);
    expect(isTotalName('Công an phường Sông Cầu')).toBe(false);
    expect(isTotalName('Tổ công tác 766')).toBe(false);
    expect(blockOf('I', 'Cấp thành phố')).toEqual({ numeral: 'I', name: 'Cấp thành phố' });
    expect(blockOf('', 'II. Cấp xã')).toEqual({ numeral: 'II', name: 'Cấp xã' });
    expect(blockOf('', 'Cấp xã')).toEqual({ numeral: null, name: 'Cấp xã' });
    expect(blockOf('1', 'Văn phòng HĐND&UBND')).toBeNull();
    expect(blockOf('', 'Công an phường Sông Cầu')).toBeNull();
  });
});
