// Exporting the report: the final-export gate, then PDF, Word and Excel through the native save dialog with a sensible name, then open the file or its folder; a locked file gets a retry.
import { useCallback, useRef, useState } from 'react';
import { periodText } from '../../core/model/period';
import type { Report } from '../../core/model/schema';
import { exportGate, gateIsClear, type ExportGate, type Location } from '../../core/rules';
import { api } from '../api';
import { baseName, exportFileName, finalCopyLacks, folderOf, pdfModeOf, readFinalDetails } from '../state/export-name';
import { findingsOf } from '../state/store';
import { vi } from '../strings/vi';
import { ExportGateDialog } from './ExportGateDialog';
import { Modal } from './Modal';

export interface ExportJob {
  kind: 'pdf' | 'docx' | 'xlsx';
  /** The blank import template for the report's units (Excel only). */
  template?: boolean;
  /** PDF and Word: draft or final (default: final once the report has its number and day). */
  mode?: 'draft' | 'final';
  /** PDF: add the overview appendix after the official document (off by default). */
  overview?: boolean;
}

type Outcome =
  | { state: 'needs'; job: ExportJob }
  | { state: 'gate'; job: ExportJob; gate: ExportGate }
  | { state: 'busy'; job: ExportJob }
  | { state: 'done'; job: ExportJob; path: string; mode: 'draft' | 'final' | null }
  | { state: 'failed'; job: ExportJob; path: string; message: string; code: string };

/**
 * The gate a job passes before its save dialog: a finished document (final PDF, the report's workbook) is gated; a
 * draft PDF and the blank import template never are.
 */
export function gateOf(report: Report, job: ExportJob): ExportGate {
  const mode = job.kind !== 'xlsx' ? (job.mode ?? pdfModeOf(report)) : job.template ? 'draft' : 'final';
  return exportGate(report, { mode, findings: findingsOf(report) });
}

export interface ExportOptions {
  /** Selects the cell or field of a gate item (the report screen's finding focus). */
  onGoTo?(location: Location): void;
  /**
   * Writes the number and day a final copy needs into the report (an undoable edit), so that `getReport` returns them
   * at once. Without it a final copy lacking them can only be exported as a draft.
   */
  onSetDocument?(number: string, day: number): void;
}

/**
 * Export with the dialogs and the result window; `start` checks the final-export gate (one confirmation listing open
 * errors and missing figures), then opens the save dialog; `ui` renders the gate and the outcome.
 */
