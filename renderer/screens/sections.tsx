// The middle of the report screen: each section's header fields, figures, per-unit tables and paragraphs, edited in place.
import { useCallback, useMemo, useState } from 'react';
import { classify, groupInfo } from '../../core/model/catalog';
import { periodLabel, periodText } from '../../core/model/period';
import { carriedCells } from '../../core/model/carried';
import type { Cell, GroupCode, Report, Table } from '../../core/model/schema';
import { formatDocumentDate, formatDocumentNumber, formatShortDate, parseViDate } from '../../core/text/dates';
import { formatViNumber } from '../../core/text/numbers';
import { groupSectionNumber } from '../../core/text/report-text';
import { api } from '../api';
import { Field } from '../components/Field';
import { Grid, type GridCellChange } from '../components/Grid';
import type { CellDraft } from '../state/draft';
import { formatFigure, parseFigure } from '../state/cells';
import { comparisonColumns } from '../state/month-compare';
import type { Path } from '../state/edits';
import type { Marks } from '../state/marks';
import { cellKey, type ReportStore } from '../state/store';
import { MetricLines } from './indicator-lines';
import { vi } from '../strings/vi';

export interface Previous {
  report: Report;
  label: string;
}

export interface SectionProps {
  store: ReportStore;
  report: Report;
  marks: Marks;
  changed: ReadonlySet<string>;
  previous: Previous | null;
  /** A cell to select (a finding clicked, an undo: `flash` highlights it briefly). */
  focusCell: { tableId: string; unitId: string; columnId: string; seq: number; flash?: boolean } | null;
  /** A grid value being typed (not yet committed), for findings that follow the typing. */
  onDraft?(draft: CellDraft | null): void;
}


/** Commits the document date's month or year: a whole number within its range, else the range message. */
function dateCommit(store: ReportStore, part: 'month' | 'year', min: number, max: number, rangeMessage: string): (text: string) => string | null {
  return (text) => {
    const n = Number(text.trim());
    if (!Number.isInteger(n) || n < min || n > max) return rangeMessage;
    store.change(vi.general.docDate, [{ path: ['document', 'date', part], value: n }]);
    return null;
  };
}

type FigureKind = 'rate' | 'count' | 'score';

function figureCommit(store: ReportStore, path: Path, kind: FigureKind, label: string): (text: string) => string | null {
  return (text) => {
    const parsed = parseFigure(text, kind);
    if (!parsed.ok) return parsed.message;
    store.change(label, [{ path, value: parsed.value }]);
    return null;
  };
}

function textCommit(store: ReportStore, path: Path, label: string, opts: { required?: boolean } = {}): (text: string) => string | null {
  return (text) => {
    const v = text.normalize('NFC').trim();
    if (opts.required && v === '') return vi.general.required;
    store.change(label, [{ path, value: v }]);
    return null;
  };
}

function linesCommit(store: ReportStore, path: Path, label: string, min = 0): (text: string) => string | null {
  return (text) => {
    const lines = text
      .normalize('NFC')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length < min) return vi.general.atLeastOneLine;
    store.change(label, [{ path, value: lines }]);
    return null;
  };
}

/** "▲ tăng 1,2 so với Tháng 6/2024" beside a figure, when last month's report is in the library. */
export function Delta(props: { now: number | null | undefined; before: number | null | undefined; previous: Previous | null; rank?: boolean }): React.JSX.Element | null {
  const { now, before, previous } = props;
  if (!previous || before === null || before === undefined) return null;
  if (now === null || now === undefined) {
    return <span className="delta">{vi.compare.previous(props.rank ? String(before) : formatViNumber(before))}</span>;
  }
  const diff = props.rank ? before - now : now - before;
  const cls = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const amount = props.rank ? '' : formatViNumber(Math.abs(diff));
  const text = diff === 0 ? vi.compare.same : props.rank ? (diff > 0 ? vi.compare.rankUp(diff) : vi.compare.rankDown(-diff)) : diff > 0 ? vi.compare.up(amount) : vi.compare.down(amount);
  return (
    <span className={`delta ${cls}`} title={vi.compare.previous(props.rank ? String(before) : formatViNumber(before))}>
      {text} {vi.compare.vsPrevious(previous.label)}
    </span>
  );
}

