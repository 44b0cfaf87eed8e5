// Types of the scoring estimates (domain.md §2, §3): rules, the overview of a report, what-if results and the trend.
//
// Official figures are the portal's and are never changed here; every computed figure is an estimate ("ước tính").
import type { GroupCode, IndicatorSetId, Period } from '../model/schema';

/** The word every computed figure is labelled with, on screen, in the CLI, the sheet and the PDF appendix. */
export const ESTIMATE_LABEL = 'ước tính';

export type Confidence = 'cao' | 'trung bình' | 'thấp';

export interface YearMonth {
  year: number;
  month: number;
}

/**
 * One rate-to-points rule of a sub-indicator (a group line): points = min(cap; coefficient × min(1; rate / threshold)),
 * rounded to 2 decimals. With threshold 100 and no cap this is "maximum × rate"; below a threshold T it is
 * "P = Pmax × R / T"; a cap writes "min(2; 2,5 × B)".
 */
export interface ScoringRule {
  /** Stable id: "<set>:<line id>", e.g. "2024:tdgq.onTime". */
  id: string;
  /** The indicator catalogue whose lines the rule reads (core/model/indicators.ts). */
  set: IndicatorSetId;
  group: GroupCode;
  /** The line id the rule reads (the sub-indicator). */
  subIndicator: string;
  /** The line's label as the catalogue words it. */
  label: string;
  /** The most points the rule gives (cap when there is one, else the coefficient). */
  max: number;
  coefficient: number;
  /** T in % (100 unless the rule gives full points from a lower rate). */
  threshold: number;
  /** An upper bound below the coefficient ("min(2; 2,5 × B)"), or null. */
  cap: number | null;
  /** Full points when the denominator is 0 (nothing happened: no petitions). */
  fullWhenNone: boolean;
  /** Vietnamese formula: "20 × tỷ lệ đúng hạn". */
  formula: string;
  /** Where the rule comes from: domain.md section, Quyết định 766, the 2026 catalogue. */
  source: string;
  /** The months the rule is believed to hold for (the catalogue's span). */
  years: { from: YearMonth; to: YearMonth | null; text: string };
  confidence: Confidence;
  /** |official − estimate| above this (points) is reported as a difference. */
  tolerance: number;
}

/** A sub-indicator (group line with a rule) in the overview. */
export interface SubIndicatorEstimate {
  id: string;
  label: string;
  /** The rate as the report gives it (%), or null when blank. */
  rate: number | null;
  /** Why there is no rate, when known ("Không phát sinh": denominator 0); null otherwise. */
  status: string | null;
  /** The what-if target rate applied, or null. */
  target: number | null;
  /** Points as the portal shows them (2026 metric lines), or null. */
  officialPoints: number | null;
  /** Estimated points by the rule from the rate (or target); null when the rate is missing. */
  estimatedPoints: number | null;
  maxPoints: number;
  /** maxPoints − estimatedPoints; null when the estimate is missing. */
  estimatedLost: number | null;
  ruleId: string;
  confidence: Confidence;
}

export interface GroupEstimate {
  code: GroupCode;
  /** The group as the report names it: "Dịch vụ công trực tuyến (DVCTT)". */
  label: string;
  /** Official score as the portal shows it; null when missing (never 0 for missing). */
  official: number | null;
  max: number;
  /** max − official; null when official is missing. */
  pointsLost: number | null;
  /** Sum of the sub-indicators' estimated points (capped at max); null when a rate the rules need is missing. */
  estimated: number | null;
  /** The largest tolerance of the group's rules. */
  tolerance: number;
  /** |official − estimated| > tolerance. */
  differs: boolean;
  /** estimated with targets − estimated without (0 without targets; null when no estimate). */
  gain: number | null;
  /** official + gain capped at max (the what-if score); the estimate when official is missing; null when neither. */
  projected: number | null;
  /** The lowest confidence among the group's rules; null when the group has no rule. */
  confidence: Confidence | null;
  subIndicators: SubIndicatorEstimate[];
}

