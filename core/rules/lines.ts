// Rules of metric lines (the portal's 2026 form): rate = numerator / denominator, 0 of 0 blank, points within the line's maximum, a group's score = the sum of its lines' points, and points against the line's rule (an estimate).
import { pointsByRule } from '../model/indicators';
import type { Line } from '../model/schema';
import { roundTo } from '../text/numbers';
import type { Finding } from './findings';
import { fixLabel, groupName, type Rule } from './rule';

/** Rates are published to 2 decimals: the computed rate, rounded so, must meet the written one within half a hundredth. */
const RATE_ROUNDING = 0.005 + 1e-9;
/** Points are published to 2 decimals: a sum meets the group score within a hundredth. */
const POINTS_TOLERANCE = 0.01 + 1e-9;

const metricLines = (lines: readonly Line[]): Line[] => lines.filter((l) => l.kind === 'metric');
const given = (v: number | null | undefined): v is number => typeof v === 'number';

/** rate = numerator / denominator × 100, rounded to 2 decimals; a numerator never exceeds its denominator. */
export const lineRateMatchesRatio: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const g of r.groups) {
    for (const line of metricLines(g.lines)) {
      const { numerator: n, denominator: d } = line;
      if (!given(n) || !given(d)) continue;
      const at = (field: 'numerator' | 'rate') => ({ kind: 'line', group: g.code, lineId: line.id, field }) as const;
      if (n > d) {
        out.push({
          ruleId: 'line-numerator-over',
          severity: 'error',
          message: `“${line.label}”: tử số ${ctx.n(n)} lớn hơn mẫu số ${ctx.n(d)}. Hãy đối chiếu lại hai số này với Cổng Dịch vụ công.`,
          location: at('numerator'),
        });
        continue;
      }
      const rate = line.rate ?? null;
      if (d === 0 || rate === null) continue;
      const computed = roundTo((n / d) * 100, 2);
      if (Math.abs(computed - rate) > RATE_ROUNDING) {
        out.push({
          ruleId: 'line-rate-ratio',
          severity: 'error',
          message: `“${line.label}”: ${ctx.n(n)}/${ctx.n(d)} là ${ctx.pct(computed)}, khác tỷ lệ đã ghi ${ctx.pct(rate)}. Hãy sửa tỷ lệ hoặc tử số, mẫu số cho khớp.`,
          location: at('rate'),
          fix: { location: at('rate'), value: computed, label: fixLabel(ctx.pct(computed)) },
        });
      }
    }
  }
  return out;
};

/** A rate of 0 of 0 is blank (nothing happened), never 0 % nor any other figure. */
export const lineZeroOfZero: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const g of r.groups) {
    for (const line of metricLines(g.lines)) {
      if (line.denominator !== 0 || !given(line.rate)) continue;
      out.push({
        ruleId: 'line-zero-of-zero',
        severity: 'error',
        message: `“${line.label}”: mẫu số là 0 (không phát sinh) nên tỷ lệ phải để trống, không ghi ${ctx.pct(line.rate)}. Hãy xóa tỷ lệ của dòng này.`,
        location: { kind: 'line', group: g.code, lineId: line.id, field: 'rate' },
        fix: { location: { kind: 'line', group: g.code, lineId: line.id, field: 'rate' }, value: null, label: 'Xóa tỷ lệ' },
      });
    }
  }
  return out;
};

/** A line's points never exceed its maximum (a line of maximum 0 carries no points). */
export const linePointsWithinMax: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const g of r.groups) {
    for (const line of metricLines(g.lines)) {
      if (!given(line.points) || line.points <= (line.maxPoints ?? 0) + 1e-9) continue;
      out.push({
        ruleId: 'line-points-max',
        severity: 'error',
        message: `“${line.label}”: điểm ${ctx.n(line.points)} vượt quá điểm tối đa ${ctx.n(line.maxPoints ?? 0)} của chỉ tiêu. Hãy sửa lại điểm.`,
        location: { kind: 'line', group: g.code, lineId: line.id, field: 'points' },
      });
    }
  }
  return out;
};

/** The group's score is the sum of its lines' points, where every scored line has its points. */
export const groupScoreIsLinesSum: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const g of r.groups) {
    const scored = metricLines(g.lines).filter((l) => (l.maxPoints ?? 0) > 0);
    if (g.score === null || scored.length === 0 || !scored.every((l) => given(l.points))) continue;
    const sum = roundTo(
      scored.reduce((s, l) => s + (l.points ?? 0), 0),
      2,
    );
    if (Math.abs(sum - g.score) <= POINTS_TOLERANCE) continue;
    out.push({
      ruleId: 'line-group-sum',
      severity: 'error',
      message: `Nhóm “${groupName(g.code)}”: điểm các chỉ tiêu cộng lại là ${scored.map((l) => ctx.n(l.points ?? 0)).join(' + ')} = ${ctx.n(sum)}, khác điểm nhóm ${ctx.n(g.score)}. Hãy đối chiếu lại điểm từng chỉ tiêu và điểm nhóm với Cổng Dịch vụ công.`,
      location: { kind: 'group', group: g.code },
    });
  }
  return out;
};

/** Points against the line's rate-to-points rule (domain.md §2): a hint where points were lost, never a correction. */
export const linePointsByRule: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const g of r.groups) {
    for (const line of metricLines(g.lines)) {
      const expected = pointsByRule(line);
      if (expected === null || !given(line.points) || Math.abs(expected - line.points) <= POINTS_TOLERANCE) continue;
      const rule = line.pointsRule!;
      out.push({
        ruleId: 'line-points-rule',
        severity: 'warning',
        estimate: true,
        message: `“${line.label}”: theo quy tắc tính điểm ${r.indicators.set}${rule.confirmed ? ' (đã đối chiếu)' : ' (ước tính)'}, tỷ lệ này được ${ctx.n(expected)}/${ctx.n(line.maxPoints ?? 0)} điểm, khác điểm đã ghi ${ctx.n(line.points)}. Điểm đã ghi vẫn là điểm chính thức: hãy đối chiếu lại tỷ lệ và điểm với Cổng Dịch vụ công.`,
        location: { kind: 'line', group: g.code, lineId: line.id, field: 'points' },
      });
    }
  }
  return out;
};

export const LINE_RULES = { lineRateMatchesRatio, lineZeroOfZero, linePointsWithinMax, groupScoreIsLinesSum, linePointsByRule } as const;
