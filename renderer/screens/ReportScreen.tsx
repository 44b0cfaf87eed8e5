// The report screen: sections with error and warning badges on the left, the section being edited in the middle, the findings on the right.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { OpenedReport } from '../../core/api/contract';
import { periodLabel } from '../../core/model/period';
import type { Report } from '../../core/model/schema';
import { NAV_SECTIONS, countBySection, runChecks, sectionOf, type Finding, type NavSection } from '../../core/rules';
import { api } from '../api';
import { useExport } from '../components/ExportActions';
import { FindingsPanel, sortFindings } from '../components/FindingsPanel';
import { VersionsDialog } from '../components/VersionsDialog';
import { DraftBus, withDraft, type CellDraft } from '../state/draft';
import { pdfModeOf } from '../state/export-name';
import { buildMarks, locKey } from '../state/marks';
import { ReportStore, useReportState } from '../state/store';
import { vi } from '../strings/vi';
import { ImportWizard, useWindowDrop } from './ImportWizard';
import type { ReportCommand } from '../commands';
import { OverviewSection } from './OverviewSection';
import { PreviewScreen } from './PreviewScreen';
import { ClosingSection, EvaluationSection, GeneralSection, GroupSection, confirmCarried, type Previous, type SectionProps } from './sections';
import { carriedSummary } from '../../core/model/carried';

/** The screen's navigation: "Tổng quan" first (Alt+0), then the document's sections (Alt+1…9, as before). */
type ScreenSection = 'overview' | NavSection;
const SCREEN_SECTIONS: readonly ScreenSection[] = ['overview', ...NAV_SECTIONS];
const shortcutOf = (s: ScreenSection): string => `Alt+${s === 'overview' ? 0 : NAV_SECTIONS.indexOf(s) + 1}`;

/**
 * The report screen of report `id`. `onStore` is told the store of the report on screen (null when it closes), so
 * the app can save it before the window closes.
 */
export function ReportScreen(props: {
  id: string;
  onBack(): void;
  onStore?(store: ReportStore | null): void;
  /** Lends App the screen's handler of the menu's report commands while mounted; returns its unregister. */
  registerCommands?(run: (command: ReportCommand) => void): () => void;
  /** A menu command to carry out once the report is open (given from the library: Nhập Excel, Xem trước…). */
  command?: { kind: ReportCommand; seq: number } | null;
  /** Opens the in-app guide (F1). */
  onGuide(): void;
}): React.JSX.Element {
  const { onStore } = props;
  const [store, setStore] = useState<ReportStore | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let created: ReportStore | null = null;
    api()
      ['library.open']({ id: props.id })
      .then((opened) => {
        if (!live) return;
        created = new ReportStore(opened, {
          save: (id, revision, report) => api()['report.save']({ id, revision, report }),
        });
        onStore?.(created);
        setStore(created);
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
      if (created) {
        const s = created;
        void s.flush().finally(() => s.dispose());
        onStore?.(null);
      }
    };
  }, [props.id, onStore]);
  if (error)
    return (
      <div className="screen">
        <div className="banner error" role="alert">
          {error}
        </div>
        <button onClick={props.onBack}>{vi.report.back}</button>
      </div>
    );
  if (!store) return <div className="screen loading">{vi.app.loading}</div>;
  return <ReportView store={store} onBack={props.onBack} command={props.command ?? null} onGuide={props.onGuide} registerCommands={props.registerCommands} />;
}

