// Calendar dates as ISO "yyyy-mm-dd" strings without time zones: parsing clerk and Excel input, and the official date and number lines.
//
// Every date in the app is a plain calendar date string. Nothing here builds a Date from an ISO string (which
// JavaScript reads as UTC midnight and shows a day early west of Greenwich); day arithmetic is done on day numbers.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The blank left for a number or a day that the clerical office fills in when it registers the document (draft).
 * Five spaces, standing where the figure and the space after it would be:
 *   "Số: " + DRAFT_BLANK + "/BC-UBND"          → "Số:      /BC-UBND"  (six spaces between ":" and "/")
 *   "ngày " + DRAFT_BLANK + "tháng 8 năm 2024" → "ngày      tháng 8 năm 2024" (six spaces between "ngày" and "tháng")
 */
export const DRAFT_BLANK = '     ';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days of a month (1–12) in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parses a strict "yyyy-mm-dd" that names a real calendar date ("2024-02-30" → null). */
export function parseIsoDate(s: string): CalendarDate | null {
  if (typeof s !== 'string') return null;
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidYmd(year, month, day) ? { year, month, day } : null;
}

/** True for a strict "yyyy-mm-dd" string naming a real calendar date. */
export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && parseIsoDate(s) !== null;
}

/** Builds "yyyy-mm-dd"; throws RangeError for an impossible date (a programming error, not user input). */
export function toIsoDate(year: number, month: number, day: number): string {
  if (!isValidYmd(year, month, day)) throw new RangeError(`Invalid date ${year}-${month}-${day}`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function requireIso(iso: string): CalendarDate {
  const d = parseIsoDate(iso);
  if (!d) throw new RangeError(`Not an ISO date (yyyy-mm-dd): ${String(iso)}`);
  return d;
}

/** Orders two ISO dates: negative if a is earlier, 0 if equal, positive if later (usable as a sort comparator). */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Day numbers (days since 1970-01-01) by Howard Hinnant's civil calendar algorithms: pure integer arithmetic.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The date `days` days after (or before, if negative) an ISO date. */
export function addDays(iso: string, days: number): string {
  const d = requireIso(iso);
  const c = civilFromDays(daysFromCivil(d.year, d.month, d.day) + Math.trunc(days));
  return toIsoDate(c.year, c.month, c.day);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function diffDays(a: string, b: string): number {
  const x = requireIso(a);
  const y = requireIso(b);
  return daysFromCivil(y.year, y.month, y.day) - daysFromCivil(x.year, x.month, x.day);
}

/** Today's calendar date on this computer's clock (the clerk's local date), as "yyyy-mm-dd". */
export function todayIso(now: Date = new Date()): string {
  return toIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// ---------------------------------------------------------------------------------------------------------------
// Official document lines (Nghị định 30/2020/NĐ-CP; domain.md §6)

/** Day in a date line: leading zero below 10 ("05"). */
function documentDay(day: number): string {
  return pad2(day);
}

/** Month in a date line: leading zero for January and February only ("01", "02", "8", "12"). */
function documentMonth(month: number): string {
  return month <= 2 ? pad2(month) : String(month);
}

/**
 * The place-and-date line under the motto: "TP. Bắc Kạn, ngày 15 tháng 8 năm 2024", "…, ngày 05 tháng 01 năm 2025".
 * A null day (draft, filled in at registration) leaves DRAFT_BLANK: "TP. Bắc Kạn, ngày      tháng 8 năm 2024".
 */
export function formatDocumentDate(place: string, date: { year: number; month: number; day: number | null }): string {
  const { year, month, day } = date;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
  if (day !== null && !isValidYmd(year, month, day)) throw new RangeError(`Invalid date ${year}-${month}-${day}`);
  const dayPart = day === null ? `ngày ${DRAFT_BLANK}` : `ngày ${documentDay(day)} `;
  const line = `${dayPart}tháng ${documentMonth(month)} năm ${year}`;
  const where = place.trim();
  return where ? `${where}, ${line}` : line;
}

/**
 * The number line under the issuing body: "Số: 364/BC-UBND"; numbers below 10 take a leading zero ("Số: 05/BC-UBND").
 * A null or blank number (draft) leaves DRAFT_BLANK: "Số:      /BC-UBND". A number that is not purely digits is kept as typed.
 */
export function formatDocumentNumber(number: string | null, typeCode: string, bodyCode: string): string {
  const raw = number === null ? '' : number.trim();
  let shown: string;
  if (raw === '') shown = DRAFT_BLANK;
  else if (/^\d+$/.test(raw)) shown = pad2(Number(raw));
  else shown = raw;
  return `Số: ${shown}/${typeCode}-${bodyCode}`;
}

/**
 * "dd/mm/yyyy" with leading zeros ("29/01/2024"). Used where the app writes a date itself: citing the local plan
 * ("Kế hoạch số 21/KH-UBND ngày 29/01/2024"), the date the data were taken, tables and the UI.
 */
export function formatShortDate(iso: string): string {
  const d = requireIso(iso);
  return `${pad2(d.day)}/${pad2(d.month)}/${d.year}`;
}

/**
 * "d/m/yyyy" without leading zeros ("23/6/2022"). Used only to cite Quyết định 766/QĐ-TTg "ngày 23/6/2022" exactly
 * as the seed and the decision's own citations write it; everything else uses formatShortDate.
 */
export function formatDecisionDate(iso: string): string {
  const d = requireIso(iso);
  return `${d.day}/${d.month}/${d.year}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing dates typed by clerks or exported by one-stop systems

// The same separator twice: "29/01/2024", "29-01-2024", "29.01.2024", "2024-01-29", "2024/1/29".
const DMY_RE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const YMD_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const TIME_RE = /^(\d{1,2})(?::|h)(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*(am|pm|sa|ch))?$/i;

function parseDatePart(text: string): string | null {
  let year: number;
  let month: number;
  let day: number;
  let m = DMY_RE.exec(text);
  if (m) {
    day = Number(m[1]);
    month = Number(m[3]);
    year = Number(m[4]);
  } else {
    m = YMD_RE.exec(text);
    if (!m) return null;
    year = Number(m[1]);
    month = Number(m[3]);
    day = Number(m[4]);
  }
  return isValidYmd(year, month, day) ? toIsoDate(year, month, day) : null;
}

/** Minutes since midnight for "08:30", "8:30:15", "8h30", "2:05 PM", "2:05 CH" (chiều); null if not a time. */
function parseTimePart(text: string): number | null {
  const m = TIME_RE.exec(text);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = m[3] === undefined ? 0 : Number(m[3]);
  const suffix = m[4]?.toLowerCase();
  if (minutes > 59 || seconds > 59) return null;
  if (suffix) {
    if (hours < 1 || hours > 12) return null;
    const pm = suffix === 'pm' || suffix === 'ch';
    hours = (hours % 12) + (pm ? 12 : 0);
  } else if (hours > 23) {
    return null;
  }
  return hours * 60 + minutes;
}

/**
 * Parses a date with an optional time, as dossier lists write them: "29/01/2024", "29/1/2024", "29-01-2024",
 * "29.01.2024", "2024-01-29", each optionally followed (or preceded) by "HH:mm" or "HH:mm:ss" ("2024-01-29T08:30:00"
 * too). Returns the ISO date and the minutes since midnight (null when no time was given), or null if unreadable.
 */
export function parseViDateTime(text: string): { date: string; minutes: number | null } | null {
  if (typeof text !== 'string') return null;
  const s = text.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (s === '') return null;
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (iso) {
    const date = parseDatePart(iso[1] ?? '');
    const minutes = parseTimePart(iso[2] ?? '');
    return date && minutes !== null ? { date, minutes } : null;
  }
  const parts = s.split(' ');
  const first = parts[0] ?? '';
  const rest = parts.slice(1).join(' ');
  const dateFirst = parseDatePart(first);
  if (dateFirst) {
    if (rest === '') return { date: dateFirst, minutes: null };
    const minutes = parseTimePart(rest);
    return minutes === null ? null : { date: dateFirst, minutes };
  }
  // Time first: "08:30 29/01/2024" or "2:05 PM 29/01/2024".
  const last = parts[parts.length - 1] ?? '';
  const dateLast = parts.length > 1 ? parseDatePart(last) : null;
  if (dateLast) {
    const minutes = parseTimePart(parts.slice(0, -1).join(' '));
    return minutes === null ? null : { date: dateLast, minutes };
  }
  return null;
}

/** Like parseViDateTime but returns only the ISO date (the time, if any, is checked and ignored). */
export function parseViDate(text: string): string | null {
  return parseViDateTime(text)?.date ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Excel serial dates (1900 date system, the Windows default)

/** Day number of 1899-12-30, Excel's effective day 0 for serials from 61 (1900-03-01) on. */
const EXCEL_EPOCH_DAYS = daysFromCivil(1899, 12, 30);
const MINUTES_PER_DAY = 1440;

/**
 * Converts an Excel serial (1900 date system) to a calendar date and minutes since midnight (rounded to the minute).
 * Serial 1 = 1900-01-01. Excel believes 1900 was a leap year: serial 60 is its fictitious 29/02/1900, which is
 * returned as 1900-02-28 (the day it follows); serial 61 = 1900-03-01 and later serials are exact. Serial 0 (Excel's
 * "00/01/1900") is returned as 1899-12-31. A time that rounds up to 24:00 moves to the next day.
 * Throws RangeError for negative, non-finite or out-of-range serials.
 */
export function excelSerialToIso(serial: number): { date: string; minutes: number } {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) {
    throw new RangeError(`Not an Excel date serial: ${serial}`);
  }
  let day = Math.floor(serial);
  let minutes = Math.round((serial - day) * MINUTES_PER_DAY);
  if (minutes >= MINUTES_PER_DAY) {
    minutes -= MINUTES_PER_DAY;
    day += 1;
  }
  let dayNumber: number;
  if (day >= 61) dayNumber = EXCEL_EPOCH_DAYS + day;
  else if (day === 60) dayNumber = daysFromCivil(1900, 2, 28);
  else dayNumber = EXCEL_EPOCH_DAYS + day + 1;
  const c = civilFromDays(dayNumber);
  return { date: toIsoDate(c.year, c.month, c.day), minutes };
}

/**
 * Converts an ISO date to its Excel serial (1900 date system, midnight): 1900-01-01 → 1, 1900-03-01 → 61,
 * 2024-01-29 → 45320. Dates before 1900-01-01 throw RangeError (Excel cannot show them).
 */
export function isoToExcelSerial(iso: string): number {
  const d = requireIso(iso);
  const days = daysFromCivil(d.year, d.month, d.day);
  if (days < daysFromCivil(1900, 1, 1)) throw new RangeError(`Excel cannot represent ${iso}`);
  const serial = days - EXCEL_EPOCH_DAYS;
  // Before 1900-03-01 Excel's count is one lower, because its fictitious 29/02/1900 has not happened yet.
  return serial >= 61 ? serial : serial - 1;
}
