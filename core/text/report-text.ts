// The sentences of the report built from the model (subject, headings, bullet lines, closing, signature), shared by the PDF, the UI and the Excel summary.
//
// Every function here is pure and returns NFC text. Wording follows the seed report (UBND thành phố Bắc Kạn,
// 364/BC-UBND, July 2024) and adapts to the issuer's level through the profile fields (locality, province,
// shortName, peerGroup, signer) and to the period through periodText. A missing figure prints visibly as
// MISSING, never as 0. Numbers follow the report's one numberStyle.
import { groupInfo } from '../model/catalog';
import { periodText } from '../model/period';
import type { Cell, Column, GroupCode, Line, NumberStyle, Profile, Report, Signer } from '../model/schema';
import { formatDecisionDate, formatDocumentDate, formatDocumentNumber, formatShortDate } from './dates';
import { nfc } from './normalize';
import { formatViNumber, formatViPercent } from './numbers';

/** Printed where a figure has not been entered yet (never a 0). */
export const MISSING = '(chưa có số liệu)';

/** Appended to a figure the app computed from a dossier list (not published by the portal). */
export const COMPUTED_MARK = '*';

/** The note printed under a table or section holding computed figures. */
export const COMPUTED_NOTE = '(*) Số liệu tính từ danh sách hồ sơ, không phải số liệu công bố chính thức.';

/** The long name of the index set, as the seed writes it in the subject and the basis. */
export const INDEX_PHRASE =
  'chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử';

/** The decision the scores follow, as cited in the overview sentence. */
const DECISION_766 = `Quyết định số 766/QĐ-TTg ngày ${formatDecisionDate('2022-06-23')} của Thủ tướng Chính phủ`;

export type RenderMode = 'draft' | 'final';

/* ------------------------------------------------------------------ figures */

/** A rate in % with the percent sign, in the report's style: "92,08%" or "92,08 %". */
export function formatRate(value: number, style: NumberStyle): string {
  return formatViPercent(value, style);
}

/** A rate in a "Tỷ lệ (%)" column (no percent sign): "97,74", "100" (or "100,00" without trimZeros). */
export function formatRateNumber(value: number, style: NumberStyle): string {
  return formatViNumber(value, { decimals: 2, trimZeros: style.trimZeros });
}

/** A score as the portal shows it: up to 2 decimals, trailing zeros dropped ("88,4", "18"). */
export function formatScore(value: number): string {
  return formatViNumber(value, { decimals: 2, trimZeros: true });
}

/** A count with thousands dots: "1.025", "993.507". */
export function formatCount(value: number): string {
  return formatViNumber(value, { decimals: 0 });
}

/* ---------------------------------------------------------- document lines */

/** "Số: 364/BC-UBND"; a draft leaves the number blank ("Số:      /BC-UBND"). */
export function documentNumberLine(report: Report, mode: RenderMode): string {
  const number = mode === 'draft' ? null : report.document.number;
  return nfc(formatDocumentNumber(number, report.document.typeCode, report.profile.bodyCode));
}

/** "TP. Bắc Kạn, ngày 15 tháng 8 năm 2024"; a draft leaves the day blank. */
export function documentDateLine(report: Report, mode: RenderMode): string {
  const { year, month, day } = report.document.date;
  return nfc(formatDocumentDate(report.profile.place, { year, month, day: mode === 'draft' ? null : day }));
}

/** The document type printed as the title: "BÁO CÁO". */
export function documentTypeName(report: Report): string {
  return report.document.typeCode === 'BC' ? 'BÁO CÁO' : report.document.typeCode;
}

/** The subject line under the title: "Kết quả chỉ số … trên môi trường điện tử tháng 7 năm 2024". */
export function subjectLine(report: Pick<Report, 'period'>): string {
  return nfc(`Kết quả ${INDEX_PHRASE} ${periodText(report.period)}`);
}

/** A one-line title for file metadata and lists: "Báo cáo số 364/BC-UBND: Kết quả chỉ số … tháng 7 năm 2024". */
export function documentTitle(report: Report, mode: RenderMode): string {
  const number = mode === 'final' && report.document.number ? ` số ${report.document.number}/${report.document.typeCode}-${report.profile.bodyCode}` : '';
  return nfc(`Báo cáo${number}: ${subjectLine(report)}`);
}

