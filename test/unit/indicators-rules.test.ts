// Each check of metric lines passes on consistent figures and fails on the broken one, naming the line's id; the 2024 sample raises none of them.
import { describe, expect, it } from 'vitest';
import { withIndicatorSet } from '../../core/model/indicators';
import { loadSample } from '../../core/model/report';
import type { Line, Report } from '../../core/model/schema';
import { missingFigures, runChecks } from '../../core/rules';

function report2026(): Report {
  const r = withIndicatorSet(loadSample(), '2026');
  r.period = { kind: 'month', year: 2026, month: 10 };
  return r;
}
const line = (r: Report, id: string): Line => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!;
const only = (r: Report, ruleId: string) => runChecks(r).filter((f) => f.ruleId === ruleId);
const set = (r: Report, id: string, f: Partial<Line>): void => void Object.assign(line(r, id), f);

/** CKMB filled consistently: 6 + 3,85 + 2 + 6 = 17,85. */
function ckmb(): Report {
  const r = report2026();
  set(r, 'ckmb.publishedOnTime', { numerator: 120, denominator: 120, rate: 100, points: 6 });
  set(r, 'ckmb.updatedOnTime', { numerator: 1052, denominator: 1092, rate: 96.34, points: 3.85 });
  set(r, 'ckmb.fullContent', { numerator: 1092, denominator: 1092, rate: 100, points: 2 });
  set(r, 'ckmb.syncedDvcqg', { numerator: 370610, denominator: 370610, rate: 100, points: 6 });
  r.groups[0]!.score = 17.85;
  return r;
}

describe('metric line checks', () => {
  it('consistent figures raise no line finding', () => {
    expect(runChecks(ckmb()).filter((f) => f.ruleId.startsWith('line-'))).toEqual([]);
  });

  it('line-rate-ratio: rate = numerator / denominator, within rounding to 2 decimals', () => {
    const r = ckmb();
    set(r, 'ckmb.updatedOnTime', { rate: 96.3 }); // 1052/1092 = 96,3369… → 96,34
    const f = only(r, 'line-rate-ratio');
    expect(f).toHaveLength(1);
    expect(f[0]!.location).toEqual({ kind: 'line', group: 'CKMB', lineId: 'ckmb.updatedOnTime', field: 'rate' });
    expect(f[0]!.message).toContain('1.052/1.092 là 96,34%');
    set(r, 'ckmb.updatedOnTime', { rate: 96.34 });
    expect(only(r, 'line-rate-ratio')).toEqual([]);
    set(r, 'ckmb.updatedOnTime', { numerator: 1093 });
    expect(only(r, 'line-numerator-over')[0]?.location).toMatchObject({ lineId: 'ckmb.updatedOnTime', field: 'numerator' });
  });

  it('line-zero-of-zero: 0 of 0 is blank, not 0 %', () => {
    const r = report2026();
    set(r, 'mdhl.paknOnTime', { numerator: 0, denominator: 0, rate: null, points: 6 });
    expect(only(r, 'line-zero-of-zero')).toEqual([]);
    expect(only(r, 'line-points-rule')).toEqual([]); // full points where nothing happened
    set(r, 'mdhl.paknOnTime', { rate: 0 });
    const f = only(r, 'line-zero-of-zero');
    expect(f.map((x) => x.location)).toEqual([{ kind: 'line', group: 'MDHL', lineId: 'mdhl.paknOnTime', field: 'rate' }]);
    expect(f[0]!.message).toContain('để trống');
  });

  it('line-points-max: points never above the line’s maximum', () => {
    const r = ckmb();
    set(r, 'ckmb.fullContent', { points: 2.5 });
    expect(only(r, 'line-points-max').map((f) => f.location)).toEqual([{ kind: 'line', group: 'CKMB', lineId: 'ckmb.fullContent', field: 'points' }]);
  });

  it('line-group-sum: the group score is the sum of its lines’ points (0,01), only where all are given', () => {
    const r = ckmb();
    r.groups[0]!.score = 17.86; // within 0,01
    expect(only(r, 'line-group-sum')).toEqual([]);
    r.groups[0]!.score = 17.5;
    const f = only(r, 'line-group-sum');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('6 + 3,85 + 2 + 6 = 17,85');
    expect(f[0]!.message).toContain('Công khai, minh bạch');
    set(r, 'ckmb.fullContent', { points: null }); // a blank is not a zero: no sum to compare
    expect(only(r, 'line-group-sum')).toEqual([]);
  });

  it('line-points-rule: points against the confirmed 2026 rule, a warning marked as an estimate', () => {
    const r = ckmb();
    set(r, 'ckmb.updatedOnTime', { points: 3.5 });
    const f = only(r, 'line-points-rule');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', estimate: true, location: { lineId: 'ckmb.updatedOnTime' } });
    expect(f[0]!.message).toContain('3,85/4');
  });

  it('the final-export gate lists a metric line’s blank figures', () => {
    const r = ckmb();
    set(r, 'ckmb.syncedDvcqg', { points: null });
    const m = missingFigures(r).filter((i) => i.location.kind === 'line' && i.location.group === 'CKMB');
    expect(m.map((i) => i.location)).toEqual([{ kind: 'line', group: 'CKMB', lineId: 'ckmb.syncedDvcqg', field: 'points' }]);
  });

  it('the 2024 sample raises none of them', () => {
    expect(runChecks(loadSample()).filter((f) => f.ruleId.startsWith('line-'))).toEqual([]);
  });
});
