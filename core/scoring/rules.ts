// The rate-to-points rules (domain.md §2): the 2024 catalogue's estimates (unverified) and the 2026 catalogue's
// confirmed metric rules, each with its source, the months it is believed to hold for, a confidence and a tolerance.
import { GROUPS } from '../model/catalog';
import { INDICATOR_SETS } from '../model/indicators';
import type { GroupCode, IndicatorSetId, Line, Report } from '../model/schema';
import { formatViNumber, roundTo } from '../text/numbers';
import type { Confidence, ScoringRule, YearMonth } from './types';

const round2 = (n: number) => roundTo(n, 2);

/** The months a catalogue is in force: from its first month to the month before the next catalogue. */
function catalogueSpan(set: IndicatorSetId): ScoringRule['years'] {
  const own = INDICATOR_SETS[set].from;
  const key = (m: YearMonth) => m.year * 12 + m.month - 1;
  const later = Object.values(INDICATOR_SETS)
    .map((s) => s.from)
    .filter((f) => key(f) > key(own))
    .sort((a, b) => key(a) - key(b))[0];
  const to = later ? { year: Math.floor((key(later) - 1) / 12), month: ((key(later) - 1) % 12) + 1 } : null;
  const text = to ? `từ ${own.month}/${own.year} đến ${to.month}/${to.year}` : `từ ${own.month}/${own.year}`;
  return { from: own, to, text };
}

const num = (n: number) => formatViNumber(n, { decimals: 2 });

/** "20 × tỷ lệ", "2 × min(1; tỷ lệ / 80%)", "min(2; 2,5 × tỷ lệ)". */
function formulaText(coefficient: number, threshold: number, cap: number | null, what: string): string {
  const core = threshold < 100 ? `${num(coefficient)} × min(1; ${what} / ${num(threshold)}%)` : `${num(coefficient)} × ${what}`;
  return cap !== null ? `min(${num(cap)}; ${core})` : core;
}

/** Tolerance of the 2024 estimates: the portal prints group scores to 1 decimal (±0,05) plus the rules' rounding. */
export const TOLERANCE_2024 = 0.1;
/** Tolerance of the 2026 rules: domain.md §2 reproduces every metric's points to 0,01. */
export const TOLERANCE_2026 = 0.01;

const SRC_2024 =
  'domain.md §2 (quy tắc 2024 chưa kiểm chứng; Quyết định 766/QĐ-TTg; đối chiếu Báo cáo 364/BC-UBND tháng 7/2024)';

interface Spec2024 {
  group: GroupCode;
  line: string;
  coefficient: number;
  threshold?: number;
  cap?: number;
  what: string;
  confidence: Confidence;
  note: string;
}

/**
 * The 2024 catalogue's lines read by an estimate. domain.md §2 gives the on-time and online-payment formulas and the
 * threshold form; how a group's maximum splits between the 2024 lines is our reading of the 2026 metrics with the same
 * meaning (said in each note) and is an estimate only.
 */
const SPECS_2024: Spec2024[] = [
  { group: 'CKMB', line: 'ckmb.published', coefficient: 12, what: 'tỷ lệ TTHC công khai đầy đủ', confidence: 'thấp', note: 'phần 12 điểm = 3 chỉ tiêu công khai của bộ 2026 (6 + 4 + 2)' },
  { group: 'CKMB', line: 'ckmb.synced', coefficient: 6, what: 'tỷ lệ hồ sơ đồng bộ', confidence: 'trung bình', note: 'như chỉ tiêu “đồng bộ lên Cổng DVCQG” của bộ 2026 (6 điểm)' },
  { group: 'TDGQ', line: 'tdgq.onTime', coefficient: 20, what: 'tỷ lệ đúng hạn', confidence: 'trung bình', note: 'điểm đúng hạn = 20 × tỷ lệ đúng hạn; báo cáo mẫu: 18,42 so với 18,7 chính thức' },
  { group: 'CLGQ', line: 'clgq.submittedOnline', coefficient: 12, what: 'tỷ lệ nộp trực tuyến', confidence: 'thấp', note: 'dịch vụ trực tuyến = 12 × tỷ lệ kết hợp; bộ 2024 chỉ có tỷ lệ nộp trực tuyến' },
  { group: 'TTTT', line: 'tttt.dossiersOnline', coefficient: 6, what: 'A (tỷ lệ hồ sơ thanh toán trực tuyến)', confidence: 'thấp', note: 'thanh toán trực tuyến = 6·A + min(2; 2,5·B) + 2,5·C' },
  { group: 'TTTT', line: 'tttt.proceduresOnline', coefficient: 2.5, cap: 2, what: 'B (tỷ lệ TTHC có giao dịch thanh toán trực tuyến)', confidence: 'thấp', note: 'thanh toán trực tuyến = 6·A + min(2; 2,5·B) + 2,5·C' },
  { group: 'TTTT', line: 'tttt.obligationsOnPortal', coefficient: 2.5, what: 'C (tỷ lệ TTHC có nghĩa vụ tài chính cung cấp trên Cổng DVCQG)', confidence: 'thấp', note: 'thanh toán trực tuyến = 6·A + min(2; 2,5·B) + 2,5·C' },
  { group: 'MDHL', line: 'mdhl.feedback', coefficient: 9, what: 'tỷ lệ hài lòng xử lý PAKN', confidence: 'thấp', note: 'nửa số điểm của nhóm cho mỗi dòng của bộ 2024' },
  { group: 'MDHL', line: 'mdhl.procedures', coefficient: 9, threshold: 90, what: 'tỷ lệ hài lòng giải quyết TTHC', confidence: 'thấp', note: 'ngưỡng 90% như bộ 2026; nửa số điểm của nhóm' },
  { group: 'MDSH', line: 'mdsh.eResults', coefficient: 8, what: 'tỷ lệ cấp kết quả điện tử', confidence: 'thấp', note: 'nhóm 22 điểm chia cho 3 dòng có tỷ lệ của bộ 2024' },
  { group: 'MDSH', line: 'mdsh.digitised', coefficient: 8, what: 'tỷ lệ số hóa hồ sơ', confidence: 'thấp', note: 'nhóm 22 điểm chia cho 3 dòng có tỷ lệ của bộ 2024' },
  { group: 'MDSH', line: 'mdsh.reuse', coefficient: 6, threshold: 80, what: 'tỷ lệ khai thác, sử dụng lại dữ liệu số hóa', confidence: 'thấp', note: 'ngưỡng 80% như bộ 2026' },
];