/**
 * The "Kính gửi" lines. One addressee: ["Kính gửi: UBND tỉnh Bắc Kạn"]. Several: ["Kính gửi:", "- A;", "- B."]
 * as Nghị định 30/2020 lays out a list of addressees.
 */
export function addresseeLines(profile: Pick<Profile, 'addressees'>): string[] {
  const list = profile.addressees.map((a) => a.trim().replace(/[;.]+$/, '')).filter((a) => a !== '');
  if (list.length <= 1) return [nfc(`Kính gửi: ${list[0] ?? ''}`.trimEnd())];
  return ['Kính gửi:', ...list.map((a, i) => nfc(`- ${a}${i === list.length - 1 ? '.' : ';'}`))];
}

/* ----------------------------------------------------------------- Part I */

/** "I. Kết quả công bố điểm số, tiến độ giải quyết thủ tục hành chính (TTHC) … tháng 7 năm 2024". */
export function partOneHeading(report: Pick<Report, 'period'>): string {
  return nfc(
    `I. Kết quả công bố điểm số, tiến độ giải quyết thủ tục hành chính (TTHC) theo thời gian thực trên môi trường điện tử ${periodText(report.period)}`,
  );
}

/**
 * "Tổng số điểm thành phố Bắc Kạn đạt 88,4/100 điểm, xếp hạng 3/8 huyện, thành phố. Điểm số các nhóm chỉ số theo
 * Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ của tỉnh Bắc Kạn cụ thể như sau:".
 * A province (no parent province) drops "của tỉnh …"; a stated data date opens the sentence ("Tính đến ngày …, tổng số điểm …").
 */
export function overviewSentence(report: Pick<Report, 'profile' | 'total' | 'rank' | 'dataAsOf'>): string {
  const { profile, total, rank } = report;
  const score = total === null ? `${MISSING}/100 điểm` : `${formatScore(total)}/100 điểm`;
  let rankText: string;
  if (rank.position === null) rankText = `xếp hạng ${MISSING}`;
  else rankText = `xếp hạng ${rank.position}${rank.of !== null ? `/${rank.of}` : ''}`;
  const peers = profile.peerGroup.trim();
  if (peers) rankText += ` ${peers}`;
  const opening = report.dataAsOf ? `Tính đến ngày ${formatShortDate(report.dataAsOf)}, tổng số điểm` : 'Tổng số điểm';
  const province = profile.province.trim();
  const ofProvince = province ? ` của ${province}` : '';
  return nfc(
    `${opening} ${profile.locality} đạt ${score}, ${rankText}. Điểm số các nhóm chỉ số theo ${DECISION_766}${ofProvince} cụ thể như sau:`,
  );
}

/** Section number of a group in Part I: 1, 2, 3.1, 3.2, 4, 5 (groups CLGQ and TTTT sit under "3."). */
export function groupSectionNumber(code: GroupCode): string {
  return { CKMB: '1', TDGQ: '2', CLGQ: '3.1', TTTT: '3.2', MDHL: '4', MDSH: '5' }[code];
}

/** The heading over 3.1 and 3.2: "3. Điểm đánh giá nhóm chỉ số về dịch vụ trực tuyến". */
export const ONLINE_SERVICES_HEADING = '3. Điểm đánh giá nhóm chỉ số về dịch vụ trực tuyến';

/**
 * A group's heading: "1. Điểm đánh giá nhóm chỉ số về công khai, minh bạch: 18/18 điểm, trong đó:";
 * the parts of group 3 read "3.1. Điểm đánh giá chỉ số về dịch vụ công trực tuyến (DVCTT): 7,7/12 điểm, trong đó:".
 * A missing score prints "(chưa có số liệu)/18 điểm"; a group without lines ends with "." instead of ", trong đó:".
 */
export function groupHeading(group: { code: GroupCode; score: number | null; max: number; lines: readonly unknown[] }): string {
  const info = groupInfo(group.code);
  const sub = group.code === 'CLGQ' || group.code === 'TTTT';
  const what = sub ? 'chỉ số' : 'nhóm chỉ số';
  const score = group.score === null ? MISSING : formatScore(group.score);
  const tail = group.lines.length > 0 ? ', trong đó:' : '.';
  return nfc(`${groupSectionNumber(group.code)}. Điểm đánh giá ${what} về ${info.topic}: ${score}/${formatScore(group.max)} điểm${tail}`);
}

