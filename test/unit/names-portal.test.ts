// Unit names as the real sources write them (issue 13.6, 13.7): the portal's " - Tỉnh X" suffix, department abbreviations, names without diacritics, and level words as part of identity, over a 163-unit province.
import { describe, expect, it } from 'vitest';
import { canonicalName, createUnitMatcher, unitLevel, withoutProvinceSuffix } from '../../core/text/names';
import { SPECIAL_CASES, clerkUnits, portalCases } from '../helpers/portal-names';

const units = clerkUnits();
const matcher = createUnitMatcher(units);
const nameOf = (id: string | undefined): string | null => units.find((u) => u.id === id)?.name ?? null;

describe('the portal’s names of one province against a clerk’s list (163 units)', () => {
  const cases = portalCases();

  it('has the size of the real case', () => {
    expect(units).toHaveLength(163);
    expect(new Set(units.map((u) => u.id)).size).toBe(163);
    expect(cases.length).toBeGreaterThanOrEqual(160);
  });

  it.each(cases.map((c) => [c.text, c.unit, c.note] as const))('“%s” → %s (%s)', (text, unit) => {
    expect(nameOf(matcher.match(text)?.unitId)).toBe(unit);
  });

  it('every unit of the clerk’s list is matched by some portal spelling, and no two spellings take one unit wrongly', () => {
    const matched = new Map<string, string[]>();
    for (const c of cases) {
      const m = matcher.match(c.text);
      if (m) matched.set(m.unitId, [...(matched.get(m.unitId) ?? []), c.text]);
    }
    const twins = new Set(['UBND xã Đồng Lương', 'UBND xã Đông Lương']);
    const missing = units.filter((u) => !matched.has(u.id) && !twins.has(u.name)).map((u) => u.name);
    expect(missing).toEqual([]);
  });
});

describe('13.6 the portal’s province suffix', () => {
  it('is ignored for matching, whatever its capitals', () => {
    for (const text of ['Sở Công Thương - Tỉnh Phú Thọ', 'Sở Công Thương - tỉnh Phú Thọ', 'Sở Công Thương – Tỉnh Phú Thọ', 'Sở Công Thương - tinh Phu Tho']) {
      expect(canonicalName(text), text).toBe('sở công thương');
    }
    expect(canonicalName('UBND xã Bình Phú - tỉnh Phú Thọ')).toBe('xã bình phú');
    expect(canonicalName('Sở Tư pháp - Thành phố Hà Nội')).toBe('sở tư pháp');
    expect(canonicalName('Sở Tư pháp - TP. Hồ Chí Minh')).toBe('sở tư pháp');
  });

  it('is taken off the name, and nothing else is', () => {
    expect(withoutProvinceSuffix('Sở Công Thương - Tỉnh Phú Thọ')).toBe('Sở Công Thương');
    expect(withoutProvinceSuffix(' UBND xã Bình Phú - tỉnh Phú Thọ ')).toBe('UBND xã Bình Phú');
    expect(withoutProvinceSuffix('Phòng Lao động – Thương binh và Xã hội')).toBe('Phòng Lao động – Thương binh và Xã hội');
    expect(withoutProvinceSuffix('Phòng Tài chính - Kế hoạch')).toBe('Phòng Tài chính - Kế hoạch');
    expect(withoutProvinceSuffix('UBND tỉnh Phú Thọ')).toBe('UBND tỉnh Phú Thọ');
    expect(withoutProvinceSuffix('Trung tâm Y tế - Tỉnh')).toBe('Trung tâm Y tế - Tỉnh');
    expect(withoutProvinceSuffix('Câu lạc bộ - Tinhhoa')).toBe('Câu lạc bộ - Tinhhoa');
  });
});

