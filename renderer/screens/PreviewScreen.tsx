// "Xem trước": the PDF as it will print, page by page (pdf.js into canvases), as a draft or final, with Xuất PDF, Xuất Word and In from here.
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { Report } from '../../core/model/schema';
import type { Location } from '../../core/rules';
import { ApiCallError } from '../../core/api/contract';
import { api } from '../api';
import { useExport } from '../components/ExportActions';
import { pdfModeOf } from '../state/export-name';
import { parsePageRanges } from '../state/print-range';
import { openPdf, renderPage, type PageRender } from '../state/pdf-view';
import { findingsOf } from '../state/store';
import { vi } from '../strings/vi';

/** CSS pixels per PDF point: an A4 page 794 px wide, like Word at 100 %. */
const SCALE = 96 / 72;

export function PreviewScreen(props: {
  report: Report;
  onClose(): void;
  /** Closes the preview and selects a gate item's cell or field. */
  onGoTo?(location: Location): void;
  /** Writes a final copy's number and day into the report (asked before the file name when they are missing). */
  onSetDocument?(number: string, day: number): void;
  /** The report as the store holds it now (after onSetDocument); default: the report shown. */
  getReport?(): Report;
}): React.JSX.Element {
  const [mode, setMode] = useState<'draft' | 'final'>(() => pdfModeOf(props.report));
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState<ReadonlySet<number>>(new Set());
  const closeRef = useRef<HTMLButtonElement>(null);
  // Xuất PDF of the mode on screen: a final copy passes the export gate first (a draft never does).
  const { start, busy, ui } = useExport(() => props.getReport?.() ?? props.report, {
    ...(props.onGoTo ? { onGoTo: props.onGoTo } : {}),
    ...(props.onSetDocument ? { onSetDocument: props.onSetDocument } : {}),
  });
  // In: the PDF on screen (same bytes, same mode) through the system print dialog, with the pages and copies chosen here.
  const [pagesText, setPagesText] = useState('');
  const [copies, setCopies] = useState(1);
  const [printStatus, setPrintStatus] = useState<{ text: string; error: boolean } | null>(null);
  const print = async (): Promise<void> => {
    const pageRanges = parsePageRanges(pagesText);
    if (pageRanges === null) {
      setPrintStatus({ text: vi.preview.badPages(pagesText), error: true });
      return;
    }
    setPrintStatus({ text: vi.preview.printing, error: false });
    try {
      const { printed } = await api()['print.report']({ report: props.report, mode, print: { pageRanges, copies } });
      setPrintStatus({ text: printed ? vi.preview.printed : vi.preview.printCancelled, error: false });
    } catch (err) {
      setPrintStatus({ text: err instanceof ApiCallError ? err.message : vi.errors.unexpected, error: true });
    }
  };

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus?.();
  }, []);

  useEffect(() => {
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setDoc(null);
    setError(null);
    setRendered(new Set());
    void (async () => {
      try {
        const { pdf } = await api()['export.pdfPreview']({ report: props.report, mode });
        if (!live) return;
        opened = await openPdf(pdf instanceof Uint8Array ? pdf : new Uint8Array(Object.values(pdf as object) as number[]));
        if (live) setDoc(opened);
        else void opened.destroy();
      } catch (err) {
        // A message from the API is already Vietnamese; a pdf.js failure is not, so it gets our sentence.
        if (live) setError(err instanceof ApiCallError ? err.message : vi.preview.failed);
      }
    })();
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [props.report, mode]);

  // Esc closes; Tab stays inside the preview (the report behind it is not reachable until it closes).
  const rootRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape' && !ui) {
      e.preventDefault();
      e.stopPropagation();
      props.onClose();
      return;
    }
    if (e.key !== 'Tab' || !rootRef.current || ui) return;
    const items = Array.from(rootRef.current.querySelectorAll<HTMLElement>('button:not([disabled]), input, [tabindex="0"]'));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const pages = doc ? Array.from({ length: doc.numPages }, (_, i) => i + 1) : [];
  const findings = findingsOf(props.report);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return (
    <div ref={rootRef} className="preview-screen" role="dialog" aria-modal="true" aria-label={vi.preview.title} onKeyDown={onKeyDown}>
      <header className="topbar">
        <button ref={closeRef} className="back" onClick={props.onClose} title="Esc">
          {vi.preview.back}
        </button>
        <h1>{vi.preview.title}</h1>
        <fieldset className="mode-choice">
          <legend className="visually-hidden">{vi.preview.modeLegend}</legend>
          <label>
            <input type="radio" name="pdf-mode" checked={mode === 'draft'} onChange={() => setMode('draft')} /> {vi.preview.draft}
          </label>
          <label>
            <input type="radio" name="pdf-mode" checked={mode === 'final'} onChange={() => setMode('final')} /> {vi.preview.final}
          </label>
        </fieldset>
        <div className="toolbar">
          <label className="print-pages" title={vi.preview.printPagesHint}>
            {vi.preview.printPages}{' '}
            <input type="text" size={8} value={pagesText} placeholder={vi.preview.printPagesHint} onChange={(e) => setPagesText(e.target.value)} />
          </label>
          <label className="print-copies">
            {vi.preview.printCopies}{' '}
            <input type="number" min={1} max={99} value={copies} onChange={(e) => setCopies(Math.min(99, Math.max(1, Math.round(Number(e.target.value) || 1))))} />
          </label>
          <button disabled={!doc || printStatus?.text === vi.preview.printing} onClick={() => void print()} title={vi.preview.printTitle}>
            {vi.words.print}
          </button>
          <button className="primary" disabled={busy} onClick={() => void start({ kind: 'pdf', mode })}>
            {vi.words.exportPdf}
          </button>
          <button disabled={busy} onClick={() => void start({ kind: 'docx', mode })} title={vi.exporting.docxTitle}>
            {vi.words.exportWord}
          </button>
        </div>
      </header>
      <p className="preview-hint" role="status" aria-live="polite" data-testid="preview-status">
        {error
          ? ''
          : !doc
            ? vi.preview.loading
            : rendered.size < pages.length
              ? vi.preview.rendering(rendered.size, pages.length)
              : vi.preview.pages(pages.length, mode === 'draft' ? vi.preview.draftNote : vi.preview.finalNote)}
        {printStatus && <span className={printStatus.error ? 'error-text' : undefined}> {printStatus.text}</span>}
        {findings.length > 0 && <span className={errors ? 'error-text' : 'warning-text'}> {vi.preview.findings(errors, warnings)}</span>}
      </p>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <div className="preview-pages" tabIndex={0} aria-label={vi.preview.pagesLabel}>
        {doc && pages.map((n) => <PdfPage key={`${mode}-${n}`} doc={doc} n={n} total={pages.length} onRendered={() => setRendered((r) => new Set(r).add(n))} />)}
      </div>
      {ui}
    </div>
  );
}

function PdfPage(props: { doc: PDFDocumentProxy; n: number; total: number; onRendered(): void }): React.JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  // One drawing at a time on a canvas: a new one waits until the cancelled one has stopped.
  const previous = useRef<Promise<unknown>>(Promise.resolve());
  const [failed, setFailed] = useState(false);
  const { doc, n, onRendered } = props;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    let live = true;
    let handle: PageRender | null = null;
    previous.current = previous.current
      .catch(() => undefined)
      .then(() => {
        if (!live) return;
        handle = renderPage(doc, n, canvas, SCALE);
        return handle.promise.then(
          () => live && onRendered(),
          () => live && setFailed(true),
        );
      });
    return () => {
      live = false;
      handle?.cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- drawn once per document and page: onRendered is a fresh closure on every render, and drawing again would cancel the drawing in progress
  }, [doc, n]);
  return (
    <figure className="pdf-page" data-page={n}>
      <canvas ref={ref} aria-label={vi.preview.pageLabel(n, props.total)} role="img" />
      <figcaption>{failed ? vi.preview.pageFailed(n) : vi.preview.pageLabel(n, props.total)}</figcaption>
    </figure>
  );
}
