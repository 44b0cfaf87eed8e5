// Exporting the report: PDF and Excel through the native save dialog with a sensible name, then open the file or its folder; a locked file gets a retry.
import { useCallback, useRef, useState } from 'react';
import type { Report } from '../../core/model/schema';
import { api } from '../api';
import { baseName, exportFileName, folderOf, pdfModeOf } from '../state/export-name';
import { vi } from '../strings/vi';
import { Modal } from './Modal';

export interface ExportJob {
  kind: 'pdf' | 'xlsx';
  /** The blank import template for the report's units (Excel only). */
  template?: boolean;
  /** PDF: draft or final (default: final once the report has its number and day). */
  mode?: 'draft' | 'final';
}

type Outcome =
  | { state: 'busy'; job: ExportJob }
  | { state: 'done'; job: ExportJob; path: string; mode: 'draft' | 'final' | null }
  | { state: 'failed'; job: ExportJob; path: string; message: string; code: string };

/** Export with the dialogs and the result window; `start` opens the save dialog, `ui` renders the outcome. */
export function useExport(getReport: () => Report): { start(job: ExportJob): Promise<void>; busy: boolean; ui: React.JSX.Element | null } {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const busyRef = useRef(false);

  const write = useCallback(
    async (job: ExportJob, path: string): Promise<void> => {
      const report = getReport();
      const mode = job.kind === 'pdf' ? (job.mode ?? pdfModeOf(report)) : null;
      busyRef.current = true;
      setOutcome({ state: 'busy', job });
      try {
        if (job.kind === 'pdf') await api()['export.pdf']({ report, path, mode: mode ?? 'draft' });
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

  const start = useCallback(
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

  const close = (): void => setOutcome(null);
  let ui: React.JSX.Element | null = null;
  if (outcome?.state === 'busy') {
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
                void start(job);
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

/** The toolbar's "Xuất PDF" and "Xuất Excel" buttons with their outcome window. */
export function ExportActions(props: { getReport(): Report }): React.JSX.Element {
  const { start, busy, ui } = useExport(props.getReport);
  return (
    <>
      <button onClick={() => void start({ kind: 'pdf' })} disabled={busy} title={vi.exporting.pdfTitle}>
        {vi.words.exportPdf}
      </button>
      <button onClick={() => void start({ kind: 'xlsx' })} disabled={busy} title={vi.exporting.xlsxTitle}>
        {vi.words.exportExcel}
      </button>
      {ui}
    </>
  );
}
