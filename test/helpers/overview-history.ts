// Months of reports of one issuer for the overview's trend (tests and bench): figures vary month by month, stored in
// a real library folder through ReportLibrary like the app stores them.
import { ReportLibrary } from '../../core/library/library';
import { newReportFrom } from '../../core/model/report';
import type { Report } from '../../core/model/schema';

/**
 * `months` monthly reports from `base` (its profile, units and tables), ending at `base`'s period; each gets the
 * group scores of `base` moved by a small deterministic step (capped at the maximum) and the matching total.
 * The last one is `base` itself (same id and figures).
 */
export function monthlyHistory(base: Report, months: number): Report[] {
  const out: Report[] = [];
  const p = base.period;
  if (p.kind !== 'month') throw new Error('monthlyHistory needs a monthly report');
  for (let i = months - 1; i >= 1; i--) {
    const idx = p.year * 12 + p.month - 1 - i;
    const r = newReportFrom(base, { kind: 'month', year: Math.floor(idx / 12), month: (idx % 12) + 1 }, `${base.id}-t${i}`);
    // The earlier months keep the base's figures, a little lower the further back (never below 0, never above max).
    const from = structuredClone(base);
    r.groups = from.groups.map((g) => ({ ...g, score: g.score === null ? null : Math.max(0, Math.round((g.score - ((i * 0.37 + g.max / 40) % 2)) * 100) / 100) }));
    r.tables = from.tables;
    r.total = r.groups.some((g) => g.score === null) ? null : Math.round(r.groups.reduce((a, g) => a + (g.score ?? 0), 0) * 100) / 100;
    out.push(r);
  }
  out.push(base);
  return out;
}

/** Stores the reports in a library folder (new reports, revision 1 each); returns the library. */
export async function libraryWith(folder: string, reports: readonly Report[]): Promise<ReportLibrary> {
  const lib = new ReportLibrary({ folder, addSampleOnFirstRun: false });
  for (const r of reports) await lib.save(r.id, 0, r);
  return lib;
}
