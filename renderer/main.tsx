// The renderer's entry: mounts the app, switches between the library and the report screen, shows notices, saves before closing.
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Notice } from '../core/api/contract';
import { api, hasBridge, onEvent } from './api';
import { LibraryScreen } from './screens/LibraryScreen';
import { ReportScreen, currentStore } from './screens/ReportScreen';
import { vi } from './strings/vi';
import './styles.css';

type Screen = { kind: 'library'; selectId: string | null } | { kind: 'report'; id: string };

function App(): React.JSX.Element {
  const [screen, setScreen] = useState<Screen>({ kind: 'library', selectId: null });
  const [notices, setNotices] = useState<Notice[]>([]);

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
          await currentStore.store?.flush();
        } finally {
          await api()['app.flushed']({ requestId }).catch(() => undefined);
        }
      })();
    });
    const offMenu = onEvent('menu', ({ command }) => {
      if (command === 'openLibrary') setScreen((s) => (s.kind === 'report' ? { kind: 'library', selectId: s.id } : s));
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
        <LibraryScreen selectId={screen.selectId} onOpen={(id) => setScreen({ kind: 'report', id })} />
      ) : (
        <ReportScreen key={screen.id} id={screen.id} onBack={back} />
      )}
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
