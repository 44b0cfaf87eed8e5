// The versioned indicator catalogue: the group lines of "2024 (as report 364/BC-UBND)" and "2026 (portal, from 10/2026)", the rate-to-points rule, and giving a report a catalogue.
//
// A report carries its own copy of its lines (labels, maxima, rules), like its profile and units: a later catalogue
// never alters a report already written. Rules and estimates follow a line's id, never its wording.
import { GROUPS, STANDARD_LINES } from './catalog';
import type { Group, GroupCode, IndicatorSetId, Line, Period, PointsRule, Report } from './schema';

export interface IndicatorSet {
  id: IndicatorSetId;
  /** Shown in settings and the report: "2026 (Cổng DVCQG, từ tháng 10/2026)". */
  name: string;
  /** The first month it applies to. */
  from: { year: number; month: number };
  groups: { code: GroupCode; max: number; lines: Line[] }[];
}

/** domain.md §2: reproduced exactly for 116 units of one province on the portal's pages of 10/2026. */
const SOURCE_2026 = 'domain.md §2: quy tắc 2026 đã đối chiếu trên Cổng DVCQG (10/2026, 116 đơn vị)';
const rule = (threshold = 100, fullWhenNone = false): PointsRule => ({ threshold, fullWhenNone, confirmed: true, source: SOURCE_2026 });

interface MetricSpec {
  id: string;
  label: string;
  unit: string;
  num: string;
  den: string;
  /** Absent: a line without points (information only, "Hồ sơ giải quyết quá hạn"). */
  max?: number;
  rule?: PointsRule;
}

function metric(s: MetricSpec): Line {
  return {
    id: s.id,
    level: 1,
    kind: 'metric',
    label: s.label,
    countUnit: s.unit,
    hasRate: true,
    rate: null,
    numerator: null,
    denominator: null,
    numeratorMeaning: s.num,
    denominatorMeaning: s.den,
    ...(s.max !== undefined ? { points: null, maxPoints: s.max } : {}),
    ...(s.rule ? { pointsRule: s.rule } : {}),
  };
}

