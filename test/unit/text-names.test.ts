// Tests of canonical unit names, the unit matcher (exact matches and suggestions) and duplicate detection.
import { describe, expect, it } from 'vitest';
import {
  SUGGEST_THRESHOLD,
  canonicalName,
  createUnitMatcher,
  findDuplicateNames,
  looseName,
  type NamedUnit,
} from '../../core/text/names';

// The seed report's units (UBND thành phố Bắc Kạn, 2024), with the aliases a profile would carry.
const SEED_UNITS: NamedUnit[] = [
  { id: 'kt', name: 'Phòng Kinh tế', aliases: [] },
  { id: 'ldtbxh', name: 'Phòng Lao động – Thương binh và Xã hội', aliases: ['Phòng LĐTBXH'] },
  { id: 'tp', name: 'Phòng Tư pháp', aliases: [] },
  { id: 'nv', name: 'Phòng Nội vụ', aliases: [] },
  { id: 'tckh', name: 'Phòng Tài chính - Kế hoạch', aliases: [] },
  { id: 'vhtt', name: 'Phòng Văn hóa & Thông tin', aliases: [] },
  { id: 'tnmt', name: 'Phòng Tài nguyên và Môi trường', aliases: ['Phòng Tài nguyên và MT'] },
  { id: 'qldt', name: 'Phòng Quản lý đô thị', aliases: ['Phòng QLĐT'] },
  { id: 'gddt', name: 'Phòng Giáo dục và Đào tạo', aliases: [] },
  { id: 'vp', name: 'Văn phòng HĐND và UBND', aliases: [] },
  { id: 'tt', name: 'Thanh tra', aliases: [] },
  { id: 'ducxuan', name: 'Phường Đức Xuân', aliases: [] },
  { id: 'pck', name: 'Phường Phùng Chí Kiên', aliases: [] },
  { id: 'huyentung', name: 'Phường Huyền Tụng', aliases: [] },
  { id: 'songcau', name: 'Phường Sông Cầu', aliases: [] },
  { id: 'ntmk', name: 'Phường Nguyễn Thị Minh Khai', aliases: [] },
  { id: 'xuathoa', name: 'Phường Xuất Hóa', aliases: [] },
  { id: 'duongquang', name: 'Xã Dương Quang', aliases: [] },
  { id: 'nongthuong', name: 'Xã Nông Thượng', aliases: [] },
];

