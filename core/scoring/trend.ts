// The trend of the official total and group scores over the last periods of the same issuer, and a unit's own rates
// period by period. Only official figures: nothing here is estimated.
import { periodLabel, periodSortKey, previousPeriod, samePeriod } from '../model/period';
import { GROUP_CODES, type GroupCode, type Report } from '../model/schema';
import { roundTo } from '../text/numbers';
import { bandOf, rankUnits } from './estimate';
import type { OverviewTrend, TrendPoint, UnitTrendPoint } from './types';

/** How many periods a trend shows. */
export const TREND_PERIODS = 12;

function issuerKey(r: Pick<Report, 'profile'>): string {
  return `${r.profile.level}|${r.profile.locality.normalize('NFC').trim().toLocaleLowerCase('vi-VN')}`;
}

/** True when two reports come from the same issuer (same level and locality). */
export function sameIssuer(a: Pick<Report, 'profile'>, b: Pick<Report, 'profile'>): boolean {
  return issuerKey(a) === issuerKey(b);
}

function pointOf(r: Report): TrendPoint {
  const groups = Object.fromEntries(GROUP_CODES.map((c) => [c, r.groups.find((g) => g.code === c)?.score ?? null])) as Record<GroupCode, number | null>;
  return { reportId: r.id, period: r.period, periodLabel: periodLabel(r.period), total: r.total, band: bandOf(r.total), groups };
}

/** The reports of the same issuer and period kind as `current`, one per period (the current report for its own). */
function samePeriodsAs(reports: readonly Report[], current: Report): Report[] {
  const byPeriod = new Map<string, Report>();
  for (const r of [current, ...reports]) {
    if (r.period.kind !== current.period.kind || !sameIssuer(r, current)) continue;
    if (r.isSample && !current.isSample) continue;
    const key = periodSortKey(r.period);
    const have = byPeriod.get(key);
    // The current report wins its period; otherwise the one with a total.
    if (!have || (have.id !== current.id && have.total === null && r.total !== null)) byPeriod.set(key, r);
  }
  return [...byPeriod.values()].sort((a, b) => (periodSortKey(a.period) < periodSortKey(b.period) ? -1 : 1));
}

/**
 * The official total and group scores per period, oldest first, for the last 12 periods up to `current` (same
 * issuer, same kind of period); without `current`, the newest report of the list is taken as current.
 */
export function overviewTrend(reports: readonly Report[], current?: Report): OverviewTrend {
  const cur = current ?? [...reports].sort((a, b) => (periodSortKey(a.period) < periodSortKey(b.period) ? 1 : -1))[0];
  if (!cur) return { locality: '', points: [], current: null, previous: null, change: null };
  const curKey = periodSortKey(cur.period);
  const list = samePeriodsAs(reports, cur).filter((r) => periodSortKey(r.period) <= curKey).slice(-TREND_PERIODS);
  const points = list.map(pointOf);
  const current_ = points.find((p) => samePeriod(p.period, cur.period)) ?? null;
  const prevPeriod = previousPeriod(cur.period);
  const previous = points.find((p) => samePeriod(p.period, prevPeriod)) ?? null;
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : roundTo(a - b, 2));
  const change =
    current_ && previous
      ? {
          total: diff(current_.total, previous.total),
          groups: Object.fromEntries(GROUP_CODES.map((c) => [c, diff(current_.groups[c], previous.groups[c])])) as Record<GroupCode, number | null>,
        }
      : null;
  return { locality: cur.profile.locality, points, current: current_, previous, change };
}

/** One unit's official total and rates per period (same issuer and kind of period as `current`), oldest first. */
export function unitTrend(reports: readonly Report[], current: Report, unitId: string): UnitTrendPoint[] {
  const curKey = periodSortKey(current.period);
  return samePeriodsAs(reports, current)
    .filter((r) => periodSortKey(r.period) <= curKey)
    .slice(-TREND_PERIODS)
    .filter((r) => r.units.some((u) => u.id === unitId))
    .map((r) => {
      const u = rankUnits(r).find((x) => x.unitId === unitId);
      return { reportId: r.id, period: r.period, periodLabel: periodLabel(r.period), total: u?.total ?? null, rates: u?.rates ?? {} };
    });
}
