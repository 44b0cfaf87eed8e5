// The report's sentences (core/text/report-text.ts): the seed's wording, level- and period-adaptive variants, number styles, missing figures.
import { describe, expect, it } from 'vitest';
import { groupInfo } from '../../core/model/catalog';
import { clearFigures, loadSample } from '../../core/model/report';
import type { Line, Report } from '../../core/model/schema';
import {
  addresseeLines,
  cellText,
  closingSentence,
  columnHeaderText,
  COMPUTED_MARK,
  documentDateLine,
  documentNumberLine,
  documentTitle,
  extraSectionHeading,
  groupHeading,
  lineSentence,
  MISSING,
  ONLINE_SERVICES_HEADING,
  overviewSentence,
  PART_TWO_HEADING,
  partOneHeading,
  recipientLines,
  signatureAuthorityLines,
  subjectLine,
} from '../../core/text/report-text';

const sample = (): Report => loadSample();
const line = (r: Report, id: string): Line => {
  const found = r.groups.flatMap((g) => g.lines).find((l) => l.id === id);
  if (!found) throw new Error(`no line ${id}`);
  return found;
};

describe('document lines', () => {
  it('prints the number and the date in final and leaves them blank in a draft', () => {
    const r = sample();
    expect(documentNumberLine(r, 'final')).toBe('Số: 364/BC-UBND');
    expect(documentDateLine(r, 'final')).toBe('TP. Bắc Kạn, ngày 15 tháng 8 năm 2024');
    expect(documentNumberLine(r, 'draft')).toMatch(/^Số: {2,}\/BC-UBND$/);
    expect(documentDateLine(r, 'draft')).toMatch(/^TP\. Bắc Kạn, ngày {2,}tháng 8 năm 2024$/);
    expect(documentTitle(r, 'final')).toBe(`Báo cáo số 364/BC-UBND: ${subjectLine(r)}`);
    expect(documentTitle(r, 'draft')).toBe(`Báo cáo: ${subjectLine(r)}`);
  });

  it('words the subject and the headings as the seed does, for the period of the report', () => {
    const r = sample();
    expect(subjectLine(r)).toBe(
      'Kết quả chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử tháng 7 năm 2024',
    );
    expect(partOneHeading(r)).toBe(
      'I. Kết quả công bố điểm số, tiến độ giải quyết thủ tục hành chính (TTHC) theo thời gian thực trên môi trường điện tử tháng 7 năm 2024',
    );
    expect(closingSentence(r)).toBe(
      'Trên đây là kết quả chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC, dịch vụ công theo thời gian thực trên môi trường điện tử tháng 7 năm 2024./.',
    );
    expect(PART_TWO_HEADING).toBe(
      'II. Kết quả đánh giá, xếp loại chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử',
    );
    const quarter = { ...r, period: { kind: 'quarter' as const, year: 2025, quarter: 3 } };
    expect(subjectLine(quarter)).toMatch(/điện tử quý III năm 2025$/);
    expect(closingSentence(quarter)).toMatch(/quý III năm 2025\.\/\.$/);
  });

  it('lists one addressee on the "Kính gửi" line and several one per line', () => {
    expect(addresseeLines({ addressees: ['UBND tỉnh Bắc Kạn'] })).toEqual(['Kính gửi: UBND tỉnh Bắc Kạn']);
    expect(addresseeLines({ addressees: ['Văn phòng Chính phủ', 'Bộ Công an;'] })).toEqual(['Kính gửi:', '- Văn phòng Chính phủ;', '- Bộ Công an.']);
  });
});