describe('canonicalName', () => {
  const key = canonicalName('Phường Xuất Hóa');

  it('is lower-case NFC with the new tone placement', () => {
    expect(key).toBe('phường xuất hoá');
    expect(key).toBe(key.normalize('NFC'));
  });

  it('treats NFC and NFD input alike', () => {
    expect(canonicalName('Phường Xuất Hoá'.normalize('NFD'))).toBe(key);
    expect(canonicalName('Phường Xuất Hóa'.normalize('NFD'))).toBe(key);
  });

  it('unifies old and new tone-mark placement', () => {
    expect(canonicalName('hoá')).toBe(canonicalName('hóa'));
    expect(canonicalName('thuý')).toBe(canonicalName('thúy'));
    expect(canonicalName('hoà')).toBe(canonicalName('hòa'));
    expect(canonicalName('khoẻ')).toBe(canonicalName('khỏe'));
    expect(canonicalName('uỷ')).toBe(canonicalName('ủy'));
    expect(canonicalName('Hòa Bình')).toBe('hoà bình');
    expect(canonicalName('quý')).toBe('quý');
    expect(canonicalName('Quý')).toBe('quý');
  });

  it('keeps placement that does not vary and the tones themselves', () => {
    expect(canonicalName('người ngoài giữ gì quả huỳnh thuở khuỷu')).toBe('người ngoài giữ gì quả huỳnh thuở khuỷu');
    expect(canonicalName('Sông Cầu')).not.toBe(canonicalName('Sống Câu'));
    expect(canonicalName('Hoàng')).toBe(canonicalName('Hòang')); // a misplaced tone is put back
  });

  it('strips UBND / Ủy ban nhân dân and spells out P., X., TT.', () => {
    expect(canonicalName('UBND phường Xuất Hoá')).toBe(key);
    expect(canonicalName('P. Xuất Hóa')).toBe(key);
    expect(canonicalName('P.Xuất Hóa')).toBe(key);
    expect(canonicalName('Ủy ban nhân dân phường Xuất Hóa')).toBe(key);
    expect(canonicalName('Uỷ ban nhân dân phường Xuất Hóa')).toBe(key);
    expect(canonicalName('UBND P. Xuất Hóa')).toBe(key);
    expect(canonicalName('X. Dương Quang')).toBe('xã dương quang');
    expect(canonicalName('TT. Chợ Mới')).toBe('thị trấn chợ mới');
    expect(canonicalName('UBND TP. Bắc Kạn')).toBe('thành phố bắc kạn');
  });

  it('keeps the unit type words that distinguish units', () => {
    expect(canonicalName('Phường Sông Cầu')).not.toBe(canonicalName('Xã Sông Cầu'));
    expect(canonicalName('Phòng Tư pháp')).toBe('phòng tư pháp');
    expect(canonicalName('Thanh tra')).toBe('thanh tra');
    // Without a dot, "TT" is not taken for "thị trấn" (it may mean "Trung tâm").
    expect(canonicalName('TT Văn hóa')).toBe('tt văn hoá');
  });

  it('reads upper case, extra spaces, dashes, "&" and punctuation uniformly', () => {
    expect(canonicalName('UBND PHƯỜNG XUẤT HÓA')).toBe(key);
    expect(canonicalName('  Phường   Xuất\u00a0Hóa. ')).toBe(key);
    const ld = canonicalName('Phòng Lao động – Thương binh và Xã hội');
    expect(canonicalName('Phòng Lao động - Thương binh và Xã hội')).toBe(ld);
    expect(canonicalName('Phòng Lao động—Thương binh và Xã hội')).toBe(ld);
    expect(canonicalName('Phòng Lao động \u2011 Thương binh và Xã hội')).toBe(ld);
    expect(canonicalName('Văn phòng HĐND&UBND')).toBe(canonicalName('Văn phòng HĐND và UBND'));
    expect(canonicalName('Phòng Văn hóa & Thông tin')).toBe(canonicalName('Phòng Văn hoá và Thông tin'));
    expect(canonicalName('Phòng Tài chính, Kế hoạch')).toBe(canonicalName('Phòng Tài chính - Kế hoạch'));
  });

  it('has a loose variant without diacritics', () => {
    expect(looseName('UBND phường Đức Xuân')).toBe('phuong duc xuan');
    expect(looseName('Phường Xuat Hoa')).toBe(looseName('Phường Xuất Hóa'));
  });
});

