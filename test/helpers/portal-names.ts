// One province after the 2025 reorganisation (Phú Thọ, 163 units): a clerk's unit list and the national portal's spellings of the same units, with what each must match.
//
// The portal writes "Sở Công Thương - Tỉnh Phú Thọ", "UBND xã Bình Phú - tỉnh Phú Thọ", "UBND Phường Việt Trì";
// clerks and other sheets write abbreviations ("Sở NN&MT", "BQL các KCN") and names without diacritics. The list is
// built from real department and commune names; two near-twins ("Đồng Lương" / "Đông Lương") are there on purpose.
import type { Unit } from '../../core/model/schema';

export const DEPARTMENTS = [
  'Văn phòng UBND tỉnh',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Tài chính',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Khoa học và Công nghệ',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh',
  'Ban Quản lý các khu công nghiệp',
  'Công an tỉnh',
  'Bộ Chỉ huy Quân sự tỉnh',
  'Trung tâm Phục vụ hành chính công tỉnh',
];

export const WARDS = ['Việt Trì', 'Nông Trang', 'Thanh Miếu', 'Vân Phú', 'Phong Châu', 'Phú Thọ', 'Âu Cơ', 'Vĩnh Phúc', 'Vĩnh Yên', 'Phúc Yên', 'Xuân Hòa', 'Hòa Bình', 'Kỳ Sơn', 'Tân Hòa', 'Thống Nhất'];

export const COMMUNES = [
  'Lâm Thao', 'Xuân Lũng', 'Phùng Nguyên', 'Bản Nguyên', 'Hy Cương', 'Phù Ninh', 'Dân Chủ', 'Phú Mỹ', 'Trạm Thản', 'Bình Phú',
  'Thanh Ba', 'Quảng Yên', 'Hoàng Cương', 'Đông Thành', 'Chí Tiên', 'Liên Minh', 'Đoan Hùng', 'Tây Cốc', 'Chân Mộng', 'Chí Đám',
  'Bằng Luân', 'Hạ Hòa', 'Đan Thượng', 'Yên Kỳ', 'Vĩnh Chân', 'Văn Lang', 'Hiền Lương', 'Cẩm Khê', 'Phú Khê', 'Hùng Việt',
  'Đồng Lương', 'Đông Lương', 'Tiên Lương', 'Vân Bán', 'Tam Nông', 'Thọ Văn', 'Vạn Xuân', 'Hiền Quan', 'Thanh Thủy', 'Đào Xá',
  'Tu Vũ', 'Thanh Sơn', 'Võ Miếu', 'Văn Miếu', 'Cự Đồng', 'Hương Cần', 'Yên Sơn', 'Khả Cửu', 'Tân Sơn', 'Minh Đài',
  'Lai Đồng', 'Thu Cúc', 'Xuân Đài', 'Long Cốc', 'Yên Lập', 'Thượng Long', 'Sơn Lương', 'Xuân Viên', 'Minh Hòa', 'Trung Sơn',
  'Tam Sơn', 'Vĩnh Tường', 'Vĩnh Hưng', 'Vĩnh An', 'Vĩnh Phú', 'Vĩnh Thành', 'Thổ Tang', 'Yên Lạc', 'Tề Lỗ', 'Liên Châu',
  'Tam Hồng', 'Nguyệt Đức', 'Bình Nguyên', 'Xuân Lãng', 'Bình Xuyên', 'Bình Tuyền', 'Tam Dương', 'Tam Dương Bắc', 'Hội Thịnh', 'Hoàng An',
  'Hợp Lý', 'Sông Lô', 'Hải Lựu', 'Yên Lãng', 'Lập Thạch', 'Tiên Lữ', 'Thái Hòa', 'Liên Hòa', 'Sơn Đông', 'Tam Đảo',
  'Đại Đình', 'Đạo Trù', 'Lạc Thủy', 'An Bình', 'An Nghĩa', 'Lạc Sơn', 'Mường Vang', 'Đại Đồng', 'Ngọc Sơn', 'Nhân Nghĩa',
  'Quyết Thắng', 'Thượng Cốc', 'Yên Phú', 'Lạc Lương', 'Yên Thủy', 'Lương Sơn', 'Cao Dương', 'Liên Sơn', 'Cao Phong', 'Mường Thàng',
  'Thung Nai', 'Đà Bắc', 'Cao Sơn', 'Tân Pheo', 'Kim Bôi', 'Mường Động', 'Nật Sơn', 'Hợp Tiến', 'Tân Lạc', 'Mường Bi',
  'Vân Sơn', 'Toàn Thắng', 'Mai Châu', 'Bao La', 'Mai Hạ', 'Pà Cò', 'Tân Mai', 'Đoàn Kết', 'Hiền Lương Hạ', 'Phùng Nguyên Thượng',
  'Sơn Vi',
];

