// @vitest-environment jsdom
// The SVG renderer of the chart geometry: marks as SVG elements, a click on a unit's bar names the unit, and the
// numbers behind the chart as a real table (caption, column and row headers) behind a button.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { estimateTextWidth, rankBars, scoreBars } from '../../core/charts';
import { ChartFigure, ChartSvg } from '../../renderer/components/charts/ChartSvg';

afterEach(cleanup);

describe('ChartSvg and its table', () => {
  it('draws every mark and reports the unit clicked', () => {
    const chart = rankBars(
      [
        { key: 'a', label: 'UBND xã A', value: 91.5, color: '#1a7f37' },
        { key: 'b', label: 'UBND xã B', value: 72.18, color: '#9a6700' },
        { key: 'c', label: 'UBND xã C', value: null, status: 'Không tổng hợp trên Hệ thống', color: '#ccc' },
      ],
      { width: 500, measure: estimateTextWidth, valueHeader: 'Tổng điểm' },
      'Đơn vị xếp theo tổng điểm',
    );
    const clicked: string[] = [];
    const { container } = render(<ChartSvg chart={chart} onSelect={(k) => clicked.push(k)} />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Đơn vị xếp theo tổng điểm');
    expect(container.querySelectorAll('rect.m-bar')).toHaveLength(2);
    expect([...container.querySelectorAll('text.m-label')].map((t) => t.textContent)).toEqual(['UBND xã B', 'UBND xã A', 'UBND xã C']);
    expect(container.querySelector('text.m-status')!.textContent).toBe('Không tổng hợp trên Hệ thống');
    fireEvent.click(container.querySelector('rect.m-bar[data-key="b"]')!);
    expect(clicked).toEqual(['b']);
  });

  it('opens the numbers as a table with a caption and headers, and closes it again', () => {
    const chart = scoreBars([{ key: 'TDGQ', label: 'Tiến độ giải quyết', value: 18.7, max: 20 }], { width: 500, measure: estimateTextWidth }, 'Điểm các nhóm');
    const { getByRole, queryByRole } = render(<ChartFigure heading="Điểm các nhóm" chart={chart} />);
    expect(queryByRole('table')).toBeNull();
    const toggle = getByRole('button', { name: 'Xem bảng số liệu' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const table = getByRole('table', { name: 'Điểm các nhóm' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Nhóm chỉ số', 'Điểm', 'Tối đa', 'Điểm bị mất']);
    expect(table.querySelector('tbody th[scope="row"]')!.textContent).toBe('Tiến độ giải quyết');
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['18,7', '20', '1,3']);
    fireEvent.click(getByRole('button', { name: 'Ẩn bảng số liệu' }));
    expect(queryByRole('table')).toBeNull();
  });
});
