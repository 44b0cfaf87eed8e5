// A group's metric lines on the report screen: Chỉ tiêu · Tử số · Mẫu số · Tỷ lệ · Điểm / tối đa, each figure edited in place, and the clerk's line edits (add, remove, move, reword) as undoable patches.
import type { ImportPatch } from '../../core/import/patch';
import { blankLine, type LineEdit } from '../../core/model/indicators-lines';
import type { Group, GroupCode, Line, Report } from '../../core/model/schema';
import { formatViNumber } from '../../core/text/numbers';
import { Field } from '../components/Field';
import { formatFigure, parseFigure } from '../state/cells';
import type { Marks } from '../state/marks';
import type { ReportStore } from '../state/store';
import { vi } from '../strings/vi';

const t = vi.indicators;

/** Applies line edits as one undoable step; a refused edit (stale) shows nothing changed and returns its message. */
function editLines(store: ReportStore, edits: LineEdit[], label: string): string | null {
  const patch: ImportPatch = { changes: [], aliases: [], rows: [], lines: edits };
  try {
    store.applyImportPatch(patch, label);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function figureCell(store: ReportStore, marks: Marks, code: GroupCode, gi: number, li: number, line: Line, field: 'numerator' | 'denominator' | 'rate' | 'points', report: Report): React.JSX.Element {
  const kind = field === 'rate' ? 'rate' : field === 'points' ? 'score' : 'count';
  const loc = `line:${code}:${line.id}:${field}`;
  const value = line[field] ?? null;
  return (
    <Field
      label={`${line.label}: ${t.columns[field]}`}
      hideLabel
      size="sm"
      numeric
      value={formatFigure(value, kind, report.numberStyle)}
      loc={loc}
      mark={marks.fields.get(loc)}
      onCommit={(text) => {
        const parsed = parseFigure(text, kind);
        if (!parsed.ok) return parsed.message;
        store.change(line.label, [{ path: ['groups', gi, 'lines', li, field], value: parsed.value }]);
        return null;
      }}
      after={field === 'rate' ? <span className="unit-word">%</span> : field === 'points' ? <span className="of-max">/{formatViNumber(line.maxPoints ?? 0)}</span> : undefined}
    />
  );
}

/** The metric table of one group (shown when the group has metric lines). */
export function MetricLines(p: { store: ReportStore; report: Report; marks: Marks; group: Group; gi: number }): React.JSX.Element {
  const { store, report, marks, group: g, gi } = p;
  const code = g.code;
  return (
    <>
      <table className="lines metrics" data-group={code}>
        <thead>
          <tr>
            <th>{t.columns.label}</th>
            <th className="num">{t.columns.numerator}</th>
            <th className="num">{t.columns.denominator}</th>
            <th className="num">{t.columns.rate}</th>
            <th className="num">{t.columns.pointsOfMax}</th>
            <th aria-label={t.actions} />
          </tr>
        </thead>
        <tbody>
          {g.lines.map((line, li) => (
            <tr key={line.id} data-line={line.id}>
              <td className="line-label">
                <Field
                  label={t.labelOf(li + 1)}
                  hideLabel
                  size="full"
                  value={line.label}
                  onCommit={(text) => {
                    const after = text.normalize('NFC').trim();
                    if (!after) return t.emptyLabel;
                    if (after === line.label) return null;
                    return editLines(store, [{ op: 'reword', group: code, lineId: line.id, before: line.label, after }], t.reword);
                  }}
                />
              </td>
              {line.kind === 'metric' ? (
                <>
                  <td className="num">{figureCell(store, marks, code, gi, li, line, 'numerator', report)}</td>
                  <td className="num">{figureCell(store, marks, code, gi, li, line, 'denominator', report)}</td>
                  <td className="num">{figureCell(store, marks, code, gi, li, line, 'rate', report)}</td>
                  <td className="num">{(line.maxPoints ?? 0) > 0 ? figureCell(store, marks, code, gi, li, line, 'points', report) : <span className="muted">{t.noPoints}</span>}</td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  {line.hasRate ? formatFigure(line.rate ?? null, 'rate', report.numberStyle) : ''}
                </td>
              )}
              <td className="line-actions">
                <button type="button" className="icon" title={t.up} aria-label={`${t.up}: ${line.label}`} disabled={li === 0} onClick={() => editLines(store, [{ op: 'move', group: code, from: li, to: li - 1 }], t.move)}>
                  ↑
                </button>
                <button type="button" className="icon" title={t.down} aria-label={`${t.down}: ${line.label}`} disabled={li === g.lines.length - 1} onClick={() => editLines(store, [{ op: 'move', group: code, from: li, to: li + 1 }], t.move)}>
                  ↓
                </button>
                <button type="button" className="icon" title={t.remove} aria-label={`${t.remove}: ${line.label}`} onClick={() => editLines(store, [{ op: 'remove', group: code, index: li, line: structuredClone(line) }], t.remove)}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="metric-tools">
        <button type="button" onClick={() => editLines(store, [{ op: 'add', group: code, index: g.lines.length, line: blankLine(report, code, t.newLabel) }], t.add)}>
          {t.add}
        </button>{' '}
        <span className="muted">{t.setName(report.indicators.name)}</span>
      </p>
    </>
  );
}
