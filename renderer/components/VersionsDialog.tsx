// The versions dialog: earlier saves of the report, newest first, each with a restore button.
import { useEffect, useState } from 'react';
import type { OpenedReport, VersionInfo } from '../../core/api/contract';
import { formatViNumber } from '../../core/text/numbers';
import { api } from '../api';
import { vi } from '../strings/vi';
import { Modal } from './Modal';

const REASONS: Record<VersionInfo['reason'], string> = {
  save: 'Lưu tự động',
  'before-import': 'Trước khi nhập/dán',
  'before-restore': 'Trước khi khôi phục',
  recovered: 'Khôi phục sau sự cố',
};

export function VersionsDialog(props: {
  reportId: string;
  /** Saves pending edits first so the list is current. */
  beforeList(): Promise<void>;
  onRestored(opened: OpenedReport, v: VersionInfo): void;
  onClose(): void;
}): React.JSX.Element {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void (async () => {
      try {
        await props.beforeList();
        setVersions(await api()['library.versions']({ id: props.reportId }));
      } catch (err) {
        setVersions([]);
        setError((err as Error).message);
      }
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- listed once per report: beforeList is a fresh closure on every render of the parent, and listing again each time would save and reload forever
  }, [props.reportId]);
  return (
    <Modal title={vi.versions.title} onClose={props.onClose} wide>
      <p className="muted">{vi.versions.intro}</p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {versions === null ? (
        <p className="muted">{vi.app.loading}</p>
      ) : versions.length === 0 ? (
        <p>{vi.versions.empty}</p>
      ) : (
        <div className="modal-scroll">
          <table className="versions-table">
            <thead>
              <tr>
                <th>Thời điểm</th>
                <th>Lý do</th>
                <th className="num">Lần lưu</th>
                <th className="num">{vi.words.total}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.versionId}>
                  <td>{vi.formatDateTime(v.takenAt)}</td>
                  <td>{REASONS[v.reason] ?? v.reason}</td>
                  <td className="num">{v.revision}</td>
                  <td className="num">{v.total === null ? '—' : formatViNumber(v.total)}</td>
                  <td>
                    <button
                      disabled={busy}
                      aria-label={`${vi.versions.restore} ${vi.formatDateTime(v.takenAt)}`}
                      onClick={async () => {
                        setBusy(true);
                        try {
                          await props.beforeList();
                          const opened = await api()['library.restoreVersion']({ id: props.reportId, versionId: v.versionId });
                          props.onRestored(opened, v);
                        } catch (err) {
                          setError((err as Error).message);
                          setBusy(false);
                        }
                      }}
                    >
                      {vi.versions.restore}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="modal-actions">
        <button onClick={props.onClose}>{vi.words.close}</button>
      </div>
    </Modal>
  );
}
