// @vitest-environment jsdom
// The findings panel's one-click fix: "Sửa thành 89,32%" writes the value through the store's undoable edit path (as typing
// would), the finding goes, Hoàn tác brings the old value and the finding back.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { FindingsPanel } from '../../renderer/components/FindingsPanel';
import { ReportStore } from '../../renderer/state/store';

afterEach(cleanup);

function Panel({ store }: { store: ReportStore }): React.JSX.Element {
  const s = useSyncExternalStore(store.subscribe, store.getState);
  return <FindingsPanel findings={s.findings} report={s.report} onSelect={() => undefined} onFix={(f) => f.fix && store.applyFix(f.fix)} onCollapse={() => undefined} />;
}

const rate = (r: Report, id: string) => r.groups.flatMap((g) => g.lines).find((l) => l.id === id)!.rate;
const cls = (r: Report) => r.tables.find((t) => t.id === 'xep-loai-xa')!.rows.find((x) => x.unitId === 'p-song-cau')!.cells.class;

describe('one-click fix in the findings panel', () => {
  it('writes the certain value as one undoable edit', () => {
    const store = new ReportStore({ id: 'r1', revision: 1, savedAt: '2024-08-15T07:32:00.000Z', report: loadSample() }, { save: async () => ({ revision: 2, savedAt: new Date().toISOString() }) }, 60_000);
    render(<Panel store={store} />);
    expect(rate(store.getState().report, 'tttt.dossiersOnline')).toBe(89.73);
    fireEvent.click(screen.getByRole('button', { name: 'Sửa thành 89,32%' }));
    expect(rate(store.getState().report, 'tttt.dossiersOnline')).toBe(89.32);
    expect(store.getState().undo.at(-1)?.label).toBe('Sửa thành 89,32%');
    expect(store.getState().focus?.location).toEqual({ kind: 'line', group: 'TTTT', lineId: 'tttt.dossiersOnline', field: 'rate' });
    expect(screen.queryByRole('button', { name: 'Sửa thành 89,32%' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Sửa thành “Khá”' }));
    expect(cls(store.getState().report)).toEqual({ t: 'text', v: 'Khá' });
    expect(store.getState().findings.some((f) => f.ruleId === 'classification-band')).toBe(false);

    act(() => {
      store.undo();
      store.undo();
    });
    expect(rate(store.getState().report, 'tttt.dossiersOnline')).toBe(89.73);
    expect(cls(store.getState().report)).toEqual({ t: 'text', v: 'Tốt' });
    expect(screen.getByRole('button', { name: 'Sửa thành 89,32%' })).toBeTruthy();
    store.dispose();
  });
});
