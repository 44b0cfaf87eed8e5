// The overview of a report in one call: the estimate (with the saved scenario's targets when asked), the trend of
// the same issuer from a library, the units ranked, the best single change and the rules behind the estimates.
import { periodSortKey } from '../model/period';
import type { GroupCode, Report } from '../model/schema';
import { estimateReport, rankUnits, simulate, singleChanges } from './estimate';
import { rulesForReport } from './rules';
import { overviewTrend, TREND_PERIODS, trendInputOf, trendOf, type TrendInput } from './trend';
import type { OverviewData, OverviewTrend } from './types';

/** The overview of `report` with `history` (other reports, any issuer: the trend keeps the same issuer's). */
export function buildOverview(report: Report, history: readonly Report[], targets?: Record<string, number>): OverviewData {
  const t = targets ?? {};
  const estimate = Object.keys(t).length ? simulate(report, t) : estimateReport(report);
  const changes = singleChanges(report, t);
  return {
    estimate,
    trend: overviewTrend(history, report),
    units: rankUnits(report),
    bestChange: changes[0] ?? null,
    changes,
    rules: rulesForReport(report),
    scenario: report.scenario ? { targets: { ...report.scenario.targets }, savedAt: report.scenario.savedAt } : null,
  };
}

/** What the trend needs from a library: its summaries and reading one report. */
export interface TrendSource {
  list(): Promise<
    readonly {
      id: string;
      period: Report['period'];
      periodKey: string;
      locality: string;
      isSample: boolean;
      total: number | null;
      groupScores?: Record<GroupCode, number | null>;
    }[]
  >;
  open(id: string): Promise<{ report: Report }>;
}

/**
 * The library's reports that can be in the trend of `current`: same locality and kind of period, not later, the last
 * 12 periods (a few more when a period has several reports). Only those are read, so a long library stays fast.
 */
export async function trendReportsFrom(source: TrendSource, current: Report): Promise<Report[]> {
  const key = periodSortKey(current.period);
  const locality = current.profile.locality.normalize('NFC').trim().toLocaleLowerCase('vi-VN');
  const candidates = (await source.list()).filter(
    (s) =>
      s.id !== current.id &&
      s.period.kind === current.period.kind &&
      s.periodKey <= key &&
      (!s.isSample || current.isSample) &&
      s.locality.normalize('NFC').trim().toLocaleLowerCase('vi-VN') === locality,
  );
  const keys = [...new Set(candidates.map((s) => s.periodKey))].sort().slice(-TREND_PERIODS);
  const wanted = new Set(keys);
  const out: Report[] = [];
  for (const s of candidates) {
    if (!wanted.has(s.periodKey)) continue;
    try {
      out.push((await source.open(s.id)).report);
    } catch {
      // A report that cannot be read is left out of the trend (the library has already said why in a notice).
    }
  }
  return out;
}

/**
 * The trend of `current` from a library's list alone (its summaries carry the total and the group scores, and the
 * list is cached by the library), reading a report only when its summary lacks the group scores.
 */
export async function trendFromLibrary(source: TrendSource, current: Report): Promise<OverviewTrend> {
  const key = periodSortKey(current.period);
  const locality = current.profile.locality.normalize('NFC').trim().toLocaleLowerCase('vi-VN');
  const inputs: TrendInput[] = [];
  for (const s of await source.list()) {
    if (s.id === current.id || s.period.kind !== current.period.kind || s.periodKey > key) continue;
    if (s.isSample && !current.isSample) continue;
    if (s.locality.normalize('NFC').trim().toLocaleLowerCase('vi-VN') !== locality) continue;
    if (s.groupScores) {
      inputs.push({ id: s.id, period: s.period, isSample: s.isSample, level: null, locality: s.locality, total: s.total, groups: s.groupScores });
      continue;
    }
    try {
      inputs.push(trendInputOf((await source.open(s.id)).report));
    } catch {
      // A report that cannot be read is left out of the trend (the library has already said why in a notice).
    }
  }
  return trendOf(inputs, trendInputOf(current));
}
