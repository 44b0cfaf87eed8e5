// The grid value being typed (not yet committed), shared with the findings panel without redrawing the report screen.
import type { CellDraft } from '../screens/sections';

/** A one-value store: the grid sets the typed cell, the findings panel subscribes (useSyncExternalStore). */
export class DraftBus {
  private draft: CellDraft | null = null;
  private readonly listeners = new Set<() => void>();

  readonly get = (): CellDraft | null => this.draft;

  readonly set = (draft: CellDraft | null): void => {
    if (JSON.stringify(draft) === JSON.stringify(this.draft)) return;
    this.draft = draft;
    for (const l of this.listeners) l();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
