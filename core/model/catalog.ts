// The standard parts of a report: the six groups with their maxima and bullet lines, and the table kinds with their columns.
import type { Column, Group, GroupCode, Line, Section, Table, TableKind } from './schema';

export interface GroupInfo {
  code: GroupCode;
  max: number;
  /** Topic in the heading "Điểm đánh giá nhóm chỉ số về <topic>: a/b điểm, trong đó:". */
  topic: string;
  /** Short name in navigation and the Excel summary. */
  shortName: string;
}

export const GROUPS: readonly GroupInfo[] = [
  { code: 'CKMB', max: 18, topic: 'công khai, minh bạch', shortName: 'Công khai, minh bạch' },
  { code: 'TDGQ', max: 20, topic: 'tiến độ giải quyết hồ sơ', shortName: 'Tiến độ giải quyết' },
  { code: 'CLGQ', max: 12, topic: 'dịch vụ công trực tuyến (DVCTT)', shortName: 'Dịch vụ công trực tuyến' },
  { code: 'TTTT', max: 10, topic: 'thanh toán trực tuyến', shortName: 'Thanh toán trực tuyến' },
  { code: 'MDHL', max: 18, topic: 'mức độ hài lòng', shortName: 'Mức độ hài lòng' },
  { code: 'MDSH', max: 22, topic: 'số hóa hồ sơ', shortName: 'Số hóa hồ sơ' },
];

export function groupInfo(code: GroupCode): GroupInfo {
  const info = GROUPS.find((g) => g.code === code);
  if (!info) throw new Error(`unknown group ${code}`);
  return info;
}

type LineTemplate = Omit<Line, 'count' | 'rate' | 'src'>;

const heading = (id: string, label: string, level: 1 | 2 = 1): LineTemplate => ({ id, level, kind: 'heading', label, hasRate: false });
const rate = (id: string, label: string, level: 1 | 2 = 1): LineTemplate => ({ id, level, kind: 'figure', label, hasRate: true });
const countRate = (id: string, label: string, countUnit: string, rateWord: string | undefined, level: 1 | 2 = 2): LineTemplate => ({
  id,
  level,
  kind: 'figure',
  label,
  countUnit,
  hasRate: true,
  ...(rateWord ? { rateWord } : {}),
});