function ReportView({
  store,
  onBack: leave,
  command,
  onGuide,
  registerCommands,
}: {
  store: ReportStore;
  onBack(): void;
  command: { kind: ReportCommand; seq: number } | null;
  onGuide(): void;
  registerCommands: ((run: (command: ReportCommand) => void) => () => void) | undefined;
}): React.JSX.Element {
  // Leaving saves first, so the library shows the report as it is now.
  const onBack = useCallback(() => {
    void store.flush().finally(leave);
  }, [store, leave]);
  const report = useReportState(store, (s) => s.report);
  const findings = useReportState(store, (s) => s.findings);
  // Findings follow the typing: the grid's typed value goes to the findings panel through this bus, so the rest of
  // the screen (and the grid's cell marks) wait for the commit and nothing else redraws while the clerk types.
  const draftBus = useMemo(() => new DraftBus(), []);
  const changed = useReportState(store, (s) => s.changed);
  const save = useReportState(store, (s) => s.save);
  const undoTop = useReportState(store, (s) => s.undo[s.undo.length - 1]?.label ?? null);
  const redoTop = useReportState(store, (s) => s.redo[s.redo.length - 1]?.label ?? null);
  const focus = useReportState(store, (s) => s.focus);
  const [section, setSection] = useState<ScreenSection>('general');
  // The findings panel: open beside the report; below NARROW_PX it collapses to a badge and opens over the report.
  const narrow = useMediaQuery(`(max-width: ${NARROW_PX - 1}px)`);
  const [panelOpen, setPanelOpen] = useState(!narrow);
  useEffect(() => setPanelOpen(!narrow), [narrow]);
  const [helpOpen, setHelpOpen] = useState(false);
  // Xuất PDF with the overview appendix after the official document: off by default, for this window only.
  const [pdfOverview, setPdfOverview] = useState(false);
  const pdfJob = { kind: 'pdf' as const, ...(pdfOverview ? { overview: true } : {}) };
  const [dialog, setDialog] = useState<'versions' | 'import' | 'preview' | null>(null);
  // Excel files dropped on the window open the import wizard with them.
  const [dropped, setDropped] = useState<{ files: File[] } | null>(null);
  useWindowDrop((files) => {
    setDropped({ files });
    setDialog('import');
  });
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [previous, setPrevious] = useState<Previous | null>(null);
  const [focusCell, setFocusCell] = useState<SectionProps['focusCell']>(null);
  const mainRef = useRef<HTMLDivElement>(null);

  const marks = useMemo(() => buildMarks(findings), [findings]);
  const counts = useMemo(() => countBySection(findings, report), [findings, report]);

  // Last period's report from the library, for the comparison beside the figures (looked up again when the period
  // or the locality changes; the key keeps an equal period from asking again).
  const periodKey = JSON.stringify(report.period);
  const locality = report.profile.locality;
  useEffect(() => {
    let live = true;
    const period = JSON.parse(periodKey) as Report['period'];
    api()
      ['library.previous']({ id: store.getState().id, period, locality })
      .then((found) => live && setPrevious(found ? { report: found.report, label: periodLabel(found.report.period) } : null))
      .catch(() => live && setPrevious(null));
    return () => {
      live = false;
    };
  }, [periodKey, locality, store]);

  // A finding clicked: go to its section, then select its cell or field.
  useEffect(() => {
    if (!focus) return;
    const loc = focus.location;
    setSection(sectionOf(loc, store.getState().report));
    if (loc.kind === 'cell') setFocusCell({ tableId: loc.tableId, unitId: loc.unitId, columnId: loc.columnId, seq: focus.seq, flash: focus.flash });
    else if (loc.kind === 'table') {
      const t = store.getState().report.tables.find((x) => x.id === loc.tableId);
      if (t?.rows[0]) setFocusCell({ tableId: t.id, unitId: t.rows[0].unitId, columnId: t.columns[0]!.id, seq: focus.seq });
    }
  }, [focus, store]);
  useLayoutEffect(() => {
    if (!focus) return;
    const loc = focus.location;
    if (loc.kind === 'cell' || loc.kind === 'table') return;
    const key = locKey(loc);
    const root = mainRef.current;
    if (!root) return;
    const el =
      root.querySelector<HTMLElement>(`[data-loc="${key}"]`) ??
      (loc.kind === 'line' ? root.querySelector<HTMLElement>(`[data-loc^="line:${loc.group}:${loc.lineId}:"]`) : null);
    if (el) {
      el.focus();
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
      el.scrollIntoView({ block: 'center' });
      // An undone or redone field flashes, as a grid cell does.
      if (focus.flash) {
        el.classList.remove('flash');
        void el.offsetWidth;
        el.classList.add('flash');
        el.addEventListener('animationend', () => el.classList.remove('flash'), { once: true });
      }
    }
  }, [focus, section]);

  const doUndo = useCallback(() => store.undo(), [store]);
  const doRedo = useCallback(() => store.redo(), [store]);

  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) across every edit, unless the clerk is typing in a field (its own undo).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k !== 'z' && k !== 'y') return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('[role="dialog"]')) return;
      if (t?.getAttribute?.('data-editing') === 'true') return;
      e.preventDefault();
      if (k === 'y' || (k === 'z' && e.shiftKey)) store.redo();
      else store.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const goSection = useCallback((s: ScreenSection): void => {
    setSection(s);
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h2')?.focus());
  }, []);

  // Alt+1…9 jumps to a section; F8 / Shift+F8 selects the next / previous finding.
  const lastFinding = useRef<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // Not while a dialog, the import wizard or the preview is open over the report.
      if ((e.target as HTMLElement | null)?.closest?.('[role="dialog"]')) return;
      if (e.altKey && !e.ctrlKey && /^[0-9]$/.test(e.key)) {
        const s = e.key === '0' ? 'overview' : NAV_SECTIONS[Number(e.key) - 1];
        if (s) {
          e.preventDefault();
          goSection(s);
        }
      } else if (e.altKey && e.key === 'ArrowLeft') {
        e.preventDefault();
        onBack();
      } else if (e.key === 'F8') {
        // From the finding last selected to the next one; when that one was fixed, the first one left.
        const list = sortFindings(store.getState().findings, store.getState().report);
        if (list.length === 0) return;
        e.preventDefault();
        const at = list.findIndex((f) => findingKey(f) === lastFinding.current);
        const next = at < 0 ? (e.shiftKey ? list.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + list.length) % list.length;
        lastFinding.current = findingKey(list[next]!);
        store.focusLocation(list[next]!.location);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onBack, goSection]);

  // Xuất PDF / Xuất Excel: save dialog with a default name, then open the file or its folder (components/ExportActions).
  const setDocument = useCallback(
    (number: string, day: number) =>
      store.change(vi.exporting.final.editLabel, [
        { path: ['document', 'number'], value: number },
        { path: ['document', 'date', 'day'], value: day },
      ]),
    [store],
  );
  const exporter = useExport(useCallback(() => store.getState().report, [store]), { onGoTo: (loc) => store.focusLocation(loc), onSetDocument: setDocument });

  // Menu commands on the report (routed by App, commands.ts).
  const handlers: Record<ReportCommand, () => void> = {
    import: () => setDialog('import'),
    paste: () => void pasteFromClipboard(),
    preview: () => setDialog('preview'),
    exportPdf: () => void exporter.start(pdfJob),
    // Xuất Word (the menu only: the toolbar keeps to what fits an office laptop; the preview has the button too).
    exportDocx: () => void exporter.start({ kind: 'docx' }),
    exportXlsx: () => void exporter.start({ kind: 'xlsx' }),
    // Ctrl+P: the report's PDF (final once it has its number and day) through the system print dialog.
    print: () => {
      const report = store.getState().report;
      void api()
        ['print.report']({ report, mode: pdfModeOf(report) })
        .then(({ printed }) => setMessage({ text: printed ? vi.preview.printed : vi.preview.printCancelled }))
        .catch((e: Error) => setMessage({ text: e.message, error: true }));
    },
    versions: () => setDialog('versions'),
  };
  const runCommand = (c: ReportCommand): void => handlers[c]();
  const runRef = useRef(runCommand);
  runRef.current = runCommand;
  useEffect(() => registerCommands?.((c) => runRef.current(c)), [registerCommands]);
  // A command given from the library runs once the report is on screen.
  useEffect(() => {
    if (command) runRef.current(command.kind);
  }, [command?.seq]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSelectFinding = (f: Finding): void => store.focusLocation(f.location);

  // "Dán bảng": reads the clipboard and pastes into the grid last used (the same path as Ctrl+V in the grid).
  const lastGrid = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    const onFocus = (e: FocusEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t instanceof HTMLInputElement && t.classList.contains('grid-editor')) lastGrid.current = t;
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
  const pasteFromClipboard = async (): Promise<void> => {
    const grid = lastGrid.current?.isConnected ? lastGrid.current : mainRef.current?.querySelector<HTMLInputElement>('input.grid-editor');
    if (!grid) {
      setMessage({ text: vi.report.pasteNoTable });
      return;
    }
    let text = '';
    let html = '';
    try {
      for (const item of await navigator.clipboard.read()) {
        if (item.types.includes('text/html')) html = await (await item.getType('text/html')).text();
        if (item.types.includes('text/plain')) text = await (await item.getType('text/plain')).text();
      }
    } catch {
      grid.focus();
      setMessage({ text: vi.report.pasteHint });
      return;
    }
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    if (html) dt.setData('text/html', html);
    grid.focus();
    grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  };

  const carried = useMemo(() => carriedSummary(report), [report]);
  const sectionProps: SectionProps = { store, report, marks, changed, previous, focusCell, onDraft: draftBus.set };
  const title = vi.report.title(periodLabel(report.period));

  return (
    <div className="screen report">
      <header className="topbar">
        <button className="back" onClick={onBack} title="Alt+←">
          {vi.report.back}
        </button>
        <h1>
          {title}
          <span className="doc-number">{report.profile.shortName}</span>
          {report.isSample && <span className="tag sample">{vi.library.sample}</span>}
        </h1>
        <div className="toolbar" role="toolbar" aria-label={vi.report.toolbar}>
          <button onClick={() => setDialog('import')} title={vi.importing.title}>
            {vi.words.importExcel}
          </button>
          <button onClick={() => void pasteFromClipboard()} title="Ctrl+V">
            {vi.words.pasteTable}
          </button>
          <span className="sep-v" />
          <button onClick={doUndo} disabled={!undoTop} title={vi.report.undoTitle(undoTop)}>
            ↶ {vi.words.undo}
          </button>
          <button onClick={doRedo} disabled={!redoTop} title={vi.report.redoTitle(redoTop)}>
            ↷ {vi.words.redo}
          </button>
          <span className="sep-v" />
          <button onClick={() => setDialog('versions')}>{vi.words.versions}</button>
          <button onClick={() => setDialog('preview')}>{vi.words.preview}</button>
          <button onClick={() => void exporter.start(pdfJob)} disabled={exporter.busy} title={vi.exporting.pdfTitle}>
            {vi.words.exportPdf}
          </button>
          <button onClick={() => void exporter.start({ kind: 'xlsx' })} disabled={exporter.busy} title={vi.exporting.xlsxTitle}>
            {vi.words.exportExcel}
          </button>
          {!panelOpen && <FindingsBadge findings={findings} onOpen={() => setPanelOpen(true)} />}
        </div>
      </header>
      {save.status === 'error' && (
        <div className="banner error" role="alert">
          {save.code === 'STALE_REVISION' ? vi.report.stale : vi.report.saveFailed(save.message ?? '')}
          {save.code !== 'STALE_REVISION' && <button onClick={() => void store.flush()}>{vi.report.retrySave}</button>}
        </div>
      )}
      {carried && (
        <div className="banner carried" role="status" data-testid="carried-banner">
          {vi.carried.banner(carried)}
          <button onClick={() => confirmCarried(store)}>{vi.carried.confirm}</button>
        </div>
      )}
      {message && (
        <div className={`banner${message.error ? ' error' : ''}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
          <button className="link" onClick={() => setMessage(null)} aria-label={vi.words.close}>
            ×
          </button>
        </div>
      )}
      <div className={`report-body${panelOpen && !narrow ? '' : ' no-panel'}${panelOpen && narrow ? ' panel-over' : ''}`}>
        <nav className="sections-nav" aria-label={vi.report.sections}>
          <ul>
            {SCREEN_SECTIONS.map((s) => (
              <li key={s}>
                <button
                  className={s === section ? 'current' : undefined}
                  title={shortcutOf(s)} aria-current={s === section ? 'page' : undefined} onClick={() => goSection(s)}>
                  <span className="nav-label">{vi.report.nav[s]}</span>
                  {s !== 'overview' && <span className="badges">
                    {counts[s].errors > 0 && (
                      <span className="badge error" title={vi.report.badgeErrors(counts[s].errors)}>
                        {counts[s].errors}
                      </span>
                    )}
                    {counts[s].warnings > 0 && (
                      <span className="badge warning" title={vi.report.badgeWarnings(counts[s].warnings)}>
                        {counts[s].warnings}
                      </span>
                    )}
                  </span>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="section-main" ref={mainRef} key={section}>
          {section === 'overview' && (
            <OverviewSection
              store={store}
              report={report}
              pdfAppendix={pdfOverview}
              onPdfAppendix={setPdfOverview}
              onGoToUnit={(tableId, unitId, columnId) => {
                const t = store.getState().report.tables.find((x) => x.id === tableId);
                if (!t) return;
                setSection(t.section);
                setFocusCell({ tableId, unitId, columnId, seq: Date.now() });
              }}
            />
          )}
          {section === 'general' && <GeneralSection {...sectionProps} />}
          {(section === 'CKMB' || section === 'TDGQ' || section === 'CLGQ' || section === 'TTTT' || section === 'MDHL' || section === 'MDSH') && (
            <GroupSection {...sectionProps} code={section} />
          )}
          {section === 'II' && <EvaluationSection {...sectionProps} />}
          {section === 'closing' && <ClosingSection {...sectionProps} />}
        </main>
        {panelOpen && <LiveFindingsPanel bus={draftBus} findings={findings} report={report} onSelect={onSelectFinding} onFix={(f) => f.fix && store.applyFix(f.fix)} onCollapse={() => setPanelOpen(false)} />}
      </div>
      <footer className="statusbar">
        <span className={`save-status ${save.status}`} role="status" aria-live="polite" data-testid="save-status">
          {saveText(save)}
        </span>
        <span className="findings-count">
          {vi.findings.summary(
            findings.filter((f) => f.severity === 'error').length,
            findings.filter((f) => f.severity === 'warning').length,
          )}
        </span>
        <span className="spacer" />
        <div className="help-pop">
          <button className="help-button" aria-expanded={helpOpen} aria-label={vi.help.shortcuts} title={vi.help.shortcuts} onClick={() => setHelpOpen((o) => !o)}>
            ?
          </button>
          {helpOpen && (
            <div className="help-popover" role="dialog" aria-label={vi.help.shortcuts} onKeyDown={(e) => e.key === 'Escape' && setHelpOpen(false)}>
              <h3>{vi.help.shortcuts}</h3>
              <ul>
                {vi.grid.help.split(' · ').map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <button
                className="link"
                data-autofocus
                onClick={() => {
                  setHelpOpen(false);
                  onGuide();
                }}
              >
                {vi.help.guide}
              </button>
            </div>
          )}
        </div>
      </footer>
      {exporter.ui}
      {dialog === 'import' && (
        <ImportWizard
          store={store}
          dropped={dropped}
          onClose={() => {
            setDialog(null);
            setDropped(null);
          }}
          onApplied={(text) => {
            setDialog(null);
            setDropped(null);
            setMessage({ text });
          }}
        />
      )}
      {dialog === 'preview' && (
        <PreviewScreen
          report={report}
          getReport={() => store.getState().report}
          onSetDocument={setDocument}
          onClose={() => setDialog(null)}
          onGoTo={(loc) => {
            setDialog(null);
            store.focusLocation(loc);
          }}
        />
      )}
      {dialog === 'versions' && (
        <VersionsDialog
          reportId={store.getState().id}
          getReport={() => store.getState().report}
          beforeList={() => store.flush()}
          onClose={() => setDialog(null)}
          onRestored={(opened: OpenedReport, v) => {
            store.replaceStored(opened.report, opened.revision, opened.savedAt, vi.versions.restoreLabel(vi.formatDateTime(v.takenAt)));
            setDialog(null);
            setMessage({ text: vi.versions.restored(vi.formatDateTime(v.takenAt)) });
          }}
        />
      )}
    </div>
  );
}

function findingKey(f: Finding): string {
  return `${f.ruleId}|${locKey(f.location)}|${f.message}`;
}

function saveText(save: { status: string; at: Date | null; message: string | null }): string {
  switch (save.status) {
    case 'pending':
    case 'saving':
      return vi.report.saving;
    case 'error':
      return vi.report.unsaved;
    default:
      return save.at ? vi.report.savedAt(save.at) : vi.report.unsaved;
  }
}

export type { Report };

/** The findings panel, with the checks rerun on the value being typed (shortly after each keystroke). */
function LiveFindingsPanel(p: { bus: DraftBus } & React.ComponentProps<typeof FindingsPanel>): React.JSX.Element {
  const { bus, findings, report, ...rest } = p;
  const draft = useSyncExternalStore(bus.subscribe, bus.get);
  const [live, setLive] = useState<{ draft: CellDraft; findings: Finding[] } | null>(null);
  useEffect(() => {
    if (!draft) return;
    const timer = setTimeout(() => setLive({ draft, findings: runChecks(withDraft(report, draft)) }), DRAFT_CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, report]);
  const shown = draft && live && live.draft === draft ? live.findings : findings;
  return <FindingsPanel findings={shown} report={report} {...rest} />;
}

/** Below this window width (CSS px) the findings panel collapses to a badge, so the tables keep their width. */
const NARROW_PX = 1200;

function useMediaQuery(query: string): boolean {
  const [match, setMatch] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = (): void => setMatch(m.matches);
    on();
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return match;
}

/** The collapsed findings panel: a badge with the counts of errors and warnings; a click opens the panel. */
function FindingsBadge(p: { findings: readonly Finding[]; onOpen(): void }): React.JSX.Element {
  const errors = p.findings.filter((f) => f.severity === 'error').length;
  const warnings = p.findings.length - errors;
  return (
    <button className={`findings-badge${errors ? ' has-errors' : ''}`} onClick={p.onOpen} title={vi.findings.summary(errors, warnings)} data-testid="findings-badge">
      {vi.findings.show}
      {errors > 0 && <span className="badge error">{errors}</span>}
      {warnings > 0 && <span className="badge warning">{warnings}</span>}
      {p.findings.length === 0 && <span className="ok"> ✓</span>}
    </button>
  );
}

/** How long after a keystroke the typed value is checked (the checks take ~17 ms on a 130-commune report). */
const DRAFT_CHECK_DELAY_MS = 150;
