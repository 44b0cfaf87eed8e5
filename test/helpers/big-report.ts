// A generated province-level report (about 20 departments and 130 communes, every table filled) for tests and benchmarks of large reports.
import { classify, emptyTable } from '../../core/model/catalog';
import { loadSample, validateReport } from '../../core/model/report';
import type { Cell, Report, Table, TableKind, Unit } from '../../core/model/schema';
import { random } from './dossier-lists';

export interface BigReportOptions {
  departments?: number;
  communes?: number;
  /** Seed of the pseudo-random figures (same seed, same report). */
  seed?: number;
}

const DEPARTMENTS = [
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh',
  'Văn phòng UBND tỉnh',
  'Ban Quản lý các khu công nghiệp',
  'Công an tỉnh',
  'Bảo hiểm xã hội tỉnh',
  'Cục Thuế tỉnh',
  'Kho bạc Nhà nước khu vực',
  'Chi cục Hải quan',
  'Điện lực tỉnh',
  'Sở Ngoại vụ',
  'Ban Dân tộc',
];

const SYLLABLES = [
  'Bằng', 'Thành', 'Nông', 'Thượng', 'Cẩm', 'Giàng', 'Đồn', 'Phong', 'Huân', 'Quang', 'Thuận', 'Mỹ', 'Xuân', 'Lương',
  'Bình', 'Văn', 'Vũ', 'Yên', 'Lãng', 'Ngân', 'Sơn', 'Cao', 'Kim', 'Hỷ', 'Côn', 'Minh', 'Đức', 'Nghĩa', 'Tá', 'Lạc',
  'Hà', 'Hiệu', 'Trung', 'Hòa', 'Tân', 'An', 'Thắng', 'Lợi', 'Phúc', 'Khang', 'Đông', 'Tây', 'Nam', 'Bắc',
];

function communeName(i: number): string {
  const a = SYLLABLES[i % SYLLABLES.length]!;
  const b = SYLLABLES[(i * 7 + 3) % SYLLABLES.length]!;
  const kind = i % 9 === 0 ? 'phường' : 'xã';
  return `UBND ${kind} ${a} ${b}${i >= SYLLABLES.length ? ` ${Math.floor(i / SYLLABLES.length) + 1}` : ''}`;
}

const NOT_AGGREGATED = 'Không tổng hợp trên Hệ thống';

/**
 * A valid province report (UBND tỉnh, signed KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) with `departments` departments in block
 * "I Cấp tỉnh" and `communes` communes in block "II Cấp xã"; every table is filled with figures, with a few
 * statuses (a whole block, and a run of communes that crosses pages) and a few figures computed from dossiers.
 */