describe('Part I sentences', () => {
  it('gives the overview of the seed for a district', () => {
    expect(overviewSentence(sample())).toBe(
      'Tổng số điểm thành phố Bắc Kạn đạt 88,4/100 điểm, xếp hạng 3/8 huyện, thành phố. Điểm số các nhóm chỉ số theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ của tỉnh Bắc Kạn cụ thể như sau:',
    );
  });

  it('adapts the overview to a province and to a commune, and opens with the data date when known', () => {
    const r = sample();
    const province = {
      ...r,
      profile: { ...r.profile, level: 'province' as const, locality: 'tỉnh Bắc Kạn', province: '', peerGroup: 'tỉnh, thành phố' },
      total: 86.52,
      rank: { position: 12, of: 34 },
      dataAsOf: '2025-09-03',
    };
    expect(overviewSentence(province)).toBe(
      'Tính đến ngày 03/09/2025, tổng số điểm tỉnh Bắc Kạn đạt 86,52/100 điểm, xếp hạng 12/34 tỉnh, thành phố. Điểm số các nhóm chỉ số theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ cụ thể như sau:',
    );
    const commune = { ...r, profile: { ...r.profile, level: 'commune' as const, locality: 'xã Nông Thượng', peerGroup: 'xã, phường' }, rank: { position: 5, of: 8 } };
    expect(overviewSentence(commune)).toMatch(/^Tổng số điểm xã Nông Thượng đạt 88,4\/100 điểm, xếp hạng 5\/8 xã, phường\. .* của tỉnh Bắc Kạn cụ thể như sau:$/);
  });

  it('prints missing total and rank visibly, never as 0', () => {
    const r = clearFigures(sample());
    const text = overviewSentence(r);
    expect(text).toContain(`đạt ${MISSING}/100 điểm, xếp hạng ${MISSING} huyện, thành phố.`);
    expect(text).not.toMatch(/\b0\/100/);
  });

  it('words every group heading as the seed, with 3.1 and 3.2 under "3."', () => {
    const r = sample();
    const headings = r.groups.map(groupHeading);
    expect(headings).toEqual([
      '1. Điểm đánh giá nhóm chỉ số về công khai, minh bạch: 18/18 điểm, trong đó:',
      '2. Điểm đánh giá nhóm chỉ số về tiến độ giải quyết hồ sơ: 18,7/20 điểm, trong đó:',
      '3.1. Điểm đánh giá chỉ số về dịch vụ công trực tuyến (DVCTT): 7,7/12 điểm, trong đó:',
      '3.2. Điểm đánh giá chỉ số về thanh toán trực tuyến: 8,3/10 điểm, trong đó:',
      '4. Điểm đánh giá nhóm chỉ số về mức độ hài lòng: 18/18 điểm, trong đó:',
      '5. Điểm đánh giá nhóm chỉ số về số hóa hồ sơ: 17,7/22 điểm, trong đó:',
    ]);
    expect(ONLINE_SERVICES_HEADING).toBe('3. Điểm đánh giá nhóm chỉ số về dịch vụ trực tuyến');
    expect(groupHeading({ code: 'MDHL', score: null, max: groupInfo('MDHL').max, lines: [] })).toBe(
      `4. Điểm đánh giá nhóm chỉ số về mức độ hài lòng: ${MISSING}/18 điểm.`,
    );
  });

  it('words bullet lines with their counts and rates in the report style', () => {
    const r = sample();
    const st = r.numberStyle;
    expect(lineSentence(line(r, 'ckmb.published'), st)).toBe('- Số TTHC được công khai đầy đủ các nội dung quy định về các bộ phận cấu thành: 100%.');
    expect(lineSentence(line(r, 'ckmb.synced'), st)).toBe('- Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công Quốc gia: Số hồ sơ đã đồng bộ là 1.025 (100%).');
    expect(lineSentence(line(r, 'clgq.services'), st)).toBe('- Tỷ lệ TTHC cung cấp DVCTT:');
    expect(lineSentence(line(r, 'clgq.partial'), st)).toBe('+ Tỷ lệ TTHC cung cấp DVCTT một phần: 39 TTHC (đạt 12,58%).');
    expect(lineSentence(line(r, 'tttt.proceduresOther'), st)).toBe('+ Tỷ lệ TTHC có giao dịch thanh toán trực tiếp và hình thức khác: 41 TTHC (30,37%).');
    expect(lineSentence(line(r, 'mdsh.accounts'), st)).toBe(
      '- Số lượng tài khoản Công Dịch vụ công Quốc gia được xác thực với Cơ sở dữ liệu quốc gia về dân cư: 993.507 tài khoản.',
    );
    expect(lineSentence(line(r, 'mdsh.reuse'), st)).toBe('- Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa: 0%.');
    expect(lineSentence(line(r, 'tdgq.onTime'), { trimZeros: false, percentSpace: true })).toBe('- Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn: 92,08 %.');
    expect(lineSentence(line(r, 'clgq.submittedOnline'), { trimZeros: false, percentSpace: false })).toBe('+ Hồ sơ nộp trực tuyến: 76,90%.');
  });

  it('prints missing figures visibly and marks computed ones', () => {
    const r = sample();
    const st = r.numberStyle;
    expect(lineSentence({ ...line(r, 'tdgq.onTime'), rate: null }, st)).toBe(`- Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn: ${MISSING}.`);
    expect(lineSentence({ ...line(r, 'clgq.partial'), count: null, rate: null }, st)).toBe(`+ Tỷ lệ TTHC cung cấp DVCTT một phần: ${MISSING}.`);
    expect(lineSentence({ ...line(r, 'clgq.partial'), rate: null }, st)).toBe(`+ Tỷ lệ TTHC cung cấp DVCTT một phần: 39 TTHC (tỷ lệ ${MISSING}).`);
    expect(lineSentence({ ...line(r, 'mdsh.accounts'), count: null }, st)).toBe(
      `- Số lượng tài khoản Công Dịch vụ công Quốc gia được xác thực với Cơ sở dữ liệu quốc gia về dân cư: ${MISSING}.`,
    );
    expect(lineSentence({ ...line(r, 'tdgq.onTime'), src: 'dossiers' }, st)).toBe(`- Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn: 92,08%${COMPUTED_MARK}.`);
  });
});

