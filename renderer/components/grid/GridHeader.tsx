// The grid's header: STT, the unit-name column and the figure columns, on two rows when columns share a group label.
import { useMemo } from 'react';
import type { Column } from '../../../core/model/schema';
import type { ExtraColumn } from '../../state/extra-columns';
import { vi } from '../../strings/vi';
import { headerGroups, headerText, isNumeric } from './model';

export function GridHeader({ cols, nameHeader, extras = [] }: { cols: readonly Column[]; nameHeader: string; extras?: readonly ExtraColumn[] }): React.JSX.Element {
  const upperGroups = useMemo(() => headerGroups(cols), [cols]);
  const twoLevel = upperGroups.some((g) => g.label);
  return (
    <thead>
      <tr>
        <th className="stt" rowSpan={twoLevel ? 2 : 1}>
          {vi.grid.stt}
        </th>
        <th className="name" rowSpan={twoLevel ? 2 : 1}>
          {nameHeader}
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
  );
}
