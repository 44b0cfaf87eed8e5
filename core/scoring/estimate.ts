// The overview of one report: official group scores and points lost beside the rules' estimates, what-if targets,
// the band and the gap to the next one, the single change that gains most, and the units ranked by total.
import { classify, DEFAULT_BANDS, GROUPS, type Band } from '../model/catalog';
import type { GroupCode, Report } from '../model/schema';
import { roundTo } from '../text/numbers';
import { fullRate, lowestConfidence, rulePoints, rulesForReport } from './rules';
import { ESTIMATE_LABEL, type GroupEstimate, type NextBand, type OverviewEstimate, type SingleChange, type SubIndicatorEstimate, type UnitScore } from './types';

const round2 = (n: number) => roundTo(n, 2);
const EPS = 1e-9;

/** The group as the report names it: "Dịch vụ công trực tuyến (DVCTT)", "Tiến độ giải quyết hồ sơ". */
export function groupLabel(code: GroupCode): string {
  const topic = GROUPS.find((g) => g.code === code)?.topic ?? code;
  return topic.charAt(0).toLocaleUpperCase('vi-VN') + topic.slice(1);
}

/** The band of a score (domain.md §3), on the score rounded to 2 decimals; null for a missing score. */
export function bandOf(score: number | null, bands: readonly Band[] = DEFAULT_BANDS): string | null {
  return score === null ? null : classify(round2(score), bands);
}

/** The lowest band above the score and the points missing to reach it; null at the top band or without a score. */
export function nextBandOf(score: number | null, bands: readonly Band[] = DEFAULT_BANDS): NextBand | null {
  if (score === null) return null;
  const s = round2(score);
  const above = bands.filter((b) => b.min > s + EPS).sort((a, b) => a.min - b.min)[0];
  return above ? { label: above.label, min: above.min, gap: round2(above.min - s) } : null;
}

function clampRate(v: number): number {
  return Math.min(100, Math.max(0, v));
}

/** Targets (sub-indicator id → rate %) applied to the rules' estimates; official figures are never changed. */
export function simulate(report: Report, targets: Record<string, number> = {}): OverviewEstimate {
  const rules = rulesForReport(report);
  const ruleIds = new Set(rules.map((r) => r.subIndicator));
  const applied: Record<string, number> = {};
  const ignoredTargets: string[] = [];
  for (const [id, v] of Object.entries(targets)) {
    if (ruleIds.has(id) && Number.isFinite(v)) applied[id] = clampRate(v);
    else ignoredTargets.push(id);
  }

  const groups: GroupEstimate[] = report.groups.map((g) => {
    const groupRules = rules.filter((r) => r.group === g.code);
    const subs: SubIndicatorEstimate[] = [];
    const basePoints: (number | null)[] = [];
    for (const rule of groupRules) {
      const line = g.lines.find((l) => l.id === rule.subIndicator);
      if (!line) continue;
      const rate = line.rate ?? null;
      const denominator = line.denominator ?? null;
      const base = rulePoints(rule, rate, denominator);
      const target = applied[rule.subIndicator] ?? null;
      const est = target === null ? base : rulePoints(rule, target, denominator);
      basePoints.push(base);
      subs.push({
        id: rule.subIndicator,
        label: line.label,
        rate,
        status: rate === null && denominator === 0 ? 'Không phát sinh' : null,
        target,
        officialPoints: line.points ?? null,
        estimatedPoints: est,
        maxPoints: rule.max,
        estimatedLost: est === null ? null : round2(rule.max - est),
        ruleId: rule.id,
        confidence: rule.confidence,
      });
    }
    const sumCapped = (xs: (number | null)[]) =>
      xs.length === 0 || xs.some((x) => x === null) ? null : round2(Math.min(g.max, xs.reduce<number>((a, x) => a + (x ?? 0), 0)));
    const estimated = sumCapped(subs.map((s) => s.estimatedPoints));
    const baseEstimated = sumCapped(basePoints);
    // The gain of the targets: on the capped sums when the whole group is estimated (a group never gains past its
    // maximum), else the sum of the targeted sub-indicators' gains where both figures are known.
    let groupGain: number | null;
    if (estimated !== null && baseEstimated !== null) groupGain = round2(estimated - baseEstimated);
    else {
      const pairs = subs.map((s, i) => [basePoints[i] ?? null, s.estimatedPoints, s.target] as const).filter(([, , t]) => t !== null);
      groupGain = pairs.some(([b, e]) => b === null || e === null) ? null : round2(pairs.reduce((a, [b, e]) => a + ((e ?? 0) - (b ?? 0)), 0));
    }
    const official = g.score;
    const tolerance = groupRules.length ? Math.max(...groupRules.map((r) => r.tolerance)) : 0;
    const projected =
      official !== null ? (groupGain === null ? official : round2(Math.min(g.max, official + groupGain))) : estimated;
    return {
      code: g.code,
      label: groupLabel(g.code),
      official,
      max: g.max,
      pointsLost: official === null ? null : round2(g.max - official),
      estimated,
      tolerance,
      differs: official !== null && estimated !== null && Math.abs(official - estimated) > tolerance + EPS,
      gain: groupGain,
      projected,
      confidence: lowestConfidence(groupRules.map((r) => r.confidence)),
      subIndicators: subs,
    };
  });

  const estimatedTotal = groups.some((g) => g.estimated === null) ? null : round2(groups.reduce((a, g) => a + (g.estimated ?? 0), 0));
  // What the targets add to the official total: each group's projected − official (a group's gain stops at its maximum).
  const totalGain = groups.reduce((a, g) => a + (g.official !== null && g.projected !== null ? g.projected - g.official : 0), 0);
  const official = report.total;
  const projected =
    official !== null
      ? round2(Math.min(100, official + totalGain))
      : groups.some((g) => g.projected === null)
        ? null
        : round2(groups.reduce((a, g) => a + (g.projected ?? 0), 0));

  const topLosses = groups
    .flatMap((g) => g.subIndicators)
    .filter((s) => s.estimatedLost !== null && s.estimatedLost > 0)
    .sort((a, b) => (b.estimatedLost ?? 0) - (a.estimatedLost ?? 0));

  return {
    reportId: report.id,
    indicatorSet: report.indicators.set,
    estimateLabel: ESTIMATE_LABEL,
    groups,
    totals: {
      official,
      officialBand: bandOf(official),
      estimated: estimatedTotal,
      projected,
      band: bandOf(projected),
      nextBand: nextBandOf(projected),
    },
    topLosses,
    targets: applied,
    ignoredTargets,
  };
}

