// The one Vietnamese number parser and formatter (decimal comma, thousands dot) and the float-safe rounding used by checks.

export type ParseViNumberResult = { ok: true; value: number; percent: boolean } | { ok: false; reason: string };

export interface ParseViNumberOptions {
  /**
   * 'rate': the value is a rate in %, so "1.025" (1025 as thousands, above 100) is read as the decimal 1.025.
   * 'any' (default): a single dot followed by exactly three digits is a thousands separator.
   */
  expect?: 'rate' | 'any';
  /**
   * The largest value the column allows (a score's maximum): like 'rate' with 100, "1.370" reads as the decimal 1,37
   * when 1370 would exceed it and 1,37 would not.
   */
  max?: number;
  /**
   * The value must be whole (a count): a single comma followed by exactly three digits groups thousands ("1,370" =
   * 1370), since the decimal reading 1,37 cannot be a count.
   */
  whole?: boolean;
}

/** How a report writes numbers; one style per report (domain.md §7). */
export interface NumberStyle {
  /** Drop trailing zeros of the decimals: "91,8" instead of "91,80", "100" instead of "100,00". */
  trimZeros: boolean;
  /** Put a space before the percent sign: "92,08 %" instead of "92,08%". */
  percentSpace: boolean;
}

/** The seed's majority style: "92,08%", "91,8", "100". */
export const DEFAULT_NUMBER_STYLE: NumberStyle = { trimZeros: true, percentSpace: false };

// Whitespace-like characters that appear in pasted or exported figures: NBSP, narrow NBSP, thin/figure spaces.
const SPACE_LIKE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const MINUS_SIGNS = /^[-\u2212\u2012\u2013]/;
const GROUPED = /^\d{1,3}(?:[.,]\d{3})+$/;

function notANumber(shown: string): { ok: false; reason: string } {
  return { ok: false, reason: `“${shown}” không phải là số` };
}

/** True when `intPart` uses `sep` as a proper thousands separator: "1.234.567" with sep ".". */
function isGrouped(intPart: string, sep: '.' | ','): boolean {
  if (!GROUPED.test(intPart)) return false;
  if (intPart.includes(sep === '.' ? ',' : '.')) return false;
  return !intPart.startsWith('0');
}

/**
 * Parses a number written the Vietnamese way, or the English way, as clerks paste it.
 *
 * Accepted: "97,74", "97.74", "1.025" (= 1025), "993.507", "1.234,5", "1,234.5", "1,234,567", "93,20 %",
 * "93,20%", "100", "-3", "+3", "  7,92 ", non-breaking and thin spaces, "993 507" (space-grouped thousands).
 *
 * Ambiguity rules, in order:
 * 1. Both "." and "," present: the last one is the decimal mark, the other groups thousands (groups of 3 checked).
 * 2. Only commas: one comma is a decimal mark ("1,025" = 1,025); several commas must group thousands ("1,234,567").
 * 3. Only dots: several dots must group thousands ("1.234.567"). A single dot followed by exactly three digits
 *    with a 1–3 digit integer part not starting with 0 ("1.025", "993.507") is a thousands separator, EXCEPT when
 *    the caller expects a rate (`{ expect: 'rate' }`) or the text carries a "%" sign, and the value would exceed 100
 *    as thousands but not as a decimal: then it is the decimal ("1.025" → 1,025). Any other single dot is a decimal
 *    mark ("97.74", "0.775", "1234.567").
 */
export function parseViNumber(text: string, opts: ParseViNumberOptions = {}): ParseViNumberResult {
  if (typeof text !== 'string') return { ok: false, reason: 'Giá trị không phải là số' };
  const cleaned = text.normalize('NFC').replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').trim();
  if (cleaned === '') return { ok: false, reason: 'Ô trống, không có số' };

  let body = cleaned;
  let percent = false;
  if (/[%\uff05]$/.test(body)) {
    percent = true;
    body = body.slice(0, -1).trimEnd();
  }
  let negative = false;
  if (MINUS_SIGNS.test(body)) {
    negative = true;
    body = body.slice(1);
  } else if (body.startsWith('+')) {
    body = body.slice(1);
  }
  // Spaces are only allowed as thousands grouping ("993 507"); "9 3" is rejected.
  if (body.includes(' ')) {
    if (!/^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/.test(body)) return notANumber(cleaned);
    body = body.replace(/ /g, '');
  }
  if (!/^\d[\d.,]*$/.test(body) || /[.,]$/.test(body)) return notANumber(cleaned);

  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let plain: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalMark = lastDot > lastComma ? '.' : ',';
    const thousands = decimalMark === '.' ? ',' : '.';
    const cut = Math.max(lastDot, lastComma);
    const intPart = body.slice(0, cut);
    const fracPart = body.slice(cut + 1);
    if (!isGrouped(intPart, thousands) || !/^\d+$/.test(fracPart)) {
      return { ok: false, reason: `“${cleaned}” không phải là số: dấu phân cách hàng nghìn đặt sai chỗ` };
    }
    plain = `${intPart.split(thousands).join('')}.${fracPart}`;
  } else if (lastComma >= 0) {
    const commas = body.split(',').length - 1;
    if (commas === 1 && opts.whole && isGrouped(body, ',')) {
      plain = body.replace(',', '');
    } else if (commas === 1) {
      plain = body.replace(',', '.');
    } else if (isGrouped(body, ',')) {
      plain = body.split(',').join('');
    } else {
      return { ok: false, reason: `“${cleaned}” không phải là số: có nhiều dấu phẩy` };
    }
  } else if (lastDot >= 0) {
    const dots = body.split('.').length - 1;
    if (dots > 1) {
      if (!isGrouped(body, '.')) return { ok: false, reason: `“${cleaned}” không phải là số: có nhiều dấu chấm` };
      plain = body.split('.').join('');
    } else if (/^[1-9]\d{0,2}\.\d{3}$/.test(body)) {
      const asThousands = Number(body.replace('.', ''));
      const asDecimal = Number(body);
      const limit = opts.max ?? (opts.expect === 'rate' || percent ? 100 : Infinity);
      plain = asThousands > limit && asDecimal <= limit ? body : body.replace('.', '');
    } else {
      plain = body;
    }
  } else {
    plain = body;
  }

  const magnitude = Number(plain);
  if (!Number.isFinite(magnitude)) return notANumber(cleaned);
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  return { ok: true, value, percent };
}

