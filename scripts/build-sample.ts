// Writes assets/sample-report.json: the seed report (UBND thành phố Bắc Kạn, 364/BC-UBND, July 2024) encoded exactly as issued.
// Run: npx tsx scripts/build-sample.ts. Figures are copied from the seed, not corrected.
import { writeFileSync } from 'node:fs';
import { emptyGroup, emptyTable, EVALUATION_COLUMNS } from '../core/model/catalog';
import { ReportSchema, SCHEMA_VERSION, type Cell, type Group, type Report, type Table, type Unit } from '../core/model/schema';

const NOT_AGG = 'Không tổng hợp trên Hệ thống';
const NOT_AGG_IN = 'Không tổng hợp trong Hệ thống'; // wording the seed uses in two tables

const departments: [string, string, string[]][] = [
  ['phong-kinh-te', 'Phòng Kinh tế', []],
  ['phong-ldtbxh', 'Phòng Lao động – Thương binh và Xã hội', []],
  ['phong-tu-phap', 'Phòng Tư pháp', []],
  ['phong-noi-vu', 'Phòng Nội vụ', []],
  ['phong-tc-kh', 'Phòng Tài chính - Kế hoạch', []],
  ['phong-vh-tt', 'Phòng Văn hóa & Thông tin', []],
  ['phong-tn-mt', 'Phòng Tài nguyên và Môi trường', ['Phòng Tài nguyên và MT']],
  ['phong-qldt', 'Phòng QLĐT', ['Phòng Quản lý đô thị']],
  ['phong-gd-dt', 'Phòng Giáo dục và Đào tạo', []],
  ['van-phong', 'Văn phòng HĐND&UBND', []],
  ['thanh-tra', 'Thanh tra', []],
];
const communes: [string, string][] = [
  ['p-duc-xuan', 'UBND phường Đức Xuân'],
  ['p-phung-chi-kien', 'UBND phường Phùng Chí Kiên'],
  ['p-huyen-tung', 'UBND phường Huyền Tụng'],
  ['p-song-cau', 'UBND phường Sông Cầu'],
  ['p-nguyen-thi-minh-khai', 'UBND phường Nguyễn Thị Minh Khai'],
  ['p-xuat-hoa', 'UBND phường Xuất Hoá'],
  ['x-duong-quang', 'UBND xã Dương Quang'],
  ['x-nong-thuong', 'UBND xã Nông Thượng'],
];

const units: Unit[] = [
  ...departments.map(([id, name, aliases]) => ({ id, name, aliases, blockId: 'thanh-pho' })),
  ...communes.map(([id, name]) => ({ id, name, aliases: [], blockId: 'xa' })),
];
const deptIds = departments.map((d) => d[0]);
const communeIds = communes.map((c) => c[0]);
const allIds = [...deptIds, ...communeIds];

const num = (v: number): Cell => ({ t: 'num', v });
const status = (v: string): Cell => ({ t: 'status', v });

/** A one-rate-column table: departments share a status, communes get the given figures (or a status). */
function rateTable(kind: Table['kind'], id: string, deptStatus: string, communeValues: (number | string)[], note: string | null = null): Table {
  const t = emptyTable(kind, id, allIds);
  t.rows.forEach((row, i) => {
    if (i < deptIds.length) row.cells.rate = status(deptStatus);
    else {
      const v = communeValues[i - deptIds.length];
      row.cells.rate = typeof v === 'number' ? num(v) : status(v as string);
    }
  });
  t.note = note;
  return t;
}

function setLines(group: Group, values: Record<string, { count?: number; rate?: number; label?: string }>): Group {
  for (const line of group.lines) {
    const v = values[line.id];
    if (!v) continue;
    if (v.count !== undefined) line.count = v.count;
    if (v.rate !== undefined) line.rate = v.rate;
    if (v.label !== undefined) line.label = v.label;
  }
  return group;
}

const groups: Group[] = [
  setLines({ ...emptyGroup('CKMB'), score: 18 }, { 'ckmb.published': { rate: 100 }, 'ckmb.synced': { count: 1025, rate: 100 } }),
  setLines({ ...emptyGroup('TDGQ'), score: 18.7 }, { 'tdgq.onTime': { rate: 92.08 }, 'tdgq.overdue': { rate: 7.92 } }),
  setLines(
    { ...emptyGroup('CLGQ'), score: 7.7 },
    {
      'clgq.partial': { count: 39, rate: 12.58 },
      'clgq.full': { count: 135, rate: 43.55 },
      'clgq.infoOnly': { count: 136, rate: 43.87 },
      'clgq.submittedOnline': { rate: 76.9 },
      'clgq.submittedOther': { rate: 23.1 },
      'clgq.onlineOnTime': { rate: 99.23 },
      'clgq.onlineOverdue': { rate: 0.77 },
    },
  ),
  setLines(
    { ...emptyGroup('TTTT'), score: 8.3 },
    {
      'tttt.proceduresOnline': { count: 94, rate: 69.63 },
      'tttt.proceduresOther': { count: 41, rate: 30.37 },
      'tttt.obligationsOnPortal': { count: 39, rate: 33.33 },
      'tttt.obligationsNotIntegrated': { count: 78, rate: 66.67 },
      'tttt.dossiersOnline': { count: 669, rate: 89.73 },
      'tttt.dossiersOther': { count: 80, rate: 10.27 },
    },
  ),
  setLines({ ...emptyGroup('MDHL'), score: 18 }, { 'mdhl.feedback': { rate: 100 }, 'mdhl.procedures': { rate: 100 } }),
  setLines(
    { ...emptyGroup('MDSH'), score: 17.7 },
    {
      'mdsh.eResults': { rate: 81.61 },
      'mdsh.digitised': { rate: 81.53 },
      'mdsh.reuse': { rate: 0 },
      // The seed writes "Công" for "Cổng" here; kept as issued.
      'mdsh.accounts': {
        count: 993507,
        label: 'Số lượng tài khoản Công Dịch vụ công Quốc gia được xác thực với Cơ sở dữ liệu quốc gia về dân cư',
      },
    },
  ),
];

