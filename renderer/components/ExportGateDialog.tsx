// The final-export gate's one confirmation: the report's open errors and missing figures (counts, the first few, a button to go to each), then "Vẫn xuất" or "Quay lại sửa".
import type { ExportGate, GateFormat, GateItem, Location } from '../../core/rules';
import { gateSummary } from '../../core/rules';
import { vi } from '../strings/vi';
import { Modal } from './Modal';

/** How many items of each list the dialog shows; the rest are counted. */
export const GATE_SHOWN = 5;

export function ExportGateDialog(props: {
  gate: ExportGate;
  format: GateFormat;
  onExport(): void;
  onBack(): void;
  /** Selects an item's cell or field (the dialog closes first); absent where the report is not on screen. */
  onGoTo?(location: Location): void;
}): React.JSX.Element {
  const { gate, format } = props;
  const list = (items: GateItem[], title: string, className?: string): React.JSX.Element | null =>
    items.length === 0 ? null : (
      <section>
        <h3 className={className}>{title}</h3>
        <ul>
          {items.slice(0, GATE_SHOWN).map((item, i) => (
            <li key={i} data-testid={`gate-${item.kind}`}>
              <span>{item.message}</span>
              {props.onGoTo && (
                <button className="link" aria-label={vi.gate.goToLabel(item.message)} onClick={() => props.onGoTo!(item.location)}>
                  {vi.gate.goTo}
                </button>
              )}
            </li>
          ))}
        </ul>
        {items.length > GATE_SHOWN && <p className="more">{vi.gate.more(items.length - GATE_SHOWN)}</p>}
      </section>
    );
  return (
    <Modal title={vi.gate.title(format)} onClose={props.onBack} wide>
      <div className="export-gate">
        <p role="alert">{vi.gate.intro(gateSummary(gate, format))}</p>
        {list(gate.errors, vi.gate.errors(gate.errors.length), 'error-text')}
        {list(gate.missing, vi.gate.missing(gate.missing.length, format))}
      </div>
      <div className="modal-actions">
        <button className="primary" data-autofocus onClick={props.onBack}>
          {vi.gate.back}
        </button>
        <button onClick={props.onExport}>{vi.gate.exportAnyway}</button>
      </div>
    </Modal>
  );
}
