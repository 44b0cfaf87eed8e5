// The spreadsheet grid of a per-unit table: keyboard navigation, type-to-edit (IME-safe), statuses, clear, copy and paste blocks.
import type { ExtraColumn } from '../state/extra-columns';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Block, Cell, Column, NumberStyle, Row, Table, Unit } from '../../core/model/schema';
import { editText, formatCell, parseCellInput, STATUS_CHOICES } from '../state/cells';
import { pastedText, readClipboardBlock, readPastedValues, toHtmlTable, toTsv, type PastedValue } from '../state/clipboard';
import type { RatesAs } from '../../core/text/cell-reading';
import { vi } from '../strings/vi';

export interface GridCellChange {
  rowIndex: number;
  columnId: string;
  cell: Cell;
}

export type GridChangeKind = 'type' | 'paste' | 'clear' | 'status';

/** A finding attached to a cell: the worst severity and the messages. */
export interface CellMark {
  severity: 'error' | 'warning';
  messages: string[];
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
  focusRequest?: { unitId: string; columnId: string; seq: number } | null;
  /** Reads the clipboard's block (swap in the import module's paste parser). */
  readClipboard?: (data: { text: string; html: string }) => PastedValue[][];
  /** A paste changing more cells than this shows a preview first. */
  previewThreshold?: number;
  /** The value being typed, as soon as it reads as a cell (null when it does not, or when the edit ends): live checks. */
  onDraft?(draft: GridDraft | null): void;
  /** Read-only columns after the table's own (the month comparison): never selected, edited or pasted into. */
  extraColumns?: readonly ExtraColumn[];
}

export type { ExtraColumn };

/** A cell value typed but not yet committed. */
export interface GridDraft {
  unitId: string;
  columnId: string;
  cell: Cell;
}

interface Pos {
  r: number;
  c: number;
}

interface Selection {
  anchor: Pos;
  focus: Pos;
}

interface Editing {
  /** 'enter': started by typing, arrows commit and move; 'edit': started by F2/Enter/double-click, arrows move the caret. */
  mode: 'enter' | 'edit';
}

interface PendingPaste {
  changes: GridCellChange[];
  /** Cells left out: refused, or ambiguous until their column's reading is chosen. */
  problems: { rowIndex: number; columnId: string; text: string; message: string; ambiguous: boolean }[];
  truncated: number;
  fromBlock: Selection;
  /** The pasted block and the clerk's choices, to read it again when a choice changes. */
  block: PastedValue[][];
  choices: Record<string, RatesAs>;
  /** Rate columns with figures ≤ 1: read as fractions (all ≤ 1) or waiting for the clerk's choice. */
  rateColumns: { columnId: string; decision: 'none' | 'fraction' | 'percent' | 'ask'; auto: boolean; ambiguous: number }[];
}

const STT_WIDTH = 44;
const NAME_WIDTH = 340; // "Phòng Lao động – Thương binh và Xã hội" fits at 14 px

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

function rangeOf(sel: Selection): { r0: number; r1: number; c0: number; c1: number } {
  return {
    r0: Math.min(sel.anchor.r, sel.focus.r),
    r1: Math.max(sel.anchor.r, sel.focus.r),
    c0: Math.min(sel.anchor.c, sel.focus.c),
    c1: Math.max(sel.anchor.c, sel.focus.c),
  };
}

const isNumeric = (col: Column): boolean => col.type !== 'label';