export function GeneralSection(p: SectionProps): React.JSX.Element {
  const { store, report: r, marks } = p;
  const f = marks.fields;
  const d = r.document;
  const prev = p.previous?.report;
  return (
    <section className="section" aria-labelledby="sec-title">
      <h2 id="sec-title" tabIndex={-1}>{vi.report.nav.general}</h2>
      <div className="form-grid">
        <div className="field size-md">
          <span className="label">{vi.general.period}</span>
          <div className="readonly">{periodText(r.period)}</div>
        </div>
        <Field
          label={vi.general.docNumber}
          size="sm"
          value={d.number ?? ''}
          loc="document:number"
          mark={f.get('document:number')}
          hint={vi.general.docNumberHint}
          after={<span className="preview-line">{formatDocumentNumber(d.number, d.typeCode, r.profile.bodyCode)}</span>}
          onCommit={(text) => {
            const v = text.trim();
            if (v !== '' && !/^\d+[A-Za-z]?$/.test(v)) return vi.cell.notDocNumber(v);
            store.change(vi.general.docNumber, [{ path: ['document', 'number'], value: v === '' ? null : v }]);
            return null;
          }}
        />
        <fieldset className="date-fields" data-loc-group="document:date">
          <legend>{vi.general.docDate}</legend>
          <Field
            label={vi.general.docDay}
            size="xs"
            numeric
            value={d.date.day === null ? '' : String(d.date.day)}
            loc="document:date"
            mark={f.get('document:date')}
            onCommit={(text) => {
              const v = text.trim();
              if (v === '') {
                store.change(vi.general.docDate, [{ path: ['document', 'date', 'day'], value: null }]);
                return null;
              }
              const n = Number(v);
              if (!Number.isInteger(n) || n < 1 || n > 31) return vi.cell.dayRange;
              store.change(vi.general.docDate, [{ path: ['document', 'date', 'day'], value: n }]);
              return null;
            }}
          />
          <Field
            label={vi.general.docMonth}
            size="xs"
            numeric
            value={String(d.date.month)}
            onCommit={dateCommit(store, 'month', 1, 12, vi.cell.monthRange)}
          />
          <Field
            label={vi.general.docYear}
            size="xs"
            numeric
            value={String(d.date.year)}
            onCommit={dateCommit(store, 'year', 2000, 2100, vi.cell.yearRange)}
          />
          <span className="preview-line">{formatDocumentDate(r.profile.place, d.date)}</span>
        </fieldset>
        <Field
          label={vi.general.dataAsOf}
          size="sm"
          value={r.dataAsOf ? formatShortDate(r.dataAsOf) : ''}
          loc="document:dataAsOf"
          mark={f.get('document:dataAsOf')}
          hint={vi.general.dataAsOfHint}
          onCommit={(text) => {
            const v = text.trim();
            if (v === '') {
              store.change(vi.general.dataAsOf, [{ path: ['dataAsOf'], value: null }]);
              return null;
            }
            const iso = parseViDate(v);
            if (!iso) return vi.cell.notDate(v);
            store.change(vi.general.dataAsOf, [{ path: ['dataAsOf'], value: iso }]);
            return null;
          }}
        />
      </div>
      <h3>{vi.general.partOne}</h3>
      <div className="form-grid">
        <Field
          label={vi.general.total}
          size="sm"
          numeric
          value={formatFigure(r.total, 'score', r.numberStyle)}
          loc="total"
          mark={f.get('total')}
          onCommit={figureCommit(store, ['total'], 'score', vi.general.total)}
          after={<Delta now={r.total} before={prev?.total} previous={p.previous} />}
        />
        <div className="rank-fields">
          <Field
            label={vi.general.rankPosition}
            size="xs"
            numeric
            value={r.rank.position === null ? '' : String(r.rank.position)}
            loc="rank"
            mark={f.get('rank')}
            onCommit={(text) => intCommit(store, ['rank', 'position'], vi.general.rankPosition, text)}
          />
          <span className="slash">/</span>
          <Field
            label={vi.general.rankOf}
            size="xs"
            numeric
            value={r.rank.of === null ? '' : String(r.rank.of)}
            onCommit={(text) => intCommit(store, ['rank', 'of'], vi.general.rankOf, text)}
          />
          {/* "3 / 8 huyện, thành phố" reads as one phrase; the comparison with last month comes after it, never inside. */}
          <span className="muted peer">{r.profile.peerGroup}</span>
          <span className="rank-delta">
            <Delta now={r.rank.position} before={prev?.rank.position} previous={p.previous} rank />
          </span>
        </div>
        <div className="field size-md">
          <span className="label">{vi.general.classification}</span>
          <div className="readonly computed">{r.total === null ? '—' : classify(r.total)}</div>
        </div>
      </div>
      <h3>{vi.general.opening}</h3>
      <Field
        label={vi.general.addressees}
        multiline
        rows={2}
        size="full"
        value={r.profile.addressees.join('\n')}
        onCommit={linesCommit(store, ['profile', 'addressees'], vi.general.addressees, 1)}
      />
      {r.profile.plan && (
        <div className="form-grid">
          <Field label={vi.general.planNumber} size="sm" value={r.profile.plan.number} onCommit={textCommit(store, ['profile', 'plan', 'number'], vi.general.planNumber, { required: true })} />
          <Field
            label={vi.general.planDate}
            size="sm"
            value={formatShortDate(r.profile.plan.date)}
            onCommit={(text) => {
              const iso = parseViDate(text.trim());
              if (!iso) return vi.cell.notDate(text.trim());
              store.change(vi.general.planDate, [{ path: ['profile', 'plan', 'date'], value: iso }]);
              return null;
            }}
          />
          <Field label={vi.general.planIssuer} size="lg" value={r.profile.plan.issuer} onCommit={textCommit(store, ['profile', 'plan', 'issuer'], vi.general.planIssuer, { required: true })} />
        </div>
      )}
      {r.basis.map((para, i) => (
        <Field key={i} label={vi.general.paragraph(i + 1)} multiline rows={3} size="full" value={para} onCommit={textCommit(store, ['basis', i], vi.general.basis)} />
      ))}
    </section>
  );
}

