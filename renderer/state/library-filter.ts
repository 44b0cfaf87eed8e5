// The library's search: reports of a year, a month (of a monthly report), and words in the period, number or locality.
import type { ReportSummary } from '../../core/api/contract';
import { fold } from '../../core/text/cell-reading';

export interface LibraryFilter {
  /** null: every year. */
  year: number | null;
  /** 1–12; null: every month. A quarter, half or year report matches a month it covers. */
  month: number | null;
  /** Words, each found in the period ("Tháng 7/2024"), the number ("364/BC-UBND") or the locality; accents optional. */
  text: string;
}

export const NO_FILTER: LibraryFilter = { year: null, month: null, text: '' };

export function isFiltering(f: LibraryFilter): boolean {
  return f.year !== null || f.month !== null || f.text.trim() !== '';
}

/** The months a period covers (a month: itself; a quarter: its three; a half, nine months, a year: from January). */
function monthsOf(p: ReportSummary['period']): number[] {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  switch (p.kind) {
    case 'month':
      return [p.month];
    case 'quarter':
      return range(p.quarter * 3 - 2, p.quarter * 3);
    case 'half':
      return range(1, 6);
    case 'nine-months':
      return range(1, 9);
    case 'year':
      return range(1, 12);
  }
}

/** The reports that match, in the library's order. */
export function filterLibrary(items: readonly ReportSummary[], f: LibraryFilter): ReportSummary[] {
  const words = fold(f.text).split(' ').filter(Boolean);
  return items.filter((r) => {
    if (f.year !== null && r.period.year !== f.year) return false;
    if (f.month !== null && !monthsOf(r.period).includes(f.month)) return false;
    if (words.length === 0) return true;
    const hay = fold(`${r.periodLabel} ${r.periodLabel.replace(/\//g, ' ')} ${r.documentNumber ?? ''} ${r.locality}`);
    const tokens = hay.split(' ');
    return words.every((w) => tokens.some((t) => t.startsWith(w)) || hay.includes(w));
  });
}

/** The years of the reports, newest first (for the year choice). */
export function libraryYears(items: readonly ReportSummary[]): number[] {
  return [...new Set(items.map((r) => r.period.year))].sort((a, b) => b - a);
}
