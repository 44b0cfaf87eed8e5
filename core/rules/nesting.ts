// Rules of sums and nesting: a unit's Part II group scores add up to its total; counts that nest (a part never outnumbers its whole; on time + overdue = received).
import { roundTo } from '../text/numbers';
import type { Finding } from './findings';
import { isNum, type Rule } from './rule';

/**
 * Counts of group lines that nest: the part cannot outnumber the whole (the sum of the whole's lines). Every TTHC
 * with an online-payment transaction is one with a financial obligation, whether or not that obligation is
 * integrated on the national portal.
 */
export const LINE_NESTS: readonly { part: string; whole: readonly string[]; partName: string; wholeName: string }[] = [
  {
    part: 'tttt.proceduresOnline',
    whole: ['tttt.obligationsOnPortal', 'tttt.obligationsNotIntegrated'],
    partName: 'TTHC có giao dịch thanh toán trực tuyến',
    wholeName: 'TTHC có yêu cầu nghĩa vụ tài chính',
  },
];

/**
 * Per-unit count columns the rules understand, by column id, in whatever table carries them (the portal's 2026 pages
 * give received, on time and overdue counts per unit): online ≤ received, on time ≤ received, overdue ≤ received,
 * and on time + overdue = received where all three are given.
 */
export const UNIT_COUNT_COLUMNS = { received: 'received', onTime: 'onTime', overdue: 'overdue', online: 'online' } as const;

/** One unit's counts (null where not given). */
export type UnitCounts = { received: number | null; onTime: number | null; overdue: number | null; online: number | null };

/** What is wrong with one unit's counts: a part larger than the received count, or on time + overdue ≠ received. */
export type UnitCountProblem =
  | { kind: 'larger'; part: 'online' | 'onTime' | 'overdue'; value: number; received: number }
  | { kind: 'sum'; onTime: number; overdue: number; sum: number; received: number };

/**
 * The one comparison of a unit's counts, used by the report rule (countsNest) and by the import preview: with the
 * received count given, online, on time and overdue each cannot exceed it; when none does and both on time and
 * overdue are given, they add up to it. Blank counts are not zeros: they are left out of every comparison.
 */
export function unitCountProblems(c: UnitCounts): UnitCountProblem[] {
  if (c.received === null) return [];
  const received = c.received;
  const out: UnitCountProblem[] = [];
  for (const part of ['online', 'onTime', 'overdue'] as const) {
    const v = c[part];
    if (v !== null && v > received) out.push({ kind: 'larger', part, value: v, received });
  }
  if (out.length > 0 || c.onTime === null || c.overdue === null) return out;
  const sum = roundTo(c.onTime + c.overdue, 6);
  if (sum !== received) out.push({ kind: 'sum', onTime: c.onTime, overdue: c.overdue, sum, received });
  return out;
}

/** A unit's group scores in Part II are published to 2 decimals: their sum meets the total within a hundredth. */
const UNIT_SUM_TOLERANCE = 0.01 + 1e-9;

/**
 * Part II: a unit's group scores add up to its "Tổng điểm". Blank scores are not zeros: with every group score given
 * the sum must meet the total; with some blank, the given ones alone must not already exceed it.
 */
export const unitScoresSum: Rule = (r, ctx) => {
  const out: Finding[] = [];
  for (const t of r.tables.filter((t) => t.kind === 'evaluation')) {
    const totalCol = t.columns.find((c) => c.id === 'total');
    const parts = t.columns.filter((c) => c.type === 'score' && c.id !== 'total');
    if (!totalCol || parts.length === 0) continue;
    for (const row of t.rows) {
      const total = row.cells[totalCol.id];
      if (!isNum(total)) continue;
      const given = parts.map((c) => row.cells[c.id]).filter(isNum);
      if (given.length === 0) continue;
      const sum = roundTo(given.reduce((s, c) => s + c.v, 0), 2);
      const terms = `${given.map((c) => ctx.n(c.v)).join(' + ')} = ${ctx.n(sum)}`;
      const location = { kind: 'cell', tableId: t.id, unitId: row.unitId, columnId: totalCol.id } as const;
      if (given.length === parts.length && Math.abs(sum - total.v) > UNIT_SUM_TOLERANCE) {
        out.push({
          ruleId: 'unit-groups-sum-total',
          severity: 'error',
          message: `${ctx.unitName(row.unitId)}: điểm ${parts.length} chỉ số cộng lại là ${terms}, khác “${totalCol.header}” ${ctx.n(total.v)} trong bảng “${t.title}”. Hãy đối chiếu lại điểm từng chỉ số và tổng điểm với Cổng Dịch vụ công.`,
          location,
        });
      } else if (given.length < parts.length && sum > total.v + UNIT_SUM_TOLERANCE) {
        out.push({
          ruleId: 'unit-groups-sum-total',
          severity: 'error',
          message: `${ctx.unitName(row.unitId)}: điểm các chỉ số đã ghi cộng lại là ${terms}, đã lớn hơn “${totalCol.header}” ${ctx.n(total.v)} trong bảng “${t.title}”. Hãy đối chiếu lại điểm từng chỉ số và tổng điểm với Cổng Dịch vụ công.`,
          location,
        });
      }
    }
  }
  return out;
};

