// Draws a chart geometry (core/charts) as inline SVG, with its numbers as a table behind "Xem bảng số liệu".
import { useId, useState } from 'react';
import type { Chart, ChartTable, Mark } from '../../../core/charts';
import { vi } from '../../strings/vi';

export interface ChartSvgProps {
  chart: Chart;
  /** A click on a mark carrying a key (a unit's bar, a group's row). */
  onSelect?(key: string): void;
  className?: string;
}

/** The chart as an SVG image (role="img" with the chart's title); the numbers are in the table beside it. */
export function ChartSvg({ chart, onSelect, className }: ChartSvgProps): React.JSX.Element {
  const onClick = onSelect
    ? (e: React.MouseEvent<SVGSVGElement>) => {
        const key = (e.target as Element).closest('[data-key]')?.getAttribute('data-key');
        if (key) onSelect(key);
      }
    : undefined;
  return (
    <svg
      className={`chart${className ? ` ${className}` : ''}${onSelect ? ' clickable' : ''}`}
      role="img"
      aria-label={chart.title}
      width={chart.width}
      height={chart.height}
      viewBox={`0 0 ${chart.width} ${chart.height}`}
      onClick={onClick}
    >
      {chart.marks.map((m, i) => (
        <MarkSvg key={i} m={m} />
      ))}
    </svg>
  );
}

function MarkSvg({ m }: { m: Mark }): React.JSX.Element {
  const data = 'key' in m && m.key ? { 'data-key': m.key } : {};
  const title = 'title' in m && m.title ? <title>{m.title}</title> : null;
  switch (m.kind) {
    case 'rect':
      return (
        <rect x={m.x} y={m.y} width={Math.max(0, m.w)} height={m.h} fill={m.fill} stroke={m.stroke} strokeWidth={m.stroke ? 0.5 : undefined} className={`m-${m.role}`} {...data}>
          {title}
        </rect>
      );
    case 'line':
      return <line x1={m.x1} y1={m.y1} x2={m.x2} y2={m.y2} stroke={m.stroke} strokeWidth={m.width} strokeDasharray={m.dash?.join(' ')} className={`m-${m.role}`} />;
    case 'polyline':
      return <polyline points={m.points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke={m.stroke} strokeWidth={m.width} className={`m-${m.role}`} {...data} />;
    case 'circle':
      return (
        <circle cx={m.cx} cy={m.cy} r={m.r} fill={m.fill} className={`m-${m.role}`} {...data}>
          {title}
        </circle>
      );
    case 'text':
      return (
        <text x={m.x} y={m.y} fontSize={m.size} textAnchor={m.anchor} fill={m.fill} fontWeight={m.bold ? 600 : undefined} className={`m-${m.role}`} {...data}>
          {m.text}
          {title}
        </text>
      );
  }
}

/** A chart's numbers as a real table (keyboard and screen readers), opened with "Xem bảng số liệu". */
export function ChartData({ table, caption, rowAction }: { table: ChartTable; caption: string; rowAction?: (rowIndex: number) => React.ReactNode }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="chart-data">
      <button type="button" className="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? vi.charts.hideTable : vi.charts.showTable}
      </button>
      {open && (
        <table id={id} className="data-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} scope="col" className={table.numeric[i] ? 'num' : undefined}>
                  {c}
                </th>
              ))}
              {rowAction && <th scope="col"><span className="sr-only">{vi.charts.goTo}</span></th>}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, ri) => (
              <tr key={ri}>
                {r.map((cell, ci) =>
                  ci === 0 && !table.numeric[0] ? (
                    <th key={ci} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={ci} className={table.numeric[ci] ? 'num' : undefined}>
                      {cell}
                    </td>
                  ),
                )}
                {rowAction && <td>{rowAction(ri)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A figure: heading, the chart, and its numbers. */
export function ChartFigure(p: { heading: string; chart: Chart; note?: React.ReactNode; onSelect?(key: string): void; rowAction?: (rowIndex: number) => React.ReactNode; scroll?: boolean }): React.JSX.Element {
  return (
    <figure className="chart-figure">
      <figcaption>
        <h3>{p.heading}</h3>
        {p.note}
      </figcaption>
      <div className={p.scroll ? 'chart-scroll' : undefined}>
        <ChartSvg chart={p.chart} {...(p.onSelect ? { onSelect: p.onSelect } : {})} />
      </div>
      <ChartData table={p.chart.table} caption={p.heading} {...(p.rowAction ? { rowAction: p.rowAction } : {})} />
    </figure>
  );
}
