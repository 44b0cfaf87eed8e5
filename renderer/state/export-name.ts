// Default file names of the exported documents: "BC-364-UBND-2024-07.pdf" (type, number, issuer code, period).
import type { Period, Report } from '../../core/model/schema';
import { stripDiacritics } from '../../core/text/normalize';
import { vi } from '../strings/vi';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The period as it sorts in a folder: "2024-07", "2024-Q3", "2024-6T", "2024-9T", "2024". */
export function periodFileKey(p: Period): string {
  switch (p.kind) {
    case 'month':
      return `${p.year}-${pad2(p.month)}`;
    case 'quarter':
      return `${p.year}-Q${p.quarter}`;
    case 'half':
      return `${p.year}-6T`;
    case 'nine-months':
      return `${p.year}-9T`;
    case 'year':
      return `${p.year}`;
  }
}

/** Letters, digits and dashes only, without Vietnamese marks (file names travel by e-mail and USB sticks). */
function safePart(text: string): string {
  return stripDiacritics(text)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * "BC-364-UBND-2024-07.pdf" (the Word copy: the same name ending .docx); a draft without a number: "BC-UBND-2024-07-du-thao.pdf"; the blank import template:
 * "Mau-nhap-UBND-2024-07.xlsx".
 */
export function exportFileName(report: Report, ext: 'pdf' | 'docx' | 'xlsx', opts: { template?: boolean; mode?: 'draft' | 'final' } = {}): string {
  const code = safePart(report.profile.bodyCode) || 'UBND';
  const period = periodFileKey(report.period);
  if (opts.template) return `Mau-nhap-${code}-${period}.${ext}`;
  const type = safePart(report.document.typeCode) || 'BC';
  const number = report.document.number ? safePart(report.document.number) : '';
  // A draft PDF is named as one even when the report has its number (the number is left blank in it).
  const draft = opts.mode === 'draft' || !number;
  return draft ? `${type}-${number ? `${number}-` : ''}${code}-${period}-du-thao.${ext}` : `${type}-${number}-${code}-${period}.${ext}`;
}

/** What a final copy still lacks: its number, its day, or both (empty when it has both). */
export function finalCopyLacks(report: Report): ('number' | 'day')[] {
  const out: ('number' | 'day')[] = [];
  if (!report.document.number) out.push('number');
  if (report.document.date.day === null) out.push('day');
  return out;
}

/** Reads the number and day a final copy needs, as the report's fields accept them; a Vietnamese message when not. */
export function readFinalDetails(
  numberText: string,
  dayText: string,
  date: { month: number; year: number },
): { ok: true; number: string; day: number } | { ok: false; field: 'number' | 'day'; message: string } {
  const number = numberText.trim();
  if (number === '') return { ok: false, field: 'number', message: vi.exporting.final.numberMissing };
  if (!/^\d+[A-Za-z]?$/.test(number)) return { ok: false, field: 'number', message: vi.exporting.final.numberBad(number) };
  const dayRaw = dayText.trim();
  const day = Number(dayRaw);
  const last = new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
  if (dayRaw === '' || !Number.isInteger(day) || day < 1 || day > last) {
    return { ok: false, field: 'day', message: vi.exporting.final.dayMissing(last, date.month, date.year) };
  }
  return { ok: true, number, day };
}

/** The PDF a report prints now: final once it has its number and day, else the draft with both left blank. */
export function pdfModeOf(report: Report): 'draft' | 'final' {
  return report.document.number && report.document.date.day ? 'final' : 'draft';
}

/** The file name without its folders (either separator). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The folder of a path (either separator). */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}