/** True when a line's figure was computed by the app from a dossier list. */
export function lineIsComputed(line: Line): boolean {
  return line.src === 'dossiers';
}

/**
 * One bullet line: "- label: 100%.", "- Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công Quốc gia: Số hồ sơ đã đồng bộ
 * là 1.025 (100%).", "+ Tỷ lệ TTHC cung cấp DVCTT một phần: 39 TTHC (đạt 12,58%).", "- Số lượng tài khoản …:
 * 993.507 tài khoản."; a heading line ends with ":". Level 1 lines start with "- ", level 2 with "+ ".
 * Missing figures print MISSING in their place; a computed figure carries COMPUTED_MARK.
 */
export function lineSentence(line: Line, style: NumberStyle): string {
  const bullet = line.level === 1 ? '-' : '+';
  if (line.kind === 'heading') return nfc(`${bullet} ${line.label}:`);
  if (line.kind === 'metric') return nfc(`${bullet} ${line.label}: ${metricFigure(line, style)}.`);
  const mark = lineIsComputed(line) ? COMPUTED_MARK : '';
  const hasCount = line.countUnit !== undefined;
  const rate = line.rate ?? null;
  const count = line.count ?? null;
  let figure: string;
  if (hasCount && line.hasRate) {
    if (count === null && rate === null) figure = MISSING;
    else {
      const unit = line.countUnit ? ` ${line.countUnit}` : '';
      const prefix = line.countPrefix ? `${line.countPrefix} ` : '';
      const countText = count === null ? MISSING : formatCount(count);
      const word = line.rateWord ? `${line.rateWord} ` : '';
      const rateText = rate === null ? `tỷ lệ ${MISSING}` : `${word}${formatRate(rate, style)}`;
      figure = `${prefix}${countText}${unit} (${rateText})`;
    }
  } else if (hasCount) {
    const unit = line.countUnit ? ` ${line.countUnit}` : '';
    const prefix = line.countPrefix ? `${line.countPrefix} ` : '';
    figure = count === null ? MISSING : `${prefix}${formatCount(count)}${unit}`;
  } else if (line.hasRate) {
    figure = rate === null ? MISSING : formatRate(rate, style);
  } else {
    figure = MISSING;
  }
  if (mark && figure !== MISSING) figure += mark;
  return nfc(`${bullet} ${line.label}: ${figure}.`);
}

/** Printed for a rate whose denominator is 0 (nothing happened): the rate stays blank, never 0 %. */
export const NOTHING_HAPPENED = 'không phát sinh';

/**
 * The figure of a metric line (the portal's 2026 form): "370.610/370.610 hồ sơ (đạt 100%), 6/6 điểm"; a rate
 * alone "đạt 96,34%, 3,85/4 điểm"; 0 of 0 "0/0 PAKN (không phát sinh), 6/6 điểm"; a line without points has no
 * points part; missing figures print MISSING in their place (everything missing: MISSING alone).
 */
export function metricFigure(line: Line, style: NumberStyle): string {
  const n = line.numerator ?? null;
  const d = line.denominator ?? null;
  const rate = line.rate ?? null;
  const unit = line.countUnit ? ` ${line.countUnit}` : '';
  const mark = lineIsComputed(line) ? COMPUTED_MARK : '';
  let figure: string;
  if (n !== null || d !== null) {
    const ratio = `${n === null ? MISSING : formatCount(n)}/${d === null ? MISSING : formatCount(d)}${unit}`;
    const ratePart = rate !== null ? ` (đạt ${formatRate(rate, style)}${mark})` : d === 0 ? ` (${NOTHING_HAPPENED})` : '';
    figure = ratio + ratePart;
  } else figure = rate !== null ? `đạt ${formatRate(rate, style)}${mark}` : MISSING;
  const max = line.maxPoints;
  if (max === undefined || max === 0) return figure;
  const points = line.points ?? null;
  if (points === null && figure === MISSING) return MISSING;
  return `${figure}, ${points === null ? MISSING : formatScore(points)}/${formatScore(max)} điểm`;
}