export function makeBigReport(opts: BigReportOptions = {}): Report {
  const nDep = opts.departments ?? 20;
  const nCom = opts.communes ?? 130;
  const rnd = random(opts.seed ?? 766);
  const rate = (lo = 60) => Math.round((lo + rnd() * (100 - lo)) * 100) / 100;
  const r = loadSample();

  r.id = `tinh-mau-${nCom}-xa`;
  r.isSample = false;
  r.profile = {
    level: 'province',
    bodyLines: ['ỦY BAN NHÂN DÂN', 'TỈNH BẮC KẠN'],
    parentLines: [],
    bodyCode: 'UBND',
    shortName: 'UBND tỉnh',
    locality: 'tỉnh Bắc Kạn',
    province: '',
    place: 'Bắc Kạn',
    peerGroup: 'tỉnh, thành phố',
    plan: { number: '15/KH-UBND', date: '2025-01-20', issuer: 'UBND tỉnh Bắc Kạn' },
    addressees: ['Văn phòng Chính phủ', 'Bộ Công an'],
    recipientsIntro: 'Gửi bản điện tử:',
    recipients: [
      'Như trên;',
      'TT Tỉnh ủy, TT HĐND tỉnh;',
      'CT, các PCT UBND tỉnh;',
      'Các sở, ban, ngành tỉnh;',
      'UBND các xã, phường;',
      'LĐVP;',
      'Lưu: VT, HCC.',
    ],
    signer: { capacity: 'KT', body: 'UBND TỈNH', head: 'CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Minh' },
  };
  r.period = { kind: 'month', year: 2025, month: 8 };
  r.document = { typeCode: 'BC', number: '1234', date: { year: 2025, month: 9, day: 5 } };
  r.dataAsOf = '2025-09-03';
  r.rank = { position: 12, of: 34 };
  r.total = 86.52;
  r.blocks = [
    { id: 'tinh', numeral: 'I', name: 'Cấp tỉnh' },
    { id: 'xa', numeral: 'II', name: 'Cấp xã' },
  ];
  const deps: Unit[] = Array.from({ length: nDep }, (_, i) => ({
    id: `so-${i + 1}`,
    name: DEPARTMENTS[i] ?? `Sở chuyên ngành số ${i + 1}`,
    aliases: [],
    blockId: 'tinh',
  }));
  const coms: Unit[] = Array.from({ length: nCom }, (_, i) => ({ id: `xa-${i + 1}`, name: communeName(i), aliases: [], blockId: 'xa' }));
  r.units = [...deps, ...coms];
  const all = r.units.map((u) => u.id);
  const communeIds = coms.map((u) => u.id);

  const num = (v: number, computed = false): Cell => (computed ? { t: 'num', v, src: 'dossiers' } : { t: 'num', v });
  const status: Cell = { t: 'status', v: NOT_AGGREGATED };

  const rateTable = (kind: TableKind, id: string, fill: (unitIndex: number) => Cell): Table => {
    const t = emptyTable(kind, id, all);
    t.rows.forEach((row, i) => (row.cells.rate = fill(i)));
    return t;
  };
  const tables: Table[] = [];
  // On time: departments computed from dossier lists for a few, the rest official.
  tables.push(rateTable('onTime', 'dung-han', (i) => num(rate(80), i < 3)));
  // Overdue: departments not aggregated (a block-wide status), communes with rates.
  tables.push(rateTable('overdue', 'qua-han', (i) => (i < nDep ? status : num(rate(0) / 10))));
  // Online submission: a run of 40 communes not aggregated, crossing a page break.
  tables.push(rateTable('onlineSubmission', 'truc-tuyen', (i) => (i >= nDep + 20 && i < nDep + 60 ? status : num(rate(50)))));
  tables.push(rateTable('onlinePayment', 'thanh-toan', (i) => (i === nDep + 5 ? null : num(rate(40)))));
  tables.push(rateTable('satisfaction', 'hai-long', () => num(rate(90))));
  tables[0]!.note = '(Số liệu tại thời điểm lập báo cáo)';

  const copies = emptyTable('eCopies', 'chung-thuc', communeIds);
  copies.rows.forEach((row) => {
    const completed = Math.floor(rnd() * 2000);
    const arising = completed + Math.floor(rnd() * 300);
    row.cells.deployed = { t: 'ratio', n: 1, d: 1 };
    row.cells.completed = num(completed);
    row.cells.arising = num(arising);
    row.cells.rate = num(arising > 0 ? Math.round((completed / arising) * 10000) / 100 : 100);
  });
  tables.push(copies);

  const evaluation = (id: string, title: string, ids: string[]): Table => {
    const t = emptyTable('evaluation', id, ids, title);
    t.rows.forEach((row) => {
      const scores = [18, 20, 22, 18, 22].map((max) => Math.round(max * (0.6 + rnd() * 0.4) * 100) / 100);
      const total = Math.round(scores.reduce((a, b) => a + b, 0) * 100) / 100;
      ['ckmb', 'tdgq', 'dvtt', 'mdhl', 'mdsh'].forEach((c, k) => (row.cells[c] = num(scores[k]!)));
      row.cells.total = num(total);
      row.cells.class = { t: 'text', v: classify(total) };
    });
    return t;
  };
  tables.push(evaluation('xep-loai-tinh', 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP TỈNH', deps.map((u) => u.id)));
  tables.push(evaluation('xep-loai-xa', 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ', communeIds));
  r.tables = tables;

  r.basis = [
    'Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2025 của UBND tỉnh Bắc Kạn về triển khai thực hiện Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử.',
    'Căn cứ kết quả công bố trên Cổng Dịch vụ công quốc gia, tại địa chỉ: https://dichvucong.gov.vn, tại mục “Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp của bộ, ngành, địa phương”.',
    'UBND tỉnh báo cáo kết quả chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử tháng 8 năm 2025 như sau:',
  ];
  r.extraSections = [
    { heading: 'Tồn tại, hạn chế', paragraphs: ['Một số xã chưa số hóa đầy đủ hồ sơ, kết quả giải quyết thủ tục hành chính; tỷ lệ thanh toán trực tuyến còn thấp.'] },
  ];
  // A group line computed from dossier lists.
  const line = r.groups[1]!.lines[0]!;
  line.src = 'dossiers';

  const checked = validateReport(r);
  if (!checked.ok) throw new Error(`big report is invalid: ${checked.problem}`);
  return checked.report;
}