describe('13.6 abbreviations of department names', () => {
  const old = createUnitMatcher([
    { id: 'ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội', aliases: [] },
    { id: 'tnmt', name: 'Phòng Tài nguyên và Môi trường', aliases: [] },
    { id: 'vp', name: 'Văn phòng HĐND và UBND', aliases: [] },
    { id: 'nnmt', name: 'Sở Nông nghiệp và Môi trường', aliases: [] },
    { id: 'vhttdl', name: 'Sở Văn hóa, Thể thao và Du lịch', aliases: [] },
    { id: 'khcn', name: 'Sở Khoa học và Công nghệ', aliases: [] },
    { id: 'gddt', name: 'Sở Giáo dục và Đào tạo', aliases: [] },
    { id: 'bql', name: 'Ban Quản lý các khu công nghiệp', aliases: [] },
    { id: 'vpubnd', name: 'Văn phòng UBND tỉnh', aliases: [] },
  ]);
  it.each([
    ['Sở NN&MT', 'nnmt'],
    ['Sở NN và MT', 'nnmt'],
    ['Sở NN-MT', 'nnmt'],
    ['Sở VHTTDL', 'vhttdl'],
    ['Sở VH,TT&DL', 'vhttdl'],
    ['Sở VH, TT và DL', 'vhttdl'],
    ['Sở KH&CN', 'khcn'],
    ['Sở KHCN', 'khcn'],
    ['Sở GD&ĐT', 'gddt'],
    ['Sở GDĐT', 'gddt'],
    ['So GD&DT', 'gddt'],
    ['Phòng LĐ-TB&XH', 'ldtbxh'],
    ['Phòng LĐTBXH', 'ldtbxh'],
    ['Phòng TN&MT', 'tnmt'],
    ['BQL các KCN', 'bql'],
    ['BQL các KCN - Tỉnh Phú Thọ', 'bql'],
    ['VP UBND tỉnh', 'vpubnd'],
    ['Văn phòng Ủy ban nhân dân tỉnh', 'vpubnd'],
    ['VP HĐND và UBND', 'vp'],
    ['VP HĐND & UBND', 'vp'],
    ['Văn phòng Hội đồng nhân dân và Ủy ban nhân dân', 'vp'],
  ])('“%s” matches like an alias', (text, id) => {
    expect(old.match(text)?.unitId).toBe(id);
  });

  it('an unknown abbreviation is not guessed', () => {
    expect(old.match('Sở NN')).toBeNull();
    expect(old.match('Phòng TN')).toBeNull();
  });
});

describe('13.6 names written without diacritics', () => {
  it('match when exactly one unit folds to them', () => {
    expect(nameOf(matcher.match('UBND xa Phung Nguyen')?.unitId)).toBe('UBND xã Phùng Nguyên');
    expect(nameOf(matcher.match('ubnd xa phung nguyen thuong')?.unitId)).toBe('UBND xã Phùng Nguyên Thượng');
    expect(nameOf(matcher.match('So Cong Thuong - Tinh Phu Tho')?.unitId)).toBe('Sở Công Thương');
  });

  it('only get suggestions when two units fold to them', () => {
    expect(matcher.match('UBND xa Dong Luong')).toBeNull();
    const s = matcher.suggest('UBND xa Dong Luong').map((x) => x.name);
    expect(s.slice(0, 2).sort()).toEqual(['UBND xã Đông Lương', 'UBND xã Đồng Lương']);
  });

  it('a name with some diacritics that differ is never matched by folding', () => {
    // "Sống Câu" is not "Sông Cầu": a name that carries tones is read as written.
    const m = createUnitMatcher([{ id: 'a', name: 'Phường Sông Cầu', aliases: [] }]);
    expect(m.match('Phường Sống Câu')).toBeNull();
    expect(m.match('Phuong Song Cau')?.unitId).toBe('a');
  });
});

describe('13.7 the level word is part of identity', () => {
  it('reads the level of a name', () => {
    expect(unitLevel('UBND huyện Lâm Thao')).toBe('huyện');
    expect(unitLevel('UBND xã Lâm Thao')).toBe('xã');
    expect(unitLevel('UBND xa Lam Thao')).toBe('xã');
    expect(unitLevel('P. Vĩnh Yên')).toBe('phường');
    expect(unitLevel('TT. Hùng Sơn')).toBe('thị trấn');
    expect(unitLevel('TP. Việt Trì')).toBe('thành phố');
    expect(unitLevel('UBND thị xã Phú Thọ')).toBe('thị xã');
    expect(unitLevel('Đặc khu Bạch Long Vĩ')).toBe('đặc khu');
    expect(unitLevel('Sở Tư pháp')).toBeNull();
    expect(unitLevel('Bộ Chỉ huy Quân sự tỉnh')).toBeNull();
  });

  it('“UBND huyện Lâm Thao” is never matched nor suggested as “UBND xã Lâm Thao”', () => {
    for (const text of ['UBND huyện Lâm Thao', 'Huyện Lâm Thao', 'UBND huyen Lam Thao', 'H. Lâm Thao']) {
      expect(matcher.match(text), text).toBeNull();
      expect(matcher.suggest(text, 10).map((s) => s.name), text).not.toContain('UBND xã Lâm Thao');
    }
  });

  it('no refused name of another level gets a suggestion of another level', () => {
    for (const c of SPECIAL_CASES.filter((x) => x.note.startsWith('another level'))) {
      const level = unitLevel(c.text);
      expect(level, c.text).not.toBeNull();
      for (const s of matcher.suggest(c.text, 10)) {
        const l = unitLevel(s.name);
        expect(l === null || l === level, `${c.text} → ${s.name}`).toBe(true);
      }
    }
  });

  it('a name without a level may still be suggested a unit of any level', () => {
    expect(matcher.suggest('Lâm Thao').map((s) => s.name)).toContain('UBND xã Lâm Thao');
  });
});