/* ---------------------------------------------------------------- tables */

/** A column's printed header: score columns outside a group carry their maximum ("… (Tổng điểm 18)"). */
export function columnHeaderText(column: Column): string {
  if (column.type === 'score' && column.max !== undefined && !column.group) return nfc(`${column.header} (Tổng điểm ${formatScore(column.max)})`);
  return nfc(column.header);
}

/** True when a cell holds a figure computed from a dossier list. */
export function cellIsComputed(cell: Cell): boolean {
  return cell !== null && cell.t === 'num' && cell.src === 'dossiers';
}

/**
 * The printed text of a table cell: "" for a blank, the status or label verbatim, "1/1" for a ratio, and
 * numbers by column type (rate "97,74", count "1.370", score "90,9"); a computed figure carries COMPUTED_MARK.
 */
export function cellText(cell: Cell, column: Column, style: NumberStyle): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 'status':
    case 'text':
      return nfc(cell.v);
    case 'ratio':
      return `${cell.n}/${cell.d}`;
    case 'num': {
      const text =
        column.type === 'rate' ? formatRateNumber(cell.v, style) : column.type === 'count' ? formatCount(cell.v) : formatScore(cell.v);
      return cell.src === 'dossiers' ? text + COMPUTED_MARK : text;
    }
  }
}

/**
 * THE text of a cell (or a bare figure) in the import's messages and lists, whatever its column: "(trống)" for a
 * blank, numbers with up to 4 decimals in the Vietnamese style, a computed figure followed by `computedMark`.
 */
export function cellDisplay(c: Cell | number | null | undefined, computedMark: string): string {
  if (c === null || c === undefined) return '(trống)';
  if (typeof c === 'number') return formatViNumber(c, { decimals: 4 });
  switch (c.t) {
    case 'num':
      return formatViNumber(c.v, { decimals: 4 }) + (c.src ? computedMark : '');
    case 'ratio':
      return `${c.n}/${c.d}`;
    case 'text':
    case 'status':
      return c.v;
  }
}

/* ---------------------------------------------------------------- Part II */

/** "II. Kết quả đánh giá, xếp loại chất lượng phục vụ người dân, doanh nghiệp …". */
export const PART_TWO_HEADING =
  'II. Kết quả đánh giá, xếp loại chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử';

/** Numbered heading of an extra section after Part II ("III. Tồn tại, hạn chế"), unless it already has a numeral. */
export function extraSectionHeading(heading: string, index: number): string {
  const numerals = ['III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
  const h = heading.trim();
  if (/^[IVX]+\.\s/.test(h)) return nfc(h);
  return nfc(`${numerals[index] ?? String(index + 3)}. ${h}`);
}

/* ---------------------------------------------------------------- closing */

/** "Trên đây là kết quả chỉ số … trong thực hiện TTHC, dịch vụ công … tháng 7 năm 2024./." */
export function closingSentence(report: Pick<Report, 'period'>): string {
  return nfc(
    `Trên đây là kết quả chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC, dịch vụ công theo thời gian thực trên môi trường điện tử ${periodText(report.period)}./.`,
  );
}

/** "Nơi nhận" list lines: "- UBND tỉnh;" … "- Lưu: VT.". */
export function recipientLines(profile: Pick<Profile, 'recipients'>): string[] {
  return profile.recipients.map((r) => nfc(`- ${r.trim().replace(/^-\s*/, '')}`));
}

/**
 * The signing authority lines above the signature: TM → ["TM. UBND THÀNH PHỐ", "CHỦ TỊCH"];
 * KT → ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; none → ["CHỦ TỊCH"]. Empty parts are left out.
 */
export function signatureAuthorityLines(signer: Signer): string[] {
  const lines: string[] = [];
  if (signer.capacity === 'TM' && signer.body.trim()) lines.push(`TM. ${signer.body.trim()}`);
  if (signer.capacity === 'KT' && signer.head.trim()) lines.push(`KT. ${signer.head.trim()}`);
  if (signer.title.trim()) lines.push(signer.title.trim());
  return lines.map((l) => nfc(l.toLocaleUpperCase('vi')));
}