/** The portal's 2026 metrics per group (issue 19's table; maxima and rules from domain.md §2). */
const LINES_2026: Record<GroupCode, MetricSpec[]> = {
  CKMB: [
    { id: 'ckmb.publishedOnTime', label: 'Tỷ lệ TTHC công bố đúng hạn', unit: 'TTHC', num: 'TTHC công bố đúng hạn', den: 'TTHC phải công bố', max: 6, rule: rule() },
    { id: 'ckmb.updatedOnTime', label: 'Tỷ lệ TTHC cập nhật, công khai đúng hạn', unit: 'TTHC', num: 'TTHC cập nhật, công khai đúng hạn', den: 'TTHC phải cập nhật, công khai', max: 4, rule: rule() },
    { id: 'ckmb.fullContent', label: 'Tỷ lệ TTHC công khai đầy đủ nội dung', unit: 'TTHC', num: 'TTHC công khai đầy đủ nội dung', den: 'TTHC đã công khai', max: 2, rule: rule() },
    { id: 'ckmb.syncedDvcqg', label: 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG', unit: 'hồ sơ', num: 'hồ sơ đã đồng bộ', den: 'hồ sơ phát sinh', max: 6, rule: rule() },
  ],
  TDGQ: [
    {
      id: 'tdgq.onTimeOfReceived',
      label: 'Hồ sơ giải quyết đúng hạn (và trước hạn) trên tổng số hồ sơ tiếp nhận',
      unit: 'hồ sơ',
      num: 'hồ sơ giải quyết đúng hạn và trước hạn',
      den: 'hồ sơ tiếp nhận',
      max: 20,
      rule: rule(),
    },
    { id: 'tdgq.overdueCount', label: 'Hồ sơ giải quyết quá hạn', unit: 'hồ sơ', num: 'hồ sơ giải quyết quá hạn', den: 'hồ sơ tiếp nhận' },
  ],
  CLGQ: [
    {
      id: 'clgq.onlineCombined',
      label: 'Tỷ lệ cung cấp dịch vụ công trực tuyến & nộp hồ sơ trực tuyến',
      unit: 'hồ sơ',
      num: 'hồ sơ nộp trực tuyến',
      den: 'hồ sơ tiếp nhận',
      max: 12,
      rule: rule(),
    },
  ],
  TTTT: [
    { id: 'tttt.dossiersPaidOnline', label: 'Tỷ lệ hồ sơ thanh toán trực tuyến', unit: 'hồ sơ', num: 'hồ sơ thanh toán trực tuyến thành công', den: 'hồ sơ có nghĩa vụ tài chính', max: 6, rule: rule() },
    {
      id: 'tttt.proceduresPaidOnline',
      label: 'Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến',
      unit: 'TTHC',
      num: 'TTHC có phát sinh giao dịch thanh toán trực tuyến',
      den: 'TTHC có phát sinh hồ sơ có thu phí',
      max: 2.5,
      rule: rule(),
    },
    {
      id: 'tttt.feeProceduresUsed',
      label: 'Tỷ lệ TTHC có thu phí, lệ phí phát sinh hồ sơ',
      unit: 'TTHC',
      num: 'TTHC có thu phí, lệ phí phát sinh hồ sơ',
      den: 'TTHC có thu phí, lệ phí',
      max: 2.5,
      rule: rule(),
    },
  ],
  MDHL: [
    { id: 'mdhl.tthcSatisfaction', label: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC', unit: 'lượt đánh giá', num: 'lượt đánh giá hài lòng', den: 'lượt đánh giá', max: 6, rule: rule(90) },
    { id: 'mdhl.paknOnTime', label: 'Tỷ lệ PAKN xử lý đúng hạn', unit: 'PAKN', num: 'PAKN xử lý đúng hạn', den: 'PAKN đã xử lý', max: 6, rule: rule(100, true) },
    { id: 'mdhl.paknSatisfaction', label: 'Tỷ lệ hài lòng trong xử lý PAKN', unit: 'lượt đánh giá', num: 'lượt đánh giá hài lòng', den: 'lượt đánh giá', max: 6, rule: rule(100, true) },
    { id: 'mdhl.paknOnRules', label: 'Tỷ lệ PAKN về quy định, TTHC', unit: 'PAKN', num: 'PAKN về quy định, TTHC', den: 'PAKN tiếp nhận', max: 0 },
    { id: 'mdhl.paknOnStaff', label: 'Tỷ lệ PAKN về hành vi cán bộ, công chức, viên chức', unit: 'PAKN', num: 'PAKN về hành vi cán bộ, công chức, viên chức', den: 'PAKN tiếp nhận', max: 0 },
  ],
  MDSH: [
    { id: 'mdsh.electronicResults', label: 'Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử', unit: 'hồ sơ', num: 'hồ sơ có kết quả điện tử', den: 'hồ sơ đã giải quyết', max: 6, rule: rule() },
    { id: 'mdsh.digitisedDossiers', label: 'Tỷ lệ hồ sơ thực hiện số hóa hồ sơ', unit: 'hồ sơ', num: 'hồ sơ được số hóa', den: 'hồ sơ tiếp nhận', max: 4, rule: rule() },
    { id: 'mdsh.reuseDigitised', label: 'Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa', unit: 'hồ sơ', num: 'hồ sơ sử dụng lại dữ liệu số hóa', den: 'hồ sơ tiếp nhận', max: 2, rule: rule(80) },
    {
      id: 'mdsh.sharedDigitised',
      label: 'Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng',
      unit: 'hồ sơ',
      num: 'hồ sơ số hóa có kết nối, chia sẻ dữ liệu',
      den: 'hồ sơ được số hóa',
      max: 4,
      rule: rule(),
    },
    { id: 'mdsh.populationData', label: 'Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư', unit: 'hồ sơ', num: 'hồ sơ sử dụng dữ liệu dân cư', den: 'hồ sơ tiếp nhận', max: 2, rule: rule() },
    {
      id: 'mdsh.populationConnected',
      label: 'Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết TTHC',
      unit: 'TTHC',
      num: 'TTHC đã kết nối dữ liệu dân cư',
      den: 'TTHC phải kết nối',
      max: 2,
      rule: rule(),
    },
    {
      id: 'mdsh.certifiedCopies',
      label: 'Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính',
      unit: 'hồ sơ',
      num: 'hồ sơ chứng thực bản sao điện tử',
      den: 'hồ sơ chứng thực',
      max: 2,
      rule: rule(),
    },
  ],
};

const blankLine = (t: Omit<Line, 'count' | 'rate' | 'src'>): Line => ({
  ...t,
  ...(t.countUnit !== undefined ? { count: null } : {}),
  ...(t.hasRate ? { rate: null } : {}),
});

export const INDICATOR_SETS: Record<IndicatorSetId, IndicatorSet> = {
  '2024': {
    id: '2024',
    name: '2024 (theo Báo cáo 364/BC-UBND)',
    from: { year: 2022, month: 6 },
    groups: GROUPS.map((g) => ({ code: g.code, max: g.max, lines: STANDARD_LINES[g.code].map(blankLine) })),
  },
  '2026': {
    id: '2026',
    name: '2026 (Cổng DVCQG, từ tháng 10/2026)',
    from: { year: 2026, month: 10 },
    groups: GROUPS.map((g) => ({ code: g.code, max: g.max, lines: LINES_2026[g.code].map(metric) })),
  },
};

/** The newest catalogue first. */
export const NEWEST_INDICATOR_SET: IndicatorSetId = '2026';

function periodStart(p: Period): { year: number; month: number } {
  switch (p.kind) {
    case 'month':
      return { year: p.year, month: p.month };
    case 'quarter':
      return { year: p.year, month: (p.quarter - 1) * 3 + 1 };
    default:
      return { year: p.year, month: 1 };
  }
}

/** The newest catalogue in force at the period's last month (a report of 10/2026 or later takes 2026). */
export function indicatorSetFor(period: Period): IndicatorSetId {
  const s = periodStart(period);
  const span = period.kind === 'month' ? 0 : period.kind === 'quarter' ? 2 : period.kind === 'half' ? 5 : period.kind === 'nine-months' ? 8 : 11;
  const last = s.year * 12 + s.month - 1 + span;
  const sets = Object.values(INDICATOR_SETS).sort((a, b) => b.from.year * 12 + b.from.month - (a.from.year * 12 + a.from.month));
  return (sets.find((x) => x.from.year * 12 + x.from.month - 1 <= last) ?? INDICATOR_SETS['2024']).id;
}

/** A catalogue's groups with every figure blank (never zero): a fresh copy the report owns. */
export function emptyGroups(set: IndicatorSetId): Group[] {
  return INDICATOR_SETS[set].groups.map((g) => ({ code: g.code, score: null, max: g.max, lines: structuredClone(g.lines) }));
}

/** A report (with no figures yet) moved to another catalogue: its groups become that catalogue's, blank. */
export function withIndicatorSet(report: Report, set: IndicatorSetId): Report {
  const r = structuredClone(report);
  r.indicators = { set, name: INDICATOR_SETS[set].name };
  r.groups = emptyGroups(set);
  return r;
}

/**
 * The points a line's rate earns by its rule (domain.md §2): maximum × min(1; rate / threshold), rounded to
 * 2 decimals; full points when the rule says so and the denominator is 0. Null when the rule or figures are missing.
 */
export function pointsByRule(line: Line): number | null {
  const r = line.pointsRule;
  if (!r || line.maxPoints === undefined) return null;
  if (r.fullWhenNone && line.denominator === 0) return line.maxPoints;
  const rate = line.rate ?? null;
  if (rate === null) return null;
  return Math.round(line.maxPoints * Math.min(1, rate / r.threshold) * 100 + 1e-9) / 100;
}

/** True when a line carries numerator, denominator and points (a metric line). */
export function isMetricLine(line: Line): boolean {
  return line.kind === 'metric';
}
