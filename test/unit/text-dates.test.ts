// Tests of ISO calendar dates, the official date and number lines, clerk date parsing and Excel serials.
import { describe, expect, it } from 'vitest';
import {
  DRAFT_BLANK,
  addDays,
  compareIso,
  daysInMonth,
  diffDays,
  excelSerialToIso,
  formatDecisionDate,
  formatDocumentDate,
  formatDocumentNumber,
  formatShortDate,
  isIsoDate,
  isoToExcelSerial,
  parseIsoDate,
  parseViDate,
  parseViDateTime,
  toIsoDate,
  todayIso,
} from '../../core/text/dates';

describe('ISO dates', () => {
  it('validates strict yyyy-mm-dd calendar dates', () => {
    expect(isIsoDate('2024-07-31')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-7-31')).toBe(false);
    expect(isIsoDate('2024-07-31T00:00:00')).toBe(false);
    expect(isIsoDate(20240731)).toBe(false);
    expect(parseIsoDate('2024-07-31')).toEqual({ year: 2024, month: 7, day: 31 });
    expect(parseIsoDate('2024-04-31')).toBeNull();
  });

  it('builds and compares ISO dates', () => {
    expect(toIsoDate(2024, 1, 5)).toBe('2024-01-05');
    expect(() => toIsoDate(2024, 2, 30)).toThrow(RangeError);
    expect(compareIso('2024-07-31', '2024-08-01')).toBeLessThan(0);
    expect(compareIso('2024-08-01', '2024-08-01')).toBe(0);
    expect(compareIso('2025-01-01', '2024-12-31')).toBeGreaterThan(0);
    expect(['2024-08-15', '2024-01-29', '2022-06-23'].sort(compareIso)).toEqual(['2022-06-23', '2024-01-29', '2024-08-15']);
  });

  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 7)).toBe(31);
    expect(daysInMonth(2024, 9)).toBe(30);
  });

  it('adds and subtracts days without time zones', () => {
    expect(addDays('2024-07-31', 1)).toBe('2024-08-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(diffDays('2024-01-29', '2024-08-15')).toBe(199);
    expect(diffDays('2024-08-15', '2024-01-29')).toBe(-199);
  });

  it('gives the local calendar date of a moment', () => {
    expect(todayIso(new Date(2024, 7, 15, 23, 59))).toBe('2024-08-15');
    expect(isIsoDate(todayIso())).toBe(true);
  });
});

describe('formatDocumentDate', () => {
  it('writes the seed date line', () => {
    expect(formatDocumentDate('TP. Bắc Kạn', { year: 2024, month: 8, day: 15 })).toBe(
      'TP. Bắc Kạn, ngày 15 tháng 8 năm 2024',
    );
  });

  it('puts a leading zero on days below 10 and on months 1 and 2 only', () => {
    expect(formatDocumentDate('Hà Nội', { year: 2025, month: 1, day: 5 })).toBe('Hà Nội, ngày 05 tháng 01 năm 2025');
    expect(formatDocumentDate('Hà Nội', { year: 2025, month: 2, day: 28 })).toBe('Hà Nội, ngày 28 tháng 02 năm 2025');
    expect(formatDocumentDate('Hà Nội', { year: 2025, month: 3, day: 9 })).toBe('Hà Nội, ngày 09 tháng 3 năm 2025');
    expect(formatDocumentDate('Hà Nội', { year: 2024, month: 12, day: 10 })).toBe('Hà Nội, ngày 10 tháng 12 năm 2024');
    expect(formatDocumentDate('Hà Nội', { year: 2024, month: 10, day: 1 })).toBe('Hà Nội, ngày 01 tháng 10 năm 2024');
  });

  it('leaves a blank for the day of a draft', () => {
    expect(DRAFT_BLANK).toBe('     ');
    const line = formatDocumentDate('TP. Bắc Kạn', { year: 2024, month: 8, day: null });
    expect(line).toBe('TP. Bắc Kạn, ngày      tháng 8 năm 2024');
    expect(line).toContain(`ngày${' '.repeat(6)}tháng`);
    expect(formatDocumentDate('TP. Bắc Kạn', { year: 2025, month: 1, day: null })).toBe(
      'TP. Bắc Kạn, ngày      tháng 01 năm 2025',
    );
  });

  it('rejects impossible dates', () => {
    expect(() => formatDocumentDate('X', { year: 2024, month: 2, day: 30 })).toThrow(RangeError);
    expect(() => formatDocumentDate('X', { year: 2024, month: 13, day: null })).toThrow(RangeError);
  });
});

describe('formatDocumentNumber', () => {
  it('writes the number line', () => {
    expect(formatDocumentNumber('364', 'BC', 'UBND')).toBe('Số: 364/BC-UBND');
    expect(formatDocumentNumber('21', 'KH', 'UBND')).toBe('Số: 21/KH-UBND');
  });

  it('pads numbers below 10', () => {
    expect(formatDocumentNumber('5', 'BC', 'UBND')).toBe('Số: 05/BC-UBND');
    expect(formatDocumentNumber('05', 'BC', 'UBND')).toBe('Số: 05/BC-UBND');
    expect(formatDocumentNumber(' 7 ', 'BC', 'UBND')).toBe('Số: 07/BC-UBND');
  });

  it('leaves a five-space blank for a draft', () => {
    expect(formatDocumentNumber(null, 'BC', 'UBND')).toBe('Số:      /BC-UBND');
    expect(formatDocumentNumber(null, 'BC', 'UBND')).toBe(`Số: ${' '.repeat(5)}/BC-UBND`);
    expect(formatDocumentNumber('', 'BC', 'UBND')).toBe('Số:      /BC-UBND');
  });
});