// ---------------------------------------------------------------------------------------------------------------
// Decimal rounding on the shortest decimal representation of a double (the digits JavaScript prints), so that
// 1.005 rounds to 1.01 as a person reading "1,005" expects, where toFixed gives "1.00".

interface DecimalDigits {
  negative: boolean;
  /** Integer digits without leading zeros ("0" for zero). */
  int: string;
  /** Exactly `decimals` fraction digits. */
  frac: string;
}

/** Splits |value| into its shortest round-trip digits and the position of the decimal point. */
function toDigits(abs: number): { digits: string; point: number } {
  const s = abs.toString();
  const e = s.indexOf('e');
  const mantissa = e >= 0 ? s.slice(0, e) : s;
  const exponent = e >= 0 ? Number(s.slice(e + 1)) : 0;
  const dot = mantissa.indexOf('.');
  const digits = dot >= 0 ? mantissa.slice(0, dot) + mantissa.slice(dot + 1) : mantissa;
  const point = (dot >= 0 ? dot : mantissa.length) + exponent;
  return { digits, point };
}

function roundDecimal(value: number, decimals: number): DecimalDigits {
  const negative = value < 0;
  let { digits, point } = toDigits(Math.abs(value));
  // Pad so that digits covers [0, point + decimals + 1).
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  const keep = point + decimals;
  if (digits.length < keep + 1) digits = digits.padEnd(keep + 1, '0');
  const kept = digits.slice(0, keep).split('').map(Number);
  const next = Number(digits[keep] ?? '0');
  if (next >= 5) {
    let i = kept.length - 1;
    while (i >= 0) {
      const d = (kept[i] ?? 0) + 1;
      if (d < 10) {
        kept[i] = d;
        break;
      }
      kept[i] = 0;
      i--;
    }
    if (i < 0) {
      kept.unshift(1);
      point++;
    }
  }
  const all = kept.join('');
  const int = all.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = all.slice(point);
  return { negative, int, frac };
}

function checkDecimals(decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer from 0 to 20, got ${decimals}`);
  }
  return decimals;
}

/**
 * Rounds half away from zero to `decimals` places on the decimal representation (float-safe):
 * roundTo(1.005, 2) = 1.01, roundTo(-2.5, 0) = -3, roundTo(669 / 749 * 100, 2) = 89.32. Never returns -0.
 */
export function roundTo(value: number, decimals: number): number {
  checkDecimals(decimals);
  if (!Number.isFinite(value)) return value;
  const r = roundDecimal(value, decimals);
  const magnitude = Number(r.frac ? `${r.int}.${r.frac}` : r.int);
  return r.negative && magnitude !== 0 ? -magnitude : magnitude;
}

export interface FormatViNumberOptions {
  /** Maximum number of decimals, default 2 (portal rates are rounded to 2 decimals). */
  decimals?: number;
  /** Drop trailing zeros, default true ("91,8", "100"). */
  trimZeros?: boolean;
  /** Group thousands with dots, default true ("1.025", "993.507"). */
  grouping?: boolean;
}

/**
 * Formats a number with a decimal comma and thousands dots: 1025 → "1.025", 92.08 → "92,08", 91.8 → "91,8",
 * 91.8 with trimZeros false → "91,80", -3 → "-3". Rounds half away from zero on the decimal representation
 * (1.005 → "1,01"). A value that rounds to zero has no sign. NaN and ±Infinity give "" (nothing to show).
 */
export function formatViNumber(value: number, opts: FormatViNumberOptions = {}): string {
  const decimals = checkDecimals(opts.decimals ?? 2);
  const trimZeros = opts.trimZeros ?? true;
  const grouping = opts.grouping ?? true;
  if (!Number.isFinite(value)) return '';
  const r = roundDecimal(value, decimals);
  const frac = trimZeros ? r.frac.replace(/0+$/, '') : r.frac;
  const int = grouping ? r.int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : r.int;
  const isZero = /^0*$/.test(r.int + r.frac);
  const sign = r.negative && !isZero ? '-' : '';
  return frac ? `${sign}${int},${frac}` : `${sign}${int}`;
}

/**
 * Formats a rate given in percent (92.08, not 0.9208) with 2 decimals and a percent sign:
 * "92,08%" (default style) or "92,08 %" (percentSpace). Trailing zeros follow style.trimZeros.
 */
export function formatViPercent(value: number, style: NumberStyle = DEFAULT_NUMBER_STYLE): string {
  const number = formatViNumber(value, { decimals: 2, trimZeros: style.trimZeros });
  if (number === '') return '';
  return style.percentSpace ? `${number} %` : `${number}%`;
}