describe('tables, Part II and signature', () => {
  it('formats cells by column type, keeps statuses and labels verbatim, leaves blanks empty', () => {
    const r = sample();
    const rate = { id: 'rate', type: 'rate' as const, header: 'Tỷ lệ (%)' };
    const count = { id: 'c', type: 'count' as const, header: 'Số' };
    const score = { id: 's', type: 'score' as const, header: 'Tổng điểm', max: 100 };
    expect(cellText({ t: 'num', v: 97.74 }, rate, r.numberStyle)).toBe('97,74');
    expect(cellText({ t: 'num', v: 100 }, rate, { trimZeros: false, percentSpace: false })).toBe('100,00');
    expect(cellText({ t: 'num', v: 1370 }, count, r.numberStyle)).toBe('1.370');
    expect(cellText({ t: 'num', v: 90.9 }, score, r.numberStyle)).toBe('90,9');
    expect(cellText({ t: 'ratio', n: 1, d: 1 }, rate, r.numberStyle)).toBe('1/1');
    expect(cellText({ t: 'status', v: 'Không tổng hợp trên Hệ thống' }, rate, r.numberStyle)).toBe('Không tổng hợp trên Hệ thống');
    expect(cellText(null, rate, r.numberStyle)).toBe('');
    expect(cellText({ t: 'num', v: 0 }, rate, r.numberStyle)).toBe('0');
    expect(cellText({ t: 'num', v: 12.5, src: 'dossiers' }, rate, r.numberStyle)).toBe('12,5*');
  });

  it('puts the maximum in score headers outside the group', () => {
    const r = sample();
    const evaluation = r.tables.find((t) => t.kind === 'evaluation')!;
    expect(evaluation.columns.map(columnHeaderText)).toEqual([
      'Chỉ số công khai minh bạch (Tổng điểm 18)',
      'Chỉ số tiến độ giải quyết (Tổng điểm 20)',
      'Chỉ số dịch vụ trực tuyến (Tổng điểm 22)',
      'Chỉ số mức độ hài lòng (Tổng điểm 18)',
      'Chỉ số số hóa hồ sơ (Tổng điểm 22)',
      'Tổng điểm',
      'Xếp loại',
    ]);
  });

  it('numbers extra sections after Part II', () => {
    expect(extraSectionHeading('Tồn tại, hạn chế', 0)).toBe('III. Tồn tại, hạn chế');
    expect(extraSectionHeading('IV. Đề xuất, kiến nghị', 1)).toBe('IV. Đề xuất, kiến nghị');
  });

  it('words the signing authority for TM, KT and a signer in own name, and the recipients', () => {
    const r = sample();
    expect(signatureAuthorityLines(r.profile.signer)).toEqual(['TM. UBND THÀNH PHỐ', 'CHỦ TỊCH']);
    expect(signatureAuthorityLines({ capacity: 'KT', body: 'UBND TỈNH', head: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'A' })).toEqual([
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
    expect(signatureAuthorityLines({ capacity: 'none', body: '', head: '', title: 'TRƯỞNG PHÒNG', name: 'A' })).toEqual(['TRƯỞNG PHÒNG']);
    expect(recipientLines(r.profile)).toEqual(['- UBND tỉnh;', '- CT, các PCT UBND TP;', '- Các phòng chuyên môn thuộc UBND TP;', '- UBND các xã, phường;', '- Lưu: VT.']);
  });

  it('returns NFC text from decomposed input', () => {
    const r = sample();
    const decomposed = { ...r, profile: { ...r.profile, locality: 'thành phố Bắc Kạn'.normalize('NFD') } };
    const text = overviewSentence(decomposed);
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('thành phố Bắc Kạn');
  });
});