/** The clerk's unit list: departments, then "UBND phường …", then "UBND xã …" (17 + 15 + 131 = 163). */
export function clerkUnits(): Unit[] {
  const slug = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/đ/gi, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const taken = new Set<string>();
  const id = (base: string): string => {
    let v = base;
    for (let n = 2; taken.has(v); n++) v = `${base}-${n}`;
    taken.add(v);
    return v;
  };
  return [
    ...DEPARTMENTS.map((name) => ({ id: id(`so-${slug(name)}`), name, aliases: [], blockId: 'tinh' })),
    ...WARDS.map((w) => ({ id: id(`p-${slug(w)}`), name: `UBND phường ${w}`, aliases: [], blockId: 'xa' })),
    ...COMMUNES.map((c) => ({ id: id(`x-${slug(c)}`), name: `UBND xã ${c}`, aliases: [], blockId: 'xa' })),
  ];
}

/** A portal or sheet spelling and the clerk's unit it must match (its name), or null when it must be refused. */
export interface PortalCase {
  text: string;
  unit: string | null;
  /** Why a refused name is refused, or what a matched one exercises. */
  note: string;
}

/** The hand-written cases: abbreviations, capitalisation, unaccented names, other levels, repeated names. */
export const SPECIAL_CASES: PortalCase[] = [
  { text: 'Sở Công Thương - Tỉnh Phú Thọ', unit: 'Sở Công Thương', note: 'suffix' },
  { text: 'Sở NN&MT - Tỉnh Phú Thọ', unit: 'Sở Nông nghiệp và Môi trường', note: 'abbreviation' },
  { text: 'Sở NN và MT', unit: 'Sở Nông nghiệp và Môi trường', note: 'abbreviation' },
  { text: 'Sở VHTTDL - tỉnh Phú Thọ', unit: 'Sở Văn hóa, Thể thao và Du lịch', note: 'abbreviation' },
  { text: 'Sở VH,TT&DL', unit: 'Sở Văn hóa, Thể thao và Du lịch', note: 'abbreviation' },
  { text: 'Sở KH&CN - Tỉnh Phú Thọ', unit: 'Sở Khoa học và Công nghệ', note: 'abbreviation' },
  { text: 'Sở KHCN', unit: 'Sở Khoa học và Công nghệ', note: 'abbreviation' },
  { text: 'Sở GD&ĐT - Tỉnh Phú Thọ', unit: 'Sở Giáo dục và Đào tạo', note: 'abbreviation' },
  { text: 'Sở GDĐT', unit: 'Sở Giáo dục và Đào tạo', note: 'abbreviation' },
  { text: 'BQL các KCN - Tỉnh Phú Thọ', unit: 'Ban Quản lý các khu công nghiệp', note: 'abbreviation' },
  { text: 'VP UBND tỉnh', unit: 'Văn phòng UBND tỉnh', note: 'abbreviation' },
  { text: 'Văn phòng Ủy ban nhân dân tỉnh - Tỉnh Phú Thọ', unit: 'Văn phòng UBND tỉnh', note: 'spelled-out committee' },
  { text: 'SỞ TƯ PHÁP - TỈNH PHÚ THỌ', unit: 'Sở Tư pháp', note: 'capitals' },
  { text: 'Sở Dân Tộc Và Tôn Giáo - Tỉnh Phú Thọ', unit: 'Sở Dân tộc và Tôn giáo', note: 'capitals' },
  { text: 'Trung tâm PVHCC tỉnh', unit: 'Trung tâm Phục vụ hành chính công tỉnh', note: 'abbreviation' },
  { text: 'UBND Phường Việt Trì', unit: 'UBND phường Việt Trì', note: 'capitals' },
  { text: 'UBND Phường Phú Thọ - Tỉnh Phú Thọ', unit: 'UBND phường Phú Thọ', note: 'suffix names the province too' },
  { text: 'P. Vĩnh Yên', unit: 'UBND phường Vĩnh Yên', note: 'P.' },
  { text: 'Phường Phúc Yên', unit: 'UBND phường Phúc Yên', note: 'no UBND' },
  { text: 'UBND xã Bình Phú - tỉnh Phú Thọ', unit: 'UBND xã Bình Phú', note: 'suffix' },
  { text: 'UBND xa Phung Nguyen', unit: 'UBND xã Phùng Nguyên', note: 'unaccented, one unit folds to it' },
  { text: 'UBND xa Thanh Ba - tinh Phu Tho', unit: 'UBND xã Thanh Ba', note: 'unaccented with unaccented suffix' },
  { text: 'Xa Mai Chau', unit: 'UBND xã Mai Châu', note: 'unaccented' },
  { text: 'UBND phuong Au Co', unit: 'UBND phường Âu Cơ', note: 'unaccented ward' },
  { text: 'Uy ban nhan dan xa Cao Phong', unit: 'UBND xã Cao Phong', note: 'unaccented committee' },
  { text: 'UBND xã Đoan Hùng - Tỉnh Phú Thọ', unit: 'UBND xã Đoan Hùng', note: 'suffix' },
  { text: 'UBND XÃ HẠ HOÀ', unit: 'UBND xã Hạ Hòa', note: 'capitals and tone placement' },
  { text: 'UBND xa Dong Luong', unit: null, note: 'unaccented, two units fold to it (Đồng Lương / Đông Lương)' },
  { text: 'UBND huyện Lâm Thao', unit: null, note: 'another level: the former district, not the commune' },
  { text: 'UBND thành phố Việt Trì', unit: null, note: 'another level: the former city, not the ward' },
  { text: 'UBND thị xã Phú Thọ', unit: null, note: 'another level: the former town, not the ward' },
  { text: 'TP. Vĩnh Yên', unit: null, note: 'another level: the former city' },
  { text: 'UBND huyen Lam Thao', unit: null, note: 'another level, unaccented' },
  { text: 'UBND thị trấn Hùng Sơn - Tỉnh Phú Thọ', unit: null, note: 'a town the clerk’s list lacks' },
  { text: 'Sở Tài nguyên và Môi trường', unit: null, note: 'a department merged away in 2025' },
];

