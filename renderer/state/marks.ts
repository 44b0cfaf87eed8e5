// Where findings point: a key per location, maps of marks for fields and grid cells, and the section of each finding.
import type { Finding, Location } from '../../core/rules';
import type { CellMark } from '../components/Grid';

/** The data-loc key of a field location ("total", "line:TDGQ:tdgq.onTime:rate"…); cells use the grid's own keys. */
export function locKey(loc: Location): string {
  switch (loc.kind) {
    case 'total':
    case 'rank':
      return loc.kind;
    case 'group':
      return `group:${loc.group}`;
    case 'line':
      return `line:${loc.group}:${loc.lineId}:${loc.field ?? ''}`;
    case 'cell':
      return `cell:${loc.tableId}:${loc.unitId}:${loc.columnId}`;
    case 'table':
      return `table:${loc.tableId}`;
    case 'unit':
      return `unit:${loc.unitId}`;
    case 'document':
      return `document:${loc.field}`;
  }
}

function add(map: Map<string, CellMark>, key: string, f: Finding): void {
  const m = map.get(key);
  if (!m) map.set(key, { severity: f.severity, messages: [f.message] });
  else {
    if (!m.messages.includes(f.message)) m.messages.push(f.message);
    if (f.severity === 'error') m.severity = 'error';
  }
}

export interface Marks {
  /** Field marks by locKey; a line finding without a field marks both its count and its rate. */
  fields: Map<string, CellMark>;
  /** Grid marks per table: tableId → "unitId|columnId" → mark. */
  cells: Map<string, Map<string, CellMark>>;
}

export function buildMarks(findings: readonly Finding[]): Marks {
  const fields = new Map<string, CellMark>();
  const cells = new Map<string, Map<string, CellMark>>();
  for (const f of findings) {
    const loc = f.location;
    if (loc.kind === 'cell') {
      let t = cells.get(loc.tableId);
      if (!t) cells.set(loc.tableId, (t = new Map()));
      add(t, `${loc.unitId}|${loc.columnId}`, f);
    } else if (loc.kind === 'line' && !loc.field) {
      add(fields, `line:${loc.group}:${loc.lineId}:count`, f);
      add(fields, `line:${loc.group}:${loc.lineId}:rate`, f);
    } else {
      add(fields, locKey(loc), f);
    }
  }
  return { fields, cells };
}
