// Tests of the Vietnamese number parser and formatter, float-safe rounding (with the seed report's figures) and the NFC helpers.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUMBER_STYLE,
  formatViNumber,
  formatViPercent,
  parseViNumber,
  roundTo,
  type ParseViNumberResult,
} from '../../core/text/numbers';
import { nfc, nfcDeep } from '../../core/text/normalize';

function value(r: ParseViNumberResult): number {
  if (!r.ok) throw new Error(`expected a number, got: ${r.reason}`);
  return r.value;
}

describe('parseViNumber', () => {
  it.each([
    ['97,74', 97.74],
    ['97.74', 97.74],
    ['1.025', 1025],
    ['993.507', 993507],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['0,77', 0.77],
    ['0.775', 0.775],
    ['100', 100],
    ['0', 0],
    ['-3', -3],
    ['+3', 3],
    ['−3', -3], // U+2212 minus sign
    ['  7,92 ', 7.92],
    ['\u00a07,92\u00a0', 7.92],
    ['993 507', 993507],
    ['1,025', 1.025], // a single comma is always decimal
    ['88,4', 88.4],
    ['1234.567', 1234.567], // four-digit integer part: not a thousands group
  ])('reads %j as %d', (text, expected) => {
    const r = parseViNumber(text);
    expect(r).toEqual({ ok: true, value: expected, percent: false });
  });

  it.each([
    ['93,20 %', 93.2],
    ['93,20%', 93.2],
    ['7,92 %', 7.92],
    ['92,08\u00a0%', 92.08],
    ['100%', 100],
    ['0 %', 0],
  ])('reads %j as the percentage %d', (text, expected) => {
    expect(parseViNumber(text)).toEqual({ ok: true, value: expected, percent: true });
  });

  it('reads a lone thousands-looking dot as a decimal when a rate is expected and the value would exceed 100', () => {
    expect(value(parseViNumber('1.025', { expect: 'rate' }))).toBe(1.025);
    expect(value(parseViNumber('99.123', { expect: 'rate' }))).toBe(99.123);
    expect(value(parseViNumber('1.025 %'))).toBe(1.025); // a percent sign also says "rate"
    // Above 100 either way: stays a thousands group (a consistency check will flag it as a rate).
    expect(value(parseViNumber('993.507', { expect: 'rate' }))).toBe(993507);
    // Unambiguous forms are not affected by the expectation.
    expect(value(parseViNumber('97,74', { expect: 'rate' }))).toBe(97.74);
    expect(value(parseViNumber('1.234,5', { expect: 'rate' }))).toBe(1234.5);
    expect(value(parseViNumber('1.025', { expect: 'any' }))).toBe(1025);
  });

  it('never returns -0', () => {
    expect(Object.is(value(parseViNumber('-0')), 0)).toBe(true);
    expect(Object.is(value(parseViNumber('-0,00')), 0)).toBe(true);
  });

  it('reads NFD and zero-width noise from pasted cells', () => {
    expect(value(parseViNumber('\u200b97,74\ufeff'))).toBe(97.74);
  });

  it.each([
    ['abc'],
    ['12abc'],
    ['1,2.3'],
    ['1.2.3'],
    ['1,23,4'],
    ['12,'],
    [',5'],
    ['.'],
    ['-'],
    ['%'],
    ['9 3'],
    ['1e3'],
    ['Không tổng hợp trên Hệ thống'],
    ['1/1'],
    ['--3'],
  ])('rejects %j with a Vietnamese reason', (text) => {
    const r = parseViNumber(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('không phải là số');
  });

  it('quotes the text in the reason', () => {
    expect(parseViNumber('abc')).toEqual({ ok: false, reason: '“abc” không phải là số' });
  });

  it('rejects an empty or blank cell', () => {
    for (const text of ['', '   ', '\u00a0']) {
      const r = parseViNumber(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/trống/);
    }
  });
});

describe('formatViNumber', () => {
  it.each([
    [1025, '1.025'],
    [993507, '993.507'],
    [92.08, '92,08'],
    [91.8, '91,8'],
    [100, '100'],
    [97.74, '97,74'],
    [0.77, '0,77'],
    [89.73, '89,73'],
    [7.92, '7,92'],
    [88.4, '88,4'],
    [0, '0'],
    [-3, '-3'],
    [-7.5, '-7,5'],
    [1234567.891, '1.234.567,89'],
  ])('formats %d as %j', (n, expected) => {
    expect(formatViNumber(n)).toBe(expected);
  });

  it('rounds half away from zero on the decimal representation', () => {
    expect(formatViNumber(1.005)).toBe('1,01'); // toFixed(2) gives "1.00"
    expect(formatViNumber(2.675)).toBe('2,68');
    expect(formatViNumber(0.125)).toBe('0,13');
    expect(formatViNumber(-1.005)).toBe('-1,01');
    expect(formatViNumber(99.995)).toBe('100');
    expect(formatViNumber(999.995)).toBe('1.000');
    expect(formatViNumber(1.004)).toBe('1');
  });

  it('keeps trailing zeros on request', () => {
    expect(formatViNumber(91.8, { trimZeros: false })).toBe('91,80');
    expect(formatViNumber(100, { trimZeros: false })).toBe('100,00');
    expect(formatViNumber(1025, { trimZeros: false, decimals: 0 })).toBe('1.025');
  });

  it('honours decimals and grouping', () => {
    expect(formatViNumber(92.0849, { decimals: 3 })).toBe('92,085');
    expect(formatViNumber(92.5, { decimals: 0 })).toBe('93');
    expect(formatViNumber(993507, { grouping: false })).toBe('993507');
    expect(() => formatViNumber(1, { decimals: -1 })).toThrow(RangeError);
  });

  it('drops the sign of a value that rounds to zero and shows nothing for NaN', () => {
    expect(formatViNumber(-0.001)).toBe('0');
    expect(formatViNumber(-0)).toBe('0');
    expect(formatViNumber(Number.NaN)).toBe('');
    expect(formatViNumber(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('handles very small and very large doubles', () => {
    expect(formatViNumber(1e-7)).toBe('0');
    expect(formatViNumber(0.000001, { decimals: 6 })).toBe('0,000001');
    expect(formatViNumber(1e21)).toBe('1.000.000.000.000.000.000.000');
  });

  it('round-trips every seed figure through the parser', () => {
    for (const text of ['97,74', '1.025', '993.507', '0,77', '100', '7,92', '92,08', '91,8', '88,4', '18,7']) {
      expect(formatViNumber(value(parseViNumber(text)))).toBe(text);
    }
  });
});

describe('formatViPercent', () => {
  it('uses the default style of the seed majority', () => {
    expect(DEFAULT_NUMBER_STYLE).toEqual({ trimZeros: true, percentSpace: false });
    expect(formatViPercent(92.08)).toBe('92,08%');
    expect(formatViPercent(100)).toBe('100%');
    expect(formatViPercent(43.87)).toBe('43,87%');
  });

  it('puts a space before % and keeps zeros when the style says so', () => {
    expect(formatViPercent(92.08, { trimZeros: true, percentSpace: true })).toBe('92,08 %');
    expect(formatViPercent(93.2, { trimZeros: false, percentSpace: true })).toBe('93,20 %');
    expect(formatViPercent(7.92, { trimZeros: false, percentSpace: false })).toBe('7,92%');
  });
});

describe('roundTo', () => {
  it('rounds half away from zero, float-safe', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(0.1 + 0.2, 2)).toBe(0.3);
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
  });

  it('computes a rate from counts to 2 decimals as the consistency checks do', () => {
    // Seed: 669 dossiers paid online, 80 other → 89,32 % (the seed prints 89,73 %, a real inconsistency).
    expect(roundTo((669 / (669 + 80)) * 100, 2)).toBe(89.32);
    // Seed: 39 + 135 + 136 TTHC → 12,58 %, 43,55 %, 43,87 %.
    expect(roundTo((39 / 310) * 100, 2)).toBe(12.58);
    expect(roundTo((135 / 310) * 100, 2)).toBe(43.55);
    expect(roundTo((136 / 310) * 100, 2)).toBe(43.87);
  });
});

describe('nfc / nfcDeep', () => {
  const nfd = 'Phường Xuất Hoá'.normalize('NFD');

  it('normalises a string to NFC', () => {
    expect(nfd).not.toBe('Phường Xuất Hoá'.normalize('NFC'));
    expect(nfc(nfd)).toBe('Phường Xuất Hoá'.normalize('NFC'));
  });

  it('normalises every string, keys included, inside plain objects and arrays', () => {
    const input = { [nfd]: [nfd, 1, null, { name: nfd, when: new Date(0) }], n: 2 };
    const out = nfcDeep(input);
    const key = nfc(nfd);
    expect(Object.keys(out)).toEqual([key, 'n']);
    const list = (out as Record<string, unknown>)[key] as unknown[];
    expect(list[0]).toBe(key);
    expect(list[1]).toBe(1);
    expect((list[3] as { name: string }).name).toBe(key);
    expect((list[3] as { when: Date }).when).toBeInstanceOf(Date);
    // The input is not mutated.
    expect(Object.keys(input)[0]).toBe(nfd);
  });

  it('returns the same reference when nothing changes and passes non-plain values through', () => {
    const clean = { a: ['x', { b: 'Hoá' }], c: 3 };
    expect(nfcDeep(clean)).toBe(clean);
    const bytes = new Uint8Array([1, 2]);
    expect(nfcDeep(bytes)).toBe(bytes);
    expect(nfcDeep(nfd)).toBe(nfc(nfd));
    expect(nfcDeep(42)).toBe(42);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: nfd };
    a.self = a;
    const out = nfcDeep(a);
    expect(out.name).toBe(nfc(nfd));
    expect(out.self).toBe(out);
  });
});