const onTime = rateTable('onTime', 'dung-han', NOT_AGG, [97.74, 98.89, 98.44, 94.12, 100, 100, 100, 100], '(Phần này không phản ánh đúng thực tế)');
const overdue = rateTable('overdue', 'qua-han', NOT_AGG, communeIds.map(() => NOT_AGG));
const online = rateTable('onlineSubmission', 'truc-tuyen', NOT_AGG, [91.8, 100, 91.8, 96.2, 76.4, 96.7, 90.2, 88.8]);
const payment = rateTable('onlinePayment', 'thanh-toan', NOT_AGG_IN, [93.47, 98.81, 86, 92.54, 72.6, 96.36, 72.5, 88.17]);
const satisfaction = rateTable('satisfaction', 'hai-long', NOT_AGG_IN, communeIds.map(() => 100));

const eCopies = emptyTable('eCopies', 'chung-thuc', communeIds);
[1370, 915, 454, 521, 417, 286, 126, 306].forEach((completed, i) => {
  const row = eCopies.rows[i]!;
  row.cells.deployed = { t: 'ratio', n: 1, d: 1 };
  row.cells.completed = num(completed);
});

const evalCity = emptyTable('evaluation', 'xep-loai-thanh-pho', deptIds, 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP THÀNH PHỐ');
for (const row of evalCity.rows) for (const c of EVALUATION_COLUMNS) row.cells[c.id] = status(NOT_AGG);

const evalCommunes = emptyTable('evaluation', 'xep-loai-xa', communeIds, 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CẤP XÃ');
const communeScores: [number, string][] = [
  [90.9, 'Xuất sắc'],
  [92.76, 'Xuất sắc'],
  [88.73, 'Tốt'],
  [72.18, 'Tốt'],
  [89.96, 'Tốt'],
  [91.89, 'Xuất sắc'],
  [92.02, 'Xuất sắc'],
  [91.34, 'Xuất sắc'],
];
communeScores.forEach(([total, label], i) => {
  const row = evalCommunes.rows[i]!;
  row.cells.total = num(total);
  row.cells.class = { t: 'text', v: label };
});
evalCommunes.note = '(5 chỉ số này không thể hiện riêng từng xã, phường trên hệ thống)';

const report: Report = {
  schemaVersion: SCHEMA_VERSION,
  id: 'mau-bac-kan-2024-07',
  isSample: true,
  profile: {
    level: 'district',
    bodyLines: ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ BẮC KẠN'],
    parentLines: [],
    bodyCode: 'UBND',
    shortName: 'UBND thành phố',
    locality: 'thành phố Bắc Kạn',
    province: 'tỉnh Bắc Kạn',
    place: 'TP. Bắc Kạn',
    peerGroup: 'huyện, thành phố',
    plan: { number: '21/KH-UBND', date: '2024-01-29', issuer: 'UBND thành phố Bắc Kạn' },
    addressees: ['UBND tỉnh Bắc Kạn'],
    recipientsIntro: 'Gửi bản điện tử:',
    recipients: ['UBND tỉnh;', 'CT, các PCT UBND TP;', 'Các phòng chuyên môn thuộc UBND TP;', 'UBND các xã, phường;', 'Lưu: VT.'],
    signer: { capacity: 'TM', body: 'UBND THÀNH PHỐ', head: 'CHỦ TỊCH', title: 'CHỦ TỊCH', name: 'Hoàng Hà Bắc' },
  },
  period: { kind: 'month', year: 2024, month: 7 },
  dataAsOf: null,
  document: { typeCode: 'BC', number: '364', date: { year: 2024, month: 8, day: 15 } },
  numberStyle: { trimZeros: true, percentSpace: false },
  total: 88.4,
  rank: { position: 3, of: 8 },
  indicators: { set: '2024', name: '2024 (theo Báo cáo 364/BC-UBND)' },
  groups,
  blocks: [
    { id: 'thanh-pho', numeral: 'I', name: 'Cấp thành phố' },
    { id: 'xa', numeral: 'II', name: 'Cấp xã' },
  ],
  units,
  tables: [onTime, overdue, online, payment, satisfaction, eCopies, evalCity, evalCommunes],
  basis: [
    'Thực hiện Kế hoạch số 21/KH-UBND ngày 29/01/2024 của UBND thành phố Bắc Kạn về triển khai thực hiện Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử.',
    'Căn cứ kết quả công bố trên Cổng Dịch vụ công quốc gia, tại địa chỉ: https://dichvucong.gov.vn, tại mục “Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp của bộ, ngành, địa phương”.',
    'UBND thành phố báo cáo kết quả chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử tháng 7 năm 2024 như sau:',
  ],
  extraSections: [],
};

const parsed = ReportSchema.parse(report);
writeFileSync(new URL('../assets/sample-report.json', import.meta.url), JSON.stringify(parsed, null, 2) + '\n');
console.log('wrote assets/sample-report.json');
