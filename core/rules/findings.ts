// Findings of the consistency checks: what a rule reports, where in the report it points, and which section that is.
import type { Cell, GroupCode, Report, Section } from '../model/schema';
import type { LineField } from '../model/indicators-lines';

export type Severity = 'error' | 'warning';

export type Location =
  | { kind: 'total' }
  | { kind: 'rank' }
  | { kind: 'group'; group: GroupCode }
  | { kind: 'line'; group: GroupCode; lineId: string; field?: LineField }
  | { kind: 'cell'; tableId: string; unitId: string; columnId: string }
  | { kind: 'table'; tableId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'document'; field: 'date' | 'number' | 'dataAsOf' };

export interface Finding {
  /** Stable rule id, e.g. "rate-matches-count". */
  ruleId: string;
  severity: Severity;
  /** One Vietnamese sentence naming the figures and the fix. */
  message: string;
  location: Location;
  /** True when the rule rests on reverse-engineered scoring formulas: an estimate, not a fact. */
  estimate?: boolean;
  /** The one right value, where the rule knows it for certain (a rate from its counts, a class from its band…). */
  fix?: Fix;
}

/**
 * A one-click correction: the value to write at a line field or a table cell, and the button's words
 * ("Sửa thành 89,32%"). The app applies it as if the clerk had typed it (one undoable step).
 */
export type Fix =
  | { location: { kind: 'line'; group: GroupCode; lineId: string; field: LineField }; value: number | null; label: string }
  | { location: Extract<Location, { kind: 'cell' }>; value: Cell; label: string };

/** Navigation sections of the report screen, in the document's own numbering. */
export const NAV_SECTIONS = ['general', 'CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDHL', 'MDSH', 'II', 'closing'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/** The navigation section a finding belongs to. */
export function sectionOf(location: Location, report: Report): NavSection {
  switch (location.kind) {
    case 'total':
    case 'rank':
    case 'document':
    case 'unit':
      return 'general';
    case 'group':
    case 'line':
      return location.group;
    case 'cell':
    case 'table': {
      const table = report.tables.find((t) => t.id === location.tableId);
      return (table?.section ?? 'general') as Section;
    }
  }
}

/** Counts errors and warnings per navigation section (for the badges). */
export function countBySection(findings: readonly Finding[], report: Report): Record<NavSection, { errors: number; warnings: number }> {
  const counts = Object.fromEntries(NAV_SECTIONS.map((s) => [s, { errors: 0, warnings: 0 }])) as Record<
    NavSection,
    { errors: number; warnings: number }
  >;
  for (const f of findings) {
    const c = counts[sectionOf(f.location, report)];
    if (f.severity === 'error') c.errors++;
    else c.warnings++;
  }
  return counts;
}
