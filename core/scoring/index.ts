// Scoring estimates (domain.md §2, §3): the public API of core/scoring. Pure: no files, no DOM.
export * from './types';
export { scoringRules, rulesForReport, rulePoints, fullRate, ruleOfMetricLine, TOLERANCE_2024, TOLERANCE_2026 } from './rules';
export { estimateReport, estimatedGroupScore, simulate, bestSingleChange, singleChanges, rankUnits, bandOf, nextBandOf, groupLabel } from './estimate';
export { overviewTrend, unitTrend, sameIssuer, trendOf, trendInputOf, TREND_PERIODS, type TrendInput } from './trend';
export { buildOverview, trendFromLibrary, trendReportsFrom, type TrendSource } from './overview';
