// The spreadsheet grid of a per-unit table: the view. What keys, ranges and pastes do is the pure model
// (grid/model.ts); copy/cut/paste and IME composition are hooks (grid/useGridClipboard.ts, grid/useIme.ts).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Block, Cell, NumberStyle, Table, Unit } from '../../core/model/schema';
import { parseCellInput } from '../state/cells';
import { tableWidths } from '../state/column-widths';
import type { ExtraColumn } from '../state/extra-columns';
import { vi } from '../strings/vi';
import { GridHeader } from './grid/GridHeader';
import { GridRow, changedKeyFor, marksKeyFor, type CellMark } from './grid/GridRow';
import {
  allRows,
  blockTexts,
  clampSelection,
  editKey,
  editorText,
  gridLayout,
  isNumeric,
  matchRows,
  moveBy,
  moveTab,
  navKey,
  pasteNeedsPreview,
  planPaste,
  rangeChanges,
  rangeOf,
  readEditor,
  sameBlockPrev,
  samePos,
  selectionFor,
  single,
  typedChange,
  type EditMode,
  type GridCellChange,
  type GridChangeKind,
  type GridShape,
  type KeyInput,
  type PastePlan,
  type Selection,
} from './grid/model';
import { CellTip } from './grid/CellTip';
import type { CellBox } from './grid/placement';
import { GridSearch } from './grid/GridSearch';
import { PastePreview } from './grid/PastePreview';
import { StatusList } from './grid/StatusList';
import { useGridClipboard } from './grid/useGridClipboard';
import { useGridPointer } from './grid/useGridPointer';
import { useIme } from './grid/useIme';

export type { CellMark } from './grid/GridRow';
export type { ExtraColumn };

const NO_EXTRAS: readonly ExtraColumn[] = [];
const EXTRA_WIDTH = 96;
export type { GridCellChange, GridChangeKind } from './grid/model';

/** A request to select (and focus) a cell; a new `seq` repeats it; `flash` briefly highlights the cell (after an undo). */
export interface GridFocusRequest {
  unitId: string;
  columnId: string;
  seq: number;
  flash?: boolean;
}

export interface GridProps {
  table: Table;
  units: readonly Unit[];
  blocks: readonly Block[];
  numberStyle?: Pick<NumberStyle, 'trimZeros'>;
  /** Findings by "unitId|columnId". */
  marks?: ReadonlyMap<string, CellMark>;
  /** Freshly pasted or imported cells by "unitId|columnId". */
  changed?: ReadonlySet<string>;
  onChange(changes: GridCellChange[], label: string, kind: GridChangeKind): void;
  /** Select (and focus) this cell; a new `seq` repeats the request. */
  focusRequest?: GridFocusRequest | null;
  /** A paste changing more cells than this shows a preview first. */
  previewThreshold?: number;
  /** The value being typed, as soon as it reads as a cell (null when it does not, or when the edit ends): live checks. */
  onDraft?(draft: GridDraft | null): void;
  /** Read-only columns after the table's own (the month comparison): never selected, edited or pasted into. */
  extraColumns?: readonly ExtraColumn[];
}

/** A cell value typed but not yet committed. */
export interface GridDraft {
  unitId: string;
  columnId: string;
  cell: Cell;
}

/** How long a cell shown by undo/redo stays highlighted. */
const FLASH_MS = 1600;

type Box = CellBox;

