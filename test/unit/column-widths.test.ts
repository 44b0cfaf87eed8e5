// Unit-table widths from content (renderer/state/column-widths.ts) on the sample's real tables: the classification
// tables fit the report's middle column at 1366 px, names wrap to at most two lines, one-column tables keep names whole.
import { describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import { TABLE_BUDGET, tableWidths } from '../../renderer/state/column-widths';

describe('unit table widths', () => {
  const r = loadSample();
  const longest = Math.max(...r.units.map((u) => u.name.length));

  it('the classification tables (7 score columns) fit the budget; the longest name still gets two lines', () => {
    const evaluation = r.tables.filter((t) => t.columns.some((c) => c.id === 'class'));
    expect(evaluation.length).toBeGreaterThanOrEqual(2);
    for (const t of evaluation) {
      const w = tableWidths(t, r.units, r.numberStyle);
      expect(w.total).toBeLessThanOrEqual(TABLE_BUDGET);
      // Two lines of the name column hold the longest name (7,4 px a character, 16 px of padding).
      expect(2 * (w.name - 16)).toBeGreaterThanOrEqual(longest * 7.4);
      // The score columns hold "100,00" and the class column its longest label.
      expect(Math.min(...w.columns)).toBeGreaterThanOrEqual(66);
    }
  });

  it('a one-column table keeps every name on one line', () => {
    const single = r.tables.find((t) => t.columns.length === 1)!;
    const w = tableWidths(single, r.units, r.numberStyle);
    expect(w.name - 22).toBeGreaterThanOrEqual(longest * 7.4 - 0.5);
    expect(w.total).toBeLessThanOrEqual(TABLE_BUDGET);
  });
});
