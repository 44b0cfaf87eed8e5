// What every consistency rule shares: its signature, the context it reads (lines by id, unit names, formatters) and small helpers.
import type { Band } from '../model/catalog';
import { groupInfo } from '../model/catalog';
import type { Cell, GroupCode, Line, Report } from '../model/schema';
import type { Finding } from './findings';

export type Rule = (report: Report, ctx: Context) => Finding[];

export interface Context {
  bands: readonly Band[];
  lines: Map<string, { group: GroupCode; line: Line }>;
  unitName: (unitId: string) => string;
  n: (v: number) => string;
  pct: (v: number) => string;
}

export const isNum = (c: Cell | undefined): c is { t: 'num'; v: number } => !!c && c.t === 'num';

/** A group as the report names it ("Dịch vụ công trực tuyến (DVCTT)"), never its internal code. */
export function groupName(code: GroupCode): string {
  const topic = groupInfo(code).topic;
  return topic.charAt(0).toLocaleUpperCase('vi') + topic.slice(1);
}

/** The button words of a fix: "Sửa thành 89,32%", "Xóa tỷ lệ". */
export const fixLabel = (shown: string): string => `Sửa thành ${shown}`;
