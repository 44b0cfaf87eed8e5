// "Nhập dữ liệu": choose files → what was recognised per sheet → old → new per table → Áp dụng or Hủy (one undoable step); unknown units are confirmed by choosing them or added as new units, and each table says which units got nothing; dossier lists: column mapping (remembered per kind of list), progress, Hủy and a choice of tables to fill.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProgressEvent } from '../../core/api/contract';
import type { AggregateResult } from '../../core/dossiers/aggregator';
import { mappingFromChoices } from '../../core/dossiers/choices';
import type { DossierColumns } from '../../core/dossiers/columns';
import { columnLetter, type DossierField, type DossierMapping } from '../../core/dossiers/fields';
import { FILLABLE_KINDS } from '../../core/dossiers/fill';
import type { ImportPatch } from '../../core/import/patch';
import type { ImportPreview, PreviewChange } from '../../core/import/preview-types';
import { TABLE_KIND_INFO } from '../../core/model/catalog';
import { TABLE_KINDS, type Report, type TableKind, type Unit } from '../../core/model/schema';
import { canonicalName } from '../../core/text/names';
import type { RatesAs } from '../../core/text/cell-reading';
import { formatViNumber } from '../../core/text/numbers';
import { api, onEvent } from '../api';
import { useExport } from '../components/ExportActions';
import { Modal } from '../components/Modal';
import { baseName } from '../state/export-name';
import type { ReportStore } from '../state/store';
import { vi } from '../strings/vi';

const W = vi.importing;

type Step =
  | { kind: 'choose' }
  | { kind: 'reading'; label: string; jobId?: string; progress?: ProgressEvent | null }
  | { kind: 'tables'; source: Source; preview: ImportPreview }
  | { kind: 'dossier-columns'; path: string; paths: string[]; columns: DossierColumns }
  | { kind: 'dossiers-reading'; path: string; paths: string[]; jobId: string; progress: ProgressEvent | null }
  | { kind: 'dossiers'; path: string; paths: string[]; mapping: DossierMapping; result: AggregateResult; patch: ImportPatch; confirmed: Record<string, string> };

/** Files chosen in the dialog (paths), or dropped on the window (their bytes: a drop grants no path). */
export type Source = { paths: string[] } | { files: { name: string; data: Uint8Array<ArrayBuffer> }[] };

const sourceNames = (src: Source): string => ('paths' in src ? src.paths.map(baseName) : src.files.map((f) => f.name)).join(', ');

/** Files that can be table sources (a dossier list is chosen with its own button: it may be huge). */
const TABLE_FILE = /\.(xlsx|xlsm|xls|csv|html?)$/i;

/** Reads dropped files; refuses anything that is not a spreadsheet with one Vietnamese sentence. */
export async function readDropped(files: readonly File[]): Promise<{ name: string; data: Uint8Array<ArrayBuffer> }[]> {
  const bad = files.filter((f) => !TABLE_FILE.test(f.name));
  if (bad.length) throw new Error(vi.importing.dropNotTable(bad.map((f) => f.name).join(', ')));
  return Promise.all(files.slice(0, 20).map(async (f) => ({ name: f.name.normalize('NFC'), data: new Uint8Array(await f.arrayBuffer()) })));
}

