// The open report's store: the report, its undo/redo stacks of edits, the findings of the checks, and the debounced autosave.
import { useSyncExternalStore } from 'react';
import type { Report } from '../../core/model/schema';
import { runChecks, type Finding, type Fix, type Location } from '../../core/rules';
import { applyPatch, isEmptyPatch, type ImportPatch } from '../../core/import/patch';
import { applyEdit, editLocation, makeEdit, type Edit, type Path } from './edits';
import { fixChange } from './fixes';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface SaveState {
  status: SaveStatus;
  /** Time of the last successful save. */
  at: Date | null;
  /** Vietnamese message of the last failure. */
  message: string | null;
  /** Failure code (STALE_REVISION makes further saves pointless). */
  code: string | null;
}

export interface ReportState {
  id: string;
  report: Report;
  revision: number;
  undo: readonly Edit[];
  redo: readonly Edit[];
  save: SaveState;
  findings: readonly Finding[];
  /** Cells changed by a paste or import, highlighted until the clerk accepts them: "tableId|unitId|columnId". */
  changed: ReadonlySet<string>;
  /**
   * A request to select the cell or field of a finding, or the place an undo/redo changed (`flash`: highlight it
   * briefly); `seq` makes repeated requests distinct.
   */
  focus: { location: Location; seq: number; flash?: boolean } | null;
}

export interface StoreDeps {
  save(id: string, revision: number, report: Report): Promise<{ revision: number; savedAt: string }>;
}

export interface EditOptions {
  /** Cell keys to highlight as freshly pasted/imported. */
  highlight?: readonly string[];
}

interface StackEntry extends Edit {
  highlight?: readonly string[];
}

const findingsCache = new WeakMap<Report, Finding[]>();

/** The checks' findings for a report, computed once per report object. */
export function findingsOf(report: Report): Finding[] {
  let f = findingsCache.get(report);
  if (!f) {
    try {
      f = runChecks(report);
    } catch {
      f = [];
    }
    findingsCache.set(report, f);
  }
  return f;
}

export const cellKey = (tableId: string, unitId: string, columnId: string): string => `${tableId}|${unitId}|${columnId}`;

export class ReportStore {
  private state: ReportState;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  /** The report object last handed to a successful save. */
  private savedReport: Report;
  private disposed = false;
  private seq = 0;

  constructor(
    opened: { id: string; revision: number; savedAt: string; report: Report },
    private deps: StoreDeps,
    private debounceMs = 800,
  ) {
    this.savedReport = opened.report;
    this.state = {
      id: opened.id,
      report: opened.report,
      revision: opened.revision,
      undo: [],
      redo: [],
      save: { status: 'saved', at: new Date(opened.savedAt), message: null, code: null },
      findings: findingsOf(opened.report),
      changed: new Set(),
      focus: null,
    };
  }

  getState = (): ReportState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ReportState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Applies new values at paths as one undoable step (no-op values are dropped; nothing happens if none is left). */
  change(label: string, sets: readonly { path: Path; value: unknown }[], opts: EditOptions = {}): boolean {
    const edit = makeEdit(this.state.report, label, sets);
    return this.apply(edit, opts);
  }

  /** Applies a finding's one-click fix as one undoable step, as if the clerk had typed the value; then selects it. */
  applyFix(fix: Fix): boolean {
    const set = fixChange(this.state.report, fix);
    if (!set) return false;
    const done = this.change(fix.label, [set]);
    if (done) this.focusLocation(fix.location);
    return done;
  }

  /** Applies a prepared edit (from a paste or an import patch) as one undoable step. */
  apply(edit: Edit, opts: EditOptions = {}): boolean {
    if (edit.changes.length === 0) return false;
    const entry: StackEntry = opts.highlight ? { ...edit, highlight: opts.highlight } : edit;
    const report = applyEdit(this.state.report, edit, 'forward');
    this.set({
      report,
      findings: findingsOf(report),
      undo: [...this.state.undo, entry],
      redo: [],
      changed: addKeys(this.state.changed, opts.highlight),
    });
    this.scheduleSave();
    return true;
  }

  undo(): boolean {
    const entry = this.state.undo[this.state.undo.length - 1] as StackEntry | undefined;
    if (!entry) return false;
    const report = applyEdit(this.state.report, entry, 'backward');
    this.set({
      report,
      findings: findingsOf(report),
      undo: this.state.undo.slice(0, -1),
      redo: [...this.state.redo, entry],
      changed: removeKeys(this.state.changed, entry.highlight),
      focus: this.revealed(report, entry),
    });
    this.scheduleSave();
    return true;
  }

