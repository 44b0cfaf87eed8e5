// The paste preview: cells that change (old → new), rate columns to read as fractions or percentages, refused values.
import { useEffect, useRef } from 'react';
import type { Column, NumberStyle, Table, Unit } from '../../../core/model/schema';
import type { RatesAs } from '../../../core/text/cell-reading';
import { formatCell } from '../../state/cells';
import { vi } from '../../strings/vi';
import type { PastePlan } from './model';

export function PastePreview(props: {
  pending: PastePlan;
  table: Table;
  unitById: ReadonlyMap<string, Unit>;
  numberStyle: Pick<NumberStyle, 'trimZeros'> | undefined;
  onApply(): void;
  onChoose(columnId: string, as: RatesAs): void;
  onCancel(): void;
}): React.JSX.Element {
  const { pending, table, unitById } = props;
  const applyRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus on Áp dụng, or on Hủy when nothing can be applied (Escape and Enter then still answer the dialog).
  const nothing = pending.changes.length === 0;
  useEffect(() => {
    (nothing ? cancelRef : applyRef).current?.focus();
  }, [nothing]);
  const colOf = (id: string): Column => table.columns.find((c) => c.id === id)!;
  const unitName = (rowIndex: number): string => {
    const row = table.rows[rowIndex];
    return row ? (unitById.get(row.unitId)?.name ?? row.unitId) : '';
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.stopPropagation()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={vi.grid.pastePreviewTitle}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            props.onCancel();
          }
        }}
      >
        <h2>{vi.grid.pastePreviewTitle}</h2>
        {pending.changes.length ? <p>{vi.grid.pastePreviewIntro(pending.changes.length)}</p> : <p>{vi.grid.pasteNothing}</p>}
        {pending.changes.length > 0 && (
          <div className="modal-scroll">
            <table className="preview-table">
              <thead>
                <tr>
                  <th>{vi.words.unit}</th>
                  <th>{table.columns.length > 1 ? vi.grid.pasteColumn : ''}</th>
                  <th className="num">{vi.grid.pasteOld}</th>
                  <th className="num">{vi.grid.pasteNew}</th>
                </tr>
              </thead>
              <tbody>
                {pending.changes.map((ch) => {
                  const col = colOf(ch.columnId);
                  const old = table.rows[ch.rowIndex]?.cells[ch.columnId] ?? null;
                  return (
                    <tr key={`${ch.rowIndex}-${ch.columnId}`}>
                      <td>{unitName(ch.rowIndex)}</td>
                      <td>{table.columns.length > 1 ? col.header : ''}</td>
                      <td className="num old">{formatCell(old, col.type, props.numberStyle) || '—'}</td>
                      <td className="num new">{formatCell(ch.cell, col.type, props.numberStyle) || '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {pending.rateColumns.map((rc) => (
          <fieldset key={rc.columnId} className="rate-choice">
            <legend>{rc.decision === 'ask' ? vi.grid.fractionAsk(colOf(rc.columnId).header, rc.ambiguous) : vi.grid.fractionRead(colOf(rc.columnId).header, rc.ambiguous)}</legend>
            {(['fraction', 'percent'] as const).map((as) => (
              <label key={as}>
                <input type="radio" name={`rates-${rc.columnId}`} checked={rc.decision === as} onChange={() => props.onChoose(rc.columnId, as)} />
                {as === 'fraction' ? vi.grid.fractionChoice : vi.grid.percentChoice}
              </label>
            ))}
          </fieldset>
        ))}
        {pending.problems.length > 0 && (
          <div className="problems" role="alert">
            <p>{vi.grid.pasteProblems(pending.problems.length)}</p>
            <table className="preview-table refused">
              <thead>
                <tr>
                  <th>{vi.words.unit}</th>
                  <th>{vi.grid.pasteRefusedText}</th>
                  <th>{vi.grid.pasteRefusedReason}</th>
                </tr>
              </thead>
              <tbody>
                {pending.problems.slice(0, 50).map((p) => (
                  <tr key={`${p.rowIndex}-${p.columnId}`} className={p.ambiguous ? 'ambiguous' : 'refused'}>
                    <td>{unitName(p.rowIndex)}</td>
                    <td>{p.text}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {pending.problems.length > 50 && <p className="muted">{vi.grid.pasteMoreProblems(pending.problems.length - 50)}</p>}
          </div>
        )}
        {pending.truncated > 0 && <p className="muted">{vi.grid.pasteTruncated(pending.truncated)}</p>}
        <div className="modal-actions">
          <button ref={applyRef} className="primary" onClick={props.onApply} disabled={pending.changes.length === 0}>
            {vi.words.apply}
          </button>
          <button ref={cancelRef} onClick={props.onCancel}>{vi.words.cancel}</button>
        </div>
      </div>
    </div>
  );
}
