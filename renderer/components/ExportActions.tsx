// Exporting the report: the final-export gate, then PDF, Word and Excel through the native save dialog with a sensible name, then open the file or its folder; a locked file gets a retry.
import { useCallback, useRef, useState } from 'react';
import type { Report } from '../../core/model/schema';
import { exportGate, gateIsClear, type ExportGate, type Location } from '../../core/rules';
import { api } from '../api';
import { baseName, exportFileName, folderOf, pdfModeOf } from '../state/export-name';
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
}

type Outcome =
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
        if (job.kind === 'pdf') await api()['export.pdf']({ report, path, mode: mode ?? 'draft' });
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
        const { path } = await api()['dialog.saveFile']({ purpose: job.kind, defaultName: exportFileName(report, job.kind, { template: job.template ?? false }) });
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
  if (outcome?.state === 'gate') {
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
    const canRetry = path !== '' && outcome.code !== 'OPEN';
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
          {outcome.code !== 'OPEN' && (
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