/** Files dropped anywhere on the window go to `onFiles` (and the browser never opens them itself). */
export function useWindowDrop(onFiles: (files: File[]) => void): void {
  const cb = useRef(onFiles);
  cb.current = onFiles;
  useEffect(() => {
    const over = (e: DragEvent): void => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent): void => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      const files = Array.from(e.dataTransfer.files);
      if (files.length) cb.current(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
}

export interface ImportWizardProps {
  store: ReportStore;
  /** Files dropped on the window; a new object reads them (again). */
  dropped?: { files: File[] } | null;
  onClose(): void;
  /** The import was applied (one undoable step); `message` says what changed. */
  onApplied(message: string): void;
}

let jobSeq = 0;

export function ImportWizard(props: ImportWizardProps): React.JSX.Element {
  const { store } = props;
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  /** '' = recognised automatically; a table kind; or "table:<id>" = every figure into that one table. */
  const [tableKind, setTableKind] = useState<string>('');
  const [confirmed, setConfirmed] = useState<Record<string, string>>({});
  /** Unknown names the clerk adds as new units, and whether each also goes into the settings' catalogue. */
  const [newUnits, setNewUnits] = useState<Record<string, boolean>>({});
  /** The clerk's reading of figures ≤ 1 per rate column (RateColumn.key), sent with every preview. */
  const ratesAs = useRef<Record<string, RatesAs>>({});
  const [busy, setBusy] = useState(false);
  const template = useExport(() => store.getState().report);
  const jobRef = useRef<string | null>(null);

  // Progress of the dossier list being read.
  useEffect(
    () =>
      onEvent('progress', (p) => {
        if (p.jobId !== jobRef.current) return;
        setStep((s) => ((s.kind === 'dossiers-reading' || s.kind === 'reading') && s.jobId === p.jobId ? { ...s, progress: p } : s));
      }),
    [],
  );
  // Closing the wizard while a list is read cancels the reading.
  useEffect(
    () => () => {
      if (jobRef.current) void api()['job.cancel']({ jobId: jobRef.current }).catch(() => undefined);
    },
    [],
  );

  const readTables = useCallback(
    async (source: Source, kind: string, conf: Record<string, string>, added: Record<string, boolean> = {}): Promise<void> => {
      setError(null);
      // Files are read in a worker thread with progress; Hủy stops it at once (a hanging file too). One reading at a
      // time: a newer one stops the older, whose late answer is ignored.
      if (jobRef.current) void api()['job.cancel']({ jobId: jobRef.current }).catch(() => undefined);
      const jobId = `tep-${Date.now()}-${++jobSeq}`;
      jobRef.current = jobId;
      setStep((s) => (s.kind === 'tables' ? s : { kind: 'reading', label: W.reading(sourceNames(source)), jobId, progress: null }));
      setBusy(true);
      try {
        const options = {
          report: store.getState().report,
          ...(kind.startsWith('table:') ? { tableId: kind.slice(6) } : kind ? { tableKind: kind as TableKind } : {}),
          ...(Object.keys(conf).length ? { confirmed: conf } : {}),
          ...(Object.keys(added).length ? { newUnits: Object.keys(added) } : {}),
          ...(Object.keys(ratesAs.current).length ? { ratesAs: ratesAs.current } : {}),
        };
        const preview =
          'paths' in source
            ? await api()['import.preview']({ ...options, paths: source.paths, jobId })
            : await api()['import.previewDropped']({ ...options, files: source.files, jobId });
        if (jobRef.current !== jobId) return;
        setStep({ kind: 'tables', source, preview });
      } catch (err) {
        if (jobRef.current !== jobId) return;
        const e = err as { message: string; code?: string };
        setError(e.code === 'CANCELLED' ? W.cancelledFiles : e.message);
        setStep((s) => (s.kind === 'tables' ? s : { kind: 'choose' }));
      } finally {
        if (jobRef.current === jobId) {
          jobRef.current = null;
          setBusy(false);
        }
      }
    },
    [store],
  );

  // Files dropped on the window (or on the wizard) are read as tables.
  const dropped = props.dropped;
  useEffect(() => {
    if (!dropped) return;
    let live = true;
    void (async () => {
      try {
        const files = await readDropped(dropped.files);
        if (!live) return;
        setConfirmed({});
        setNewUnits({});
        setTableKind('');
        await readTables({ files }, '', {});
      } catch (err) {
        setStep({ kind: 'choose' });
        setError((err as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [dropped, readTables]);

  const chooseTables = async (): Promise<void> => {
    setError(null);
    try {
      const { paths } = await api()['dialog.openFile']({ purpose: 'import', multiple: true });
      if (paths.length === 0) return;
      setConfirmed({});
      setNewUnits({});
      setTableKind('');
      await readTables({ paths }, '', {});
    } catch (err) {
      setError((err as Error).message);
    }
  };

  /**
   * Reads a dossier list, or several chosen together read as one (`paths`; `path` is the first, whose columns the
   * clerk checked). Names the clerk confirmed are read as other names of their units (import.dossiers reads them so
   * and puts them into the patch, which adds them for real when applied).
   */
  const readDossiers = async (paths: string[], mapping: DossierMapping, confirmedNames: Record<string, string>): Promise<void> => {
    const jobId = `hoso-${Date.now()}-${++jobSeq}`;
    jobRef.current = jobId;
    const path = paths[0]!;
    setStep({ kind: 'dossiers-reading', path, paths, jobId, progress: null });
    try {
      const files = paths.length > 1 ? { paths } : { path };
      const { result, patch } = await api()['import.dossiers']({ report: store.getState().report, ...files, mapping, jobId, confirmed: confirmedNames });
      if (jobRef.current !== jobId) return;
      setStep({ kind: 'dossiers', path, paths, mapping, result, patch, confirmed: confirmedNames });
    } catch (err) {
      const e = err as { message: string; code?: string };
      setStep({ kind: 'choose' });
      setError(e.code === 'CANCELLED' ? W.cancelled : e.message);
    } finally {
      if (jobRef.current === jobId) jobRef.current = null;
    }
  };

  const chooseDossiers = async (): Promise<void> => {
    setError(null);
    try {
      // Several lists may be chosen together (a quarter or a year of monthly files): the first one's columns are checked.
      const { paths } = await api()['dialog.openFile']({ purpose: 'import', multiple: true });
      const path = paths[0];
      if (!path) return;
      const jobId = `cot-${Date.now()}-${++jobSeq}`;
      jobRef.current = jobId;
      setStep({ kind: 'reading', label: vi.dossierColumns.reading(baseName(path)), jobId, progress: null });
      const columns = await api()['import.dossierColumns']({ path, jobId });
      if (jobRef.current === jobId) jobRef.current = null;
      setStep({ kind: 'dossier-columns', path, paths, columns });
    } catch (err) {
      const e = err as { message: string; code?: string };
      setStep({ kind: 'choose' });
      setError(e.code === 'CANCELLED' ? W.cancelled : e.message);
    }
  };

  const cancelJob = (): void => {
    const id = jobRef.current;
    if (id) void api()['job.cancel']({ jobId: id }).catch(() => undefined);
  };

  const apply = async (patch: ImportPatch, label: string, cells: number, aliases: { unitId: string; alias: string }[], toCatalogue: Unit[] = []): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      // The stored report is kept as a version first, so the import can also be undone from "Phiên bản".
      await store.flush();
      await api()['library.snapshot']({ id: store.getState().id, reason: 'before-import' });
      store.applyImportPatch(patch, label);
      if (aliases.length || toCatalogue.length) await rememberInCatalogue(aliases, toCatalogue);
      props.onApplied(W.applied(cells, aliases.length));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  const report = store.getState().report;
  /** Takes the clerk's new choice (table kind, a confirmed or added unit), keeps the others, and reads the tables again. */
  const rereadTables = (source: Source, next: { kind?: string; confirmed?: Record<string, string>; newUnits?: Record<string, boolean> }): void => {
    const kind = next.kind ?? tableKind;
    const conf = next.confirmed ?? confirmed;
    const added = next.newUnits ?? newUnits;
    if (next.kind !== undefined) setTableKind(kind);
    if (next.confirmed) setConfirmed(conf);
    if (next.newUnits) setNewUnits(added);
    void readTables(source, kind, conf, added);
  };

  return (
    <Modal title={W.title} onClose={props.onClose} wide>
      <div className="import-wizard">
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        {step.kind === 'choose' && (
          <div className="wizard-choose">
            <p>{W.intro}</p>
            <p className="drop-hint">{W.dropHint}</p>
            <div className="choice">
              <button className="primary" data-autofocus onClick={() => void chooseTables()}>
                {W.chooseTables}
              </button>
              <span className="hint">{W.chooseTablesHint}</span>
            </div>
            <div className="choice">
              <button onClick={() => void chooseDossiers()}>{W.chooseDossiers}</button>
              <span className="hint">{W.chooseDossiersHint}</span>
            </div>
            <div className="choice">
              <button onClick={() => void template.start({ kind: 'xlsx', template: true })} disabled={template.busy}>
                {W.template}
              </button>
              <span className="hint">{W.templateHint}</span>
            </div>
            <div className="modal-actions">
              <button onClick={props.onClose}>{vi.words.cancel}</button>
            </div>
          </div>
        )}
        {step.kind === 'reading' && (
          <div className="dossier-progress">
            <p role="status" aria-live="polite">
              {step.label}
            </p>
            {step.progress && <p className="hint">{step.progress.label}</p>}
            {step.jobId && (
              <div className="modal-actions">
                <button data-autofocus onClick={cancelJob}>
                  {vi.words.cancel}
                </button>
              </div>
            )}
          </div>
        )}
        {step.kind === 'tables' && (
          <TablesReview
            report={report}
            preview={step.preview}
            busy={busy}
            tableKind={tableKind}
            confirmed={confirmed}
            newUnits={newUnits}
            onTableKind={(k) => rereadTables(step.source, { kind: k })}
            onConfirm={(name, unitId) => rereadTables(step.source, { confirmed: { ...confirmed, [name]: unitId } })}
            onUnconfirm={(name) => rereadTables(step.source, { confirmed: without(confirmed, name) })}
            onAddNew={(name, toCatalogue) => rereadTables(step.source, { newUnits: { ...newUnits, [name]: toCatalogue } })}
            onUndoNew={(name) => rereadTables(step.source, { newUnits: without(newUnits, name) })}
            onRatesAs={(key, as) => {
              ratesAs.current = { ...ratesAs.current, [key]: as };
              rereadTables(step.source, {});
            }}
            onApply={() =>
              void apply(
                step.preview.patch,
                W.stepLabel(sourceNames(step.source)),
                step.preview.changes.length,
                step.preview.aliases,
                step.preview.addedUnits.filter((u) => Object.entries(newUnits).some(([name, ticked]) => ticked && unitFromName(step.preview, name) === u.id)),
              )
            }
            onBack={() => setStep({ kind: 'choose' })}
            onCancel={props.onClose}
          />
        )}
        {step.kind === 'dossier-columns' && (
          <DossierColumnsStep
            key={`${step.path}|${step.columns.signature}`}
            path={step.path}
            columns={step.columns}
            onRun={(mapping) => void readDossiers(step.paths, mapping, {})}
            onBack={() => setStep({ kind: 'choose' })}
            onCancel={props.onClose}
          />
        )}
        {step.kind === 'dossiers-reading' && (
          <div className="dossier-progress">
            <p>{W.readingList(W.listNames(step.paths.map(baseName)))}</p>
            <progress
              max={step.progress?.total ?? undefined}
              value={step.progress?.total ? step.progress.done : undefined}
              aria-label={step.progress?.label ?? W.readingList(W.listNames(step.paths.map(baseName)))}
            />
            <p role="status" aria-live="polite" className="hint">
              {step.progress?.label ?? W.starting}
              {step.progress?.total ? ` ${Math.round((100 * step.progress.done) / step.progress.total)} %` : ''}
            </p>
            <div className="modal-actions">
              <button data-autofocus onClick={cancelJob}>
                {vi.words.cancel}
              </button>
            </div>
          </div>
        )}
        {step.kind === 'dossiers' && (
          <DossierReview
            report={report}
            path={W.listNames(step.paths.map(baseName))}
            result={step.result}
            patch={step.patch}
            busy={busy}
            onConfirm={(name, unitId) => void readDossiers(step.paths, step.mapping, { ...step.confirmed, [name]: unitId })}
            onApply={(patch, cells) =>
              void apply(
                patch,
                W.dossierLabel(W.listNames(step.paths.map(baseName))),
                cells,
                Object.entries(step.confirmed).map(([alias, unitId]) => ({ unitId, alias })),
              )
            }
            onBack={() => setStep({ kind: 'choose' })}
            onCancel={props.onClose}
          />
        )}
      </div>
      {template.ui}
    </Modal>
  );
}

/** The id of the unit the import adds for a name the clerk chose to add (null when the name was not read). */
function unitFromName(preview: ImportPreview, name: string): string | null {
  const key = canonicalName(name);
  const unit = preview.addedUnits.find((u) => [u.name, ...u.aliases].some((n) => canonicalName(n) === key));
  return unit?.id ?? null;
}

/**
 * A confirmed unit name also goes into the default unit catalogue, so the next months know it; so do new units the
 * clerk ticked (settings.addAliases). Without a catalogue, new reports copy the previous report's units, which
 * already hold both.
 */
async function rememberInCatalogue(aliases: { unitId: string; alias: string }[], added: Unit[]): Promise<void> {
  try {
    await api()['settings.addAliases']({ aliases, units: added });
  } catch {
    // The report keeps the alias either way; the catalogue is a convenience.
  }
}

/* ------------------------------------------------------------------ per-unit tables */

/** A copy of a record without one key. */
function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}

function TablesReview(props: {
  report: Report;
  preview: ImportPreview;
  busy: boolean;
  tableKind: string;
  confirmed: Record<string, string>;
  newUnits: Record<string, boolean>;
  onTableKind(k: string): void;
  onConfirm(name: string, unitId: string): void;
  onUnconfirm(name: string): void;
  onAddNew(name: string, toCatalogue: boolean): void;
  onUndoNew(name: string): void;
  onRatesAs(key: string, as: RatesAs): void;
  onApply(): void;
  onBack(): void;
  onCancel(): void;
}): React.JSX.Element {
  const { preview, report } = props;
  const byPlace = useMemo(() => {
    const m = new Map<string, PreviewChange[]>();
    for (const c of preview.changes) {
      const list = m.get(c.place) ?? [];
      list.push(c);
      m.set(c.place, list);
    }
    return [...m.entries()];
  }, [preview.changes]);
  const needsKind = preview.needsKind.length > 0;
  // After a confirmation the confirmed row is gone: focus goes to the note of remembered names, never onto the next
  // unit's "Đúng" (an extra Enter must not confirm a suggestion the clerk has not read).
  const aliasNote = useRef<HTMLParagraphElement>(null);
  const aliasCount = preview.aliases.length;
  useEffect(() => {
    if (aliasCount > 0) aliasNote.current?.focus();
  }, [aliasCount]);
  const nothing = preview.changes.length === 0 && preview.aliases.length === 0 && preview.addedUnits.length === 0;
  return (
    <div className="wizard-review">
      <section aria-label={W.recognised}>
        <h3>{W.recognised}</h3>
        <ul className="sources">
          {preview.sources.map((s, i) => (
            <li key={i} className="source">
              <strong>
                {s.file} › {s.sheet}
              </strong>
              : {s.description} — {W.matched(s.matchedRows, s.unitRows)}
              <ul className="columns">
                {s.columns.map((c, j) => (
                  <li key={j}>
                    “{c.header}” → {c.target}
                    {c.kindFrom === 'user' ? ` (${W.kindByUser})` : ''}
                  </li>
                ))}
                {s.ignoredColumns.map((c, j) => (
                  <li key={`i${j}`} className="muted">
                    “{c.header}”: {c.reason}
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {preview.unrecognised.map((u, i) => (
            <li key={`u${i}`} className="muted">
              <strong>
                {u.file} › {u.sheet}
              </strong>
              : {u.reason}
            </li>
          ))}
        </ul>
        <label className="kind-choice">
          {needsKind ? W.kindNeeded : W.kindLabel}{' '}
          <select value={props.tableKind} onChange={(e) => props.onTableKind(e.target.value)} disabled={props.busy}>
            <option value="">{W.kindAuto}</option>
            <optgroup label={W.kindGroup}>
              {TABLE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {TABLE_KIND_INFO[k].shortName}
                </option>
              ))}
            </optgroup>
            <optgroup label={W.tableGroup}>
              {report.tables.map((t) => (
                <option key={t.id} value={`table:${t.id}`}>
                  {t.title}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        {preview.notes.map((n, i) => (
          <p key={i} className="hint">
            {n}
          </p>
        ))}
      </section>

      {preview.unknownUnits.length > 0 && (
        <section aria-label={W.unknownTitle} className="unknown-units">
          <h3>{W.unknownTitle}</h3>
          <ul>
            {preview.unknownUnits.map((u) => (
              <UnknownUnitRow
                key={u.name}
                report={report}
                name={u.name}
                where={u.where}
                suggestions={u.suggestions}
                busy={props.busy}
                onConfirm={props.onConfirm}
                onAddNew={props.onAddNew}
              />
            ))}
          </ul>
        </section>
      )}
      {preview.addedUnits.length > 0 && (
        <div className="hint" data-testid="new-units">
          {W.newUnitsAdded(preview.addedUnits.map((u) => u.name).join('; '))}{' '}
          {Object.keys(props.newUnits).map((name) => (
            <button key={name} onClick={() => props.onUndoNew(name)} disabled={props.busy}>
              {W.undoNewUnit(name)}
            </button>
          ))}
        </div>
      )}
      {preview.coverage.length > 0 && (
        <section aria-label={W.coverageTitle} className="import-coverage">
          <h3>{W.coverageTitle}</h3>
          <ul>
            {preview.coverage.map((c) => (
              <li key={c.tableId} className={c.withFigures < c.units ? 'warning' : undefined}>
                {W.coverage(c.title, c.withFigures, c.units)}
                {'; '}
                {c.withFigures < c.units
                  ? [
                      c.missing.length ? W.coverageMissing(c.missing.length, c.missing.map((m) => m.name).join('; ')) : '',
                      c.refused.length ? W.coverageRefused(c.refused.length, c.refused.map((m) => m.name).join('; ')) : '',
                      c.blank.length ? W.coverageBlank(c.blank.length, c.blank.map((m) => m.name).join('; ')) : '',
                    ]
                      .filter((x) => x !== '')
                      .join(' ')
                  : W.coverageAll}
              </li>
            ))}
          </ul>
        </section>
      )}
      {preview.aliases.length > 0 && (
        <p className="hint" data-testid="aliases" ref={aliasNote} tabIndex={-1}>
          {W.aliasesAdded(preview.aliases.map((a) => `“${a.alias}” = ${report.units.find((u) => u.id === a.unitId)?.name ?? a.unitId}`).join('; '))}
        </p>
      )}
      {Object.keys(props.confirmed).length > 0 && (
        <div className="hint unconfirm">
          {Object.keys(props.confirmed).map((name) => (
            <button key={name} onClick={() => props.onUnconfirm(name)} disabled={props.busy}>
              {W.unconfirm(name)}
            </button>
          ))}
        </div>
      )}

      <section aria-label={W.changesTitle}>
        <h3>{W.changesTitle}</h3>
        {nothing && <p>{W.noChanges}</p>}
        <div className="modal-scroll import-changes" hidden={byPlace.length === 0}>
          {byPlace.map(([place, list]) => (
            <table key={place} className="change-table">
              <caption>
                {place} — {W.cellCount(list.length)}
              </caption>
              <thead>
                <tr>
                  <th>{vi.words.unit}</th>
                  <th>{W.column}</th>
                  <th>{W.old}</th>
                  <th>{W.new}</th>
                  <th>{W.source}</th>
                </tr>
              </thead>
              <tbody>
                {list.slice(0, 300).map((c, i) => (
                  <tr key={i}>
                    <td>{c.unit ?? ''}</td>
                    <td>{c.column ?? ''}</td>
                    <td className={c.change.before === null ? 'old blank' : 'old'}>{c.beforeText}</td>
                    <td className="new">
                      {c.afterText}
                      {c.note && <span className="muted"> ({c.note})</span>}
                    </td>
                    <td className="muted">{c.where}</td>
                  </tr>
                ))}
                {list.length > 300 && (
                  <tr>
                    <td colSpan={5}>{W.more(list.length - 300)}</td>
                  </tr>
                )}
              </tbody>
            </table>
          ))}
        </div>
        {preview.unchanged + preview.keptBlanks > 0 && <p className="hint">{W.unchanged(preview.unchanged, preview.keptBlanks)}</p>}
      </section>

      <RefusedCells preview={preview} busy={props.busy} onRatesAs={props.onRatesAs} />
      {preview.findings.length > 0 && (
        <ul className="import-findings">
          {preview.findings.map((f, i) => (
            <li key={`f${i}`} className={f.severity}>
              {f.severity === 'error' ? vi.words.error : vi.words.warning}: {f.where}: {f.message}
            </li>
          ))}
        </ul>
      )}
      {preview.skipped.length > 0 && (
        <details className="skipped">
          <summary>{W.skippedSummary(preview.skipped.length)}</summary>
          <ul>
            {preview.skipped.map((s, i) => (
              <li key={`s${i}`}>
                {s.where}: “{s.text}” — {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}

      <div className="modal-actions">
        <button onClick={props.onBack} disabled={props.busy}>
          {W.back}
        </button>
        <button onClick={props.onCancel}>{vi.words.cancel}</button>
        <button className="primary" onClick={props.onApply} disabled={props.busy || nothing || needsKind}>
          {W.apply(preview.changes.length)}
        </button>
      </div>
    </div>
  );
}

/** Rate columns whose figures ≤ 1 may be fractions (a choice per column), and the cells left out with their reasons. */
function RefusedCells(props: { preview: ImportPreview; busy: boolean; onRatesAs(key: string, as: RatesAs): void }): React.JSX.Element | null {
  const { preview } = props;
  if (preview.rateColumns.length === 0 && preview.refused.length === 0) return null;
  return (
    <section aria-label={W.refusedTitle} className="refused-cells">
      {preview.rateColumns.map((rc) => (
        <fieldset key={rc.key} className="rate-choice">
          <legend>{rc.decision === 'ask' ? vi.grid.fractionAsk(rc.header, rc.ambiguous, rc.key) : vi.grid.fractionRead(rc.header, rc.ambiguous, rc.key)}</legend>
          {(['fraction', 'percent'] as const).map((as) => (
            <label key={as}>
              <input type="radio" name={`rates-${rc.key}`} checked={rc.decision === as} disabled={props.busy} onChange={() => props.onRatesAs(rc.key, as)} />
              {as === 'fraction' ? vi.grid.fractionChoice : vi.grid.percentChoice}
            </label>
          ))}
        </fieldset>
      ))}
      {preview.refused.length > 0 && (
        <>
          <h3>{W.refusedTitle}</h3>
          <p>{W.refusedIntro(preview.refused.length)}</p>
          <table className="change-table refused">
            <thead>
              <tr>
                <th>{vi.words.unit}</th>
                <th>{W.column}</th>
                <th>{vi.grid.pasteRefusedText}</th>
                <th>{vi.grid.pasteRefusedReason}</th>
                <th>{W.source}</th>
              </tr>
            </thead>
            <tbody>
              {preview.refused.slice(0, 300).map((r, i) => (
                <tr key={i} className={r.ambiguous ? 'ambiguous' : 'refused'}>
                  <td>{r.unit}</td>
                  <td>{r.column}</td>
                  <td>{r.text}</td>
                  <td>{r.reason}</td>
                  <td className="muted">{r.where}</td>
                </tr>
              ))}
              {preview.refused.length > 300 && (
                <tr>
                  <td colSpan={5}>{W.more(preview.refused.length - 300)}</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function UnknownUnitRow(props: {
  report: Report;
  name: string;
  where: string[];
  suggestions: { unitId: string; name: string }[];
  busy: boolean;
  onConfirm(name: string, unitId: string): void;
  /** "Thêm đơn vị mới" (absent: the name cannot become a unit here). */
  onAddNew?(name: string, toCatalogue: boolean): void;
}): React.JSX.Element {
  const [toCatalogue, setToCatalogue] = useState(false);
  const best = props.suggestions[0];
  return (
    <li className="unknown-unit">
      <span>
        “{props.name}” <span className="muted">({props.where.join(', ')})</span>
      </span>
      {best && (
        <span className="suggestion">
          {W.suggest(best.name)}{' '}
          <button onClick={() => props.onConfirm(props.name, best.unitId)} disabled={props.busy}>
            {W.yes}
          </button>
        </span>
      )}
      <label>
        {best ? W.orOther : W.pickUnit}{' '}
        {/* Choosing a unit is the confirmation: the preview is read again with it (no second button to forget). */}
        <select value="" onChange={(e) => e.target.value && props.onConfirm(props.name, e.target.value)} disabled={props.busy}>
          <option value="">{W.skipUnit}</option>
          {props.report.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      {props.onAddNew && (
        <span className="add-new">
          <button title={W.addNewHint(props.name)} onClick={() => props.onAddNew?.(props.name, toCatalogue)} disabled={props.busy}>
            {W.addNew}
          </button>{' '}
          <label>
            <input type="checkbox" checked={toCatalogue} onChange={(e) => setToCatalogue(e.target.checked)} disabled={props.busy} /> {W.addToCatalogue}
          </label>
        </span>
      )}
    </li>
  );
}

/* ------------------------------------------------------------------ dossier lists */

const C = vi.dossierColumns;

/** "Cột trong tệp": one select per field over the file's header texts, pre-filled (automatic or remembered). */
function DossierColumnsStep(props: {
  path: string;
  columns: DossierColumns;
  onRun(mapping: DossierMapping): void;
  onBack(): void;
  onCancel(): void;
}): React.JSX.Element {
  const { columns } = props;
  const [choices, setChoices] = useState<Partial<Record<DossierField, number | null>>>(() =>
    Object.fromEntries(columns.fields.map((f) => [f.field, f.index])),
  );
  const missing = columns.fields.filter((f) => f.required && (choices[f.field] ?? null) === null);
  const optionText = (h: string, i: number): string => {
    const dup = h.trim() !== '' && columns.headers.filter((x) => x.trim().toLowerCase() === h.trim().toLowerCase()).length > 1;
    if (h.trim() === '') return `${C.blankHeader} (${C.letter(columnLetter(i))})`;
    return dup ? `${h} (${C.letter(columnLetter(i))})` : h;
  };
  return (
    <div className="wizard-review dossier-columns">
      <h3 id="dossier-columns-title">{C.title}</h3>
      <p>{C.intro(baseName(props.path), columns.headerRow)}</p>
      {columns.remembered && (
        <p className="hint" role="status" data-testid="mapping-remembered">
          {C.remembered}
        </p>
      )}
      <div className="modal-scroll">
        <table className="change-table dossier-column-table" aria-labelledby="dossier-columns-title">
          <thead>
            <tr>
              <th scope="col">{C.field}</th>
              <th scope="col">{C.column}</th>
            </tr>
          </thead>
          <tbody>
            {columns.fields.map((f, n) => {
              const id = `dossier-col-${f.field}`;
              const value = choices[f.field] ?? null;
              return (
                <tr key={f.field}>
                  <th scope="row">
                    <label htmlFor={id}>
                      {f.label}
                      {f.required ? ` (${C.required})` : ''}
                    </label>
                  </th>
                  <td>
                    <select
                      id={id}
                      value={value === null ? '' : String(value)}
                      aria-invalid={f.required && value === null ? true : undefined}
                      {...(n === 0 ? { 'data-autofocus': true } : {})}
                      onChange={(e) => {
                        const v = e.target.value;
                        setChoices((c) => ({ ...c, [f.field]: v === '' ? null : Number(v) }));
                      }}
                    >
                      <option value="">{C.none}</option>
                      {columns.headers.map((h, i) => (
                        <option key={i} value={String(i)}>
                          {optionText(h, i)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {missing.length > 0 ? (
        <p className="hint" role="alert">
          {C.missing(missing.map((f) => `“${f.label}”`).join(', '))}
        </p>
      ) : (
        <p className="hint">{C.saveHint}</p>
      )}
      <div className="modal-actions">
        <button onClick={props.onBack}>{W.back}</button>
        <button onClick={props.onCancel}>{vi.words.cancel}</button>
        <button className="primary" disabled={missing.length > 0} onClick={() => props.onRun(mappingFromChoices(columns.headers, choices))}>
          {C.compute}
        </button>
      </div>
    </div>
  );
}

const pct = (v: number | null): string => (v === null ? '—' : formatViNumber(v, { decimals: 2, trimZeros: true }));
const cnt = (v: number | null): string => (v === null ? '—' : formatViNumber(v, { decimals: 0 }));

function DossierReview(props: {
  report: Report;
  path: string;
  result: AggregateResult;
  patch: ImportPatch;
  busy: boolean;
  onConfirm(name: string, unitId: string): void;
  onApply(patch: ImportPatch, cells: number): void;
  onBack(): void;
  onCancel(): void;
}): React.JSX.Element {
  const { report, result, patch } = props;
  const kindOf = useMemo(() => new Map(report.tables.map((t) => [t.id, t.kind])), [report]);
  const perKind = useMemo(() => {
    const m = new Map<TableKind, number>();
    for (const c of patch.changes) {
      if (c.target.kind !== 'cell') continue;
      const k = kindOf.get(c.target.tableId);
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  }, [patch, kindOf]);
  const kinds = FILLABLE_KINDS.filter((k) => report.tables.some((t) => t.kind === k));
  const [chosen, setChosen] = useState<Set<TableKind>>(() => new Set(kinds.filter((k) => (perKind.get(k) ?? 0) > 0)));
  const filtered = useMemo<ImportPatch>(() => {
    const keep = (tableId: string): boolean => {
      const k = kindOf.get(tableId);
      return !!k && chosen.has(k);
    };
    return {
      changes: patch.changes.filter((c) => c.target.kind !== 'cell' || keep(c.target.tableId)),
      aliases: patch.aliases,
      rows: patch.rows.filter((r) => keep(r.tableId)),
    };
  }, [patch, chosen, kindOf]);
  const cells = filtered.changes.filter((c) => c.target.kind === 'cell').length;
  const withData = result.perUnit.filter((u) => u.received > 0);
  return (
    <div className="wizard-review dossier-review">
      <p>
        <strong>{baseName(props.path)}</strong>: {W.dossierSummary(result.rowsRead, result.counted, result.outOfPeriod, result.cancelled)}
      </p>
      <p className="computed-note">{vi.words.computed}: {W.dossierComputedNote}</p>
      <div className="modal-scroll">
        <table className="change-table dossier-figures">
          <thead>
            <tr>
              <th>{vi.words.unit}</th>
              <th>{W.received}</th>
              <th>{W.onTime}</th>
              <th>{W.overdue}</th>
              <th>{W.online}</th>
              <th>{W.payment}</th>
              <th>{W.satisfaction}</th>
            </tr>
          </thead>
          <tbody>
            {withData.map((u) => (
              <tr key={u.unitId}>
                <td>{u.unitName}</td>
                <td className="num">{cnt(u.received)}</td>
                <td className="num">{pct(u.onTimeRate)}</td>
                <td className="num">{pct(u.overdueRate)}</td>
                <td className="num">{pct(u.onlineRate)}</td>
                <td className="num">{pct(u.paymentRate)}</td>
                <td className="num">{pct(u.satisfactionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.unknownUnits.length > 0 && (
        <section aria-label={W.unknownTitle} className="unknown-units">
          <h3>{W.unknownTitle}</h3>
          <ul>
            {result.unknownUnits.slice(0, 20).map((u) => (
              <UnknownUnitRow
                key={u.name}
                report={report}
                name={u.name}
                where={[W.dossierRows(u.rows)]}
                suggestions={u.suggestions}
                busy={props.busy}
                onConfirm={props.onConfirm}
              />
            ))}
          </ul>
          {result.unknownUnits.length > 20 && <p className="hint">{W.more(result.unknownUnits.length - 20)}</p>}
        </section>
      )}
      {patch.aliases.length > 0 && (
        <p className="hint" data-testid="aliases">
          {W.aliasesAdded(patch.aliases.map((a) => `“${a.alias}” = ${report.units.find((u) => u.id === a.unitId)?.name ?? a.unitId}`).join('; '))}
        </p>
      )}
      {result.badRowCount > 0 && <p className="hint">{W.badRows(result.badRowCount)}</p>}
      <fieldset className="fill-choice">
        <legend>{W.fillLegend}</legend>
        {kinds.map((k) => {
          const n = perKind.get(k) ?? 0;
          return (
            <label key={k}>
              <input
                type="checkbox"
                checked={chosen.has(k)}
                disabled={n === 0}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(k);
                  else next.delete(k);
                  setChosen(next);
                }}
              />{' '}
              {TABLE_KIND_INFO[k].shortName} ({W.cellCount(n)})
            </label>
          );
        })}
        <p className="hint">{W.fillHint}</p>
      </fieldset>
      <div className="modal-actions">
        <button onClick={props.onBack} disabled={props.busy}>
          {W.back}
        </button>
        <button onClick={props.onCancel}>{vi.words.cancel}</button>
        <button className="primary" onClick={() => props.onApply(filtered, cells)} disabled={props.busy || cells === 0}>
          {W.apply(cells)}
        </button>
      </div>
    </div>
  );
}