describe('createUnitMatcher', () => {
  const matcher = createUnitMatcher(SEED_UNITS);

  it('matches every spelling of the seed tables', () => {
    expect(matcher.match('UBND phường Xuất Hoá')).toEqual({ unitId: 'xuathoa', via: 'name' });
    expect(matcher.match('P. Xuất Hóa')).toEqual({ unitId: 'xuathoa', via: 'name' });
    expect(matcher.match('Phường Xuất Hóa')).toEqual({ unitId: 'xuathoa', via: 'name' });
    expect(matcher.match('UBND PHƯỜNG XUẤT HÓA')).toEqual({ unitId: 'xuathoa', via: 'name' });
    expect(matcher.match('UBND phường Xuất Hoá'.normalize('NFD'))).toEqual({ unitId: 'xuathoa', via: 'name' });
    expect(matcher.match('Văn phòng HĐND&UBND')).toEqual({ unitId: 'vp', via: 'name' });
    expect(matcher.match('Phòng Lao động - Thương binh và Xã hội')).toEqual({ unitId: 'ldtbxh', via: 'name' });
    expect(matcher.match('Phòng Tài nguyên & Môi trường')).toEqual({ unitId: 'tnmt', via: 'name' });
    expect(matcher.match('UBND xã Nông Thượng')).toEqual({ unitId: 'nongthuong', via: 'name' });
  });

  it('matches aliases, and spells out only the abbreviations of its table', () => {
    expect(matcher.match('Phòng Tài nguyên và MT')).toEqual({ unitId: 'tnmt', via: 'alias' });
    // "QLĐT" and "TN&MT" are in the abbreviation table (issue 13.6): they read as the full name.
    expect(matcher.match('Phòng QLĐT')).toEqual({ unitId: 'qldt', via: 'name' });
    expect(matcher.match('Phòng TN&MT')).toEqual({ unitId: 'tnmt', via: 'name' });
    expect(matcher.match('Phòng TN')).toBeNull();
  });

  it('does not match near misses', () => {
    expect(matcher.match('Phường Xuat Hoa')).toBeNull();
    expect(matcher.match('Phùng Chí Kiến')).toBeNull();
    expect(matcher.match('Xuất Hóa')).toBeNull();
    expect(matcher.match('')).toBeNull();
  });

  it('suggests the unit for names without diacritics, typos and missing prefixes', () => {
    const top = (name: string): string | undefined => matcher.suggest(name)[0]?.unitId;
    expect(top('Phường Xuat Hoa')).toBe('xuathoa');
    expect(top('UBND phuong Duc Xuan')).toBe('ducxuan');
    expect(top('Phùng Chí Kiến')).toBe('pck');
    expect(top('Phường Phùng Chí Kiến')).toBe('pck');
    expect(top('Xuất Hóa')).toBe('xuathoa');
    expect(top('Phòng Tai chinh Ke hoach')).toBe('tckh');
    expect(top('Phường Huyền Tung')).toBe('huyentung');
    expect(top('Phường Nguyễn Thị Minh Khaii')).toBe('ntmk');
    expect(top('Phòng Tài nguyên & Môi trường')).toBe('tnmt');
  });

  it('scores exact keys 1 and diacritic-free matches 0.95, within 0..1, best first', () => {
    expect(matcher.suggest('Phòng Tài nguyên & Môi trường')[0]).toEqual({
      unitId: 'tnmt',
      name: 'Phòng Tài nguyên và Môi trường',
      score: 1,
    });
    expect(matcher.suggest('Phường Xuat Hoa')[0]?.score).toBe(0.95);
    const list = matcher.suggest('Nông Thượng', 5);
    for (const s of list) {
      expect(s.score).toBeGreaterThanOrEqual(SUGGEST_THRESHOLD);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    const scores = list.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(matcher.suggest('Phường', 2).length).toBeLessThanOrEqual(2);
    expect(matcher.suggest('Phường Xuat Hoa', 0)).toEqual([]);
  });

  it('suggests nothing for unrelated names', () => {
    for (const name of [
      'Công an tỉnh',
      'Trường THCS Lê Lợi',
      'Phường Hoàng Văn Thụ',
      'Phòng Y tế',
      'Sở Xây dựng',
      'abc',
      '',
      '12345',
    ]) {
      expect(matcher.suggest(name), name).toEqual([]);
    }
  });

  it('refuses to match a key that two units share', () => {
    const m = createUnitMatcher([
      { id: 'a', name: 'Phường Sông Cầu', aliases: [] },
      { id: 'b', name: 'Xã Sông Cầu', aliases: ['UBND phường Sông Cầu'] },
    ]);
    expect(m.match('Phường Sông Cầu')).toBeNull();
    expect(m.match('Xã Sông Cầu')).toEqual({ unitId: 'b', via: 'name' });
    expect(m.suggest('Phường Sông Cầu').map((s) => s.unitId).sort()).toEqual(['a', 'b']);
  });

  // The speed of a million matches (< 2 s) is measured in bench/timings.bench.ts, not asserted here.
  it('matches every written form the bench repeats a million times', () => {
    for (const u of SEED_UNITS) {
      for (const input of [`UBND ${u.name}`, u.name.toUpperCase(), u.name.normalize('NFD')]) {
        expect(matcher.match(input), input).toMatchObject({ unitId: u.id });
      }
    }
  });
});

describe('findDuplicateNames', () => {
  it('finds nothing in the seed units', () => {
    expect(findDuplicateNames(SEED_UNITS)).toEqual([]);
  });

  it('finds names and aliases that canonicalise to the same key across units', () => {
    const dups = findDuplicateNames([
      ...SEED_UNITS,
      { id: 'xh2', name: 'UBND phường Xuất Hoá', aliases: [] },
      { id: 'other', name: 'Phòng Khác', aliases: ['Phòng Tư Pháp'] },
    ]);
    expect(dups).toHaveLength(2);
    const xh = dups.find((d) => d.key === 'phường xuất hoá');
    expect(xh?.entries.map((e) => e.unitId)).toEqual(['xuathoa', 'xh2']);
    const tp = dups.find((d) => d.key === 'phòng tư pháp');
    expect(tp?.entries).toEqual([
      { unitId: 'tp', text: 'Phòng Tư pháp', via: 'name' },
      { unitId: 'other', text: 'Phòng Tư Pháp', via: 'alias' },
    ]);
  });

  it('ignores a unit repeating its own name as an alias', () => {
    expect(findDuplicateNames([{ id: 'a', name: 'Phường Xuất Hóa', aliases: ['P. Xuất Hoá'] }])).toEqual([]);
  });
});