export function useExport(
  getReport: () => Report,
  opts: ExportOptions = {},
): { start(job: ExportJob): Promise<void>; busy: boolean; ui: React.JSX.Element | null } {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const busyRef = useRef(false);

  const write = useCallback(
    async (job: ExportJob, path: string): Promise<void> => {
      const report = getReport();
      const mode = job.kind !== 'xlsx' ? (job.mode ?? pdfModeOf(report)) : null;
      busyRef.current = true;
      setOutcome({ state: 'busy', job });
      try {
        if (job.kind === 'pdf') await api()['export.pdf']({ report, path, mode: mode ?? 'draft', ...(job.overview ? { overview: true } : {}) });
        else if (job.kind === 'docx') await api()['export.docx']({ report, path, mode: mode ?? 'draft' });
        else await api()['export.xlsx']({ report, path, template: job.template ?? false });
        setOutcome({ state: 'done', job, path, mode });
      } catch (err) {
        const e = err as { message?: string; code?: string };
        setOutcome({ state: 'failed', job, path, message: e.message ?? vi.errors.unexpected, code: e.code ?? 'INTERNAL' });
      } finally {
        busyRef.current = false;
      }
    },
    [getReport],
  );

  const save = useCallback(
    async (job: ExportJob): Promise<void> => {
      if (busyRef.current) return;
      try {
        const report = getReport();
        const mode = job.kind === 'pdf' ? (job.mode ?? pdfModeOf(report)) : undefined;
        const defaultName = exportFileName(report, job.kind, { template: job.template ?? false, ...(mode ? { mode } : {}) });
        const { path } = await api()['dialog.saveFile']({ purpose: job.kind, defaultName });
        if (!path) return;
        await write(job, path);
      } catch (err) {
        const e = err as { message?: string; code?: string };
        setOutcome({ state: 'failed', job, path: '', message: e.message ?? vi.errors.unexpected, code: e.code ?? 'INTERNAL' });
      }
    },
    [getReport, write],
  );

  const start = useCallback(
    async (job: ExportJob): Promise<void> => {
      if (busyRef.current) return;
      // What a final copy needs (number, day) is asked first, before the gate and the file name.
      if (job.kind === 'pdf' && (job.mode ?? pdfModeOf(getReport())) === 'final' && finalCopyLacks(getReport()).length > 0) {
        setOutcome({ state: 'needs', job: { ...job, mode: 'final' } });
        return;
      }
      const gate = gateOf(getReport(), job);
      if (!gateIsClear(gate)) {
        setOutcome({ state: 'gate', job, gate });
        return;
      }
      await save(job);
    },
    [getReport, save],
  );

  const close = (): void => setOutcome(null);
  let ui: React.JSX.Element | null = null;
  if (outcome?.state === 'needs') {
    const { job } = outcome;
    const setDocument = opts.onSetDocument;
    ui = (
      <FinalDetailsDialog
        report={getReport()}
        canSet={!!setDocument}
        onCancel={close}
        onDraft={() => {
          close();
          void start({ ...job, mode: 'draft' });
        }}
        onContinue={(number, day) => {
          setDocument?.(number, day);
          close();
          void start(job);
        }}
      />
    );
  } else if (outcome?.state === 'gate') {
    const { job, gate } = outcome;
    const goTo = opts.onGoTo;
    ui = (
      <ExportGateDialog
        gate={gate}
        format={job.kind === 'xlsx' ? 'xlsx' : 'pdf'}
        onBack={close}
        onExport={() => {
          close();
          void save(job);
        }}
        onGoTo={
          goTo &&
          ((location: Location) => {
            close();
            goTo(location);
          })
        }
      />
    );
  } else if (outcome?.state === 'busy') {
    ui = (
      <div className="export-busy" role="status" aria-live="polite">
        {vi.exporting.busy(outcome.job.kind, outcome.job.template ?? false)}
      </div>
    );
  } else if (outcome?.state === 'done') {
    const { path } = outcome;
    ui = (
      <Modal title={vi.exporting.doneTitle} onClose={close}>
        <p className="export-done" data-testid="export-done">
          {vi.exporting.done(baseName(path), folderOf(path))}
        </p>
        {outcome.mode && <p className="hint">{outcome.mode === 'final' ? vi.exporting.finalNote : vi.exporting.draftNote}</p>}
        <div className="modal-actions">
          <button
            className="primary"
            data-autofocus
            onClick={() => {
              void api()['os.openPath']({ path }).catch((e: Error) => setOutcome({ state: 'failed', job: outcome.job, path, message: e.message, code: 'OPEN' }));
              close();
            }}>
            {vi.exporting.openFile}
          </button>
          <button
            onClick={() => {
              void api()['os.showInFolder']({ path }).catch((e: Error) => setOutcome({ state: 'failed', job: outcome.job, path, message: e.message, code: 'OPEN' }));
              close();
            }}>
            {vi.exporting.openFolder}
          </button>
          <button onClick={close}>{vi.words.close}</button>
        </div>
      </Modal>
    );
  } else if (outcome?.state === 'failed') {
    const { job, path } = outcome;
    // A final copy refused for lacking its number or day cannot succeed by trying again with the same report.
    const hopeless = outcome.code === 'OPEN' || outcome.code === 'PDF_FINAL_INCOMPLETE';
    const canRetry = path !== '' && !hopeless;
    ui = (
      <Modal title={vi.exporting.failedTitle} onClose={close}>
        <p role="alert" className="export-failed">
          {outcome.message}
        </p>
        {outcome.code === 'FILE_LOCKED' && <p className="hint">{vi.exporting.lockedHint}</p>}
        <div className="modal-actions">
          {canRetry && (
            <button className="primary" data-autofocus onClick={() => void write(job, path)}>
              {vi.exporting.retry}
            </button>
          )}
          {!hopeless && (
            <button
              onClick={() => {
                close();
                void save(job);
              }}>
              {vi.exporting.elsewhere}
            </button>
          )}
          <button onClick={close}>{vi.words.close}</button>
        </div>
      </Modal>
    );
  }
  return { start, busy: outcome?.state === 'busy', ui };
}