describe('short and decision dates', () => {
  it('writes dd/mm/yyyy for plans and data dates', () => {
    expect(formatShortDate('2024-01-29')).toBe('29/01/2024');
    expect(formatShortDate('2024-08-05')).toBe('05/08/2024');
  });

  it('writes d/m/yyyy for the decision citation', () => {
    expect(formatDecisionDate('2022-06-23')).toBe('23/6/2022');
    expect(formatDecisionDate('2024-01-05')).toBe('5/1/2024');
  });

  it('refuses non-ISO input', () => {
    expect(() => formatShortDate('29/01/2024')).toThrow(RangeError);
  });
});

describe('parseViDate / parseViDateTime', () => {
  it.each([
    ['29/01/2024', '2024-01-29'],
    ['29/1/2024', '2024-01-29'],
    ['2024-01-29', '2024-01-29'],
    ['29-01-2024', '2024-01-29'],
    ['29.01.2024', '2024-01-29'],
    ['  5/8/2024 ', '2024-08-05'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseViDate(text)).toBe(iso);
    expect(parseViDateTime(text)).toEqual({ date: iso, minutes: null });
  });

  it('reads and reports a time of day', () => {
    expect(parseViDateTime('29/01/2024 08:30')).toEqual({ date: '2024-01-29', minutes: 510 });
    expect(parseViDateTime('29/01/2024 8:30:59')).toEqual({ date: '2024-01-29', minutes: 510 });
    expect(parseViDateTime('29/01/2024 23:59')).toEqual({ date: '2024-01-29', minutes: 1439 });
    expect(parseViDateTime('2024-01-29 00:00:00')).toEqual({ date: '2024-01-29', minutes: 0 });
    expect(parseViDateTime('2024-01-29T08:30:00')).toEqual({ date: '2024-01-29', minutes: 510 });
    expect(parseViDateTime('08:30 29/01/2024')).toEqual({ date: '2024-01-29', minutes: 510 });
    expect(parseViDateTime('29/01/2024 2:05 CH')).toEqual({ date: '2024-01-29', minutes: 14 * 60 + 5 });
    expect(parseViDateTime('29/01/2024 12:05 AM')).toEqual({ date: '2024-01-29', minutes: 5 });
    expect(parseViDate('29/01/2024 08:30')).toBe('2024-01-29');
  });

  it.each([
    ['31/02/2024'],
    ['29/13/2024'],
    ['2024/29/01'],
    ['29/01/24'],
    ['29/01-2024'],
    ['29/01/2024 25:00'],
    ['29/01/2024 08:61'],
    ['29/01/2024 sáng'],
    ['hôm qua'],
    [''],
    ['45320'],
  ])('rejects %j', (text) => {
    expect(parseViDate(text)).toBeNull();
    expect(parseViDateTime(text)).toBeNull();
  });
});

describe('Excel serials (1900 date system)', () => {
  it('converts serials to dates and minutes', () => {
    expect(excelSerialToIso(1)).toEqual({ date: '1900-01-01', minutes: 0 });
    expect(excelSerialToIso(59)).toEqual({ date: '1900-02-28', minutes: 0 });
    expect(excelSerialToIso(61)).toEqual({ date: '1900-03-01', minutes: 0 });
    expect(excelSerialToIso(45320)).toEqual({ date: '2024-01-29', minutes: 0 });
    expect(excelSerialToIso(45320.5)).toEqual({ date: '2024-01-29', minutes: 720 });
    expect(excelSerialToIso(45322.354166666664)).toEqual({ date: '2024-01-31', minutes: 510 });
    expect(excelSerialToIso(45504)).toEqual({ date: '2024-07-31', minutes: 0 });
  });

  it('maps the fictitious 29/02/1900 (serial 60) to 1900-02-28', () => {
    expect(excelSerialToIso(60)).toEqual({ date: '1900-02-28', minutes: 0 });
    expect(excelSerialToIso(0)).toEqual({ date: '1899-12-31', minutes: 0 });
  });

  it('carries a time that rounds to midnight into the next day', () => {
    expect(excelSerialToIso(45320.9999999)).toEqual({ date: '2024-01-30', minutes: 0 });
  });

  it('rejects impossible serials', () => {
    expect(() => excelSerialToIso(-1)).toThrow(RangeError);
    expect(() => excelSerialToIso(Number.NaN)).toThrow(RangeError);
  });

  it('converts dates back to serials', () => {
    expect(isoToExcelSerial('1900-01-01')).toBe(1);
    expect(isoToExcelSerial('1900-02-28')).toBe(59);
    expect(isoToExcelSerial('1900-03-01')).toBe(61);
    expect(isoToExcelSerial('2024-01-29')).toBe(45320);
    expect(() => isoToExcelSerial('1899-12-31')).toThrow(RangeError);
    for (const iso of ['1900-01-01', '1900-02-28', '1900-03-01', '1999-12-31', '2024-02-29', '2025-07-01']) {
      expect(excelSerialToIso(isoToExcelSerial(iso)).date).toBe(iso);
    }
  });
});
