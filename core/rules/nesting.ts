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
    const subsets = [col(online), col(onTime), col(overdue)].filter((c) => c !== undefined);
    const on = col(onTime);
    const over = col(overdue);
    for (const row of t.rows) {
      const name = ctx.unitName(row.unitId);
      const total = row.cells[rec.id];
      if (!isNum(total)) continue;
      const at = (columnId: string) => ({ kind: 'cell', tableId: t.id, unitId: row.unitId, columnId }) as const;
      let nested = true;
      for (const sub of subsets) {
        const c = row.cells[sub.id];
        if (!isNum(c) || c.v <= total.v) continue;
        nested = false;
        out.push({
          ruleId: 'subset-not-larger',
          severity: 'error',
          message: `${name}: “${sub.header}” (${ctx.n(c.v)}) lớn hơn “${rec.header}” (${ctx.n(total.v)}) trong bảng “${t.title}”. Hãy kiểm tra lại hai số này.`,
          location: at(sub.id),
        });
      }
      if (!nested || !on || !over) continue;
      const a = row.cells[on.id];
      const b = row.cells[over.id];
      if (!isNum(a) || !isNum(b) || a.v + b.v === total.v) continue;
      out.push({
        ruleId: 'counts-sum',
        severity: 'error',
        message: `${name}: “${on.header}” (${ctx.n(a.v)}) và “${over.header}” (${ctx.n(b.v)}) cộng lại là ${ctx.n(a.v + b.v)}, khác “${rec.header}” (${ctx.n(total.v)}) trong bảng “${t.title}”. Hãy kiểm tra lại ba số này.`,
        location: at(rec.id),
      });
    }
  }
  return out;
};
