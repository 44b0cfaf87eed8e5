// Earlier months of the sample report (same issuer), with other totals and group scores, for the overview's trend.
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';

/** Month `month`/2024 of the sample with the given total and group scores (CKMB…MDSH) and every unit's total shifted. */
export function sampleMonth(month: number, total: number, groups: readonly number[], unitShift = 0): Report {
  const r = structuredClone(loadSample());
  r.id = `thang-${month}`;
  r.isSample = false;
  r.period = { kind: 'month', year: 2024, month };
  r.document = { ...r.document, number: String(300 + month), date: { year: 2024, month: month === 12 ? 12 : month + 1, day: 5 } };
  r.total = total;
  r.groups.forEach((g, i) => (g.score = groups[i] ?? g.score));
  for (const t of r.tables)
    if (t.kind === 'evaluation')
      for (const row of t.rows) {
        const c = row.cells.total;
        if (c?.t === 'num') row.cells.total = { t: 'num', v: Math.max(0, Math.min(100, Number((c.v + unitShift).toFixed(2)))) };
      }
  return r;
}

/** May, June and July 2024: the total rising 84,1 → 85,6 → the sample's own July figures. */
export function threeMonths(): Report[] {
  const july = structuredClone(loadSample());
  july.id = 'thang-7';
  july.isSample = false;
  return [sampleMonth(5, 84.1, [17, 18.1, 7.2, 8, 17.5, 16.3], -3), sampleMonth(6, 85.6, [18, 18.3, 7.5, 8.1, 17.8, 15.9], -1.5), july];
}
