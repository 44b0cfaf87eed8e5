// The one function that turns a report into its document model: what every writer (PDF, DOCX) puts on the pages, in order.
import { UserFacingError } from '../files/errors';
import type { Report } from '../model/schema';
import { nfcDeep } from '../text/normalize';
import {
  addresseeLines,
  closingSentence,
  COMPUTED_NOTE,
  documentDateLine,
  documentNumberLine,
  documentTitle,
  documentTypeName,
  extraSectionHeading,
  groupHeading,
  lineIsComputed,
  lineSentence,
  ONLINE_SERVICES_HEADING,
  overviewSentence,
  PART_TWO_HEADING,
  partOneHeading,
  recipientLines,
  signatureAuthorityLines,
  subjectLine,
  type RenderMode,
} from '../text/report-text';
import { STYLES, type Block, type KeepRule, type ParagraphBlock, type ParagraphRole, type ReportDocument, type Run, type StyleName, type TableBlock } from './model';
import { buildDocTable } from './table';

const run = (text: string, style: StyleName): Run => ({ text: text.normalize('NFC'), style: STYLES[style] });

const ROLE_STYLE: Record<ParagraphRole, StyleName> = { body: 'text', heading: 'heading', subHeading: 'subHeading', note: 'note' };

function para(role: ParagraphRole, text: string, keep: KeepRule = { kind: 'none' }): ParagraphBlock {
  return { kind: 'paragraph', role, runs: [run(text, ROLE_STYLE[role])], keep };
}

const lines = (n: number): KeepRule => ({ kind: 'lines', lines: n });

/** A final copy needs its number and signing day; throws UserFacingError (the same for every writer) when one is missing. */
export function checkFinal(report: Report, mode: RenderMode): void {
  if (mode !== 'final') return;
  const missing: string[] = [];
  if (!report.document.number) missing.push('số văn bản');
  if (report.document.date.day === null) missing.push('ngày ký');
  if (missing.length > 0) {
    throw new UserFacingError(
      'PDF_FINAL_INCOMPLETE',
      `Bản chính thức cần ${missing.join(' và ')}. Hãy nhập ${missing.join(' và ')} trong phần thông tin văn bản, hoặc xuất bản dự thảo (để trống số và ngày).`,
    );
  }
}

/**
 * The report as a document ('draft' leaves the number and the day blank; 'final' prints them and throws
 * UserFacingError without them): header block, title, basis, Part I with each group's lines and tables, Part II,
 * extra sections, the closing block. All text NFC.
 */
export function buildReportDocument(input: Report, mode: RenderMode): ReportDocument {
  const report = nfcDeep(input);
  checkFinal(report, mode);
  const { profile } = report;
  const blocks: Block[] = [];

  blocks.push({
    kind: 'header',
    parentLines: profile.parentLines.map((l) => run(l, 'parent')),
    bodyLines: profile.bodyLines.map((l) => run(l, 'body')),
    number: run(documentNumberLine(report, mode), 'number'),
    nation: run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'nation'),
    motto: run('Độc lập - Tự do - Hạnh phúc', 'motto'),
    date: run(documentDateLine(report, mode), 'date'),
    leftShare: 0.4,
  });
  const [label, ...items] = addresseeLines(profile);
  blocks.push({
    kind: 'title',
    type: run(documentTypeName(report), 'type'),
    subject: run(subjectLine(report), 'subject'),
    addresseeLabel: run(label ?? '', 'addressee'),
    addressees: items.map((i) => run(i, 'addressee')),
  });

  for (const p of report.basis) if (p.trim()) blocks.push(para('body', p));
  blocks.push(para('heading', partOneHeading(report), lines(3)));
  blocks.push(para('body', overviewSentence(report)));

  const tablesOf = (section: string) => report.tables.filter((t) => t.section === section);
  const tableBlock = (t: Report['tables'][number], withTitle: boolean): TableBlock => {
    const table = buildDocTable(report, t, report.numberStyle);
    const notes: Run[] = [];
    if (t.note?.trim()) notes.push(run(t.note.trim(), 'note'));
    if (table.computed) notes.push(run(COMPUTED_NOTE, 'note'));
    return { kind: 'table', title: withTitle ? run(t.title, 'tableTitle') : null, table, notes };
  };
  for (const group of report.groups) {
    const hasCopiesLine = group.lines.some((l) => l.id === 'mdsh.eCopies');
    const tables = tablesOf(group.code).map((t) => tableBlock(t, !(t.kind === 'eCopies' && hasCopiesLine)));
    if (group.code === 'CLGQ') blocks.push(para('heading', ONLINE_SERVICES_HEADING, lines(4)));
    const sub = group.code === 'CLGQ' || group.code === 'TTTT';
    blocks.push(para(sub ? 'subHeading' : 'heading', groupHeading(group), group.lines.length > 0 ? lines(3) : { kind: 'nextTable', elseLines: 0 }));
    group.lines.forEach((line, i) => {
      const last = i === group.lines.length - 1;
      // A heading line keeps with its sub-lines; the last line before a table keeps with the table's start.
      const keep: KeepRule =
        last && line.kind === 'heading' && tables.length > 0 ? { kind: 'nextTable', elseLines: 0 } : line.kind === 'heading' ? lines(2) : { kind: 'none' };
      blocks.push(para('body', lineSentence(line, report.numberStyle), keep));
    });
    if (group.lines.some(lineIsComputed)) blocks.push(para('note', COMPUTED_NOTE));
    blocks.push(...tables);
  }

  const partTwo = tablesOf('II').map((t) => tableBlock(t, true));
  blocks.push(para('heading', PART_TWO_HEADING, { kind: 'nextTable', elseLines: 3 }));
  blocks.push(...partTwo);

  report.extraSections.forEach((section, i) => {
    blocks.push(para('heading', extraSectionHeading(section.heading, i), lines(3)));
    for (const p of section.paragraphs) if (p.trim()) blocks.push(para('body', p));
  });

  const intro = profile.recipientsIntro.trim();
  const signer = profile.signer.name.trim();
  blocks.push({
    kind: 'closing',
    sentence: run(closingSentence(report), 'text'),
    recipientsLabel: run('Nơi nhận:', 'recipientsLabel'),
    recipientsIntro: intro ? run(intro, 'recipients') : null,
    recipients: recipientLines(profile).map((r) => run(r, 'recipients')),
    authority: signatureAuthorityLines(profile.signer).map((a) => run(a, 'authority')),
    signer: signer ? run(signer, 'signer') : null,
    leftShare: 0.45,
  });

  return {
    meta: { title: documentTitle(report, mode), author: profile.bodyLines.join(' '), subject: subjectLine(report) },
    blocks,
  };
}
