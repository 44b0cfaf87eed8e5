// The period a dossier list is aggregated over: a report period ("2024-08", "2024-Q3", "2024-H1", "2024") or any from–to range of days.
import { periodRange, periodText, parsePeriod } from '../model/period';
import type { Period } from '../model/schema';
import { formatShortDate, isIsoDate, parseViDate } from '../text/dates';

export interface AggregatePeriod {
  /** First day, ISO "yyyy-mm-dd" (inclusive). */
  from: string;
  /** Last day, ISO "yyyy-mm-dd" (inclusive): the period's end for "not yet due" and "unfinished". */
  to: string;
  /** The report period when the range is one ("tháng 8 năm 2024"); null for any other range. */
  period: Period | null;
  /** Vietnamese wording: "tháng 8 năm 2024", "từ ngày 01/07/2024 đến ngày 30/09/2024". */
  text: string;
}

/** The aggregation period of a report period. */
export function aggregatePeriodOf(period: Period): AggregatePeriod {
  const { from, to } = periodRange(period);
  return { from, to, period, text: periodText(period) };
}

/** An aggregation period over any range of days; null when a date is not real or `from` is after `to`. */
export function rangePeriod(from: string, to: string): AggregatePeriod | null {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) return null;
  return { from, to, period: null, text: `từ ngày ${formatShortDate(from)} đến ngày ${formatShortDate(to)}` };
}

/**
 * Reads the CLI's period notation: "2024-08" (month), "2024-Q3" (quarter), "2024-H1" (first half), "2024-9M",
 * "2024" (year) through the report's parsePeriod, plus "2024-H2" (second half, a range) and any range
 * "2024-07-01..2024-09-30" (dates also as "01/07/2024"). Returns null when the text is none of these.
 */
export function parseAggregatePeriod(text: string): AggregatePeriod | null {
  const s = text.trim();
  const range = /^(.+?)\s*(?:\.\.|–|—)\s*(.+)$/.exec(s);
  if (range) {
    const from = parseViDate(range[1] ?? '');
    const to = parseViDate(range[2] ?? '');
    return from && to ? rangePeriod(from, to) : null;
  }
  const h2 = /^(\d{4})-H2$/i.exec(s);
  if (h2) {
    const p = rangePeriod(`${h2[1]}-07-01`, `${h2[1]}-12-31`);
    return p && { ...p, text: `6 tháng cuối năm ${h2[1]}` };
  }
  const period = parsePeriod(s);
  return period ? aggregatePeriodOf(period) : null;
}

/** The message for a period the CLI could not read. */
export const PERIOD_HELP =
  'Kỳ phải có dạng 2024-08 (tháng), 2024-Q3 (quý), 2024-H1 hoặc 2024-H2 (6 tháng), 2024-9M (9 tháng), 2024 (năm) hoặc 2024-07-01..2024-09-30 (từ ngày đến ngày).';
