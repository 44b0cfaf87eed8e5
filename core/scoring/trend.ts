// The trend of the official total and group scores over the last periods of the same issuer, and a unit's own rates
// period by period. Only official figures: nothing here is estimated.
import { periodLabel, periodSortKey, previousPeriod, samePeriod } from '../model/period';
import { GROUP_CODES, type GroupCode, type Report } from '../model/schema';
import { roundTo } from '../text/numbers';
import { bandOf, rankUnits } from './estimate';
import type { OverviewTrend, TrendPoint, UnitTrendPoint } from './types';

/** How many periods a trend shows. */
export const TREND_PERIODS = 12;

/** True when two reports come from the same issuer (same level and locality). */
export function sameIssuer(a: Pick<Report, 'profile'>, b: Pick<Report, 'profile'>): boolean {
  return a.profile.level === b.profile.level && localityKey(a.profile.locality) === localityKey(b.profile.locality);
}

/** What a trend needs of a report (a whole report, or a library summary of one). */
export interface TrendInput {
  id: string;
  period: Report['period'];
  isSample: boolean;
  level: Report['profile']['level'] | null;
  locality: string;
  total: number | null;
  groups: Record<GroupCode, number | null>;
}

export function trendInputOf(r: Report): TrendInput {
  const groups = Object.fromEntries(GROUP_CODES.map((c) => [c, r.groups.find((g) => g.code === c)?.score ?? null])) as Record<GroupCode, number | null>;
  return { id: r.id, period: r.period, isSample: r.isSample, level: r.profile.level, locality: r.profile.locality, total: r.total, groups };
}

const localityKey = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi-VN');

/** Same issuer: same locality, and the same level where both are known (a library summary has no level). */
function sameIssuerInput(a: TrendInput, b: TrendInput): boolean {
  return localityKey(a.locality) === localityKey(b.locality) && (a.level === null || b.level === null || a.level === b.level);
}

function pointOf(r: TrendInput): TrendPoint {
  return { reportId: r.id, period: r.period, periodLabel: periodLabel(r.period), total: r.total, band: bandOf(r.total), groups: { ...r.groups } };
}

/** The inputs of the same issuer and period kind as `current`, not later, one per period (the current one wins its own), oldest first, the last 12. */
function samePeriodsAs<T extends TrendInput>(inputs: readonly T[], current: T): T[] {
  const byPeriod = new Map<string, T>();
  const curKey = periodSortKey(current.period);
  for (const r of [current, ...inputs]) {
    if (r.period.kind !== current.period.kind || !sameIssuerInput(r, current)) continue;
    if (r.isSample && !current.isSample) continue;
    const key = periodSortKey(r.period);
    if (key > curKey) continue;
    const have = byPeriod.get(key);
    // The current report wins its period; otherwise the one with a total.
    if (!have || (have.id !== current.id && have.total === null && r.total !== null)) byPeriod.set(key, r);
  }
  return [...byPeriod.values()].sort((a, b) => (periodSortKey(a.period) < periodSortKey(b.period) ? -1 : 1)).slice(-TREND_PERIODS);
}

/** The trend of `current` among `inputs` (see overviewTrend). */
export function trendOf(inputs: readonly TrendInput[], current: TrendInput): OverviewTrend {
  const points = samePeriodsAs(inputs, current).map(pointOf);
  const current_ = points.find((p) => samePeriod(p.period, current.period)) ?? null;
  const prevPeriod = previousPeriod(current.period);
  const previous = points.find((p) => samePeriod(p.period, prevPeriod)) ?? null;
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : roundTo(a - b, 2));
  const change =
    current_ && previous
      ? {
          total: diff(current_.total, previous.total),
          groups: Object.fromEntries(GROUP_CODES.map((c) => [c, diff(current_.groups[c], previous.groups[c])])) as Record<GroupCode, number | null>,
        }
      : null;
  return { locality: current.locality, points, current: current_, previous, change };
}

/**
 * The official total and group scores per period, oldest first, for the last 12 periods up to `current` (same
 * issuer, same kind of period); without `current`, the newest report of the list is taken as current.
 */
export function overviewTrend(reports: readonly Report[], current?: Report): OverviewTrend {
  const cur = current ?? [...reports].sort((a, b) => (periodSortKey(a.period) < periodSortKey(b.period) ? 1 : -1))[0];
  if (!cur) return { locality: '', points: [], current: null, previous: null, change: null };
  return trendOf(reports.map(trendInputOf), trendInputOf(cur));
}

/** One unit's official total and rates per period (same issuer and kind of period as `current`), oldest first. */
export function unitTrend(reports: readonly Report[], current: Report, unitId: string): UnitTrendPoint[] {
  const byId = new Map([current, ...reports].map((r) => [r.id, r]));
  return samePeriodsAs(reports.map(trendInputOf), trendInputOf(current))
    .map((i) => byId.get(i.id)!)
    .filter((r) => r.units.some((u) => u.id === unitId))
    .map((r) => {
      const u = rankUnits(r).find((x) => x.unitId === unitId);
      return { reportId: r.id, period: r.period, periodLabel: periodLabel(r.period), total: u?.total ?? null, rates: u?.rates ?? {} };
    });
}