/** Counts that nest: group lines (LINE_NESTS) and per-unit count columns (UNIT_COUNT_COLUMNS). */
export const countsNest: Rule = (r, ctx) => {
  const out: Finding[] = [];
  const countOf = (id: string): number | null => {
    const c = ctx.lines.get(id)?.line.count;
    return typeof c === 'number' ? c : null;
  };
  for (const nest of LINE_NESTS) {
    const part = ctx.lines.get(nest.part);
    const partCount = countOf(nest.part);
    const wholeCounts = nest.whole.map(countOf);
    if (!part || partCount === null || wholeCounts.some((c) => c === null)) continue;
    const whole = (wholeCounts as number[]).reduce((a, b) => a + b, 0);
    if (partCount <= whole) continue;
    const terms = wholeCounts.length > 1 ? `${(wholeCounts as number[]).map(ctx.n).join(' + ')} = ${ctx.n(whole)}` : ctx.n(whole);
    out.push({
      ruleId: 'subset-not-larger',
      severity: 'error',
      message: `“${part.line.label}”: ${ctx.n(partCount)} TTHC, nhiều hơn số ${nest.wholeName} (${terms} TTHC), mà ${nest.partName} phải nằm trong số đó. Hãy kiểm tra lại các số lượng này.`,
      location: { kind: 'line', group: part.group, lineId: nest.part, field: 'count' },
    });
  }
  const { received, onTime, overdue, online } = UNIT_COUNT_COLUMNS;
  for (const t of r.tables) {
    const col = (id: string) => t.columns.find((c) => c.id === id && c.type === 'count');
    const rec = col(received);
    if (!rec) continue;
    const cols = { online: col(online), onTime: col(onTime), overdue: col(overdue) };
    for (const row of t.rows) {
      const name = ctx.unitName(row.unitId);
      const value = (c: { id: string } | undefined): number | null => {
        const cell = c ? row.cells[c.id] : null;
        return isNum(cell) ? cell.v : null;
      };
      const at = (columnId: string) => ({ kind: 'cell', tableId: t.id, unitId: row.unitId, columnId }) as const;
      for (const p of unitCountProblems({ received: value(rec), online: value(cols.online), onTime: value(cols.onTime), overdue: value(cols.overdue) })) {
        if (p.kind === 'larger') {
          const sub = cols[p.part]!;
          out.push({
            ruleId: 'subset-not-larger',
            severity: 'error',
            message: `${name}: “${sub.header}” (${ctx.n(p.value)}) lớn hơn “${rec.header}” (${ctx.n(p.received)}) trong bảng “${t.title}”. Hãy kiểm tra lại hai số này.`,
            location: at(sub.id),
          });
        } else {
          out.push({
            ruleId: 'counts-sum',
            severity: 'error',
            message: `${name}: “${cols.onTime!.header}” (${ctx.n(p.onTime)}) và “${cols.overdue!.header}” (${ctx.n(p.overdue)}) cộng lại là ${ctx.n(p.sum)}, khác “${rec.header}” (${ctx.n(p.received)}) trong bảng “${t.title}”. Hãy kiểm tra lại ba số này.`,
            location: at(rec.id),
          });
        }
      }
    }
  }
  return out;
};
