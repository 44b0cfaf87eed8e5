// The "Kiểm tra số liệu" panel: every finding of the checks, errors first; a click (or Enter) selects the cell or field concerned.
import type { Report } from '../../core/model/schema';
import { NAV_SECTIONS, sectionOf, type Finding } from '../../core/rules';
import { vi } from '../strings/vi';

export function FindingsPanel(props: {
  findings: readonly Finding[];
  report: Report;
  onSelect(f: Finding): void;
  /** Applies a finding's one-click fix (an undoable edit); without it no fix button shows. */
  onFix?(f: Finding): void;
  onCollapse(): void;
}): React.JSX.Element {
  const { findings, report } = props;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const sorted = sortedWithIndex(findings, report);
  return (
    <aside className="findings" aria-label={vi.findings.title}>
      <div className="findings-head">
        <h2>{vi.findings.title}</h2>
        <button className="link" onClick={props.onCollapse} title={vi.findings.hide} aria-label={vi.findings.hide}>
          »
        </button>
      </div>
      <p className={`findings-summary${errors ? ' has-errors' : ''}`} aria-live="polite">
        {findings.length === 0 ? vi.findings.none : vi.findings.summary(errors, warnings)}
      </p>
      <ul className="findings-list">
        {sorted.map(({ f, i }) => (
          <li key={`${f.ruleId}-${i}`}>
            <button className={`finding ${f.severity}`} onClick={() => props.onSelect(f)} title={vi.findings.goTo}>
              <span className={`sev ${f.severity}`}>{f.severity === 'error' ? vi.words.error : vi.words.warning}</span>
              <span className="where">{vi.report.nav[sectionOf(f.location, report)]}</span>
              <span className="msg">{f.message}</span>
              {f.estimate && <span className="estimate">{vi.findings.estimate}</span>}
            </button>
            {f.fix && props.onFix && (
              <button className="finding-fix" onClick={() => props.onFix!(f)} title={vi.findings.fixTitle}>
                {f.fix.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function sortedWithIndex(findings: readonly Finding[], report: Report): { f: Finding; i: number }[] {
  const order = (f: Finding): number => (f.severity === 'error' ? 0 : 100) + NAV_SECTIONS.indexOf(sectionOf(f.location, report));
  return findings.map((f, i) => ({ f, i })).sort((a, b) => order(a.f) - order(b.f) || a.i - b.i);
}

/** Findings in the panel's order: errors first, then by section in document order. */
export function sortFindings(findings: readonly Finding[], report: Report): Finding[] {
  return sortedWithIndex(findings, report).map((x) => x.f);
}