/** The bullet lines of each group, worded as the seed report words them. */
export const STANDARD_LINES: Record<GroupCode, LineTemplate[]> = {
  CKMB: [
    rate('ckmb.published', 'Số TTHC được công khai đầy đủ các nội dung quy định về các bộ phận cấu thành'),
    {
      id: 'ckmb.synced',
      level: 1,
      kind: 'figure',
      label: 'Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công Quốc gia',
      countPrefix: 'Số hồ sơ đã đồng bộ là',
      countUnit: '',
      hasRate: true,
    },
  ],
  TDGQ: [rate('tdgq.onTime', 'Tỷ lệ hồ sơ xử lý đúng hạn/trong hạn'), rate('tdgq.overdue', 'Tỷ lệ xử lý hồ sơ quá hạn')],
  CLGQ: [
    heading('clgq.services', 'Tỷ lệ TTHC cung cấp DVCTT'),
    countRate('clgq.partial', 'Tỷ lệ TTHC cung cấp DVCTT một phần', 'TTHC', 'đạt'),
    countRate('clgq.full', 'Tỷ lệ TTHC cung cấp DVCTT toàn trình', 'TTHC', 'đạt'),
    countRate('clgq.infoOnly', 'Tỷ lệ dịch vụ cung cấp thông tin trực tuyến', 'TTHC', 'đạt', 1),
    heading('clgq.submission', 'Tỷ lệ nộp hồ sơ trực tuyến'),
    rate('clgq.submittedOnline', 'Hồ sơ nộp trực tuyến', 2),
    rate('clgq.submittedOther', 'Hồ sơ nộp trực tiếp và theo hình thức khác', 2),
    heading('clgq.onlineResult', 'Kết quả xử lý hồ sơ nộp trực tuyến so với hồ sơ đang xử lý'),
    rate('clgq.onlineOnTime', 'Hồ sơ xử lý đúng hạn', 2),
    rate('clgq.onlineOverdue', 'Hồ sơ xử lý quá hạn', 2),
  ],
  TTTT: [
    heading('tttt.procedures', 'Tỷ lệ TTHC có giao dịch thanh toán trực tuyến'),
    countRate('tttt.proceduresOnline', 'Tỷ lệ TTHC có giao dịch thanh toán trực tuyến', 'TTHC', 'đạt'),
    countRate('tttt.proceduresOther', 'Tỷ lệ TTHC có giao dịch thanh toán trực tiếp và hình thức khác', 'TTHC', undefined),
    heading('tttt.obligations', 'Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được cung cấp trên Cổng Dịch vụ công Quốc gia'),
    countRate('tttt.obligationsOnPortal', 'Cung cấp trên Cổng Dịch vụ công Quốc gia', 'TTHC', 'đạt'),
    countRate('tttt.obligationsNotIntegrated', 'Chưa tích hợp, cung cấp dịch vụ thanh toán trực tuyến', 'TTHC', 'đạt'),
    heading('tttt.dossiers', 'Tỷ lệ hồ sơ thanh toán trực tuyến'),
    countRate('tttt.dossiersOnline', 'Tỷ lệ thanh toán trực tuyến', 'hồ sơ', 'đạt'),
    countRate('tttt.dossiersOther', 'Tỷ lệ thanh toán trực tiếp và hình thức khác', 'hồ sơ', undefined),
  ],
  MDHL: [
    rate('mdhl.feedback', 'Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị'),
    rate('mdhl.procedures', 'Tỷ lệ hài lòng trong xử lý tiếp nhận, giải quyết TTHC'),
  ],
  MDSH: [
    rate('mdsh.eResults', 'Tỷ lệ hồ sơ cấp kết quả điện tử'),
    rate('mdsh.digitised', 'Tỷ lệ hồ sơ TTHC số hóa hồ sơ, kết quả giải quyết TTHC'),
    rate('mdsh.reuse', 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa'),
    {
      id: 'mdsh.accounts',
      level: 1,
      kind: 'figure',
      label: 'Số lượng tài khoản Cổng Dịch vụ công Quốc gia được xác thực với Cơ sở dữ liệu quốc gia về dân cư',
      countUnit: 'tài khoản',
      hasRate: false,
    },
    heading('mdsh.eCopies', 'Số liệu cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính'),
  ],
};

/** A group with its standard lines and no figures (blank, never zero). */
export function emptyGroup(code: GroupCode): Group {
  return {
    code,
    score: null,
    max: groupInfo(code).max,
    lines: STANDARD_LINES[code].map((t) => ({
      ...t,
      ...(t.countUnit !== undefined ? { count: null } : {}),
      ...(t.hasRate ? { rate: null } : {}),
    })),
  };
}

export interface TableKindInfo {
  kind: TableKind;
  section: Section;
  title: string;
  nameHeader: string;
  showBlocks: boolean;
  columns: Column[];
  /** Short name for navigation, sheet names and import choices. */
  shortName: string;
}

const NAME_HEADER = 'Tên cơ quan, đơn vị';
const rateColumn: Column = { id: 'rate', type: 'rate', header: 'Tỷ lệ (%)' };

export const EVALUATION_COLUMNS: Column[] = [
  { id: 'ckmb', type: 'score', header: 'Chỉ số công khai minh bạch', max: 18 },
  { id: 'tdgq', type: 'score', header: 'Chỉ số tiến độ giải quyết', max: 20 },
  { id: 'dvtt', type: 'score', header: 'Chỉ số dịch vụ trực tuyến', max: 22 },
  { id: 'mdhl', type: 'score', header: 'Chỉ số mức độ hài lòng', max: 18 },
  { id: 'mdsh', type: 'score', header: 'Chỉ số số hóa hồ sơ', max: 22 },
  { id: 'total', type: 'score', header: 'Tổng điểm', max: 100, group: 'Tổng hợp xếp loại (Tổng điểm 100)' },
  { id: 'class', type: 'label', header: 'Xếp loại', group: 'Tổng hợp xếp loại (Tổng điểm 100)' },
];

export const TABLE_KIND_INFO: Record<TableKind, TableKindInfo> = {
  onTime: {
    kind: 'onTime',
    section: 'TDGQ',
    title: 'TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN TẠI CÁC CƠ QUAN, ĐƠN VỊ',
    nameHeader: NAME_HEADER,
    showBlocks: true,
    columns: [rateColumn],
    shortName: 'Đúng hạn',
  },
  overdue: {
    kind: 'overdue',
    section: 'TDGQ',
    title: 'DANH SÁCH ĐƠN VỊ CÓ HỒ SƠ GIẢI QUYẾT QUÁ HẠN',
    nameHeader: NAME_HEADER,
    showBlocks: true,
    columns: [rateColumn],
    shortName: 'Quá hạn',
  },
  onlineSubmission: {
    kind: 'onlineSubmission',
    section: 'CLGQ',
    title: 'TỶ LỆ PHÁT SINH HỒ SƠ TRỰC TUYẾN TẠI CÁC CƠ QUAN, ĐƠN VỊ',
    nameHeader: NAME_HEADER,
    showBlocks: true,
    columns: [rateColumn],
    shortName: 'Nộp trực tuyến',
  },
  onlinePayment: {
    kind: 'onlinePayment',
    section: 'TTTT',
    title: 'TỶ LỆ THANH TOÁN TRỰC TUYẾN TẠI CÁC CƠ QUAN, ĐƠN VỊ',
    nameHeader: NAME_HEADER,
    showBlocks: true,
    columns: [rateColumn],
    shortName: 'Thanh toán trực tuyến',
  },
  satisfaction: {
    kind: 'satisfaction',
    section: 'MDHL',
    title: 'TỶ LỆ VỀ MỨC ĐỘ HÀI LÒNG TẠI CÁC CƠ QUAN, ĐƠN VỊ',
    nameHeader: NAME_HEADER,
    showBlocks: true,
    columns: [rateColumn],
    shortName: 'Mức độ hài lòng',
  },
  eCopies: {
    kind: 'eCopies',
    section: 'MDSH',
    title: 'SỐ LIỆU CUNG CẤP DỊCH VỤ CHỨNG THỰC BẢN SAO ĐIỆN TỬ TỪ BẢN CHÍNH',
    nameHeader: NAME_HEADER,
    showBlocks: false,
    columns: [
      { id: 'deployed', type: 'ratio', header: 'Số đơn vị triển khai' },
      { id: 'completed', type: 'count', header: 'Số hồ sơ chứng thực bản sao điện tử từ bản chính hoàn thành' },
      { id: 'arising', type: 'count', header: 'Số hồ sơ phát sinh lĩnh vực chứng thực' },
      rateColumn,
    ],
    shortName: 'Chứng thực điện tử',
  },
  evaluation: {
    kind: 'evaluation',
    section: 'II',
    title: 'KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI',
    nameHeader: 'Tên cơ quan/đơn vị',
    showBlocks: false,
    columns: EVALUATION_COLUMNS,
    shortName: 'Đánh giá, xếp loại',
  },
};

/** An empty table of a kind for the given units (every cell blank). */
export function emptyTable(kind: TableKind, id: string, unitIds: string[], title?: string): Table {
  const info = TABLE_KIND_INFO[kind];
  return {
    id,
    kind,
    section: info.section,
    title: title ?? info.title,
    nameHeader: info.nameHeader,
    showBlocks: info.showBlocks,
    columns: info.columns.map((c) => ({ ...c })),
    rows: unitIds.map((unitId) => ({ unitId, cells: Object.fromEntries(info.columns.map((c) => [c.id, null])) })),
    note: null,
  };
}

/** Standard status texts offered in the grid's list. The first is the portal's usual wording. */
export const STANDARD_STATUSES = ['Không tổng hợp trên Hệ thống', 'Không phát sinh hồ sơ'] as const;

/** Classification bands of a total score (domain.md §3; configurable, not hard truth). */
export interface Band {
  label: string;
  /** Inclusive lower bound. */
  min: number;
}
export const DEFAULT_BANDS: readonly Band[] = [
  { label: 'Xuất sắc', min: 90 },
  { label: 'Tốt', min: 80 },
  { label: 'Khá', min: 70 },
  { label: 'Trung bình', min: 50 },
  { label: 'Yếu', min: 0 },
];

export function classify(total: number, bands: readonly Band[] = DEFAULT_BANDS): string {
  for (const b of bands) if (total >= b.min) return b.label;
  return bands[bands.length - 1]?.label ?? '';
}