export interface NextBand {
  label: string;
  min: number;
  /** Points still missing to reach it ("còn thiếu 1,6 điểm để đạt Xuất sắc"). */
  gap: number;
}

export interface OverviewTotals {
  /** The report's official total, or null. */
  official: number | null;
  /** Band of the official total (domain.md §3), or null. */
  officialBand: string | null;
  /** Sum of the group estimates; null when a group estimate is missing. */
  estimated: number | null;
  /** official + what-if gains (equals official without targets); the estimate when official is missing. */
  projected: number | null;
  /** Band of projected. */
  band: string | null;
  /** The next band above projected with the gap; null at the top band or without a total. */
  nextBand: NextBand | null;
}

export interface OverviewEstimate {
  reportId: string;
  indicatorSet: IndicatorSetId;
  /** Always "ước tính": the label of every estimated figure. */
  estimateLabel: typeof ESTIMATE_LABEL;
  groups: GroupEstimate[];
  totals: OverviewTotals;
  /** Sub-indicators ordered by estimated points lost, most first (those with an estimate). */
  topLosses: SubIndicatorEstimate[];
  /** Targets applied (sub-indicator id → rate %), empty without a what-if. */
  targets: Record<string, number>;
  /** Target ids that name no sub-indicator with a rule (left out). */
  ignoredTargets: string[];
}

export interface SingleChange {
  subIndicatorId: string;
  label: string;
  group: GroupCode;
  from: number | null;
  to: number;
  /** Estimated points gained on the total. */
  gain: number;
  projectedTotal: number | null;
  band: string | null;
  /** The confidence of the rule behind the gain. */
  confidence: Confidence;
}

/** A unit's scores from the report's evaluation tables (official, as entered). */
export interface UnitScore {
  unitId: string;
  name: string;
  blockId: string;
  /** Official total, or null (blank or status). */
  total: number | null;
  /** The status text when the total cell holds one ("Không tổng hợp trên Hệ thống"). */
  status: string | null;
  /** Band of the total (domain.md §3), or null. */
  band: string | null;
  /** The classification as the report prints it (text cell), or null. */
  officialClass: string | null;
  /** 1-based rank by total among units with a total (ties share a rank); null without a total. */
  rank: number | null;
  /** Per-unit rates from the rate tables by table kind: a number, a status text, or null (blank). */
  rates: Record<string, number | string | null>;
}

export interface TrendPoint {
  reportId: string;
  period: Period;
  periodLabel: string;
  total: number | null;
  band: string | null;
  groups: Record<GroupCode, number | null>;
}

export interface OverviewTrend {
  /** The issuer's locality ("thành phố Bắc Kạn"). */
  locality: string;
  /** Oldest first, at most 12, ending with the current period when given. */
  points: TrendPoint[];
  current: TrendPoint | null;
  /** The period just before the current one, when it is in the library. */
  previous: TrendPoint | null;
  /** current − previous per figure (null where either is missing). */
  change: { total: number | null; groups: Record<GroupCode, number | null> } | null;
}

export interface UnitTrendPoint {
  reportId: string;
  period: Period;
  periodLabel: string;
  total: number | null;
  rates: Record<string, number | string | null>;
}

/** Everything the overview screen, the CLI and the sheet show for one report (`overview.get`). */
export interface OverviewData {
  estimate: OverviewEstimate;
  trend: OverviewTrend;
  /** The report's units ranked by official total with their bands. */
  units: UnitScore[];
  /** The single change that gains most (on top of the scenario's targets), or null. */
  bestChange: SingleChange | null;
  /** Every single change that gains, most first. */
  changes: SingleChange[];
  /** The rules behind the report's estimates. */
  rules: ScoringRule[];
  /** The what-if targets saved with the report, or null. */
  scenario: { targets: Record<string, number>; savedAt: string | null } | null;
}
