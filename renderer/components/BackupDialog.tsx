// "Sao lưu": copies the whole library to a folder the clerk chooses (a USB stick) and takes reports back from a backup, with progress.
import { useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../core/api/contract';
import { api, onEvent } from '../api';
import { vi } from '../strings/vi';
import { Modal } from './Modal';

const B = vi.backup;

type State =
  | { kind: 'idle' }
  | { kind: 'running'; what: 'backup' | 'restore'; progress: ProgressEvent | null }
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string };

let seq = 0;

export function BackupDialog(props: { onClose(): void; initial?: 'backup' | 'restore' }): React.JSX.Element {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const job = useRef<string | null>(null);

  useEffect(
    () =>
      onEvent('progress', (p) => {
        if (p.jobId === job.current) setState((s) => (s.kind === 'running' ? { ...s, progress: p } : s));
      }),
    [],
  );

  const run = async (what: 'backup' | 'restore'): Promise<void> => {
    try {
      const { path } = await api()['dialog.chooseFolder']({ purpose: what });
      if (!path) return;
      const jobId = `saoluu-${Date.now()}-${++seq}`;
      job.current = jobId;
      setState({ kind: 'running', what, progress: null });
      if (what === 'backup') {
        const r = await api()['library.backup']({ folder: path, jobId });
        setState({ kind: 'done', text: B.backedUp(r.reports, r.versions, r.folder) });
      } else {
        const r = await api()['library.restoreBackup']({ folder: path, jobId });
        setState({ kind: 'done', text: B.restored(r.restored, r.unchanged, r.skipped) });
      }
    } catch (err) {
      const e = err as { message: string; code?: string };
      setState({ kind: 'failed', text: e.code === 'CANCELLED' ? B.cancelled : e.message });
    } finally {
      job.current = null;
    }
  };

  const cancel = (): void => {
    if (job.current) void api()['job.cancel']({ jobId: job.current }).catch(() => undefined);
  };

  return (
    <Modal title={B.title} onClose={state.kind === 'running' ? cancel : props.onClose}>
      <div className="backup-dialog">
        <p>{B.intro}</p>
        <div className="choice">
          <button className={props.initial !== 'restore' ? 'primary' : undefined} data-autofocus={props.initial !== 'restore' ? true : undefined} disabled={state.kind === 'running'} onClick={() => void run('backup')}>
            {B.backup}
          </button>
          <span className="hint">{B.backupHint}</span>
        </div>
        <div className="choice">
          <button className={props.initial === 'restore' ? 'primary' : undefined} data-autofocus={props.initial === 'restore' ? true : undefined} disabled={state.kind === 'running'} onClick={() => void run('restore')}>
            {B.restore}
          </button>
          <span className="hint">{B.restoreHint}</span>
        </div>
        {state.kind === 'running' && (
          <div className="dossier-progress">
            <progress max={state.progress?.total ?? undefined} value={state.progress?.total ? state.progress.done : undefined} aria-label={state.what === 'backup' ? B.backingUp : B.restoring} />
            <p role="status" aria-live="polite" className="hint">
              {state.progress?.label ?? (state.what === 'backup' ? B.backingUp : B.restoring)}
            </p>
          </div>
        )}
        {state.kind === 'done' && (
          <p role="status" className="backup-result" data-testid="backup-result">
            {state.text}
          </p>
        )}
        {state.kind === 'failed' && (
          <p role="alert" className="banner error">
            {state.text}
          </p>
        )}
        <div className="modal-actions">
          {state.kind === 'running' ? <button onClick={cancel}>{vi.words.cancel}</button> : <button onClick={props.onClose}>{vi.words.close}</button>}
        </div>
      </div>
    </Modal>
  );
}
