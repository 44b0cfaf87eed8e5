// The renderer's entry: mounts the app, switches between the library, report and settings screens, routes the menu's
// commands (commands.ts), shows notices and the guide, applies the text size, saves before closing.
import { StrictMode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Notice } from '../core/api/contract';
import { api, hasBridge, onEvent } from './api';
import { BackupDialog } from './components/BackupDialog';
import { GuideDialog } from './components/GuideDialog';
import { routeOf, type MenuRoute, type ReportCommand } from './commands';
import { typingField, useCommandSlot } from './state/screen-commands';
import { applyTextSize } from './state/text-size';
import type { TextSize } from '../core/library/settings';
import { GUIDE_TITLE } from './strings/guide';
import { LibraryScreen } from './screens/LibraryScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { smokeFolderOf, startSmoke } from './smoke';
import { ReportScreen } from './screens/ReportScreen';
import type { ReportStore } from './state/store';
import { vi } from './strings/vi';
import './styles.css';

type Screen =
  | { kind: 'library'; selectId: string | null; dialog?: { kind: 'new' | 'recycle'; seq: number } }
  | { kind: 'report'; id: string; command?: { kind: ReportCommand; seq: number } }
  | { kind: 'settings' };

/** The app: one per window (exported for the DOM tests, which mount it more than once). */
export function App(): React.JSX.Element {
  const [screen, setScreen] = useState<Screen>({ kind: 'library', selectId: null });
  const [notices, setNotices] = useState<Notice[]>([]);
  const [backup, setBackup] = useState<'backup' | 'restore' | null>(null);
  // The store of the report on screen (told by ReportScreen), saved before the window closes.
  const reportStore = useRef<ReportStore | null>(null);
  const onReportStore = useCallback((s: ReportStore | null) => {
    reportStore.current = s;
  }, []);
  // What the screen on show does for the menu's commands (lent by ReportScreen / SettingsScreen while mounted).
  const reportCommands = useCommandSlot<(command: ReportCommand) => void>();
  const settingsSave = useCommandSlot<() => Promise<boolean>>();
  const [guide, setGuide] = useState<'guide' | 'about' | null>(null);
  const [toast, showToast] = useToast();
  // The report a command from the library or settings applies to: the one selected in the library, else the last open.
  const selectedReport = useRef<string | null>(null);
  const screenRef = useRef(screen);
  screenRef.current = screen;
  // Numbers the dialogs and commands App asks a screen for, so that the same one asked twice runs twice.
  const requestSeq = useRef(0);

  // Text size (Cài đặt): 100, 125 or 150 % of the whole interface.
  const [textSize, setTextSize] = useState<TextSize>(100);
  useEffect(() => {
    if (!hasBridge()) return;
    api()
      ['settings.get']({})
      .then((s) => setTextSize(s.textSize))
      .catch(() => undefined);
  }, []);
  useLayoutEffect(() => applyTextSize(textSize), [textSize]);

  const runRoute = useCallback(
    (route: MenuRoute) => {
      const s = screenRef.current;
      switch (route.kind) {
        case 'library':
          // Leaving a report saves it first (its screen flushes when it closes).
          setScreen({
            kind: 'library',
            selectId: s.kind === 'report' ? s.id : s.kind === 'library' ? s.selectId : selectedReport.current,
            ...(route.dialog ? { dialog: { kind: route.dialog, seq: ++requestSeq.current } } : {}),
          });
          return;
        case 'settings':
          setScreen({ kind: 'settings' });
          return;
        case 'backup':
          // From the library: the open report is saved and closed first, so a restore never races its autosave.
          setScreen((cur) => (cur.kind === 'report' ? { kind: 'library', selectId: cur.id } : cur));
          setBackup(route.mode);
          return;
        case 'guide':
          setGuide(route.part);
          return;
        case 'report':
          if (s.kind === 'report' && reportCommands.current) reportCommands.current(route.command);
          else if (selectedReport.current) setScreen({ kind: 'report', id: selectedReport.current, command: { kind: route.command, seq: ++requestSeq.current } });
          else showToast(vi.commands.noReport);
          return;
        case 'history': {
          const field = typingField(document.activeElement);
          if (field) document.execCommand(route.redo ? 'redo' : 'undo');
          else if (s.kind === 'report' && reportStore.current) {
            const done = route.redo ? reportStore.current.redo() : reportStore.current.undo();
            if (!done) showToast(route.redo ? vi.commands.nothingToRedo : vi.commands.nothingToUndo);
          } else showToast(route.redo ? vi.commands.nothingToRedo : vi.commands.nothingToUndo);
          return;
        }
        case 'save':
          void (async () => {
            try {
              if (s.kind === 'report' && reportStore.current) await reportStore.current.flush();
              else if (s.kind === 'settings' && settingsSave.current) {
                if (!(await settingsSave.current())) return;
              }
              showToast(s.kind === 'report' && reportStore.current && !reportStore.current.isSaved() ? vi.report.unsaved : vi.words.saved);
            } catch (err) {
              showToast((err as Error).message || vi.errors.unexpected);
            }
          })();
          return;
      }
    },
    [showToast, reportCommands, settingsSave],
  );

  useEffect(() => {
    if (!hasBridge()) return;
    api()
      ['app.notices']({})
      .then((list) => setNotices((n) => [...n, ...list]))
      .catch(() => undefined);
    const offNotice = onEvent('notice', (n) => setNotices((list) => [...list, n]));
    const offFlush = onEvent('app.flushRequest', ({ requestId }) => {
      void (async () => {
        try {
          await reportStore.current?.flush();
        } finally {
          await api()['app.flushed']({ requestId }).catch(() => undefined);
        }
      })();
    });
    const offMenu = onEvent('menu', ({ command }) => {
      const route = routeOf(command);
      if (route) runRoute(route);
    });
    return () => {
      offNotice();
      offFlush();
      offMenu();
    };
  }, [runRoute]);

  useEffect(() => {
    if (screen.kind === 'report') selectedReport.current = screen.id;
  }, [screen]);

  const back = useCallback(() => {
    setScreen((s) => ({ kind: 'library', selectId: s.kind === 'report' ? s.id : null }));
  }, []);

  if (!hasBridge()) {
    return (
      <div className="banner error" role="alert">
        {vi.app.noApi}
      </div>
    );
  }

  return (
    <>
      {notices.length > 0 && (
        <div className="notices" role="status">
          {notices.map((n, i) => (
            <div key={i} className={`banner ${n.level === 'error' ? 'error' : n.level === 'warning' ? 'warn' : ''}`}>
              {n.message}
              <button className="link" aria-label={vi.words.close} onClick={() => setNotices((list) => list.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {screen.kind === 'library' ? (
        <LibraryScreen
          selectId={screen.selectId}
          request={screen.dialog ?? null}
          onSelect={(id) => {
            selectedReport.current = id;
          }}
          onOpen={(id) => setScreen({ kind: 'report', id })}
          tools={
            <>
              <button onClick={() => setBackup('backup')}>{vi.backup.open}</button>
              <button onClick={() => setScreen({ kind: 'settings' })}>{vi.words.settings}</button>
              <button onClick={() => setGuide('guide')} title="F1" aria-label={GUIDE_TITLE}>
                ?
              </button>
            </>
          }
        />
      ) : screen.kind === 'settings' ? (
        <SettingsScreen onBack={back} onSaved={(s) => setTextSize(s.textSize)} registerSave={settingsSave.register} />
      ) : (
        <ReportScreen key={screen.id} id={screen.id} onBack={back} onStore={onReportStore} registerCommands={reportCommands.register} command={screen.command ?? null} onGuide={() => setGuide('guide')} />
      )}
      {backup && <BackupDialog initial={backup} onClose={() => setBackup(null)} />}
      {guide && <GuideDialog part={guide} onClose={() => setGuide(null)} />}
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          {toast}
        </div>
      )}
    </>
  );
}

/** A short message at the bottom of the window ("Đã lưu"), gone after a moment. */
function useToast(): [string | null, (text: string) => void] {
  const [text, setText] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = useCallback((t: string) => {
    if (timer.current) clearTimeout(timer.current);
    setText(t);
    timer.current = setTimeout(() => setText(null), TOAST_MS);
  }, []);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return [text, show];
}

const TOAST_MS = 2500;

// Smoke mode (main passes `?smoke=1&dir=…` only under --smoke-test): the clerk's walk through the typed API.
const smokeFolder = smokeFolderOf(window.location.search);
if (smokeFolder !== null && hasBridge()) void startSmoke(api(), smokeFolder).catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