/** The overview of a report without targets: official scores, points lost and the rules' estimates. */
export function estimateReport(report: Report): OverviewEstimate {
  return simulate(report, {});
}

/**
 * Every single change (one sub-indicator to its target, or to the rate that gives its most points, on top of the
 * other targets), with the estimated gain on the total; most gain first, changes that gain nothing left out.
 */
export function singleChanges(report: Report, targets: Record<string, number> = {}): SingleChange[] {
  const base = simulate(report, targets);
  const rules = rulesForReport(report);
  const out: SingleChange[] = [];
  for (const g of base.groups) {
    for (const s of g.subIndicators) {
      const rule = rules.find((r) => r.id === s.ruleId)!;
      const own = targets[s.id];
      const to = own !== undefined && Number.isFinite(own) && (s.rate === null || own > s.rate) ? clampRate(own) : fullRate(rule);
      if (s.rate !== null && to <= s.rate) continue;
      const changed = simulate(report, { ...base.targets, [s.id]: to });
      const before = base.totals.projected;
      const after = changed.totals.projected;
      const groupBefore = g.projected;
      const groupAfter = changed.groups.find((x) => x.code === g.code)?.projected ?? null;
      const gain =
        before !== null && after !== null ? round2(after - before) : groupBefore !== null && groupAfter !== null ? round2(groupAfter - groupBefore) : 0;
      if (gain <= 0) continue;
      out.push({
        subIndicatorId: s.id,
        label: s.label,
        group: g.code,
        from: s.rate,
        to,
        gain,
        projectedTotal: after,
        band: changed.totals.band,
        confidence: rule.confidence,
      });
    }
  }
  return out.sort((a, b) => b.gain - a.gain);
}

/** The single change that gains most (see singleChanges), or null when none gains. */
export function bestSingleChange(report: Report, targets: Record<string, number> = {}): SingleChange | null {
  return singleChanges(report, targets)[0] ?? null;
}

/** Per-unit rates kept for the overview: the rate tables by kind. */
const RATE_KINDS = ['onTime', 'onlineSubmission', 'onlinePayment', 'satisfaction'] as const;

/**
 * The units with their official totals from the evaluation tables, ranked by total (highest first; ties share a
 * rank); units without a total follow in report order with their status. Bands are computed from the totals.
 */
export function rankUnits(report: Report): UnitScore[] {
  const totalCell = new Map<string, { total: number | null; status: string | null; cls: string | null }>();
  for (const t of report.tables) {
    if (t.kind !== 'evaluation') continue;
    for (const row of t.rows) {
      const c = row.cells.total ?? null;
      const k = row.cells.class ?? null;
      const prev = totalCell.get(row.unitId);
      const total = c?.t === 'num' ? c.v : null;
      if (prev && prev.total !== null) continue;
      totalCell.set(row.unitId, {
        total,
        status: c?.t === 'status' ? c.v : null,
        cls: k?.t === 'text' ? k.v : null,
      });
    }
  }
  const rates = new Map<string, Record<string, number | string | null>>();
  for (const t of report.tables) {
    if (!(RATE_KINDS as readonly string[]).includes(t.kind)) continue;
    for (const row of t.rows) {
      const c = row.cells.rate ?? null;
      const m = rates.get(row.unitId) ?? {};
      if (m[t.kind] === undefined || m[t.kind] === null) m[t.kind] = c === null ? null : c.t === 'num' ? c.v : c.t === 'status' ? c.v : null;
      rates.set(row.unitId, m);
    }
  }
  const units: UnitScore[] = report.units.map((u) => {
    const e = totalCell.get(u.id);
    const total = e?.total ?? null;
    return {
      unitId: u.id,
      name: u.name,
      blockId: u.blockId,
      total,
      status: e?.status ?? null,
      band: bandOf(total),
      officialClass: e?.cls ?? null,
      rank: null,
      rates: rates.get(u.id) ?? {},
    };
  });
  const scored = units.filter((u) => u.total !== null).sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  scored.forEach((u, i) => {
    const prev = scored[i - 1];
    u.rank = prev && prev.total === u.total ? prev.rank : i + 1;
  });
  return [...scored, ...units.filter((u) => u.total === null)];
}

/** A group's estimated score by the rules (see estimateReport), or null when a rate the rules need is missing. */
export function estimatedGroupScore(report: Report, code: GroupCode): number | null {
  return estimateReport(report).groups.find((g) => g.code === code)?.estimated ?? null;
}
