// Reporting periods: their Vietnamese wording, their date ranges, the next period, and the CLI's period notation.
import type { Period } from './schema';

const ROMAN = ['I', 'II', 'III', 'IV'];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "tháng 7 năm 2024", "quý III năm 2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "năm 2024". */
export function periodText(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `tháng ${p.month} năm ${p.year}`;
    case 'quarter':
      return `quý ${ROMAN[p.quarter - 1]} năm ${p.year}`;
    case 'half':
      return `6 tháng đầu năm ${p.year}`;
    case 'nine-months':
      return `9 tháng năm ${p.year}`;
    case 'year':
      return `năm ${p.year}`;
  }
}

/** Short label for lists: "Tháng 7/2024", "Quý III/2024". */
export function periodLabel(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `Tháng ${p.month}/${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.quarter - 1]}/${p.year}`;
    case 'half':
      return `6 tháng/${p.year}`;
    case 'nine-months':
      return `9 tháng/${p.year}`;
    case 'year':
      return `Năm ${p.year}`;
  }
}

/** First and last month (1–12) a period covers. */
export function periodMonths(p: Period): { from: number; to: number } {
  switch (p.kind) {
    case 'month':
      return { from: p.month, to: p.month };
    case 'quarter':
      return { from: p.quarter * 3 - 2, to: p.quarter * 3 };
    case 'half':
      return { from: 1, to: 6 };
    case 'nine-months':
      return { from: 1, to: 9 };
    case 'year':
      return { from: 1, to: 12 };
  }
}

/** ISO date range (inclusive) of a period. */
export function periodRange(p: Period): { from: string; to: string } {
  const { from, to } = periodMonths(p);
  return { from: `${p.year}-${pad2(from)}-01`, to: `${p.year}-${pad2(to)}-${pad2(lastDay(p.year, to))}` };
}

/** A sortable key: year then end month then kind, so newer periods sort later. */
export function periodSortKey(p: Period): string {
  const { to, from } = periodMonths(p);
  return `${p.year}-${pad2(to)}-${pad2(12 - (to - from))}`;
}

/** The period after this one, of the same kind (a month after a month, a quarter after a quarter…). */
export function nextPeriod(p: Period): Period {
  switch (p.kind) {
    case 'month':
      return p.month === 12 ? { kind: 'month', year: p.year + 1, month: 1 } : { kind: 'month', year: p.year, month: p.month + 1 };
    case 'quarter':
      return p.quarter === 4 ? { kind: 'quarter', year: p.year + 1, quarter: 1 } : { kind: 'quarter', year: p.year, quarter: p.quarter + 1 };
    default:
      return { ...p, year: p.year + 1 };
  }
}

/** The period before this one, of the same kind. */
export function previousPeriod(p: Period): Period {
  switch (p.kind) {
    case 'month':
      return p.month === 1 ? { kind: 'month', year: p.year - 1, month: 12 } : { kind: 'month', year: p.year, month: p.month - 1 };
    case 'quarter':
      return p.quarter === 1 ? { kind: 'quarter', year: p.year - 1, quarter: 4 } : { kind: 'quarter', year: p.year, quarter: p.quarter - 1 };
    default:
      return { ...p, year: p.year - 1 };
  }
}

export function samePeriod(a: Period, b: Period): boolean {
  return periodSortKey(a) === periodSortKey(b) && a.kind === b.kind;
}

/**
 * Reads the CLI's notation of a report period: "2024-08" (month), "2024-Q3" (quarter), "2024-H1"
 * (6 months), "2024-9M" (9 months), "2024" (year). Returns null when it is none of these.
 */
export function parsePeriod(text: string): Period | null {
  const s = text.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[1]), month } : null;
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  if ((m = /^(\d{4})-H1$/.exec(s))) return { kind: 'half', year: Number(m[1]) };
  if ((m = /^(\d{4})-9M$/.exec(s))) return { kind: 'nine-months', year: Number(m[1]) };
  if ((m = /^(\d{4})$/.exec(s))) return { kind: 'year', year: Number(m[1]) };
  return null;
}

/** The month in which a report on this period is usually issued: the month after the period ends. */
export function issueMonth(p: Period): { year: number; month: number } {
  const { to } = periodMonths(p);
  return to === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: to + 1 };
}
