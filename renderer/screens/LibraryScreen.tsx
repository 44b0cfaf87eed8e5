// The start screen: the report library, newest period first, with new month's report, duplicate, delete and the recycle bin.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecycleEntry, ReportSummary } from '../../core/api/contract';
import { nextPeriod, periodLabel } from '../../core/model/period';
import type { Period } from '../../core/model/schema';
import { formatViNumber } from '../../core/text/numbers';
import { api, onEvent } from '../api';
import { Modal } from '../components/Modal';
import { filterLibrary, isFiltering, libraryYears, NO_FILTER, type LibraryFilter } from '../state/library-filter';
import { vi } from '../strings/vi';

export interface LibraryScreenProps {
  onOpen(id: string): void;
  /** Id of the report to select first (the one just closed). */
  selectId?: string | null;
  message?: string | null;
  /** More toolbar buttons (Sao lưu, Cài đặt), placed after Thùng rác. */
  tools?: React.ReactNode;
  /** A dialog asked for from the menu (Báo cáo mới…, Thùng rác); `seq` makes a repeated request distinct. */
  request?: { kind: 'new' | 'recycle'; seq: number } | null;
  /** Told the selected report, so menu commands on a report (Nhập Excel, Xem trước…) know which one. */
  onSelect?(id: string | null): void;
}

