// The versions dialog: earlier saves of the report, newest first, each with a restore button.
import { useEffect, useState } from 'react';
import type { OpenedReport, VersionInfo } from '../../core/api/contract';
import { compareReports, differencesBySection, type ReportDifference } from '../../core/history/compare';
import type { Report } from '../../core/model/schema';
import { formatViNumber } from '../../core/text/numbers';
import { api } from '../api';
import { vi } from '../strings/vi';
import { Modal } from './Modal';

const REASONS: Record<VersionInfo['reason'], string> = vi.versions.reasons;

export function VersionsDialog(props: {
  reportId: string;
  /** The report on screen, to compare a version with. */
  getReport(): Report;
  /** Saves pending edits first so the list is current. */
  beforeList(): Promise<void>;
  onRestored(opened: OpenedReport, v: VersionInfo): void;
  onClose(): void;
}): React.JSX.Element {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [compared, setCompared] = useState<{ v: VersionInfo; diffs: ReportDifference[] } | null>(null);
  const restore = async (v: VersionInfo): Promise<void> => {
    setBusy(true);
    try {
      await props.beforeList();
      const opened = await api()['library.restoreVersion']({ id: props.reportId, versionId: v.versionId });
      props.onRestored(opened, v);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  const compare = async (v: VersionInfo): Promise<void> => {
    setError(null);
    try {
      const { report } = await api()['library.version']({ id: props.reportId, versionId: v.versionId });
      setCompared({ v, diffs: compareReports(report, props.getReport()) });
    } catch (err) {
      setError((err as Error).message);
    }
  };
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
      {compared ? (
        <Comparison v={compared.v} diffs={compared.diffs} busy={busy} onBack={() => setCompared(null)} onRestore={() => void restore(compared.v)} />
      ) : versions === null ? (
        <p className="muted">{vi.app.loading}</p>
      ) : versions.length === 0 ? (
        <p>{vi.versions.empty}</p>
      ) : (
        <div className="modal-scroll">
          <table className="versions-table">
            <thead>
              <tr>
                <th className="num">{vi.versions.number}</th>
                <th>{vi.versions.takenAt}</th>
                <th>{vi.versions.reason}</th>
                <th className="num">{vi.words.total}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.versionId}>
                  <td className="num">{v.number ?? ''}</td>
                  <td>{vi.formatDateTime(v.takenAt)}</td>
                  <td>{REASONS[v.reason] ?? v.reason}</td>
                  <td className="num">{v.total === null ? '—' : formatViNumber(v.total)}</td>
                  <td className="actions">
                    <button disabled={busy} aria-label={`${vi.versions.compare} ${vi.formatDateTime(v.takenAt)}`} onClick={() => void compare(v)}>
                      {vi.versions.compare}
                    </button>
                    <button disabled={busy} aria-label={`${vi.versions.restore} ${vi.formatDateTime(v.takenAt)}`} onClick={() => void restore(v)}>
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

/** One version against the report now: the changed places by section, old → new, with restore. */
function Comparison(props: { v: VersionInfo; diffs: ReportDifference[]; busy: boolean; onBack(): void; onRestore(): void }): React.JSX.Element {
  const { v, diffs } = props;
  const when = vi.formatDateTime(v.takenAt);
  return (
    <div className="version-compare" data-testid="version-compare">
      <h3>{vi.versions.compareTitle(v.number, when)}</h3>
      <p className="muted">{diffs.length === 0 ? vi.versions.sameAsNow : vi.versions.changes(diffs.length)}</p>
      {diffs.length > 0 && (
        <div className="modal-scroll">
          {differencesBySection(diffs).map((g) => (
            <section key={g.section}>
              <h4>{vi.report.nav[g.section]}</h4>
              <table className="versions-table compare-table">
                <thead>
                  <tr>
                    <th>{vi.versions.place}</th>
                    <th className="num">{vi.versions.before}</th>
                    <th className="num">{vi.versions.after}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.items.map((d, i) => (
                    <tr key={i}>
                      <td>{d.place}</td>
                      <td className="num old">{d.before}</td>
                      <td className="num new">{d.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      )}
      <div className="modal-actions">
        <button onClick={props.onBack}>{vi.versions.backToList}</button>
        <button className="primary" disabled={props.busy || diffs.length === 0} onClick={props.onRestore}>
          {vi.versions.restoreThis}
        </button>
      </div>
    </div>
  );
}
