// @vitest-environment jsdom
// The report screen's metric table of a 2026 group: figures typed in place, lines added, moved, reworded and removed, each undone by the store.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, within } from '@testing-library/react';
import { withIndicatorSet } from '../../core/model/indicators';
import { loadSample } from '../../core/model/report';
import type { Report } from '../../core/model/schema';
import { MetricLines } from '../../renderer/screens/indicator-lines';
import { buildMarks } from '../../renderer/state/marks';
import { ReportStore, useReportState } from '../../renderer/state/store';

afterEach(cleanup);

function Harness({ store }: { store: ReportStore }): React.JSX.Element {
  const report = useReportState(store, (s) => s.report);
  const findings = useReportState(store, (s) => s.findings);
  return <MetricLines store={store} report={report} marks={buildMarks(findings)} group={report.groups[0]!} gi={0} />;
}

function setup() {
  const report: Report = withIndicatorSet(loadSample(), '2026');
  const store = new ReportStore({ id: 'r1', revision: 1, savedAt: '2026-11-01T00:00:00.000Z', report }, { save: async () => ({ revision: 2, savedAt: new Date().toISOString() }) }, 60_000);
  const utils = render(<Harness store={store} />);
  const labels = () => Array.from(utils.container.querySelectorAll('tbody tr')).map((tr) => (tr as HTMLElement).dataset.line);
  return { ...utils, store, labels };
}

const line = (s: ReportStore, id: string) => s.getState().report.groups[0]!.lines.find((l) => l.id === id);

describe('MetricLines', () => {
  it('shows Chỉ tiêu · Tử số · Mẫu số · Tỷ lệ · Điểm / tối đa and stores a typed numerator (undoable)', () => {
    const { container, store, getByLabelText } = setup();
    expect(Array.from(container.querySelectorAll('thead th')).map((th) => th.textContent)).toEqual(['Chỉ tiêu', 'Tử số', 'Mẫu số', 'Tỷ lệ', 'Điểm / tối đa', '']);
    const input = getByLabelText('Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG: Tử số') as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '370.610' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(line(store, 'ckmb.syncedDvcqg')?.numerator).toBe(370610);
    act(() => void store.undo());
    expect(line(store, 'ckmb.syncedDvcqg')?.numerator).toBeNull();
  });

  it('adds, moves, rewords and removes lines; each is one undo step', () => {
    const { store, labels, getByText, getByLabelText, container } = setup();
    const start = labels();
    fireEvent.click(getByText('Thêm chỉ tiêu'));
    expect(labels()).toEqual([...start, 'ckmb.added1']);
    fireEvent.click(getByLabelText('Đưa lên: Chỉ tiêu mới'));
    expect(labels()).toEqual([start[0], start[1], start[2], 'ckmb.added1', start[3]]);
    const name = within(container.querySelector('tr[data-line="ckmb.added1"]') as HTMLElement).getByLabelText('Tên chỉ tiêu dòng 4') as HTMLInputElement;
    fireEvent.focus(name);
    fireEvent.change(name, { target: { value: 'Tỷ lệ TTHC mới' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(line(store, 'ckmb.added1')?.label).toBe('Tỷ lệ TTHC mới');
    fireEvent.click(getByLabelText('Xóa chỉ tiêu: Tỷ lệ TTHC công bố đúng hạn'));
    expect(labels()).toEqual([start[1], start[2], 'ckmb.added1', start[3]]);
    act(() => void store.undo());
    expect(labels()).toEqual([start[0], start[1], start[2], 'ckmb.added1', start[3]]);
    act(() => void store.undo());
    expect(line(store, 'ckmb.added1')?.label).toBe('Chỉ tiêu mới');
    act(() => void store.undo());
    act(() => void store.undo());
    expect(labels()).toEqual(start);
  });
});
