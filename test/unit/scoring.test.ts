// The scoring estimates (core/scoring): every rule against worked examples (the seed's 364/BC-UBND among them), the
// band arithmetic at its boundaries, missing data kept blank, what-if targets that never touch official figures,
// the best single change, the units ranked, and the trend of the same issuer.
import { describe, expect, it } from 'vitest';
import { INDICATOR_SETS, pointsByRule, withIndicatorSet } from '../../core/model/indicators';
import { clearFigures, loadSample, newReportFrom, parseReportJson, serializeReport } from '../../core/model/report';
import type { Line, Report } from '../../core/model/schema';
import {
  bandOf,
  bestSingleChange,
  buildOverview,
  estimateReport,
  nextBandOf,
  overviewTrend,
  rankUnits,
  rulePoints,
  rulesForReport,
  scoringRules,
  simulate,
  singleChanges,
  trendFromLibrary,
  unitTrend,
  type ScoringRule,
} from '../../core/scoring';
import { estimatedScoreText, nextBandSentence, signedPoints } from '../../core/scoring/text';

const rule = (id: string): ScoringRule => {
  const r = scoringRules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const group = (e: ReturnType<typeof estimateReport>, code: string) => e.groups.find((g) => g.code === code)!;
const lineOf = (r: Report, id: string): Line => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!;

describe('the rules table', () => {
  it('every rule states its group, line, formula, source, months, confidence and tolerance', () => {
    expect(scoringRules.length).toBeGreaterThan(20);
    for (const r of scoringRules) {
      expect(r.id).toBe(`${r.set}:${r.subIndicator}`);
      expect(INDICATOR_SETS[r.set].groups.find((g) => g.code === r.group)?.lines.some((l) => l.id === r.subIndicator)).toBe(true);
      expect(r.formula).toMatch(/×/);
      expect(r.source).toMatch(/domain\.md §2/);
      expect(['cao', 'trung bình', 'thấp']).toContain(r.confidence);
      expect(r.tolerance).toBeGreaterThan(0);
      expect(r.years.text).toMatch(/^từ \d+\/\d{4}/);
    }
    // 2024 ends where 2026 starts (core/model/indicators.ts: 2026 from 10/2026).
    expect(rule('2024:tdgq.onTime').years).toMatchObject({ from: { year: 2022, month: 6 }, to: { year: 2026, month: 9 }, text: 'từ 6/2022 đến 9/2026' });
    expect(rule('2026:tdgq.onTimeOfReceived').years).toMatchObject({ from: { year: 2026, month: 10 }, to: null });
    expect(rule('2026:tdgq.onTimeOfReceived').confidence).toBe('cao');
    expect(rule('2024:tdgq.onTime').confidence).toBe('trung bình');
    expect(rule('2024:tttt.dossiersOnline').confidence).toBe('thấp');
  });

  it('each 2024 group’s rules give at least its maximum, so a full rate can reach the full score', () => {
    for (const g of INDICATOR_SETS['2024'].groups) {
      const sum = scoringRules.filter((r) => r.set === '2024' && r.group === g.code).reduce((a, r) => a + r.max, 0);
      expect(sum, g.code).toBeGreaterThanOrEqual(g.max);
    }
  });
});

describe('rate-to-points rules, worked examples', () => {
  it('on time: 20 × 92,08 % = 18,42 (the seed)', () => {
    expect(rulePoints(rule('2024:tdgq.onTime'), 92.08)).toBe(18.42);
    expect(rulePoints(rule('2024:tdgq.onTime'), 100)).toBe(20);
    expect(rulePoints(rule('2024:tdgq.onTime'), 0)).toBe(0);
    expect(rule('2024:tdgq.onTime').formula).toBe('20 × tỷ lệ đúng hạn');
  });

  it('online payment 6·A + min(2; 2,5·B) + 2,5·C with the seed’s A 89,73, B 69,63, C 33,33', () => {
    const a = rulePoints(rule('2024:tttt.dossiersOnline'), 89.73);
    const b = rulePoints(rule('2024:tttt.proceduresOnline'), 69.63);
    const c = rulePoints(rule('2024:tttt.obligationsOnPortal'), 33.33);
    expect([a, b, c]).toEqual([5.38, 1.74, 0.83]); // 5,3838; 1,74075; 0,833250
    // B is capped at 2 points from 80 % on: 2,5 × 95 % = 2,375 → 2.
    expect(rulePoints(rule('2024:tttt.proceduresOnline'), 95)).toBe(2);
    expect(rulePoints(rule('2024:tttt.proceduresOnline'), 80)).toBe(2);
    expect(rulePoints(rule('2024:tttt.proceduresOnline'), 79)).toBe(1.98);
    expect(rule('2024:tttt.proceduresOnline').formula).toMatch(/^min\(2; 2,5 × B/);
    const sample = loadSample();
    expect(group(estimateReport(sample), 'TTTT').estimated).toBe(7.95);
  });

  it('threshold rules P = Pmax × R / T below T, full points from T on', () => {
    const reuse = rule('2026:mdsh.reuseDigitised'); // T = 80 %
    expect(reuse.threshold).toBe(80);
    expect(rulePoints(reuse, 40)).toBe(1); // 2 × 40 / 80
    expect(rulePoints(reuse, 80)).toBe(2);
    expect(rulePoints(reuse, 95)).toBe(2);
    const satisfaction = rule('2026:mdhl.tthcSatisfaction'); // T = 90 %
    expect(rulePoints(satisfaction, 81)).toBe(5.4); // 6 × 81 / 90
    expect(rulePoints(satisfaction, 90)).toBe(6);
    expect(rule('2024:mdhl.procedures').threshold).toBe(90);
    expect(rulePoints(rule('2024:mdhl.procedures'), 45)).toBe(4.5); // 9 × 45 / 90
    expect(rulePoints(rule('2024:mdsh.reuse'), 20)).toBe(1.5); // 6 × 20 / 80
    expect(reuse.formula).toBe('2 × min(1; tỷ lệ / 80%)');
  });

  it('full points where nothing happened (denominator 0), blank where the rate is missing', () => {
    const pakn = rule('2026:mdhl.paknOnTime');
    expect(rulePoints(pakn, null, 0)).toBe(6);
    expect(rulePoints(pakn, null, null)).toBeNull();
    expect(rulePoints(rule('2024:tdgq.onTime'), null, 0)).toBeNull();
  });

  it('the 2026 rules give the points of pointsByRule (the consistency check’s rule) for every metric line', () => {
    for (const g of INDICATOR_SETS['2026'].groups) {
      for (const l of g.lines) {
        const r = scoringRules.find((x) => x.id === `2026:${l.id}`);
        if (!l.pointsRule || !l.maxPoints) {
          expect(r, l.id).toBeUndefined(); // information lines carry no points
          continue;
        }
        for (const rate of [0, 12.34, 50, 79.99, 89.5, 96.34, 100]) {
          expect(rulePoints(r!, rate), `${l.id} at ${rate}`).toBe(pointsByRule({ ...l, rate }));
        }
      }
    }
  });
});

describe('the seed (364/BC-UBND, July 2024)', () => {
  const e = estimateReport(loadSample());

  it('official scores stay as printed, with points lost; estimates beside them', () => {
    const tdgq = group(e, 'TDGQ');
    expect(tdgq).toMatchObject({ official: 18.7, max: 20, pointsLost: 1.3, estimated: 18.42, tolerance: 0.1, differs: true });
    expect(tdgq.label).toBe('Tiến độ giải quyết hồ sơ');
    expect(group(e, 'CLGQ').label).toBe('Dịch vụ công trực tuyến (DVCTT)');
    expect(tdgq.subIndicators).toEqual([
      expect.objectContaining({ id: 'tdgq.onTime', rate: 92.08, estimatedPoints: 18.42, maxPoints: 20, estimatedLost: 1.58, ruleId: '2024:tdgq.onTime', target: null }),
    ]);
    expect(group(e, 'CKMB')).toMatchObject({ official: 18, pointsLost: 0, estimated: 18, differs: false });
    expect(group(e, 'MDHL')).toMatchObject({ official: 18, estimated: 18, differs: false });
    expect(e.estimateLabel).toBe('ước tính');
  });

  it('totals: official 88,4 is Tốt, 1,6 points short of Xuất sắc', () => {
    expect(e.totals).toMatchObject({ official: 88.4, officialBand: 'Tốt', projected: 88.4, band: 'Tốt', nextBand: { label: 'Xuất sắc', min: 90, gap: 1.6 } });
    expect(nextBandSentence(e.totals.nextBand)).toBe('còn thiếu 1,6 điểm để đạt Xuất sắc');
    expect(e.totals.estimated).toBe(84.65); // 18 + 18,42 + 9,23 + 7,95 + 18 + 13,05
  });

  it('the sub-indicators losing most points come first', () => {
    expect(e.topLosses[0]).toMatchObject({ id: 'mdsh.reuse', estimatedLost: 6 });
    const lost = e.topLosses.map((s) => s.estimatedLost ?? 0);
    expect([...lost].sort((a, b) => b - a)).toEqual(lost);
    expect(e.topLosses.every((s) => (s.estimatedLost ?? 0) > 0)).toBe(true);
  });
});

describe('band arithmetic (domain.md §3)', () => {
  it('boundaries 90, 80, 70, 50 belong to the upper band', () => {
    expect([90, 89.99, 80, 79.99, 70, 69.99, 50, 49.99, 0, 100].map((s) => bandOf(s))).toEqual([
      'Xuất sắc', 'Tốt', 'Tốt', 'Khá', 'Khá', 'Trung bình', 'Trung bình', 'Yếu', 'Yếu', 'Xuất sắc',
    ]);
    expect(bandOf(null)).toBeNull();
  });

  it('the gap to the next band, exact to the hundredth, none at the top', () => {
    expect(nextBandOf(89.99)).toEqual({ label: 'Xuất sắc', min: 90, gap: 0.01 });
    expect(nextBandOf(80)).toEqual({ label: 'Xuất sắc', min: 90, gap: 10 });
    expect(nextBandOf(79.99)).toEqual({ label: 'Tốt', min: 80, gap: 0.01 });
    expect(nextBandOf(49.99)).toEqual({ label: 'Trung bình', min: 50, gap: 0.01 });
    expect(nextBandOf(0)).toEqual({ label: 'Trung bình', min: 50, gap: 50 });
    expect(nextBandOf(90)).toBeNull();
    expect(nextBandOf(null)).toBeNull();
    // Float sums: 18 + 18,7 + 7,7 + 8,3 + 18 + 17,7 is 88,39999… in binary; the gap still reads 1,6.
    expect(nextBandOf(18 + 18.7 + 7.7 + 8.3 + 18 + 17.7)).toEqual({ label: 'Xuất sắc', min: 90, gap: 1.6 });
    expect(nextBandSentence(null)).toBe('đã đạt mức xếp loại cao nhất');
    expect(nextBandSentence(null, false)).toBe('');
    expect(nextBandSentence(nextBandOf(72.18))).toBe('còn thiếu 7,82 điểm để đạt Tốt');
  });

  it('text helpers: estimates labelled, signed changes', () => {
    expect(estimatedScoreText(18.42)).toBe('18,42 điểm (ước tính)');
    expect(estimatedScoreText(null)).toBe('chưa ước tính được');
    expect([signedPoints(0.984), signedPoints(-1.2), signedPoints(0), signedPoints(0.001)]).toEqual(['+0,98', '-1,2', '0', '0']);
  });
});

describe('missing data stays blank, never 0', () => {
  it('a report without figures: official, points lost, estimates and totals are null', () => {
    const e = estimateReport(clearFigures(loadSample()));
    for (const g of e.groups) {
      expect(g, g.code).toMatchObject({ official: null, pointsLost: null, estimated: null, differs: false, projected: null });
      for (const s of g.subIndicators) expect(s).toMatchObject({ rate: null, estimatedPoints: null, estimatedLost: null });
    }
    expect(e.totals).toMatchObject({ official: null, officialBand: null, estimated: null, projected: null, band: null, nextBand: null });
    expect(e.topLosses).toEqual([]);
  });

  it('one blank rate leaves its group’s estimate blank, the official score as printed; a rate of 0 is 0 points', () => {
    const r = loadSample();
    lineOf(r, 'tttt.obligationsOnPortal').rate = null;
    const e = estimateReport(r);
    expect(group(e, 'TTTT')).toMatchObject({ official: 8.3, pointsLost: 1.7, estimated: null, differs: false });
    expect(group(e, 'TTTT').subIndicators.find((s) => s.id === 'tttt.obligationsOnPortal')).toMatchObject({ rate: null, estimatedPoints: null });
    expect(e.totals.estimated).toBeNull();
    expect(e.totals.official).toBe(88.4);
    const reuse = group(e, 'MDSH').subIndicators.find((s) => s.id === 'mdsh.reuse')!;
    expect(reuse).toMatchObject({ rate: 0, estimatedPoints: 0, estimatedLost: 6 });
  });

  it('a missing official group score: points lost null, the estimate still shown', () => {
    const r = loadSample();
    r.groups[1]!.score = null;
    expect(group(estimateReport(r), 'TDGQ')).toMatchObject({ official: null, pointsLost: null, estimated: 18.42, differs: false, projected: 18.42 });
  });

  it('2026 metric lines: nothing happened gives full points with the status “Không phát sinh”; official points kept', () => {
    const r = withIndicatorSet(loadSample(), '2026');
    r.period = { kind: 'month', year: 2026, month: 10 };
    Object.assign(lineOf(r, 'mdhl.paknOnTime'), { numerator: 0, denominator: 0, rate: null, points: 6 });
    Object.assign(lineOf(r, 'mdhl.paknSatisfaction'), { numerator: 0, denominator: 0, rate: null, points: 6 });
    Object.assign(lineOf(r, 'mdhl.tthcSatisfaction'), { numerator: 810, denominator: 1000, rate: 81, points: 5.4 });
    r.groups[4]!.score = 17.4;
    const e = estimateReport(r);
    const mdhl = group(e, 'MDHL');
    expect(mdhl).toMatchObject({ official: 17.4, estimated: 17.4, tolerance: 0.01, differs: false, confidence: 'cao' });
    expect(mdhl.subIndicators.map((s) => [s.id, s.status, s.officialPoints, s.estimatedPoints])).toEqual([
      ['mdhl.tthcSatisfaction', null, 5.4, 5.4],
      ['mdhl.paknOnTime', 'Không phát sinh', 6, 6],
      ['mdhl.paknSatisfaction', 'Không phát sinh', 6, 6],
    ]);
    // Information lines (0 points) have no rule.
    expect(rulesForReport(r).some((x) => x.subIndicator === 'mdhl.paknOnRules')).toBe(false);
    r.groups[4]!.score = 17.3;
    expect(group(estimateReport(r), 'MDHL').differs).toBe(true);
  });
});

describe('what-if targets', () => {
  it('đúng hạn 92,08 → 97 and thanh toán 89,73 → 95 raise the projection; official figures never change', () => {
    const r = loadSample();
    const before = JSON.stringify(r);
    const s = simulate(r, { 'tdgq.onTime': 97, 'tttt.dossiersOnline': 95 });
    expect(JSON.stringify(r)).toBe(before);
    const tdgq = group(s, 'TDGQ');
    expect(tdgq).toMatchObject({ official: 18.7, estimated: 19.4, gain: 0.98, projected: 19.68 });
    expect(tdgq.subIndicators[0]).toMatchObject({ rate: 92.08, target: 97, estimatedPoints: 19.4 });
    expect(group(s, 'TTTT')).toMatchObject({ official: 8.3, gain: 0.32, projected: 8.62 });
    expect(s.totals).toMatchObject({ official: 88.4, projected: 89.7, band: 'Tốt', nextBand: { label: 'Xuất sắc', gap: 0.3 } });
    expect(s.targets).toEqual({ 'tdgq.onTime': 97, 'tttt.dossiersOnline': 95 });
  });

  it('targets that reach the next band', () => {
    const s = simulate(loadSample(), { 'tdgq.onTime': 100, 'tttt.dossiersOnline': 100 });
    // TDGQ 18,7 + 1,58 stops at its maximum 20 (+1,3); TTTT 8,3 + 0,62: 88,4 + 1,3 + 0,62 = 90,32.
    expect(group(s, 'TDGQ')).toMatchObject({ gain: 1.58, projected: 20 });
    expect(s.totals).toMatchObject({ official: 88.4, projected: 90.32, band: 'Xuất sắc', nextBand: null, officialBand: 'Tốt' });
  });

  it('a group never gains past its maximum; unknown targets are left out and named', () => {
    const s = simulate(loadSample(), { 'mdsh.reuse': 80, 'clgq.partial': 100, 'khong.coDong': 50 });
    expect(group(s, 'MDSH')).toMatchObject({ official: 17.7, gain: 6, projected: 22 });
    expect(s.totals.projected).toBe(92.7); // 88,4 + 4,3, not + 6
    expect(s.ignoredTargets).toEqual(['clgq.partial', 'khong.coDong']);
    expect(s.targets).toEqual({ 'mdsh.reuse': 80 });
  });

  it('the single change that gains most, and the list of changes', () => {
    const r = loadSample();
    const best = bestSingleChange(r);
    expect(best).toMatchObject({ subIndicatorId: 'mdsh.reuse', from: 0, to: 80, gain: 4.3, projectedTotal: 92.7, band: 'Xuất sắc', confidence: 'thấp' });
    const changes = singleChanges(r);
    expect(changes.map((c) => c.subIndicatorId)).toContain('tdgq.onTime');
    expect(changes.find((c) => c.subIndicatorId === 'tdgq.onTime')).toMatchObject({ from: 92.08, to: 100, gain: 1.3 }); // 18,7 + 1,58 stops at 20
    expect(changes.some((c) => c.subIndicatorId === 'ckmb.published')).toBe(false); // already full
    // With a target, the change goes to the target on top of the other targets.
    const withTarget = singleChanges(r, { 'tdgq.onTime': 97, 'mdsh.reuse': 80 });
    expect(withTarget.find((c) => c.subIndicatorId === 'tdgq.onTime')).toBeUndefined(); // already at its target
    expect(withTarget[0]?.gain).toBeGreaterThan(0);
  });
});

describe('units and trend', () => {
  it('units ranked by official total with computed bands; statuses kept, not 0', () => {
    const units = rankUnits(loadSample());
    expect(units[0]).toMatchObject({ name: 'UBND phường Phùng Chí Kiên', total: 92.76, rank: 1, band: 'Xuất sắc' });
    // The seed prints “Tốt” for 72,18; the band of 72,18 is Khá (both are kept).
    expect(units.find((u) => u.name === 'UBND phường Sông Cầu')).toMatchObject({ total: 72.18, band: 'Khá', officialClass: 'Tốt', rank: 8 });
    const dept = units.find((u) => u.name === 'Phòng Kinh tế')!;
    expect(dept).toMatchObject({ total: null, rank: null, band: null, status: 'Không tổng hợp trên Hệ thống' });
    expect(dept.rates.onTime).toBe('Không tổng hợp trên Hệ thống');
    expect(units.find((u) => u.name === 'UBND phường Đức Xuân')!.rates).toMatchObject({ onTime: 97.74, onlinePayment: 93.47 });
    expect(units.slice(0, 8).every((u) => u.total !== null)).toBe(true);
  });

  /** Monthly reports of one issuer from 1/2024 to `months` later, total 80 + i/2, TDGQ 15 + i/4. */
  function history(months: number): Report[] {
    const base = loadSample();
    base.isSample = false;
    const out: Report[] = [];
    for (let i = 0; i < months; i++) {
      const r = newReportFrom(base, { kind: 'month', year: 2024 + Math.floor(i / 12), month: (i % 12) + 1 }, `bc-${i}`);
      r.total = 80 + i / 2;
      r.groups[1]!.score = 15 + i / 4;
      out.push(r);
    }
    return out;
  }

  it('the last 12 periods of the same issuer, oldest first, with the previous period and the change', () => {
    const reports = history(18);
    const other = newReportFrom(loadSample(), { kind: 'month', year: 2025, month: 3 }, 'khac');
    other.profile.locality = 'huyện Chợ Mới';
    other.total = 50;
    const quarter = newReportFrom(loadSample(), { kind: 'quarter', year: 2025, quarter: 1 }, 'quy');
    const current = reports[16]!; // 5/2025
    const t = overviewTrend([...reports, other, quarter, loadSample()], current);
    expect(t.points.map((p) => p.periodLabel)).toEqual([
      'Tháng 6/2024', 'Tháng 7/2024', 'Tháng 8/2024', 'Tháng 9/2024', 'Tháng 10/2024', 'Tháng 11/2024', 'Tháng 12/2024',
      'Tháng 1/2025', 'Tháng 2/2025', 'Tháng 3/2025', 'Tháng 4/2025', 'Tháng 5/2025',
    ]);
    expect(t.current).toMatchObject({ reportId: 'bc-16', total: 88, band: 'Tốt' });
    expect(t.previous).toMatchObject({ reportId: 'bc-15', total: 87.5 });
    expect(t.change).toMatchObject({ total: 0.5, groups: { TDGQ: 0.25, CKMB: null } });
    expect(t.points.every((p) => p.groups.CKMB === null)).toBe(true); // blank stays blank
  });

  it('a gap in the months: no previous period, no change', () => {
    const reports = history(6).filter((r) => r.id !== 'bc-4');
    const t = overviewTrend(reports, reports.at(-1));
    expect(t.points).toHaveLength(5);
    expect(t.previous).toBeNull();
    expect(t.change).toBeNull();
  });

  it('a unit’s own rates month by month', () => {
    const reports = history(3);
    reports.forEach((r, i) => {
      const row = r.tables.find((t) => t.kind === 'onTime')!.rows.find((x) => x.unitId === 'p-song-cau')!;
      row.cells.rate = i === 1 ? null : { t: 'num', v: 90 + i };
    });
    expect(unitTrend(reports, reports[2]!, 'p-song-cau').map((p) => [p.periodLabel, p.rates.onTime])).toEqual([
      ['Tháng 1/2024', 90],
      ['Tháng 2/2024', null],
      ['Tháng 3/2024', 92],
    ]);
  });

  it('buildOverview puts it together, with the saved scenario', () => {
    const reports = history(3);
    const r = reports[2]!;
    r.scenario = { targets: { 'tdgq.onTime': 97 }, savedAt: '2024-04-10T08:00:00.000Z' };
    const o = buildOverview(r, reports);
    expect(o.trend.points).toHaveLength(3);
    expect(o.scenario).toEqual({ targets: { 'tdgq.onTime': 97 }, savedAt: '2024-04-10T08:00:00.000Z' });
    expect(o.estimate.targets).toEqual({});
    expect(o.rules.map((x) => x.subIndicator)).toContain('tdgq.onTime');
    expect(o.units.length).toBe(r.units.length);
  });
});

describe('trend from a library list', () => {
  it('uses the summaries’ group scores, reads a report only when its summary has none, skips unreadable ones', async () => {
    const base = loadSample();
    base.isSample = false;
    const reports = [5, 6, 7].map((m) => {
      const r = m === 7 ? base : newReportFrom(base, { kind: 'month', year: 2024, month: m }, `bc-${m}`);
      if (m !== 7) {
        r.total = 80 + m;
        r.groups[0]!.score = m;
      }
      return r;
    });
    const opened: string[] = [];
    const summary = (r: Report, withScores: boolean) => ({
      id: r.id,
      period: r.period,
      periodKey: `${r.period.kind === 'month' ? r.period.year : 0}-${r.period.kind === 'month' ? String(r.period.month).padStart(2, '0') : '00'}-12`,
      locality: r.profile.locality,
      isSample: r.isSample,
      total: r.total,
      ...(withScores ? { groupScores: Object.fromEntries(r.groups.map((g) => [g.code, g.score])) as Record<string, number | null> } : {}),
    });
    const source = {
      list: async () => [summary(reports[0]!, true), summary(reports[1]!, false), { ...summary(reports[1]!, false), id: 'hong', period: { kind: 'month' as const, year: 2024, month: 4 }, periodKey: '2024-04-12' }],
      open: async (id: string) => {
        opened.push(id);
        const r = reports.find((x) => x.id === id);
        if (!r) throw new Error('hỏng');
        return { report: r };
      },
    };
    const t = await trendFromLibrary(source as never, reports[2]!);
    expect(opened).toEqual(['bc-6', 'hong']);
    expect(t.points.map((p) => [p.periodLabel, p.total, p.groups.CKMB])).toEqual([
      ['Tháng 5/2024', 85, 5],
      ['Tháng 6/2024', 86, 6],
      ['Tháng 7/2024', 88.4, 18],
    ]);
    expect(t.change).toMatchObject({ total: 2.4, groups: { CKMB: 12 } });
  });
});

describe('the scenario in the report', () => {
  it('is optional, round-trips through the report file, is refused out of range, and does not follow into a new period', () => {
    const r = loadSample();
    r.scenario = { targets: { 'tdgq.onTime': 97, 'tttt.dossiersOnline': 95.5 }, savedAt: '2024-08-10T08:00:00.000Z' };
    const back = parseReportJson(serializeReport(r));
    expect(back.ok && back.report.scenario).toEqual(r.scenario);
    const bad = parseReportJson(serializeReport({ ...r, scenario: { targets: { 'tdgq.onTime': 120 }, savedAt: null } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/scenario\.targets\.tdgq\.onTime/);
    expect(newReportFrom(r, { kind: 'month', year: 2024, month: 8 }, 'thang-8').scenario).toBeUndefined();
    expect('scenario' in loadSample()).toBe(false);
  });
});