  redo(): boolean {
    const entry = this.state.redo[this.state.redo.length - 1] as StackEntry | undefined;
    if (!entry) return false;
    const report = applyEdit(this.state.report, entry, 'forward');
    this.set({
      report,
      findings: findingsOf(report),
      redo: this.state.redo.slice(0, -1),
      undo: [...this.state.undo, entry],
      changed: addKeys(this.state.changed, entry.highlight),
      focus: this.revealed(report, entry),
    });
    this.scheduleSave();
    return true;
  }

  /**
   * Applies an import or paste patch (core/import/patch.ts) as one undoable step; its changed cells are highlighted.
   * Throws the patch module's UserFacingError when the patch is stale or would make the report invalid (nothing changes).
   */
  applyImportPatch(patch: ImportPatch, label: string): boolean {
    if (isEmptyPatch(patch)) return false;
    const before = this.state.report;
    const after = applyPatch(before, patch);
    const highlight = patch.changes.flatMap((c) => (c.target.kind === 'cell' ? [cellKey(c.target.tableId, c.target.unitId, c.target.columnId)] : []));
    return this.apply({ label, changes: [{ path: [], before, after }] }, { highlight });
  }

  /**
   * Takes a whole report that main already stored (a restored version) as one undoable step;
   * the revision becomes main's, so nothing needs saving unless the clerk undoes it.
   */
  replaceStored(report: Report, revision: number, savedAt: string, label: string): void {
    const edit: Edit = { label, changes: [{ path: [], before: this.state.report, after: report }] };
    this.savedReport = report;
    this.set({
      report,
      revision,
      findings: findingsOf(report),
      undo: [...this.state.undo, edit],
      redo: [],
      changed: new Set(),
      save: { status: 'saved', at: new Date(savedAt), message: null, code: null },
    });
  }

  /** Accepts the highlighted pasted/imported values (they stop being highlighted). */
  acceptChanges(): void {
    if (this.state.changed.size) this.set({ changed: new Set() });
  }

  /** Undo and redo go to what they change: the screen shows its section, selects it and flashes it. */
  private revealed(report: Report, entry: StackEntry): ReportState['focus'] {
    const location = editLocation(report, entry, entry.highlight);
    return location ? { location, seq: ++this.seq, flash: true } : this.state.focus;
  }

  /** Asks the screen to select the cell or field of a finding. */
  focusLocation(location: Location): void {
    this.set({ focus: { location, seq: ++this.seq } });
  }

  private scheduleSave(): void {
    if (this.disposed) return;
    if (this.state.save.code === 'STALE_REVISION') return;
    if (this.state.report === this.savedReport) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (!this.saving) this.set({ save: { ...this.state.save, status: 'saved', message: null } });
      return;
    }
    this.set({ save: { ...this.state.save, status: 'pending' } });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.saveNow();
    }, this.debounceMs);
  }

  private async saveNow(): Promise<void> {
    if (this.saving) {
      await this.saving;
      if (this.state.report !== this.savedReport && !this.timer) await this.saveNow();
      return;
    }
    const report = this.state.report;
    if (report === this.savedReport) return;
    this.set({ save: { ...this.state.save, status: 'saving' } });
    this.saving = (async () => {
      try {
        const res = await this.deps.save(this.state.id, this.state.revision, report);
        this.savedReport = report;
        this.set({
          revision: res.revision,
          save: { status: this.state.report === report ? 'saved' : 'pending', at: new Date(res.savedAt), message: null, code: null },
        });
      } catch (err) {
        const e = err as { message?: string; code?: string };
        this.set({ save: { ...this.state.save, status: 'error', message: e.message ?? String(err), code: e.code ?? null } });
      }
    })();
    try {
      await this.saving;
    } finally {
      this.saving = null;
    }
    if (this.state.report !== this.savedReport && this.state.save.status !== 'error' && !this.timer) this.scheduleSave();
  }

  /** Saves now whatever is not saved yet (before leaving the report or closing the app). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.saving) await this.saving;
    if (this.state.report !== this.savedReport && this.state.save.code !== 'STALE_REVISION') await this.saveNow();
  }

  /** True when everything is saved. */
  isSaved(): boolean {
    return this.state.report === this.savedReport;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}

function addKeys(set: ReadonlySet<string>, keys: readonly string[] | undefined): ReadonlySet<string> {
  if (!keys || keys.length === 0) return set;
  const out = new Set(set);
  for (const k of keys) out.add(k);
  return out;
}

function removeKeys(set: ReadonlySet<string>, keys: readonly string[] | undefined): ReadonlySet<string> {
  if (!keys || keys.length === 0 || set.size === 0) return set;
  const out = new Set(set);
  for (const k of keys) out.delete(k);
  return out;
}

/** Subscribes a component to a slice of the store. */
export function useReportState<T>(store: ReportStore, select: (s: ReportState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