export function LibraryScreen(props: LibraryScreenProps): React.JSX.Element {
  const [items, setItems] = useState<ReportSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(props.selectId ?? null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(props.message ? { text: props.message } : null);
  const [dialog, setDialog] = useState<'new' | 'delete' | 'recycle' | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const fail = (err: unknown): void => setMessage({ text: (err as Error).message || vi.errors.unexpected, error: true });

  const reload = useCallback(async (select?: string) => {
    try {
      const list = await api()['library.list']({});
      setItems(list);
      setSelected((cur) => {
        const want = select ?? cur;
        if (want && list.some((r) => r.id === want)) return want;
        return list[0]?.id ?? null;
      });
    } catch (err) {
      fail(err);
      setItems([]);
    }
  }, []);

  useEffect(() => {
    void reload(props.selectId ?? undefined);
  }, [reload, props.selectId]);
  // Another window or a restored backup changed the library.
  useEffect(() => onEvent('library.changed', () => void reload()), [reload]);

  useEffect(() => {
    if (items && items.length) tableRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the list takes the focus once, when it first arrives; a reload (another window, a restore) must not take it from where the clerk is
  }, [items === null]);

  const [filter, setFilter] = useState<LibraryFilter>(NO_FILTER);
  const shown = useMemo(() => (items ? filterLibrary(items, filter) : null), [items, filter]);
  const current = shown?.find((r) => r.id === selected) ?? null;
  const onSelect = props.onSelect;
  useEffect(() => {
    if (items !== null) onSelect?.(current?.id ?? null);
  }, [current?.id, items === null, onSelect]); // eslint-disable-line react-hooks/exhaustive-deps
  // Opened once the list is read, so "Báo cáo mới" proposes the month after the newest report.
  const requestSeq = props.request?.seq;
  const handledRequest = useRef<number | null>(null);
  useEffect(() => {
    if (!props.request || items === null || handledRequest.current === props.request.seq) return;
    handledRequest.current = props.request.seq;
    setDialog(props.request.kind);
  }, [requestSeq, items === null]); // eslint-disable-line react-hooks/exhaustive-deps

  const duplicate = async (): Promise<void> => {
    if (!current) return;
    try {
      const opened = await api()['library.duplicate']({ id: current.id });
      setMessage({ text: vi.library.duplicated(current.periodLabel) });
      await reload(opened.id);
    } catch (err) {
      fail(err);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const items = shown;
    if (!items || items.length === 0) return;
    const idx = Math.max(0, items.findIndex((r) => r.id === selected));
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[Math.min(items.length - 1, Math.max(0, idx + (e.key === 'ArrowDown' ? 1 : -1)))]!;
      setSelected(next.id);
      listRef.current?.querySelector(`[data-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setSelected(items[e.key === 'Home' ? 0 : items.length - 1]!.id);
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      props.onOpen(current.id);
    } else if (e.key === 'Delete' && current) {
      e.preventDefault();
      setDialog('delete');
    }
  };

  return (
    <div className="screen library">
      <header className="topbar">
        <h1>
          {vi.app.title} <span className="sep">—</span> {vi.library.heading}
        </h1>
        <div className="toolbar" role="toolbar" aria-label={vi.library.heading}>
          <button className="primary" onClick={() => setDialog('new')} accessKey="n">
            {vi.words.newReport}
          </button>
          <button onClick={() => current && props.onOpen(current.id)} disabled={!current}>
            {vi.words.open}
          </button>
          <button onClick={() => void duplicate()} disabled={!current}>
            {vi.words.duplicate}
          </button>
          <button onClick={() => setDialog('delete')} disabled={!current}>
            {vi.words.delete}
          </button>
          <span className="spacer" />
          <button onClick={() => setDialog('recycle')}>{vi.library.recycleBin}</button>
          {props.tools}
        </div>
      </header>
      {message && (
        <div className={`banner${message.error ? ' error' : ''}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </div>
      )}
      <main className="library-main">
        {items === null ? (
          <p className="muted">{vi.app.loading}</p>
        ) : items.length === 0 ? (
          <p className="empty">{vi.library.empty}</p>
        ) : (
          <>
          <LibrarySearch items={items} filter={filter} onChange={setFilter} shown={shown?.length ?? 0} />
          {shown && shown.length === 0 ? (
            <p className="empty" role="status">
              {vi.library.search.none} <button className="link" onClick={() => setFilter(NO_FILTER)}>{vi.library.search.clear}</button>
            </p>
          ) : (
          <table
            ref={tableRef}
            className="library-table"
            tabIndex={0}
            role="grid"
            aria-label={vi.library.heading}
            aria-activedescendant={selected ? `lib-${selected}` : undefined}
            onKeyDown={onKeyDown}
          >
            <thead>
              <tr>
                <th>{vi.library.colPeriod}</th>
                <th>{vi.library.colNumber}</th>
                <th className="num">{vi.library.colTotal}</th>
                <th>{vi.library.colFindings}</th>
                <th>{vi.library.colChanged}</th>
              </tr>
            </thead>
            <tbody ref={listRef}>
              {(shown ?? []).map((r) => (
                <tr
                  key={r.id}
                  id={`lib-${r.id}`}
                  data-id={r.id}
                  className={r.id === selected ? 'selected' : undefined}
                  aria-selected={r.id === selected}
                  onClick={() => setSelected(r.id)}
                  onDoubleClick={() => props.onOpen(r.id)}
                >
                  <td className="period">
                    {r.periodLabel}
                    <span className="locality"> · {r.locality}</span>
                    {r.isSample && <span className="tag sample">{vi.library.sample}</span>}
                  </td>
                  <td>{r.documentNumber ?? <span className="muted">{vi.library.draftNumber}</span>}</td>
                  <td className="num">{r.total === null ? <span className="muted">{vi.library.noTotal}</span> : formatViNumber(r.total)}</td>
                  <td>
                    <FindingCounts f={r.findings} />
                  </td>
                  <td>{vi.formatDateTime(r.savedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          )}
          </>
        )}
        <p className="hint">{vi.library.hint}</p>
      </main>
      {dialog === 'new' && (
        <NewReportDialog
          items={items ?? []}
          onClose={() => setDialog(null)}
          onCreate={async (period) => {
            try {
              const opened = await api()['library.newReport']({ period });
              setDialog(null);
              props.onOpen(opened.id);
            } catch (err) {
              setDialog(null);
              fail(err);
            }
          }}
        />
      )}
      {dialog === 'delete' && current && (
        <Modal title={vi.words.delete} onClose={() => setDialog(null)}>
          <p>{vi.library.confirmDelete(`${current.periodLabel}${current.documentNumber ? ` (${current.documentNumber})` : ''}`)}</p>
          <div className="modal-actions">
            <button
              className="danger"
              data-autofocus
              onClick={async () => {
                setDialog(null);
                try {
                  await api()['library.delete']({ id: current.id });
                  setMessage({ text: vi.library.deleted(current.periodLabel) });
                  await reload();
                } catch (err) {
                  fail(err);
                }
              }}
            >
              {vi.words.delete}
            </button>
            <button onClick={() => setDialog(null)}>{vi.words.cancel}</button>
          </div>
        </Modal>
      )}
      {dialog === 'recycle' && (
        <RecycleDialog
          onClose={() => {
            setDialog(null);
            tableRef.current?.focus();
          }}
          onRestored={async (s) => {
            setMessage({ text: vi.library.restored(s.periodLabel) });
            await reload(s.id);
          }}
          onError={fail}
        />
      )}
    </div>
  );
}

export function FindingCounts({ f }: { f: { errors: number; warnings: number } | null }): React.JSX.Element | null {
  if (!f) return null;
  if (f.errors === 0 && f.warnings === 0) return <span className="ok">{vi.library.clean}</span>;
  return (
    <span className="counts">
      {f.errors > 0 && <span className="badge error">{vi.library.errors(f.errors)}</span>}
      {f.warnings > 0 && <span className="badge warning">{vi.library.warnings(f.warnings)}</span>}
    </span>
  );
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function NewReportDialog(props: { items: ReportSummary[]; onClose(): void; onCreate(p: Period): Promise<void> }): React.JSX.Element {
  const newest = props.items.find((r) => !r.isSample) ?? props.items[0];
  const start: Period = newest ? nextPeriod(newest.period.kind === 'month' ? newest.period : { kind: 'month', year: newest.period.year, month: 12 }) : { kind: 'month', year: new Date().getFullYear(), month: new Date().getMonth() + 1 };
  const [month, setMonth] = useState(start.kind === 'month' ? start.month : 1);
  const [year, setYear] = useState(String(start.year));
  const [busy, setBusy] = useState(false);
  const y = Number(year);
  const valid = Number.isInteger(y) && y >= 2000 && y <= 2100;
  const period: Period = { kind: 'month', year: valid ? y : start.year, month };
  const exists = props.items.some((r) => !r.isSample && r.period.kind === 'month' && r.period.year === y && r.period.month === month);
  return (
    <Modal title={vi.words.newReport} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid || busy) return;
          setBusy(true);
          void props.onCreate(period);
        }}
      >
        <div className="form-row">
          <label>
            {vi.library.month}{' '}
            <select value={month} onChange={(e) => setMonth(Number(e.target.value))} data-autofocus>
              {MONTHS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label>
            {vi.library.year} <input className="size-xs" value={year} onChange={(e) => setYear(e.target.value)} inputMode="numeric" />
          </label>
        </div>
        <p className="muted">{vi.library.newFromLatest(periodLabel(period))}</p>
        {exists && <p className="warning-text">{vi.library.periodExists(periodLabel(period))}</p>}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={!valid || busy}>
            {vi.words.newReport}
          </button>
          <button type="button" onClick={props.onClose}>
            {vi.words.cancel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function RecycleDialog(props: { onClose(): void; onRestored(s: ReportSummary): Promise<void>; onError(e: unknown): void }): React.JSX.Element {
  const [entries, setEntries] = useState<RecycleEntry[] | null>(null);
  useEffect(() => {
    api()
      ['library.recycleList']({})
      .then(setEntries)
      .catch((e) => {
        setEntries([]);
        props.onError(e);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listed once when the dialog opens; onError is a fresh closure on every render of the parent
  }, []);
  return (
    <Modal title={vi.library.recycleBin} onClose={props.onClose} wide>
      {entries === null ? (
        <p className="muted">{vi.app.loading}</p>
      ) : entries.length === 0 ? (
        <p>{vi.library.recycleEmpty}</p>
      ) : (
        <ul className="plain-list">
          {entries.map((e) => (
            <li key={e.recycleId}>
              <span>
                <strong>{e.periodLabel}</strong> {e.documentNumber ?? vi.library.draftNumber}
                {e.total !== null ? ` · ${vi.library.points(formatViNumber(e.total))}` : ''} · <span className="muted">{vi.library.deletedAt(vi.formatDateTime(e.deletedAt))}</span>
              </span>
              <button
                onClick={async () => {
                  try {
                    const s = await api()['library.recycleRestore']({ recycleId: e.recycleId });
                    setEntries((list) => (list ?? []).filter((x) => x.recycleId !== e.recycleId));
                    await props.onRestored(s);
                  } catch (err) {
                    props.onError(err);
                  }
                }}
              >
                {vi.words.restore}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button onClick={props.onClose}>{vi.words.close}</button>
      </div>
    </Modal>
  );
}

/** Năm, Tháng and a text box above the list; the list shows only the reports that match. */
function LibrarySearch(props: { items: readonly ReportSummary[]; filter: LibraryFilter; shown: number; onChange(f: LibraryFilter): void }): React.JSX.Element {
  const { filter, onChange } = props;
  const S = vi.library.search;
  return (
    <div className="library-search" role="search" aria-label={S.label}>
      <label>
        {S.year}{' '}
        <select value={filter.year ?? ''} onChange={(e) => onChange({ ...filter, year: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">{S.all}</option>
          {libraryYears(props.items).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        {S.month}{' '}
        <select value={filter.month ?? ''} onChange={(e) => onChange({ ...filter, month: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">{S.all}</option>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <input type="search" className="library-search-text" placeholder={S.placeholder} aria-label={S.textLabel} value={filter.text} onChange={(e) => onChange({ ...filter, text: e.target.value })} />
      {isFiltering(filter) && (
        <span className="muted" role="status">
          {S.count(props.shown, props.items.length)}{' '}
          <button className="link" onClick={() => onChange(NO_FILTER)}>
            {S.clear}
          </button>
        </span>
      )}
    </div>
  );
}