function intCommit(store: ReportStore, path: Path, label: string, text: string): string | null {
  const v = text.trim();
  if (v === '') {
    store.change(label, [{ path, value: null }]);
    return null;
  }
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) return vi.general.badRankPosition(v);
  store.change(label, [{ path, value: n }]);
  return null;
}

export function GroupSection(p: SectionProps & { code: GroupCode }): React.JSX.Element {
  const { store, report: r, marks, code } = p;
  const gi = r.groups.findIndex((g) => g.code === code);
  const g = r.groups[gi]!;
  const info = groupInfo(code);
  const prevGroup = p.previous?.report.groups.find((x) => x.code === code);
  const f = marks.fields;
  return (
    <section className="section" aria-labelledby="sec-title">
      <h2 id="sec-title" tabIndex={-1}>{vi.report.nav[code]}</h2>
      <div className="group-score">
        <Field
          label={`${groupSectionNumber(code)}. ${vi.report.groupHeading(info.topic)} (${vi.report.maxPoints(formatViNumber(g.max))})`}
          size="sm"
          numeric
          value={formatFigure(g.score, 'score', r.numberStyle)}
          loc={`group:${code}`}
          mark={f.get(`group:${code}`)}
          onCommit={figureCommit(store, ['groups', gi, 'score'], 'score', vi.report.scoreOf(formatViNumber(g.max)))}
          after={
            <>
              <span className="of-max">{vi.report.ofMax(formatViNumber(g.max))}</span>
              <Delta now={g.score} before={prevGroup?.score} previous={p.previous} />
            </>
          }
        />
      </div>
      {g.lines.some((l) => l.kind === 'metric') ? (
        <MetricLines store={store} report={r} marks={marks} group={g} gi={gi} />
      ) : (
      <table className="lines">
        <thead>
          <tr>
            <th>{vi.report.lineHeader}</th>
            <th className="num">{vi.report.count}</th>
            <th className="num">{vi.report.ratePct}</th>
          </tr>
        </thead>
        <tbody>
          {g.lines.map((line, li) => (
            <tr key={line.id} className={`level-${line.level}${line.kind === 'heading' ? ' heading' : ''}`}>
              <td className="line-label">
                {line.label}
                {line.src === 'dossiers' && <span className="tag computed" title={vi.report.computedFigure}>{vi.report.computedTag}</span>}
              </td>
              <td className="num">
                {line.countUnit !== undefined && (
                  <Field
                    label={`${line.label}: ${vi.report.count}`}
                    hideLabel
                    size="sm"
                    numeric
                    value={formatFigure(line.count, 'count')}
                    loc={`line:${code}:${line.id}:count`}
                    mark={f.get(`line:${code}:${line.id}:count`)}
                    onCommit={figureCommit(store, ['groups', gi, 'lines', li, 'count'], 'count', line.label)}
                    after={line.countUnit ? <span className="unit-word">{line.countUnit}</span> : undefined}
                  />
                )}
              </td>
              <td className="num">
                {line.hasRate && (
                  <Field
                    label={`${line.label}: ${vi.report.ratePct}`}
                    hideLabel
                    size="sm"
                    numeric
                    value={formatFigure(line.rate, 'rate', r.numberStyle)}
                    loc={`line:${code}:${line.id}:rate`}
                    mark={f.get(`line:${code}:${line.id}:rate`)}
                    onCommit={figureCommit(store, ['groups', gi, 'lines', li, 'rate'], 'rate', line.label)}
                    after={<span className="unit-word">%</span>}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      <SectionTables {...p} section={code} />
    </section>
  );
}

export function SectionTables(p: SectionProps & { section: string }): React.JSX.Element {
  const tables = p.report.tables.map((t, ti) => ({ t, ti })).filter(({ t }) => t.section === p.section);
  if (tables.length === 0) return <p className="muted">{vi.report.noTables}</p>;
  return (
    <>
      {tables.map(({ t, ti }) => (
        <TableBlock key={t.id} {...p} table={t} tableIndex={ti} />
      ))}
    </>
  );
}

function TableBlock(p: SectionProps & { table: Table; tableIndex: number }): React.JSX.Element {
  const { store, table, tableIndex, report } = p;
  const marks = p.marks.cells.get(table.id);
  const changed = useMemo(() => {
    const out = new Set<string>();
    const prefix = `${table.id}|`;
    for (const k of p.changed) if (k.startsWith(prefix)) out.add(k.slice(prefix.length));
    return out;
  }, [p.changed, table.id]);
  // Statuses carried over from last period: highlighted like an import until the clerk confirms them.
  const carried = useMemo(() => new Set(carriedCells(report).filter((c) => c.tableId === table.id).map((c) => `${c.unitId}|${c.columnId}`)), [report, table.id]);
  const highlighted = useMemo(() => (carried.size === 0 ? changed : new Set([...changed, ...carried])), [changed, carried]);
  const tableMark = p.marks.fields.get(`table:${table.id}`);
  const onChange = useCallback(
    (changes: GridCellChange[], label: string, kind: string) => {
      const t = store.getState().report.tables[tableIndex]!;
      const sets = changes.map((c) => ({ path: ['tables', tableIndex, 'rows', c.rowIndex, 'cells', c.columnId] as Path, value: c.cell as Cell }));
      const highlight = kind === 'paste' ? changes.map((c) => cellKey(t.id, t.rows[c.rowIndex]!.unitId, c.columnId)) : undefined;
      // The stored report is kept as a version before a paste (the library runs calls in order, before the next save).
      if (kind === 'paste') void api()['library.snapshot']({ id: store.getState().id, reason: 'before-import' }).catch(() => undefined);
      store.change(label, sets, highlight ? { highlight } : {});
    },
    [store, tableIndex],
  );
  const focusRequest = p.focusCell && p.focusCell.tableId === table.id ? p.focusCell : null;
  // The month comparison: last period's figure and the change beside the table (screen only, never printed).
  const [compare, setCompare] = useState(false);
  const previous = p.previous;
  const extraColumns = useMemo(
    () => (compare && previous ? comparisonColumns(table, previous.report, previous.label, report.numberStyle) : null),
    [compare, previous, table, report.numberStyle],
  );
  const canCompare = useMemo(() => (previous ? comparisonColumns(table, previous.report, previous.label) !== null : false), [previous, table]);
  return (
    <div className="table-block" data-table={table.id}>
      <h3 className="table-title" data-loc={`table:${table.id}`} tabIndex={-1}>
        {table.title}
      </h3>
      {canCompare && previous && (
        <label className="compare-toggle">
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} /> {vi.compare.showPrevious(previous.label)}
        </label>
      )}
      {tableMark && <div className={`field-msg ${tableMark.severity}`}>{tableMark.messages.join(' ')}</div>}
      {changed.size > 0 && (
        <div className="changed-bar">
          <span>
            {vi.report.changedCells(changed.size)} <button onClick={() => store.acceptChanges()}>{vi.grid.acceptChanges}</button>
          </span>
        </div>
      )}
      {carried.size > 0 && (
        <div className="changed-bar carried-bar">
          <span>
            {vi.carried.tableNote(carried.size)} <button onClick={() => confirmCarried(store)}>{vi.carried.confirm}</button>
          </span>
        </div>
      )}
      <Grid
        table={table}
        units={report.units}
        blocks={report.blocks}
        numberStyle={report.numberStyle}
        marks={marks}
        changed={highlighted}
        onChange={onChange}
        focusRequest={focusRequest}
        onDraft={(d) => p.onDraft?.(d && { ...d, tableId: table.id })}
        {...(extraColumns ? { extraColumns } : {})}
      />
      <Field
        label={vi.report.note}
        size="full"
        value={table.note ?? ''}
        placeholder={vi.report.notePlaceholder}
        onCommit={(text) => {
          const v = text.normalize('NFC').trim();
          store.change(vi.report.note, [{ path: ['tables', tableIndex, 'note'], value: v === '' ? null : v }]);
          return null;
        }}
      />
    </div>
  );
}

export function EvaluationSection(p: SectionProps): React.JSX.Element {
  return (
    <section className="section" aria-labelledby="sec-title">
      <h2 id="sec-title" tabIndex={-1}>{vi.report.nav.II}</h2>
      <SectionTables {...p} section="II" />
    </section>
  );
}

export function ClosingSection(p: SectionProps): React.JSX.Element {
  const { store, report: r } = p;
  const s = r.profile.signer;
  return (
    <section className="section" aria-labelledby="sec-title">
      <h2 id="sec-title" tabIndex={-1}>{vi.report.nav.closing}</h2>
      {r.extraSections.map((x, i) => (
        <div key={i} className="extra">
          <Field label={vi.closing.extra} size="full" value={x.heading} onCommit={textCommit(store, ['extraSections', i, 'heading'], vi.closing.extra, { required: true })} />
          <Field label={vi.closing.extraParagraphs} multiline rows={4} size="full" value={x.paragraphs.join('\n')} onCommit={linesCommit(store, ['extraSections', i, 'paragraphs'], vi.closing.extraParagraphs)} />
        </div>
      ))}
      <h3>{vi.closing.recipientsHeading}</h3>
      <Field label={vi.closing.recipientsIntro} size="lg" value={r.profile.recipientsIntro} onCommit={textCommit(store, ['profile', 'recipientsIntro'], vi.closing.recipientsIntro)} />
      <Field label={vi.closing.recipients} multiline rows={6} size="lg" value={r.profile.recipients.join('\n')} onCommit={linesCommit(store, ['profile', 'recipients'], vi.closing.recipients)} />
      <h3>{vi.closing.signer}</h3>
      <div className="form-grid">
        <div className="field size-md">
          <label htmlFor="signer-capacity">{vi.closing.capacity}</label>
          <select
            id="signer-capacity"
            value={s.capacity}
            onChange={(e) => store.change(vi.closing.capacity, [{ path: ['profile', 'signer', 'capacity'], value: e.target.value }])}
          >
            <option value="TM">{vi.closing.capacityTM}</option>
            <option value="KT">{vi.closing.capacityKT}</option>
            <option value="none">{vi.closing.capacityNone}</option>
          </select>
        </div>
        {s.capacity === 'TM' && <Field label={vi.closing.body} size="md" value={s.body} onCommit={textCommit(store, ['profile', 'signer', 'body'], vi.closing.body)} />}
        {s.capacity === 'KT' && <Field label={vi.closing.head} size="md" value={s.head} onCommit={textCommit(store, ['profile', 'signer', 'head'], vi.closing.head)} />}
        <Field label={vi.closing.title} size="md" value={s.title} onCommit={textCommit(store, ['profile', 'signer', 'title'], vi.closing.title)} />
        <Field label={vi.closing.name} size="md" value={s.name} onCommit={textCommit(store, ['profile', 'signer', 'name'], vi.closing.name)} />
      </div>
      <p className="muted">
        {periodLabel(r.period)} · {formatDocumentDate(r.profile.place, r.document.date)}
      </p>
    </section>
  );
}

/** Accepts every status carried over from last period (one undoable step): the marks go, the statuses stay. */
export function confirmCarried(store: ReportStore): void {
  store.change(vi.carried.confirmLabel, [{ path: ['carried'], value: [] }]);
}