export function Grid(props: GridProps): React.JSX.Element {
  const { table, units, blocks, numberStyle, marks, changed, onChange, onDraft, extraColumns } = props;
  const rows = table.rows;
  const cols = table.columns;
  const nRows = rows.length;
  const nCols = cols.length;
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [sel, setSel] = useState<Selection>(single({ r: 0, c: 0 }));
  const [editing, setEditing] = useState<{ mode: EditMode } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [statusOpen, setStatusOpen] = useState(false);
  const [pending, setPending] = useState<PastePlan | null>(null);
  const [focused, setFocused] = useState(false);
  const [editorBox, setEditorBox] = useState<Box | null>(null);
  // The table's height as last drawn: boxes attached to a cell near the bottom open upwards.
  const [contentHeight, setContentHeight] = useState(0);
  const [query, setQuery] = useState<string | null>(null);
  // Bumped by each Ctrl+F, so the search box takes the focus again when it is already open.
  const [searchSeq, setSearchSeq] = useState(0);
  const [flash, setFlash] = useState<{ r: number; c: number; seq: number } | null>(null);
  // A cell chosen with the mouse is on screen already: scrolling then would move the page under the pointer.
  const byPointer = useRef(false);

  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const blockById = useMemo(() => new Map(blocks.map((b) => [b.id, b])), [blocks]);
  const nameOf = useCallback((unitId: string) => unitById.get(unitId)?.name ?? unitId, [unitById]);

  // Ctrl+F: the rows whose unit name matches (accents ignored); moves, ranges and pastes reach only these.
  const order = useMemo(() => (query ? matchRows(rows, nameOf, query) : allRows(nRows)), [rows, nameOf, query, nRows]);
  const shape: GridShape = useMemo(() => ({ order, nCols }), [order, nCols]);
  const layout = useMemo(() => gridLayout(rows, unitById, blockById, table.showBlocks, query ? order : undefined), [rows, unitById, blockById, table.showBlocks, query, order]);

  // Keep the selection inside the rows shown when rows change or a search hides some.
  useEffect(() => {
    setSel((s) => clampSelection(s, shape));
  }, [shape]);

  // Position the editor over the active cell and keep the cell in view.
  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const td = wrap.querySelector<HTMLTableCellElement>(`td[data-r="${sel.focus.r}"][data-c="${sel.focus.c}"]`);
    if (!td) {
      setEditorBox(null);
      return;
    }
    setEditorBox({ top: td.offsetTop, left: td.offsetLeft, width: td.offsetWidth, height: td.offsetHeight });
    setContentHeight(wrap.querySelector('table')?.offsetHeight ?? 0);
    // The sticky header covers the top of the box: scrolling into view keeps the cell below it.
    const head = wrap.querySelector('thead');
    if (head) wrap.style.scrollPaddingTop = `${head.getBoundingClientRect().height}px`;
    if (typeof td.scrollIntoView === 'function' && focused && !byPointer.current) {
      // The whole box first (it is at most one screen tall), so its header shows; then the cell inside it.
      wrap.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }, [sel.focus.r, sel.focus.c, focused, layout, table]);

  const focusInput = (): void => {
    inputRef.current?.focus({ preventScroll: true });
  };

  // A finding clicked elsewhere, or an undo, selects its cell (an undo also flashes it).
  const req = props.focusRequest;
  useEffect(() => {
    if (!req) return;
    byPointer.current = false;
    const s = selectionFor(rows, cols, req.unitId, req.columnId);
    if (!s) return;
    if (query && !order.includes(s.focus.r)) setQuery(null);
    setSel(s);
    setEditing(null);
    if (req.flash) setFlash({ ...s.focus, seq: req.seq });
    focusInput();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request (seq) moves the selection
  }, [req?.seq]);
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(t);
  }, [flash]);

  const resetInput = (): void => {
    const input = inputRef.current;
    if (input) input.value = '';
  };

  const startEdit = (mode: EditMode, text: string | null): void => {
    const input = inputRef.current;
    if (!input) return;
    setStatusOpen(false);
    if (text !== null) {
      input.value = text;
      const end = text.length;
      input.setSelectionRange(end, end);
    }
    setError(null);
    setEditing({ mode });
  };

  /** Typing (or composing) in navigation mode replaces the cell: Excel's "enter" mode. */
  const beginTyping = (): void => {
    setSel((s) => single(s.focus));
    setStatusOpen(false);
    setError(null);
    setEditing({ mode: 'enter' });
  };

  const ime = useIme(
    () => {
      if (!editing) beginTyping();
    },
    () => reportDraft(),
  );

  /** Reports what the editor's text reads as, so findings can follow the typing before Enter. */
  const reportDraft = (): void => {
    if (!onDraft) return;
    const input = inputRef.current;
    const col = cols[sel.focus.c];
    const row = rows[sel.focus.r];
    if (!input || !col || !row || ime.active()) return;
    const parsed = parseCellInput(input.value, col);
    onDraft(parsed.ok ? { unitId: row.unitId, columnId: col.id, cell: parsed.cell } : null);
  };

  const cancelEdit = (): void => {
    onDraft?.(null);
    setEditing(null);
    setError(null);
    resetInput();
  };

  /** Commits the editor's text; returns false (and shows why) when it cannot be read. */
  const commitEdit = (): boolean => {
    const input = inputRef.current;
    const col = cols[sel.focus.c];
    const row = rows[sel.focus.r];
    if (!input || !col || !row) return true;
    const parsed = readEditor(row.cells[col.id] ?? null, input.value, col);
    if (!parsed.ok) {
      setError(parsed.message);
      return false;
    }
    const changes = typedChange(rows, cols, sel.focus, parsed.cell);
    if (changes.length) onChange(changes, vi.grid.typedLabel(nameOf(row.unitId)), 'type');
    onDraft?.(null);
    setEditing(null);
    setError(null);
    resetInput();
    return true;
  };

  const setRange = (cell: Cell, kind: GridChangeKind): void => {
    const changes = rangeChanges(rows, cols, sel, shape, cell);
    if (changes.length === 0) return;
    onChange(changes, kind === 'clear' ? vi.grid.clearedLabel(changes.length) : vi.grid.statusLabel(changes.length), kind);
  };

  const applyPaste = (p: PastePlan): void => {
    if (p.changes.length) onChange(p.changes, vi.grid.pastedLabel(p.changes.length), 'paste');
    setSel(p.fromBlock);
    setPending(null);
    focusInput();
  };

  const clipboard = useGridClipboard({
    editing: editing !== null,
    blockTexts: () => blockTexts(rows, cols, sel, shape, numberStyle),
    clearSelection: () => setRange(null, 'clear'),
    cancelEdit,
    onEmpty: () => setError(vi.grid.pasteEmpty),
    onBlock: (block) => {
      const plan = planPaste(rows, cols, sel, shape, block);
      if (pasteNeedsPreview(plan, props.previewThreshold ?? 10)) setPending(plan);
      else applyPaste(plan);
    },
  });

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (ime.isComposing(e)) return;
    if (statusOpen) return; // the list handles its own keys
    byPointer.current = false;
    const k: KeyInput = { key: e.key, ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey, alt: e.altKey };
    if (editing) {
      const a = editKey(editing.mode, k);
      if (a.kind === 'pass') return;
      e.preventDefault();
      if (a.kind === 'cancel') cancelEdit();
      else if (a.kind === 'status') {
        cancelEdit();
        setStatusOpen(true);
      } else if (commitEdit()) setSel((s) => (a.then === 'move' ? moveBy(s, a.dr, a.dc, shape) : moveTab(s, a.back, shape)));
      return;
    }
    const a = navKey(sel, k, shape);
    switch (a.kind) {
      case 'pass':
        return; // printable keys fall through to the input: its input event starts the edit
      case 'select':
        e.preventDefault();
        setSel(a.sel);
        return;
      case 'status':
        e.preventDefault();
        setStatusOpen(true);
        return;
      case 'edit':
        e.preventDefault();
        startEdit('edit', editorText(rows, cols, sel.focus));
        return;
      case 'clear':
        e.preventDefault();
        setRange(null, 'clear');
        return;
      case 'collapse':
        if (!samePos(sel.anchor, sel.focus)) {
          e.preventDefault();
          setSel((s) => single(s.focus));
        }
        setError(null);
        return;
      case 'search':
        e.preventDefault();
        setQuery((q) => q ?? '');
        setSearchSeq((n) => n + 1);
        return;
    }
  };

  const onInput = (): void => {
    if (!editing) beginTyping();
    else if (error) setError(null);
    reportDraft();
  };

  const onBlur = (e: React.FocusEvent<HTMLInputElement>): void => {
    const to = e.relatedTarget as Node | null;
    if (to && wrapRef.current?.contains(to)) return;
    setFocused(false);
    if (editing) commitEdit();
  };

  const pointer = useGridPointer({
    editing: editing !== null,
    focus: sel.focus,
    commitEdit,
    setSel,
    byPointer,
    onPress: () => {
      setStatusOpen(false);
      focusInput();
    },
    onEdit: (p) => {
      startEdit('edit', editorText(rows, cols, p));
      focusInput();
    },
  });
  const chooseStatus = (value: string | null): void => {
    setStatusOpen(false);
    setRange(value === null ? null : { t: 'status', v: value }, value === null ? 'clear' : 'status');
    focusInput();
  };

  const closeSearch = (): void => {
    setQuery(null);
    focusInput();
  };

  const range = rangeOf(sel, shape);
  const selRows = new Set(range.rows);
  const activeCol = cols[sel.focus.c];
  const activeRow = rows[sel.focus.r];
  const activeUnit = activeRow ? nameOf(activeRow.unitId) : '';
  const activeMark = activeRow && activeCol ? marks?.get(`${activeRow.unitId}|${activeCol.id}`) : undefined;

  // Fixed column widths (table-layout: fixed), computed from the content (state/column-widths.ts): the browser lays out
  // a 150-row table without measuring every cell; long unit names wrap to two lines before the scores leave the view.
  const widths = useMemo(() => tableWidths(table, units, numberStyle), [table, units, numberStyle]);
  const colWidths = widths.columns;
  const extras = extraColumns ?? NO_EXTRAS;
  const tableWidth = widths.total + extras.length * EXTRA_WIDTH;

  return (
    <div className="grid-box">
      {query !== null && (
        <GridSearch
          query={query}
          focusSeq={searchSeq}
          shown={order.length}
          total={nRows}
          label={table.title}
          onQuery={setQuery}
          onClose={closeSearch}
          onGo={() => {
            const r = order[0];
            if (r !== undefined) setSel(single({ r, c: sel.focus.c }));
            focusInput();
          }}
        />
      )}
      <div className={`grid-wrap${focused ? ' focused' : ''}`} ref={wrapRef} onMouseDown={pointer.onMouseDown} onMouseOver={pointer.onMouseOver} onDoubleClick={pointer.onDoubleClick}>
        <table className="grid" role="grid" aria-label={table.title} aria-rowcount={nRows} style={{ width: tableWidth }}>
          <colgroup>
            <col style={{ width: widths.stt }} />
            <col style={{ width: widths.name }} />
            {cols.map((c, i) => (
              <col key={c.id} style={{ width: colWidths[i] }} />
            ))}
            {extras.map((x) => (
              <col key={`x-${x.id}`} style={{ width: EXTRA_WIDTH }} />
            ))}
          </colgroup>
          <GridHeader cols={cols} nameHeader={table.nameHeader} extras={extras} />
          <tbody>
            {layout.map((item) => {
              if (item.kind === 'block')
                return (
                  <tr key={item.key} className="block-row">
                    <td className="stt">{item.block?.numeral ?? ''}</td>
                    <td colSpan={nCols + 1 + extras.length}>{item.block?.name ?? ''}</td>
                  </tr>
                );
              const row = rows[item.index]!;
              const inSel = selRows.has(item.index);
              return (
                <GridRow
                  key={row.unitId}
                  row={row}
                  prevRow={query ? null : sameBlockPrev(rows, item.index, unitById)}
                  index={item.index}
                  stt={item.stt}
                  unitName={nameOf(row.unitId)}
                  cols={cols}
                  numberStyle={numberStyle}
                  selFrom={inSel ? range.c0 : -1}
                  selTo={inSel ? range.c1 : -1}
                  activeC={item.index === sel.focus.r ? sel.focus.c : -1}
                  flashC={flash && flash.r === item.index ? flash.c : -1}
                  marks={marks}
                  marksKey={marksKeyFor(marks, row.unitId, cols)}
                  changed={changed}
                  changedKey={changedKeyFor(changed, row.unitId, cols)}
                  extras={extras}
                />
              );
            })}
          </tbody>
        </table>
        <input
          ref={inputRef}
          className={`grid-editor${editing ? ' editing' : ''}${error ? ' invalid' : ''}${activeCol && isNumeric(activeCol) ? ' num' : ''}`}
          style={editorBox ? { top: editorBox.top, left: editorBox.left, width: editorBox.width, height: editorBox.height } : { top: 0, left: 0, width: 0, height: 0 }}
          aria-label={activeCol ? `${activeUnit}, ${activeCol.header}` : table.title}
          aria-invalid={error ? true : undefined}
          data-editing={editing ? 'true' : undefined}
          data-grid-editor={table.id}
          autoComplete="off"
          spellCheck={false}
          onKeyDown={onKeyDown}
          onInput={onInput}
          onCompositionStart={ime.onCompositionStart}
          onCompositionEnd={ime.onCompositionEnd}
          onCopy={clipboard.onCopy}
          onCut={clipboard.onCut}
          onPaste={clipboard.onPaste}
          onFocus={() => setFocused(true)}
          onBlur={onBlur}
        />
        {(error || (focused && activeMark)) && editorBox && (
          <CellTip
            cell={editorBox}
            contentWidth={tableWidth}
            contentHeight={contentHeight}
            tone={error || activeMark?.severity === 'error' ? 'error' : 'warning'}
            alert={Boolean(error)}
            text={error ?? activeMark?.messages.join(' ') ?? ''}
          />
        )}
        {statusOpen && editorBox && (
          <StatusList
            cell={editorBox}
            contentHeight={contentHeight}
            onChoose={chooseStatus}
            onClose={() => {
              setStatusOpen(false);
              focusInput();
            }}
          />
        )}
        {pending && (
          <PastePreview
            pending={pending}
            table={table}
            unitById={unitById}
            numberStyle={numberStyle}
            onApply={() => applyPaste(pending)}
            onChoose={(columnId, as) => setPending(planPaste(rows, cols, sel, shape, pending.block, { ...pending.choices, [columnId]: as }))}
            onCancel={() => {
              setPending(null);
              focusInput();
            }}
          />
        )}
      </div>
    </div>
  );
}