/** The generated cases: each clerk unit as the portal writes it (suffix, "Tỉnh" or "tỉnh", "UBND Phường"). */
export function portalCases(): PortalCase[] {
  const special = new Set(SPECIAL_CASES.flatMap((c) => (c.unit ? [c.unit] : [])));
  const out: PortalCase[] = [];
  DEPARTMENTS.forEach((d, i) => {
    if (special.has(d)) return;
    out.push({ text: `${d} - ${i % 2 ? 'Tỉnh' : 'tỉnh'} Phú Thọ`, unit: d, note: 'suffix' });
  });
  WARDS.forEach((w, i) => {
    const unit = `UBND phường ${w}`;
    if (special.has(unit)) return;
    out.push({ text: i % 2 ? `UBND Phường ${w} - Tỉnh Phú Thọ` : `UBND phường ${w}`, unit, note: 'capitals, suffix' });
  });
  COMMUNES.forEach((c, i) => {
    const unit = `UBND xã ${c}`;
    if (special.has(unit) || c === 'Đồng Lương' || c === 'Đông Lương') return;
    out.push({ text: i % 3 === 0 ? `UBND Xã ${c} - Tỉnh Phú Thọ` : i % 3 === 1 ? `UBND xã ${c} - tỉnh Phú Thọ` : `UBND xã ${c}`, unit, note: 'suffix' });
  });
  return [...SPECIAL_CASES, ...out];
}