export function Grid(props: GridProps): React.JSX.Element {
  const { table, units, blocks, numberStyle, marks, changed, onChange, onDraft, extraColumns } = props;
  const rows = table.rows;
  const cols = table.columns;
  const nRows = rows.length;
  const nCols = cols.length;
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  const [sel, setSel] = useState<Selection>({ anchor: { r: 0, c: 0 }, focus: { r: 0, c: 0 } });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [statusOpen, setStatusOpen] = useState(false);
  const [pending, setPending] = useState<PendingPaste | null>(null);
  const [focused, setFocused] = useState(false);
  const [editorBox, setEditorBox] = useState<{ top: number; left: number; width: number; height: number } | null>(null);
  const dragging = useRef(false);

  const unitById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const blockById = useMemo(() => new Map(blocks.map((b) => [b.id, b])), [blocks]);

  // Block dividers and STT numbering restarting in each block.
  const layout = useMemo(() => {
    const items: ({ kind: 'block'; block: Block | undefined; key: string } | { kind: 'row'; index: number; stt: number })[] = [];
    const blockOf = (row: Row): string => unitById.get(row.unitId)?.blockId ?? '';
    const distinct = new Set(rows.map(blockOf));
    const showDividers = table.showBlocks || distinct.size > 1;
    let prev: string | null = null;
    let stt = 0;
    rows.forEach((row, index) => {
      const b = blockOf(row);
      if (b !== prev) {
        if (showDividers) items.push({ kind: 'block', block: blockById.get(b), key: `b-${b}-${index}` });
        prev = b;
        stt = 0;
      }
      stt++;
      items.push({ kind: 'row', index, stt });
    });
    return items;
  }, [rows, table.showBlocks, unitById, blockById]);

  const clampPos = useCallback((p: Pos): Pos => ({ r: clamp(p.r, 0, Math.max(0, nRows - 1)), c: clamp(p.c, 0, Math.max(0, nCols - 1)) }), [nRows, nCols]);

  // Keep the selection inside the table when rows change.
  useEffect(() => {
    setSel((s) => ({ anchor: clampPos(s.anchor), focus: clampPos(s.focus) }));
  }, [clampPos]);

  const cellAt = (p: Pos): Cell => {
    const row = rows[p.r];
    const col = cols[p.c];
    if (!row || !col) return null;
    return row.cells[col.id] ?? null;
  };

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
    if (typeof td.scrollIntoView === 'function' && focused) td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [sel.focus.r, sel.focus.c, focused, layout, table]);

  const focusInput = (): void => {
    inputRef.current?.focus({ preventScroll: true });
  };

  // A finding clicked elsewhere selects its cell.
  const req = props.focusRequest;
  useEffect(() => {
    if (!req) return;
    const r = rows.findIndex((row) => row.unitId === req.unitId);
    const c = cols.findIndex((col) => col.id === req.columnId);
    if (r < 0) return;
    const p = { r, c: Math.max(0, c) };
    setSel({ anchor: p, focus: p });
    setEditing(null);
    focusInput();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [req?.seq]);

  const move = (dr: number, dc: number, extend = false): void => {
    setSel((s) => {
      const focus = clampPos({ r: s.focus.r + dr, c: s.focus.c + dc });
      return extend ? { anchor: s.anchor, focus } : { anchor: focus, focus };
    });
  };

  const moveTab = (back: boolean): void => {
    setSel((s) => {
      let { r, c } = s.focus;
      if (back) {
        if (c > 0) c--;
        else if (r > 0) {
          r--;
          c = nCols - 1;
        }
      } else if (c < nCols - 1) c++;
      else if (r < nRows - 1) {
        r++;
        c = 0;
      }
      return { anchor: { r, c }, focus: { r, c } };
    });
  };

  const resetInput = (): void => {
    const input = inputRef.current;
    if (input) input.value = '';
  };

  const startEdit = (mode: Editing['mode'], text: string | null): void => {
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

  /** Reports what the editor's text reads as, so findings can follow the typing before Enter. */
  const reportDraft = (): void => {
    if (!onDraft) return;
    const input = inputRef.current;
    const col = cols[sel.focus.c];
    const row = rows[sel.focus.r];
    if (!input || !col || !row || composing.current) return;
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
    const before = row.cells[col.id] ?? null;
    // Text left as it was shown (a status in a wording the reading does not know) keeps the cell as it is.
    const parsed = before !== null && input.value === editText(before, col.type) ? { ok: true as const, cell: before } : parseCellInput(input.value, col);
    if (!parsed.ok) {
      setError(parsed.message);
      return false;
    }
    if (JSON.stringify(before) !== JSON.stringify(parsed.cell)) {
      const unitName = unitById.get(row.unitId)?.name ?? row.unitId;
      onChange([{ rowIndex: sel.focus.r, columnId: col.id, cell: parsed.cell }], vi.grid.typedLabel(unitName), 'type');
    }
    onDraft?.(null);
    setEditing(null);
    setError(null);
    resetInput();
    return true;
  };

  const selectedPositions = (): Pos[] => {
    const { r0, r1, c0, c1 } = rangeOf(sel);
    const out: Pos[] = [];
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push({ r, c });
    return out;
  };

  const setRange = (cell: Cell, kind: GridChangeKind): void => {
    const changes: GridCellChange[] = [];
    for (const p of selectedPositions()) {
      const col = cols[p.c]!;
      const before = cellAt(p);
      if (JSON.stringify(before) !== JSON.stringify(cell)) changes.push({ rowIndex: p.r, columnId: col.id, cell });
    }
    if (changes.length === 0) return;
    onChange(changes, kind === 'clear' ? vi.grid.clearedLabel(changes.length) : vi.grid.statusLabel(changes.length), kind);
  };

  const blockTexts = (): string[][] => {
    const { r0, r1, c0, c1 } = rangeOf(sel);
    const out: string[][] = [];
    for (let r = r0; r <= r1; r++) {
      const line: string[] = [];
      for (let c = c0; c <= c1; c++) line.push(formatCell(cellAt({ r, c }), cols[c]!.type, numberStyle));
      out.push(line);
    }
    return out;
  };

  const onCopy = (e: React.ClipboardEvent<HTMLInputElement>): void => {
    if (editing) return;
    e.preventDefault();
    const block = blockTexts();
    e.clipboardData.setData('text/plain', toTsv(block));
    e.clipboardData.setData('text/html', toHtmlTable(block));
  };

  const onCut = (e: React.ClipboardEvent<HTMLInputElement>): void => {
    if (editing) return;
    onCopy(e);
    setRange(null, 'clear');
  };

  /** Reads a pasted block against the selection: changes, refused cells and rate columns to settle (see readPastedValues). */
  const preparePaste = (block: PastedValue[][], choices: Record<string, RatesAs> = {}): PendingPaste => {
    const { r0, r1, c0, c1 } = rangeOf(sel);
    const changes: GridCellChange[] = [];
    const problems: PendingPaste['problems'] = [];
    let truncated = 0;
    const single = block.length === 1 && block[0]!.length === 1;
    const fill = single && (r1 > r0 || c1 > c0);
    const height = fill ? r1 - r0 + 1 : block.length;
    const width = fill ? c1 - c0 + 1 : Math.max(...block.map((b) => b.length));
    const items: { key: string; value: PastedValue | undefined; columnId: string; column: Column; r: number; c: number }[] = [];
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        if (!fill && i >= block.length) continue;
        const value = fill ? block[0]![0] : block[i]![j];
        const r = r0 + i;
        const c = c0 + j;
        if (r >= nRows || c >= nCols) {
          truncated++;
          continue;
        }
        const col = cols[c]!;
        items.push({ key: `${r}|${c}`, value, columnId: col.id, column: col, r, c });
      }
    }
    const { readings, rateColumns } = readPastedValues(items, choices);
    for (const it of items) {
      const reading = readings.get(it.key)!;
      if (reading.kind !== 'cell') {
        problems.push({ rowIndex: it.r, columnId: it.columnId, text: pastedText(it.value), message: reading.reason, ambiguous: reading.kind === 'ambiguous' });
        continue;
      }
      if (JSON.stringify(cellAt({ r: it.r, c: it.c })) !== JSON.stringify(reading.cell)) changes.push({ rowIndex: it.r, columnId: it.columnId, cell: reading.cell });
    }
    const end = { r: clamp(r0 + height - 1, 0, nRows - 1), c: clamp(c0 + width - 1, 0, nCols - 1) };
    return { changes, problems, truncated, fromBlock: { anchor: { r: r0, c: c0 }, focus: end }, block, choices, rateColumns };
  };

  const applyPaste = (p: PendingPaste): void => {
    if (p.changes.length) onChange(p.changes, vi.grid.pastedLabel(p.changes.length), 'paste');
    setSel(p.fromBlock);
    setPending(null);
    focusInput();
  };

  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>): void => {
    const text = e.clipboardData.getData('text/plain');
    const html = e.clipboardData.getData('text/html');
    // Inside an editor a single value pastes as text; a block always pastes as a block.
    if (editing && !/[\t\n]/.test(text.trim()) && !/<table/i.test(html)) return;
    e.preventDefault();
    const block = (props.readClipboard ?? readClipboardBlock)({ text, html });
    if (editing) cancelEdit();
    if (block.length === 0) {
      setError(vi.grid.pasteEmpty);
      return;
    }
    const prepared = preparePaste(block);
    const threshold = props.previewThreshold ?? 10;
    if (prepared.changes.length > threshold || prepared.problems.length > 0 || prepared.truncated > 0 || prepared.rateColumns.length > 0) setPending(prepared);
    else applyPaste(prepared);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    const native = e.nativeEvent;
    if (native.isComposing || composing.current || e.keyCode === 229) return;
    const ctrl = e.ctrlKey || e.metaKey;
    if (statusOpen) return; // the list handles its own keys
    if (editing) {
      switch (e.key) {
        case 'Enter':
          e.preventDefault();
          if (commitEdit()) move(e.shiftKey ? -1 : 1, 0);
          return;
        case 'Tab':
          e.preventDefault();
          if (commitEdit()) moveTab(e.shiftKey);
          return;
        case 'Escape':
          e.preventDefault();
          cancelEdit();
          return;
        case 'ArrowUp':
        case 'ArrowDown':
        case 'ArrowLeft':
        case 'ArrowRight':
          if (e.altKey && e.key === 'ArrowDown') {
            e.preventDefault();
            cancelEdit();
            setStatusOpen(true);
            return;
          }
          if (editing.mode === 'enter') {
            e.preventDefault();
            if (commitEdit()) {
              const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key] as [number, number];
              move(d[0], d[1]);
            }
          }
          return;
        default:
          return;
      }
    }
    // Navigation mode.
    switch (e.key) {
      case 'ArrowUp':
      case 'ArrowDown':
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (e.altKey && e.key === 'ArrowDown') {
          e.preventDefault();
          setStatusOpen(true);
          return;
        }
        if (e.altKey) return;
        e.preventDefault();
        const far = ctrl ? 10000 : 1;
        const d = { ArrowUp: [-far, 0], ArrowDown: [far, 0], ArrowLeft: [0, -far], ArrowRight: [0, far] }[e.key] as [number, number];
        move(d[0], d[1], e.shiftKey);
        return;
      }
      case 'PageDown':
      case 'PageUp':
        e.preventDefault();
        move(e.key === 'PageDown' ? 15 : -15, 0, e.shiftKey);
        return;
      case 'Home':
        e.preventDefault();
        setSel((s) => {
          const focus = ctrl ? { r: 0, c: 0 } : { r: s.focus.r, c: 0 };
          return e.shiftKey ? { anchor: s.anchor, focus } : { anchor: focus, focus };
        });
        return;
      case 'End':
        e.preventDefault();
        setSel((s) => {
          const focus = ctrl ? { r: nRows - 1, c: nCols - 1 } : { r: s.focus.r, c: nCols - 1 };
          return e.shiftKey ? { anchor: s.anchor, focus } : { anchor: focus, focus };
        });
        return;
      case 'Tab': {
        // Tab past the last cell (Shift+Tab before the first) leaves the grid: no keyboard trap.
        const atEnd = e.shiftKey ? sel.focus.r === 0 && sel.focus.c === 0 : sel.focus.r === nRows - 1 && sel.focus.c === nCols - 1;
        if (atEnd) return;
        e.preventDefault();
        moveTab(e.shiftKey);
        return;
      }
      case 'Enter':
      case 'F2':
        e.preventDefault();
        startEdit('edit', editText(cellAt(sel.focus), cols[sel.focus.c]?.type ?? 'rate'));
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        setRange(null, 'clear');
        return;
      case 'Escape':
        if (sel.anchor.r !== sel.focus.r || sel.anchor.c !== sel.focus.c) {
          e.preventDefault();
          setSel((s) => ({ anchor: s.focus, focus: s.focus }));
        }
        setError(null);
        return;
      default:
        if (ctrl && (e.key === 'a' || e.key === 'A')) {
          e.preventDefault();
          setSel({ anchor: { r: 0, c: 0 }, focus: { r: nRows - 1, c: nCols - 1 } });
        }
        // Printable keys fall through to the input: its input event starts the edit.
        return;
    }
  };

  const onInput = (): void => {
    if (!editing) {
      // Typing replaces the cell (Excel's "enter" mode); the typed character is already in the input.
      setSel((s) => ({ anchor: s.focus, focus: s.focus }));
      setStatusOpen(false);
      setError(null);
      setEditing({ mode: 'enter' });
    } else if (error) setError(null);
    reportDraft();
  };

  const onCompositionStart = (): void => {
    composing.current = true;
    if (!editing) {
      setSel((s) => ({ anchor: s.focus, focus: s.focus }));
      setError(null);
      setEditing({ mode: 'enter' });
    }
  };

  const onCompositionEnd = (): void => {
    composing.current = false;
    reportDraft();
  };

  const onBlur = (e: React.FocusEvent<HTMLInputElement>): void => {
    const to = e.relatedTarget as Node | null;
    if (to && wrapRef.current?.contains(to)) return;
    setFocused(false);
    if (editing) {
      if (!commitEdit()) return;
    }
  };

  const cellFromEvent = (e: React.MouseEvent): Pos | null => {
    const td = (e.target as HTMLElement).closest('td[data-r]');
    if (!td) return null;
    return { r: Number(td.getAttribute('data-r')), c: Number(td.getAttribute('data-c')) };
  };

  const onMouseDown = (e: React.MouseEvent): void => {
    const p = cellFromEvent(e);
    if (!p || e.button !== 0) return;
    e.preventDefault();
    if (editing && (p.r !== sel.focus.r || p.c !== sel.focus.c)) {
      if (!commitEdit()) return;
    }
    if (editing && p.r === sel.focus.r && p.c === sel.focus.c) return;
    setStatusOpen(false);
    setSel((s) => (e.shiftKey ? { anchor: s.anchor, focus: p } : { anchor: p, focus: p }));
    dragging.current = true;
    focusInput();
  };

  const onMouseOver = (e: React.MouseEvent): void => {
    if (!dragging.current || editing) return;
    const p = cellFromEvent(e);
    if (p) setSel((s) => (s.focus.r === p.r && s.focus.c === p.c ? s : { anchor: s.anchor, focus: p }));
  };

  useEffect(() => {
    const up = (): void => {
      dragging.current = false;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const onDoubleClick = (e: React.MouseEvent): void => {
    const p = cellFromEvent(e);
    if (!p) return;
    setSel({ anchor: p, focus: p });
    startEdit('edit', editText(cellAt(p), cols[p.c]?.type ?? 'rate'));
    focusInput();
  };

  const chooseStatus = (value: string | null): void => {
    setStatusOpen(false);
    setRange(value === null ? null : { t: 'status', v: value }, value === null ? 'clear' : 'status');
    focusInput();
  };

  const range = rangeOf(sel);
  const activeCol = cols[sel.focus.c];
  const activeRow = rows[sel.focus.r];
  const activeUnit = activeRow ? (unitById.get(activeRow.unitId)?.name ?? activeRow.unitId) : '';
  const activeMark = activeRow && activeCol ? marks?.get(`${activeRow.unitId}|${activeCol.id}`) : undefined;

  const upperGroups = useMemo(() => {
    const groups: { label: string | null; span: number; start: number }[] = [];
    cols.forEach((c, i) => {
      const last = groups[groups.length - 1];
      if (last && c.group && last.label === c.group) last.span++;
      else groups.push({ label: c.group ?? null, span: 1, start: i });
    });
    return groups;
  }, [cols]);
  const twoLevel = upperGroups.some((g) => g.label);
  // Fixed column widths (table-layout: fixed): the browser lays out a 150-row table without measuring every cell,
  // and columns do not jump while the clerk types. A lone figure column is wide enough for a status wording.
  const colWidths = useMemo(() => cols.map((c) => (cols.length === 1 ? 230 : c.type === 'label' ? 100 : 88)), [cols]);
  const extras = extraColumns ?? NO_EXTRAS;
  const extraWidth = extras.length * EXTRA_WIDTH;

  return (
    <div className={`grid-wrap${focused ? ' focused' : ''}`} ref={wrapRef} onMouseDown={onMouseDown} onMouseOver={onMouseOver} onDoubleClick={onDoubleClick}>
      <table className="grid" role="grid" aria-label={table.title} aria-rowcount={nRows} style={{ width: STT_WIDTH + NAME_WIDTH + colWidths.reduce((a, b) => a + b, 0) + extraWidth }}>
        <colgroup>
          <col style={{ width: STT_WIDTH }} />
          <col style={{ width: NAME_WIDTH }} />
          {cols.map((c, i) => (
            <col key={c.id} style={{ width: colWidths[i] }} />
          ))}
          {extras.map((x) => (
            <col key={`x-${x.id}`} style={{ width: EXTRA_WIDTH }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="stt" rowSpan={twoLevel ? 2 : 1}>
              {vi.grid.stt}
            </th>
            <th className="name" rowSpan={twoLevel ? 2 : 1}>
              {table.nameHeader}
            </th>
            {twoLevel
              ? upperGroups.map((g) =>
                  g.label ? (
                    <th key={`g${g.start}`} colSpan={g.span}>
                      {g.label}
                    </th>
                  ) : (
                    cols.slice(g.start, g.start + g.span).map((c) => (
                      <th key={c.id} rowSpan={2} className={isNumeric(c) ? 'num' : undefined}>
                        {headerText(c)}
                      </th>
                    ))
                  ),
                )
              : cols.map((c) => (
                  <th key={c.id} className={isNumeric(c) ? 'num' : undefined}>
                    {headerText(c)}
                  </th>
                ))}
            {extras.map((x) => (
              <th key={`x-${x.id}`} className="num extra" rowSpan={twoLevel ? 2 : 1}>
                {x.header}
              </th>
            ))}
          </tr>
          {twoLevel && (
            <tr>
              {upperGroups
                .filter((g) => g.label)
                .flatMap((g) => cols.slice(g.start, g.start + g.span))
                .map((c) => (
                  <th key={c.id} className={isNumeric(c) ? 'num' : undefined}>
                    {headerText(c)}
                  </th>
                ))}
            </tr>
          )}
        </thead>
        <tbody>
          {layout.map((item) =>
            item.kind === 'block' ? (
              <tr key={item.key} className="block-row">
                <td className="stt">{item.block?.numeral ?? ''}</td>
                <td colSpan={nCols + 1 + extras.length}>{item.block?.name ?? ''}</td>
              </tr>
            ) : (
              <GridRow
                key={rows[item.index]!.unitId}
                row={rows[item.index]!}
                prevRow={sameBlockPrev(rows, item.index, unitById)}
                index={item.index}
                stt={item.stt}
                unitName={unitById.get(rows[item.index]!.unitId)?.name ?? rows[item.index]!.unitId}
                cols={cols}
                numberStyle={numberStyle}
                selFrom={item.index >= range.r0 && item.index <= range.r1 ? range.c0 : -1}
                selTo={item.index >= range.r0 && item.index <= range.r1 ? range.c1 : -1}
                activeC={item.index === sel.focus.r ? sel.focus.c : -1}
                marks={marks}
                marksKey={marksKeyFor(marks, rows[item.index]!.unitId, cols)}
                changed={changed}
                changedKey={changedKeyFor(changed, rows[item.index]!.unitId, cols)}
                extras={extras}
              />
            ),
          )}
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
        onCompositionStart={onCompositionStart}
        onCompositionEnd={onCompositionEnd}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={onPaste}
        onFocus={() => setFocused(true)}
        onBlur={onBlur}
      />
      {(error || (focused && activeMark)) && editorBox && (
        <div className={`grid-tip${error ? ' error' : activeMark?.severity === 'error' ? ' error' : ' warning'}`} role={error ? 'alert' : 'status'} style={{ top: editorBox.top + editorBox.height + 2, left: editorBox.left }}>
          {error ?? activeMark?.messages.join(' ')}
        </div>
      )}
      {statusOpen && editorBox && (
        <StatusList top={editorBox.top + editorBox.height} left={editorBox.left} onChoose={chooseStatus} onClose={() => { setStatusOpen(false); focusInput(); }} />
      )}
      {pending && (
        <PastePreview
          pending={pending}
          table={table}
          unitById={unitById}
          numberStyle={numberStyle}
          onApply={() => applyPaste(pending)}
          onChoose={(columnId, as) => setPending(preparePaste(pending.block, { ...pending.choices, [columnId]: as }))}
          onCancel={() => {
            setPending(null);
            focusInput();
          }}
        />
      )}
    </div>
  );
}

function headerText(c: Column): string {
  return c.max !== undefined && c.type === 'score' ? `${c.header} (${String(c.max).replace('.', ',')})` : c.header;
}

function sameBlockPrev(rows: readonly Row[], index: number, unitById: Map<string, Unit>): Row | null {
  if (index === 0) return null;
  const prev = rows[index - 1]!;
  return unitById.get(prev.unitId)?.blockId === unitById.get(rows[index]!.unitId)?.blockId ? prev : null;
}

function marksKeyFor(marks: ReadonlyMap<string, CellMark> | undefined, unitId: string, cols: readonly Column[]): string {
  if (!marks || marks.size === 0) return '';
  let key = '';
  for (const c of cols) {
    const m = marks.get(`${unitId}|${c.id}`);
    if (m) key += `${c.id}:${m.severity}:${m.messages.join('|')};`;
  }
  return key;
}

function changedKeyFor(changed: ReadonlySet<string> | undefined, unitId: string, cols: readonly Column[]): string {
  if (!changed || changed.size === 0) return '';
  let key = '';
  for (const c of cols) if (changed.has(`${unitId}|${c.id}`)) key += `${c.id};`;
  return key;
}

interface GridRowProps {
  row: Row;
  prevRow: Row | null;
  index: number;
  stt: number;
  unitName: string;
  cols: readonly Column[];
  numberStyle: Pick<NumberStyle, 'trimZeros'> | undefined;
  selFrom: number;
  selTo: number;
  activeC: number;
  marks: ReadonlyMap<string, CellMark> | undefined;
  marksKey: string;
  changed: ReadonlySet<string> | undefined;
  changedKey: string;
  extras: readonly ExtraColumn[];
}

const GridRow = memo(
  function GridRow(p: GridRowProps): React.JSX.Element {
    return (
      <tr>
        <td className="stt">{p.stt}</td>
        <td className="name" title={p.unitName}>
          {p.unitName}
        </td>
        {p.cols.map((col, c) => {
          const cell = p.row.cells[col.id] ?? null;
          const prev = p.prevRow ? (p.prevRow.cells[col.id] ?? null) : null;
          const continued = cell?.t === 'status' && prev?.t === 'status' && prev.v === cell.v;
          const mark = p.marks?.get(`${p.row.unitId}|${col.id}`);
          const cls = ['cell'];
          if (isNumeric(col)) cls.push('num');
          if (cell === null) cls.push('blank');
          else if (cell.t === 'status') cls.push(continued ? 'status cont' : 'status');
          if (cell?.t === 'num' && cell.src === 'dossiers') cls.push('computed');
          if (c >= p.selFrom && c <= p.selTo) cls.push('sel');
          if (c === p.activeC) cls.push('active');
          if (mark) cls.push(mark.severity === 'error' ? 'has-error' : 'has-warning');
          if (p.changed?.has(`${p.row.unitId}|${col.id}`)) cls.push('changed');
          const title = [
            mark?.messages.join(' '),
            cell?.t === 'status' && continued ? cell.v : undefined,
            cell?.t === 'num' && cell.src === 'dossiers' ? vi.words.computed : undefined,
          ]
            .filter(Boolean)
            .join(' · ');
          return (
            <td key={col.id} className={cls.join(' ')} data-r={p.index} data-c={c} data-col={col.id} data-unit={p.row.unitId} title={title || undefined} aria-selected={c >= p.selFrom && c <= p.selTo ? true : undefined}>
              {continued ? '' : formatCell(cell, col.type, p.numberStyle)}
            </td>
          );
        })}
        {p.extras.map((x) => {
          const v = x.cells.get(p.row.unitId);
          return (
            <td key={`x-${x.id}`} className={`extra num${v?.className ? ` ${v.className}` : ''}`} title={v?.title}>
              {v?.text ?? ''}
            </td>
          );
        })}
      </tr>
    );
  },
  (a, b) =>
    a.row === b.row &&
    a.prevRow === b.prevRow &&
    a.index === b.index &&
    a.stt === b.stt &&
    a.unitName === b.unitName &&
    a.cols === b.cols &&
    a.numberStyle?.trimZeros === b.numberStyle?.trimZeros &&
    a.selFrom === b.selFrom &&
    a.selTo === b.selTo &&
    a.activeC === b.activeC &&
    a.marksKey === b.marksKey &&
    a.changedKey === b.changedKey &&
    a.extras === b.extras,
);

const NO_EXTRAS: readonly ExtraColumn[] = [];
const EXTRA_WIDTH = 96;

function StatusList(props: { top: number; left: number; onChoose(v: string | null): void; onClose(): void }): React.JSX.Element {
  const options: { label: string; value: string | null }[] = [...STATUS_CHOICES.map((s) => ({ label: s, value: s })), { label: vi.grid.clearCell, value: null }];
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <ul
      ref={ref}
      className="status-list"
      role="listbox"
      aria-label={vi.grid.statusList}
      tabIndex={-1}
      style={{ top: props.top, left: props.left }}
      aria-activedescendant={`status-opt-${active}`}
      onMouseDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          setActive((a) => Math.min(options.length - 1, a + 1));
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          setActive((a) => Math.max(0, a - 1));
        } else if (e.key === 'Enter') {
          e.preventDefault();
          props.onChoose(options[active]!.value);
        } else if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          props.onClose();
        }
      }}
      onBlur={() => props.onClose()}
    >
      {options.map((o, i) => (
        <li
          key={o.label}
          id={`status-opt-${i}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            props.onChoose(o.value);
          }}
        >
          {o.label}
        </li>
      ))}
    </ul>
  );
}

function PastePreview(props: {
  pending: PendingPaste;
  table: Table;
  unitById: Map<string, Unit>;
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
                  <th>{table.columns.length > 1 ? 'Cột' : ''}</th>
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