/** The toolbar's "Xuất PDF", "Xuất Word" and "Xuất Excel" buttons with their outcome window. */
export function ExportActions(props: { getReport(): Report; onGoTo?(location: Location): void }): React.JSX.Element {
  const { start, busy, ui } = useExport(props.getReport, { onGoTo: props.onGoTo });
  return (
    <>
      <button onClick={() => void start({ kind: 'pdf' })} disabled={busy} title={vi.exporting.pdfTitle}>
        {vi.words.exportPdf}
      </button>
      <button onClick={() => void start({ kind: 'docx' })} disabled={busy} title={vi.exporting.docxTitle}>
        {vi.words.exportWord}
      </button>
      <button onClick={() => void start({ kind: 'xlsx' })} disabled={busy} title={vi.exporting.xlsxTitle}>
        {vi.words.exportExcel}
      </button>
      {ui}
    </>
  );
}

/** "Bản chính thức cần số văn bản và ngày ký": asked before the gate and the file name; or export the draft instead. */
function FinalDetailsDialog(props: {
  report: Report;
  canSet: boolean;
  onCancel(): void;
  onDraft(): void;
  onContinue(number: string, day: number): void;
}): React.JSX.Element {
  const d = props.report.document;
  const [number, setNumber] = useState(d.number ?? '');
  const [day, setDay] = useState(d.date.day === null ? '' : String(d.date.day));
  const [problem, setProblem] = useState<{ field: 'number' | 'day'; message: string } | null>(null);
  const V = vi.exporting.final;
  const submit = (): void => {
    const read = readFinalDetails(number, day, d.date);
    if (!read.ok) setProblem(read);
    else props.onContinue(read.number, read.day);
  };
  return (
    <Modal title={V.title} onClose={props.onCancel}>
      <p>{props.canSet ? V.intro(periodText(props.report.period)) : V.introNoEdit}</p>
      {props.canSet && (
        <form
          className="final-details"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}>
          <label>
            <span>{V.number}</span>
            <span className="inline">
              <input value={number} data-autofocus={d.number ? undefined : true} aria-invalid={problem?.field === 'number'} onChange={(e) => setNumber(e.target.value)} size={8} />
              <span className="muted">/{d.typeCode}-{props.report.profile.bodyCode}</span>
            </span>
          </label>
          <label>
            <span>{V.day}</span>
            <span className="inline">
              <input value={day} inputMode="numeric" data-autofocus={d.number ? true : undefined} aria-invalid={problem?.field === 'day'} onChange={(e) => setDay(e.target.value)} size={3} />
              <span className="muted">{V.monthYear(d.date.month, d.date.year)}</span>
            </span>
          </label>
          {problem && (
            <p className="error-text" role="alert">
              {problem.message}
            </p>
          )}
          <p className="hint">{V.hint}</p>
        </form>
      )}
      <div className="modal-actions">
        {props.canSet && (
          <button className="primary" onClick={submit}>
            {V.continue}
          </button>
        )}
        <button onClick={props.onDraft}>{V.draftInstead}</button>
        <button onClick={props.onCancel}>{vi.words.cancel}</button>
      </div>
    </Modal>
  );
}
