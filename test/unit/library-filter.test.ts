// The library's search (issue 17, "Search"): reports of a year, a month (a quarter matches its months), and words in
// the period, the number or the locality, accents optional.
import { describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../core/api/contract';
import { periodLabel } from '../../core/model/period';
import type { Period } from '../../core/model/schema';
import { filterLibrary, libraryYears, NO_FILTER } from '../../renderer/state/library-filter';

function summary(id: string, period: Period, documentNumber: string | null, locality = 'thành phố Bắc Kạn'): ReportSummary {
  return { id, period, periodLabel: periodLabel(period), periodKey: id, documentNumber, locality, total: null, findings: null, isSample: false, revision: 1, savedAt: '2024-08-15T07:00:00.000Z' };
}

const items = [
  summary('a', { kind: 'month', year: 2025, month: 1 }, null),
  summary('b', { kind: 'quarter', year: 2024, quarter: 3 }, '501/BC-UBND'),
  summary('c', { kind: 'month', year: 2024, month: 8 }, '412/BC-UBND'),
  summary('d', { kind: 'month', year: 2024, month: 7 }, '364/BC-UBND'),
  summary('e', { kind: 'month', year: 2024, month: 7 }, '12/BC-UBND', 'huyện Chợ Mới'),
];
const ids = (f: Partial<typeof NO_FILTER>) => filterLibrary(items, { ...NO_FILTER, ...f }).map((r) => r.id);

describe('filterLibrary', () => {
  it('keeps everything without a filter, in the library order', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
  it('by year and month; a quarter matches the months it covers', () => {
    expect(ids({ year: 2024 })).toEqual(['b', 'c', 'd', 'e']);
    expect(ids({ year: 2024, month: 7 })).toEqual(['b', 'd', 'e']);
    expect(ids({ month: 1 })).toEqual(['a']);
    expect(ids({ year: 2023 })).toEqual([]);
  });
  it('by words in the period, number or locality, without accents', () => {
    expect(ids({ text: '364' })).toEqual(['d']);
    expect(ids({ text: 'cho moi' })).toEqual(['e']);
    expect(ids({ text: 'Chợ Mới' })).toEqual(['e']);
    expect(ids({ text: '7/2024' })).toEqual(['d', 'e']);
    expect(ids({ text: 'quý' })).toEqual(['b']);
    expect(ids({ text: 'tháng 8' })).toEqual(['c']);
  });
  it('lists the years, newest first', () => {
    expect(libraryYears(items)).toEqual([2025, 2024]);
  });
});
