// The renderer's entry: mounts the app, switches between the library and the report screen, shows notices, saves before closing.
import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Notice } from '../core/api/contract';
import { api, hasBridge, onEvent } from './api';
import { BackupDialog } from './components/BackupDialog';
import { LibraryScreen } from './screens/LibraryScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { ReportScreen } from './screens/ReportScreen';
import type { ReportStore } from './state/store';
import { vi } from './strings/vi';
import './styles.css';

type Screen = { kind: 'library'; selectId: string | null } | { kind: 'report'; id: string } | { kind: 'settings' };

function App(): React.JSX.Element {
  const [screen, setScreen] = useState<Screen>({ kind: 'library', selectId: null });
  const [notices, setNotices] = useState<Notice[]>([]);
  const [backup, setBackup] = useState<'backup' | 'restore' | null>(null);
  // The store of the report on screen (told by ReportScreen), saved before the window closes.
  const reportStore = useRef<ReportStore | null>(null);
  const onReportStore = useCallback((s: ReportStore | null) => {
    reportStore.current = s;
  }, []);

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
      if (command === 'openLibrary') setScreen((s) => (s.kind === 'report' ? { kind: 'library', selectId: s.id } : s.kind === 'settings' ? { kind: 'library', selectId: null } : s));
      // Leaving a report saves it first (its screen flushes when it closes).
      else if (command === 'settings') setScreen({ kind: 'settings' });
      else if (command === 'backup' || command === 'restoreBackup') {
        // From the library: the open report is saved and closed first, so a restore never races its autosave.
        setScreen((s) => (s.kind === 'report' ? { kind: 'library', selectId: s.id } : s));
        setBackup(command === 'backup' ? 'backup' : 'restore');
      }
    });
    return () => {
      offNotice();
      offFlush();
      offMenu();
    };
  }, []);

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
          onOpen={(id) => setScreen({ kind: 'report', id })}
          tools={
            <>
              <button onClick={() => setBackup('backup')}>{vi.backup.open}</button>
              <button onClick={() => setScreen({ kind: 'settings' })}>{vi.words.settings}</button>
            </>
          }
        />
      ) : screen.kind === 'settings' ? (
        <SettingsScreen onBack={back} />
      ) : (
        <ReportScreen key={screen.id} id={screen.id} onBack={back} onStore={onReportStore} />
      )}
      {backup && <BackupDialog initial={backup} onClose={() => setBackup(null)} />}
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