function lineLabel(set: IndicatorSetId, group: GroupCode, lineId: string): string {
  return INDICATOR_SETS[set].groups.find((g) => g.code === group)?.lines.find((l) => l.id === lineId)?.label ?? lineId;
}

const RULES_2024: ScoringRule[] = SPECS_2024.map((s) => {
  const threshold = s.threshold ?? 100;
  const cap = s.cap ?? null;
  return {
    id: `2024:${s.line}`,
    set: '2024',
    group: s.group,
    subIndicator: s.line,
    label: lineLabel('2024', s.group, s.line),
    max: cap ?? s.coefficient,
    coefficient: s.coefficient,
    threshold,
    cap,
    fullWhenNone: false,
    formula: formulaText(s.coefficient, threshold, cap, s.what),
    source: `${SRC_2024}: ${s.note}`,
    years: catalogueSpan('2024'),
    confidence: s.confidence,
    tolerance: TOLERANCE_2024,
  };
});

/** A rule read from a metric line (the 2026 catalogue, or the report's own copy of it). */
export function ruleOfMetricLine(set: IndicatorSetId, group: GroupCode, line: Line): ScoringRule | null {
  const r = line.pointsRule;
  if (!r || line.maxPoints === undefined || line.maxPoints <= 0) return null;
  return {
    id: `${set}:${line.id}`,
    set,
    group,
    subIndicator: line.id,
    label: line.label,
    max: line.maxPoints,
    coefficient: line.maxPoints,
    threshold: r.threshold,
    cap: null,
    fullWhenNone: r.fullWhenNone,
    formula: formulaText(line.maxPoints, r.threshold, null, 'tỷ lệ') + (r.fullWhenNone ? ' (đủ điểm khi không phát sinh)' : ''),
    source: r.source,
    years: catalogueSpan(set),
    confidence: r.confirmed ? 'cao' : 'thấp',
    tolerance: r.confirmed ? TOLERANCE_2026 : TOLERANCE_2024,
  };
}

const RULES_2026: ScoringRule[] = INDICATOR_SETS['2026'].groups.flatMap((g) =>
  g.lines.map((l) => ruleOfMetricLine('2026', g.code, l)).filter((r): r is ScoringRule => r !== null),
);

/** Every rule, the 2024 estimates then the 2026 metric rules, in portal group order. */
export const scoringRules: readonly ScoringRule[] = [...RULES_2024, ...RULES_2026].sort(
  (a, b) => GROUPS.findIndex((g) => g.code === a.group) - GROUPS.findIndex((g) => g.code === b.group) || (a.set < b.set ? -1 : a.set > b.set ? 1 : 0),
);

/**
 * The rules for a report's own lines: a metric line with a points rule gives its own rule (the report's copy);
 * otherwise the 2024 estimates by line id. One rule per line at most, in the report's line order.
 */
export function rulesForReport(report: Pick<Report, 'indicators' | 'groups'>): ScoringRule[] {
  const out: ScoringRule[] = [];
  for (const g of report.groups) {
    for (const l of g.lines) {
      if (l.kind === 'metric') {
        const r = ruleOfMetricLine(report.indicators.set, g.code, l);
        if (r) out.push(r);
        continue;
      }
      const r = RULES_2024.find((x) => x.subIndicator === l.id && x.group === g.code);
      if (r) out.push(r);
    }
  }
  return out;
}

/**
 * Points of a rule for a rate in % (null when the rate is missing, unless the rule gives full points for a zero
 * denominator and the denominator is 0): min(cap; coefficient × min(1; rate / threshold)), rounded to 2 decimals.
 */
export function rulePoints(rule: ScoringRule, rate: number | null, denominator: number | null = null): number | null {
  if (rule.fullWhenNone && denominator === 0 && rate === null) return rule.max;
  if (rate === null || !Number.isFinite(rate)) return null;
  const r = Math.max(0, rate);
  const p = rule.coefficient * Math.min(1, r / rule.threshold);
  return round2(rule.cap !== null ? Math.min(rule.cap, p) : p);
}

/** The rate at which a rule gives its most points (its threshold, or the cap's rate). */
export function fullRate(rule: ScoringRule): number {
  if (rule.cap !== null) return Math.min(rule.threshold, round2((rule.cap / rule.coefficient) * rule.threshold));
  return rule.threshold;
}

const CONFIDENCE_ORDER: Confidence[] = ['thấp', 'trung bình', 'cao'];
export function lowestConfidence(list: Confidence[]): Confidence | null {
  if (list.length === 0) return null;
  return CONFIDENCE_ORDER.find((c) => list.includes(c)) ?? null;
}
